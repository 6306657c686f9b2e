from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Task committees")

    def ready(self) -> None:
        from core.cache import watch

        # Committees, meetings and memberships are public, and so are the members' names (the accounts).
        watch(self.label)
        watch("accounts", private_fields=["accounts.user.last_login"])  # signing in shows on no page
        from accounts.roles import official_seat_check_register
        from accounts.services import role_loss_follower_register
        from audit.actions import register
        from committees.memberships import memberships_end_without_role
        from committees.models import Membership
        from committees.rules import holds_official_seat

        # A politician's or facilitator's seat makes its holder an official (second factor), role or not.
        official_seat_check_register(holds_official_seat, tables=[Membership._meta.db_table])
        # A role the identity provider takes away at sign-in ends the seats it carried, as the admin does.
        role_loss_follower_register(memberships_end_without_role)
        register(
            {
                "membership.ended": _("Membership ended"),
                "membership.added": _("Seat given"),
                "membership.changed": _("Seat changed"),
                "membership.removed": _("Seat removed"),
                "meeting.held": _("Meeting held"),
                "membership.naming_chosen": _("Chose how to be shown publicly"),
                "meeting.moved": _("Meeting moved"),
                "meeting.cancelled": _("Meeting cancelled"),
                "meeting.agenda_published": _("Agenda published"),
            }
        )
