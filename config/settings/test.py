"""Settings for pytest: DATABASE_URL and REDIS_URL decide PostgreSQL/Redis, SQLite otherwise."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

# The tests seed the demo as `make run` does; production has no demo data.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = False
SECRET_KEY = "test-key-not-secret-0123456789-0123456789-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run tasks in-process; tests/reliability starts real workers with their own settings.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process gets its own cache so rate limits never leak between tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Redis when CI provides it; otherwise kombu's in-memory transport, which needs no file or server.
CELERY_BROKER_URL = env("REDIS_URL", default="") or "memory://"
# Tests see every page freshly rendered; tests/core/test_cache.py and test_signed_in_pages.py switch the
# page caches on.
PUBLIC_PAGE_CACHE_SECONDS = 0
SIGNED_IN_PAGE_CACHE_SECONDS = 0
# Tests serve static files through the finders; no collected folder is needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
