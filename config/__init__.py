"""Project configuration. Importing the Celery app here makes `delay_on_commit` work in Django code."""

from __future__ import annotations

from config.celery import app as celery_app

__all__ = ("celery_app",)
