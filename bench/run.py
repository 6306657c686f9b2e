"""`make bench`: seed PostgreSQL, serve with gunicorn on loopback, drive every page with wrk, time the
outbox and the matching engine, write bench/results/latest.json and latest.md and the tables in
docs/benchmarks.md, print the table.

Environment (all optional): BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/samskab_bench,
dropped and created again), BENCH_REDIS_URL (default redis://127.0.0.1:6379/13, flushed),
BENCH_SECONDS per page (8), BENCH_WORKERS (2 * cores + 1).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
WORK = ROOT / "var" / "bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WARMUP_SECONDS = 2
SLICES = 4  # bare view and page take turns, SECONDS / SLICES each
BASELINE = "/bench/bare/"
SESSIONS_PER_PAGE = 16  # signed-in pages rotate over this many sessions of the same person


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(*, port: int, smtp_port: int) -> dict[str, str]:
    values = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        # Sending an application queues a dispatch after its commit, as in production; no worker takes it
        # here (the outbox is timed on its own), and the next run flushes the queue with the rest of Redis.
    }
    os.environ.update(values)
    return dict(os.environ)


def probe(base_url: str, method: str, path: str, cookie: str = "", body: str = "") -> tuple[int, int]:
    """(status, queries) of one request, redirects not followed."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"X-Forwarded-Proto": "https", "Cookie": cookie}
    if method == "POST":
        headers |= {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base_url.replace("http", "https"),
        }
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, int(response.getheader("X-Bench-Queries", "-1"))


def lines_file(name: str, rows: list[str]) -> Path:
    path = WORK / f"{name}.txt"
    path.write_text("\n".join(rows) + "\n")
    return path


def settle(base_url: str) -> None:
    """Wait until gunicorn has worked off what the last run left queued: the bare view answers fast."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            probe(base_url, "GET", BASELINE)
        except TimeoutError:  # still queued behind a slow page's requests
            continue
        if time.monotonic() - started < 0.2:  # a queued request would take seconds; the bare view, ms
            return
        time.sleep(0.5)


def measure_page(base_url: str, name: str, audience: str, path: str, cookies: list[str]) -> dict:
    """The page in SLICES short runs, each right after as long a run of the bare view: the other work
    on the machine changes from minute to minute, so both are measured under the same load."""
    from bench import wrk

    cookie = cookies[0] if cookies else ""
    for item in cookies:  # a session's first request in 5 minutes also records its activity
        probe(base_url, "GET", path, item)
    first, second = probe(base_url, "GET", path, cookie), probe(base_url, "GET", path, cookie)
    if first[0] != 200 or second[0] != 200:
        raise RuntimeError(f"{name}: {path} answered {first[0]}/{second[0]}, not 200")
    lines = lines_file("cookies-" + re.sub(r"\W+", "-", name).strip("-"), cookies) if cookies else None
    wrk.run(base_url, path, seconds=WARMUP_SECONDS, lines=lines)
    bare, page = [], []
    for _ in range(SLICES):
        settle(base_url)  # a slow page leaves requests queued that would count against the next run
        bare.append(wrk.run(base_url, BASELINE, seconds=max(1, SECONDS // SLICES)))
        page.append(wrk.run(base_url, path, seconds=max(1, SECONDS // SLICES), lines=lines))
    settle(base_url)
    baseline, result = wrk.combine(bare), wrk.combine(page)
    print(
        f"  {name}: {result.rps:,.0f} req/s ({result.rps / baseline.rps:.0%} of {baseline.rps:,.0f}), "
        f"p99 {result.p99_ms:.1f} ms, queries {first[1]}/{second[1]}"
    )
    return page_row(name, audience, path, baseline, result, queries=[first[1], second[1]])


def page_row(name: str, audience: str, path: str, baseline, result, *, queries: list[int]) -> dict:
    """One page's line of the results: its wrk figures beside the bare view's of the same minute."""
    return {
        "name": name,
        "audience": audience,
        "path": path,
        "baseline_rps": baseline.rps,
        "ratio": result.rps / baseline.rps if baseline.rps else 0.0,
        "rps": result.rps,
        "p50_ms": result.p50_ms,
        "p90_ms": result.p90_ms,
        "p99_ms": result.p99_ms,
        "max_ms": result.max_ms,
        "requests": result.requests,
        "failures": result.failures,
        "statuses": result.statuses,
        "queries": queries,
    }


def measure_flow(base_url: str, plan) -> tuple[dict, dict]:
    from bench import wrk
    from recruitment.models import Application

    spare_cookie, spare_path, spare_body = plan.flow.pop()
    # Each session's first request in 5 minutes records its activity, as for the pages: a citizen who
    # applies has signed in and come by the committee's pages first, so the flow measures applying.
    for cookie in dict.fromkeys(item[0] for item in [*plan.flow, (spare_cookie,)]):
        probe(base_url, "GET", "/", cookie)
    form = probe(base_url, "GET", spare_path, spare_cookie)
    sent = probe(base_url, "POST", spare_path, spare_cookie, spare_body)
    if form[0] != 200 or sent[0] != 302:
        raise RuntimeError(f"apply and submit: the form answered {form[0]} and sending it {sent[0]}")
    lines = lines_file("flow", ["\t".join(item) for item in plan.flow])
    settle(base_url)
    baseline = wrk.run(base_url, BASELINE, seconds=SECONDS)
    before = Application.objects.count()
    result = wrk.run(base_url, "/", seconds=SECONDS, mode="flow", lines=lines)
    settle(base_url)
    submitted = Application.objects.count() - before
    print(
        f"  apply and submit: {submitted} applications in {result.seconds:.1f} s, p99 {result.p99_ms:.1f} ms"
    )
    page = page_row(
        "Apply and submit (GET form, POST it)",
        "signed in",
        spare_path,
        baseline,
        result,
        queries=[form[1], sent[1]],
    )
    page["writes"] = True  # its second query count is the POST's
    return page, {"submitted": submitted, "seconds": result.seconds, "statuses": result.statuses}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    from bench import server
    from tests.support.smtp import SmtpSink

    load_before = os.getloadavg()
    started = time.monotonic()
    port = server.free_port()
    sink = SmtpSink().__enter__()
    env = environment(port=port, smtp_port=sink.port)
    print(f"Database {DATABASE_URL} (dropped and created), Redis {REDIS_URL} (flushed)")
    recreate_database(DATABASE_URL)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from bench import matching, outbox, report, seed

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    t = time.monotonic()
    plan = seed.seed()
    print(f"Seeded in {time.monotonic() - t:.0f} s: {plan.counts}")
    cache.clear()

    politician = _sessions(plan.politician_cookie)
    citizen = _sessions(plan.citizen_cookie)
    facilitator = _sessions(plan.facilitator_cookie)
    slug = plan.committee_slug
    pages = [
        ("Home", "public", "/", []),
        ("Committees list", "public", "/committees/", []),
        ("Committee page", "public", f"/committees/{plan.committee_slug}/", []),
        ("Call page", "public", f"/calls/{plan.call_id}/", []),
        ("API: committee list", "public", "/api/v1/committees/", []),
        ("API: a committee", "public", f"/api/v1/committees/{_committee_id(plan.committee_slug)}/", []),
        ("Application form", "signed in", f"/calls/{plan.call_id}/apply/", citizen),
        (
            "Politician's dashboard, 2,000 applicants",
            "signed in",
            f"/calls/{plan.big_call_id}/applications/",
            politician,
        ),
        (
            "Politician's dashboard, 200 applicants",
            "signed in",
            f"/calls/{plan.small_call_id}/applications/",
            politician,
        ),
        (
            "An application, as the committee reads it",
            "signed in",
            f"/calls/{plan.big_call_id}/applications/{plan.review_reference}/",
            politician,
        ),
        ("Meeting record form", "signed in", f"/my/committees/{slug}/meetings/1/record/", facilitator),
        ("Deliverable", "signed in", f"/committees/{slug}/deliverable/", politician),
        ("My committees", "signed in", "/my/committees/", politician),
        # The first request works the proposal out (seconds); the probes before the turns make it.
        ("Matching, 2,000 applicants", "signed in", f"/calls/{plan.big_call_id}/matching/", politician),
    ]
    with server.gunicorn(port=port, env=env, log=WORK / "gunicorn.log") as base_url:
        print(f"gunicorn: {server.WORKERS} workers on {base_url}; wrk {SECONDS} s per page")
        measured = [measure_page(base_url, *page) for page in pages]
        flow_page, flow = measure_flow(base_url, plan)
        measured.append(flow_page)

    print("Outbox …")
    outbox_result = outbox.run()
    sink.__exit__(None, None, None)
    print("Matching engine …")
    matching_table = matching.run()

    result = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_before": " ".join(f"{x:.2f}" for x in load_before),
            "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        },
        "settings": {"workers": server.WORKERS, "threads": 2, "connections": 32, "seconds": SECONDS},
        "data": plan.counts,
        "pages": measured,
        "flow": flow,
        "outbox": {**outbox_result.__dict__, "per_second": outbox_result.per_second},
        "matching": matching_table,
        "run_seconds": round(time.monotonic() - started),
    }
    table = report.markdown(result)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "latest.md").write_text(
        "# Benchmark\n\n`make bench` (bench/run.py)\n\n" + table + "\n## Matching engine\n\n" + matching_table
    )
    update_docs(table, matching_table)
    print()
    print(table)
    print(matching_table)
    print(
        f"Whole run: {result['run_seconds']} s. Written: bench/results/latest.json and .md, "
        "the tables in docs/benchmarks.md."
    )


def update_docs(table: str, matching_table: str) -> None:
    """Put the tables between the markers of docs/benchmarks.md (left alone where the markers are missing)."""
    page = ROOT / "docs" / "benchmarks.md"
    text = page.read_text()
    for name, body in (("pages", table), ("matching", matching_table)):
        start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
        if start in text and end in text:
            before, rest = text.split(start, 1)
            text = before + start + "\n" + body + end + rest.split(end, 1)[1]
    page.write_text(text)


def _sessions(cookie: str) -> list[str]:
    """`cookie` and SESSIONS_PER_PAGE - 1 more sessions of the same person."""
    from bench import seed

    user = _user_of(cookie)
    csrf = cookie.split("csrftoken=")[1]
    return [cookie] + [seed.session_cookie(user, csrf) for _ in range(SESSIONS_PER_PAGE - 1)]


def _committee_id(slug: str) -> int:
    from committees.models import TaskCommittee

    return TaskCommittee.objects.get(mandate__slug=slug).pk


def _user_of(cookie: str):
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    key = cookie.split(";")[0].split("=", 1)[1]
    return User.objects.get(pk=SessionStore(key).load()[SESSION_KEY])


if __name__ == "__main__":
    main()
