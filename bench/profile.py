"""Where a signed-in page spends its time, on the benchmark's own data: `python -m bench.profile PAGE [N]`.

Run after `make bench` (it profiles the database `make bench` left, BENCH_DATABASE_URL). PAGE is one of
PAGES; the page is requested N times (20) through Django's test client and the whole middleware stack,
timed, then N times more under cProfile, and the functions that took longest are printed. Nothing is
written to the database but the sessions of the people signed in.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import secrets
import sys
import time

PAGES = ("form", "dashboard", "matching", "application")


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


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in PAGES:
        raise SystemExit(f"usage: python -m bench.profile {{{','.join(PAGES)}}} [requests]")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    _setup()
    from django.test import Client

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
