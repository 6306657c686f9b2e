"""The embedded default used by `make run`: SQLite, a file broker, mail written to var/mail/."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

# Demo data for `make run` (`manage.py seed_demo`); uses every app, used by none, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = env.bool("DEBUG", default=True)
# Only for a developer's machine; production refuses to start without its own key.
SECRET_KEY = env("SECRET_KEY", default="local-development-key-not-for-production-use-0123456789")

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405  (SQLite database, broker and beat schedule live here)

# Without EMAIL_URL, mail goes to files in var/mail/ with one line per message on the console
# (notifications/local_mail.py): the demo's messages stay readable without burying the site's address.
LOCAL_MAIL_DIR = env.path("LOCAL_MAIL_DIR", default=VAR_DIR / "mail")  # noqa: F405
if not env("EMAIL_URL", default=""):
    EMAIL_BACKEND = "notifications.local_mail.LocalMailBackend"
