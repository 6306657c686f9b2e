"""Time the demo youth policy's documents, made in the request (python -m bench.case_documents).

Target: the case document under 2 s when it is made (not yet in the cache). The whole request is timed,
through Django's test client under the production settings of `make bench` (bench/settings.py): the view
composes the document from the selectors, renders it, and caches it in Redis.

- "first in the process": the first request of a fresh process, which also loads WeasyPrint, Pango and the
  fonts (a worker's first PDF after a restart);
- "made": the cache emptied before each request, best and median of 5;
- "from the cache": the same request again, median of 20;
- "queries": those of one request, the session's and the signed-in person's included.

Environment (optional): BENCH_DOCUMENTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
samskab_bench_documents, dropped and created again; seeded with `seed_demo`), BENCH_REDIS_URL (default
redis://127.0.0.1:6379/13, flushed).
"""

from __future__ import annotations

import io
import os
import platform
import secrets
import statistics
import time
from importlib.metadata import version
from pathlib import Path

DATABASE_URL = os.environ.get(
    "BENCH_DOCUMENTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench_documents"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
RESULTS = Path(__file__).parent / "results" / "case_documents.md"
SLUG = "ungepolitik-2025"
TARGET_SECONDS = 2.0
DOCUMENTS = (
    ("Case document, PDF", "case_documents:case_document_pdf"),
    ("Case document, DOCX", "case_documents:case_document_docx"),
    ("Mandate, PDF", "case_documents:mandate_pdf"),
    ("Mandate, DOCX", "case_documents:mandate_docx"),
)


def prepare() -> None:
    from bench.run import recreate_database

    recreate_database(DATABASE_URL)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SITE_URL": "https://testserver",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": "smtp://127.0.0.1:25",  # nothing is sent: the outbox is not ticked here
        }
    )
    import django

    django.setup()
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(
        parents=True, exist_ok=True
    )  # whitenoise looks for it; nothing is served
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", force=True, stdout=io.StringIO())
    cache.clear()


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    return len(captured)


def run() -> str:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="sekretariat@demo.samskab.dk"))
    rows = [
        "| document | first in the process | made: best | made: median | from the cache: median | queries "
        "| target |",
        "|---|---:|---:|---:|---:|---:|:---|",
    ]
    for number, (name, url_name) in enumerate(DOCUMENTS):
        url = reverse(url_name, args=[SLUG])
        first = timed(client, url) if number == 0 else None  # the process's first document pays the loading
        made = []
        for _ in range(5):
            cache.clear()
            made.append(timed(client, url))
        cached = [timed(client, url) for _ in range(20)]
        best, median = min(made), statistics.median(made)
        target = "—"
        if url_name == "case_documents:case_document_pdf":
            target = f"< {TARGET_SECONDS:g} s made: {'met' if median < TARGET_SECONDS else 'NOT met'}"
        rows.append(
            f"| {name} | {f'{first:.2f} s' if first is not None else '—'} | {best:.2f} s | {median:.2f} s | "
            f"{statistics.median(cached) * 1000:.0f} ms | {queries(client, url)} | {target} |"
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    rows += [
        "",
        f"Python {platform.python_version()}, WeasyPrint {version('weasyprint')}, python-docx "
        f"{version('python-docx')}, {os.cpu_count()} CPUs; load average {load} after the run.",
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    prepare()
    table = run()
    print(table)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        "# Case documents benchmark\n\n`python -m bench.case_documents` (the demo's youth policy, as council "
        "staff)\n\n" + table
    )
