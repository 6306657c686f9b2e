from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`. It may use every app; no app may use it."""

    name = "demo"
    verbose_name = "Demo data"
