from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "deliberation"
    verbose_name = _("Deliberation")

    def ready(self) -> None:
        from audit.actions import register

        register(
            {
                "evaluation.opened": _("Evaluation survey opened"),
                "evaluation.closing_set": _("Evaluation survey's closing date set"),
            }
        )
