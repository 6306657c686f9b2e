from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Task committees")

    def ready(self) -> None:
        from accounts.roles import official_seat_check_register
        from audit.actions import register
        from committees.rules import holds_official_seat

        # A politician's or facilitator's seat makes its holder an official (second factor), role or not.
        official_seat_check_register(holds_official_seat)
        register(
            {
                "membership.ended": _("Membership ended"),
                "meeting.held": _("Meeting held"),
                "membership.naming_chosen": _("Chose how to be shown publicly"),
            }
        )
