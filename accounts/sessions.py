"""Expired sessions go: with them the application drafts of people who never signed in, and the address and
browser that "Your sessions" recorded for them. The beat runs this every night (config/celery.py)."""

from __future__ import annotations

from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session


def sessions_clear_expired() -> int:
    """Delete expired sessions (Django's `clearsessions`) and the session records left without a session;
    return how many records went. Running it twice deletes nothing the second time."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    if settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        live = Session.objects.values("session_key")
        deleted, _by_model = UserSession.objects.exclude(session_key__in=live).delete()
        return deleted
    return sum(1 for record in UserSession.objects.iterator() if record.purge())
