from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        from core.cache import watch

        # Calls and selections are public; applications, ratings and their history are not.
        private = ("application", "applicationchoice", "application_available_meetings", "applicationevent")
        watch(
            self.label, private_models=[f"{self.label}.{name}" for name in (*private, "rating", "exportlog")]
        )
        from audit import actions
        from mandates.models import Mandate
        from mandates.services import prerequisite_register
        from recruitment.review.seat_decisions import committee_start_problems

        # Every door that starts a committee, the admin's included, keeps the seats and balance rules.
        prerequisite_register(to=Mandate.State.ACTIVE, check=committee_start_problems)

        actions.register(
            {
                "reserve.offered": _("A free seat was offered to a reserve"),
                "seat.reserve_invited": _("A politician gave a free seat to a reserve"),
                "seat.left_empty": _("A politician left a seat empty"),
                "committee.started_despite_rules": _("A politician started the committee with a rule broken"),
                "selection.tie_decided": _("The politicians decided a tie by hand"),
                "application.eligibility_exception": _("Applied through another real connection"),
                "selection.confirmed": _("The politicians confirmed the selection"),
                "invitation.accepted": _("Invitation accepted"),
                "invitation.declined": _("Invitation declined"),
                "invitation.expired": _("Invitation expired without an answer"),
                "applications.exported": _("Applications exported"),
            }
        )
