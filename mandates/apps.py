from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = _("Mandates")

    def ready(self) -> None:
        from audit.actions import register

        register({"mandate.moved": _("Mandate moved to another state")})
        from core.cache import watch

        watch(self.label)  # mandates, their profiles and their history are on the public pages
