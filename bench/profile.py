"""Where a signed-in page spends its time, on the benchmark's own data: `python -m bench.profile PAGE [N]`.

Run after `make bench` (it profiles the database `make bench` left, BENCH_DATABASE_URL). PAGE is one of
PAGES; the page is requested N times (20) through Django's test client and the whole middleware stack,
timed, then N times more under cProfile, and the functions that took longest are printed. Nothing is
written to the database but the sessions of the people signed in, except by `submit`: the flow's citizens
who have not applied yet each GET the application form and POST it, as `make bench`'s apply and submit
does, and those applications stay sent (run `make bench` again for a fresh database).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import secrets
import sys
import time

PAGES = ("form", "dashboard", "matching", "application", "submit")


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SITE_URL", "https://testserver")
    os.environ.setdefault(
        "DATABASE_URL",
        os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench"),
    )
    os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:25")
    import django

    django.setup()


def _page(name: str):
    """(who, path) of the page, found in the seeded data as bench/seed.py made it."""
    from django.db.models import Count

    from accounts.models import User
    from recruitment.models import Call

    calls = list(Call.objects.annotate(n=Count("applications")).order_by("-n")[:1])
    big = calls[0]
    politician = big.mandate.committee.memberships.filter(role="politician").first().user
    if name == "form":
        citizen = User.objects.filter(email__startswith="borger").order_by("-pk").first()
        open_call = (  # the seeded citizen who has applied nowhere
            Call.objects.filter(state=Call.State.OPEN).exclude(pk=big.pk).order_by("pk").first()
        )
        return citizen, f"/calls/{open_call.pk}/apply/"
    if name == "dashboard":
        return politician, f"/calls/{big.pk}/applications/"
    if name == "matching":
        return politician, f"/calls/{big.pk}/matching/"
    reference = big.applications.order_by("pk").values_list("reference", flat=True).first()
    return politician, f"/calls/{big.pk}/applications/{reference}/"


def _submissions(count: int) -> list[tuple[str, str, str]]:
    """(session key, path, form body) of `count` applications not sent yet, as bench/seed.py's flow has
    them: signed-in sessions made beforehand, so no request here signs anyone in."""
    from django.middleware.csrf import _get_new_csrf_string

    from accounts.models import User
    from bench import seed
    from recruitment.models import Call

    calls = Call.objects.filter(state=Call.State.OPEN).order_by("pk")[1 : 1 + seed.FLOW_CALLS]
    citizens = User.objects.filter(email__startswith="borger").order_by("pk")
    citizens = citizens[seed.BIG_CALL : seed.CITIZENS - 1]  # the flow's, as bench/seed.py keeps them
    csrf = _get_new_csrf_string()
    found = []
    for user, path, body in seed.flow_lines(list(calls), list(citizens), csrf, cookie=lambda user: user):
        if len(found) == count:
            break
        if not user.applications.filter(call_id=int(path.split("/")[2])).exists():
            session = seed.session_cookie(user, csrf).split(";")[0].removeprefix("sessionid=")
            found.append((session, path, body))
    if len(found) < count:
        raise SystemExit(f"only {len(found)} applications left to send: run make bench again")
    return found


def _come_by(client, submissions) -> None:
    """Each citizen has come by the home page first, as in `make bench`: signed in and known."""
    for session, _path, _body in submissions:
        client.cookies["sessionid"] = session
        client.get("/")


def _submit(client, submissions) -> tuple[float, float]:
    """GET the form and POST it for each; (ms a GET, ms a POST)."""
    spent = [0.0, 0.0]
    for session, path, body in submissions:
        client.cookies["sessionid"] = session
        started = time.perf_counter()
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
        spent[0] += time.perf_counter() - started
        started = time.perf_counter()
        answer = client.post(path, body, content_type="application/x-www-form-urlencoded")
        spent[1] += time.perf_counter() - started
        if answer.status_code != 302:
            raise SystemExit(f"sending {path} answered {answer.status_code}")
    return spent[0] * 1000 / len(submissions), spent[1] * 1000 / len(submissions)


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in PAGES:
        raise SystemExit(f"usage: python -m bench.profile {{{','.join(PAGES)}}} [requests]")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    _setup()
    from django.test import Client

    if name == "submit":
        submissions = _submissions(2 * count + 1)
        client = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
        _come_by(client, submissions)
        _submit(client, submissions[:1])  # the first request of a process loads what the rest reuse
        get, post = _submit(client, submissions[1 : count + 1])
        print(f"apply and submit: GET {get:.1f} ms, POST {post:.1f} ms ({count} applications)")
        profile = cProfile.Profile()
        profile.enable()
        _submit(client, submissions[count + 1 :])
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(50)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
        return

    user, path = _page(name)
    client = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
    client.force_login(user)
    if client.get(path).status_code != 200:
        raise SystemExit(f"{path} did not answer 200")
    started = time.perf_counter()
    for _ in range(count):
        client.get(path)
    print(f"{path}: {(time.perf_counter() - started) * 1000 / count:.1f} ms a request ({count} requests)")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(count):
        client.get(path)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
