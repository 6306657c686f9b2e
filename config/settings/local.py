"""The embedded default used by `make run`: SQLite, a file broker, mail printed to the console."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Only for a developer's machine; production refuses to start without its own key.
SECRET_KEY = env("SECRET_KEY", default="local-development-key-not-for-production-use-0123456789")

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405  (SQLite database, broker and beat schedule live here)
