"""Settings for `make bench`: production, plus only what a loopback benchmark needs.

Everything of production stays (DEBUG off, the manifest static storage, HTTPS-only cookies, HSTS, the
SSL redirect): wrk sends `X-Forwarded-Proto: https` like the TLS proxy in front of the real site would.
What changes, and why:
- ROOT_URLCONF adds /bench/bare/, the bare view every page is compared with (same process, same stack).
- A first middleware counts each request's database queries into an `X-Bench-Queries` header.
- The application and API rate limits are raised: the benchmark sends thousands of requests from one address.
- Static files are collected into var/bench/ so a benchmark never touches a deployment's folder.
- The demo app is installed: the case-document benchmark seeds the demo.
"""

from __future__ import annotations

from config.settings.production import *  # noqa: F403
from config.settings.production import ACCOUNT_RATE_LIMITS, MIDDLEWARE, VAR_DIR

# The benchmark seeds the demo (bench/case_documents.py); production itself has no demo app.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,
    "apply": "100000/m/ip",
    "apply_anonymous": "100000/m/ip",
    "api": "10000000/m/ip",
}
STATIC_ROOT = VAR_DIR / "bench" / "static"
# A rendered page is not worth a log line per request here; errors still show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
