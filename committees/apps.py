from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Task committees")

    def ready(self) -> None:
        from audit.actions import register

        register(
            {
                "meeting.held": _("Meeting held"),
                "membership.naming_chosen": _("Chose how to be shown publicly"),
            }
        )
