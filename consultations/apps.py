from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations and dialogue meetings")

    def ready(self) -> None:
        from audit import actions
        from consultations.links import deliverable_panel, my_committee_panel
        from core import cache, panels

        # The report travels with the deliverable: its page shows it through a slot, naming nothing of ours.
        panels.register(panels.DELIVERABLE, deliverable_panel)
        # A member finds the committee's consultations from "My committees".
        panels.register(panels.MY_COMMITTEE, my_committee_panel)
        # Published consultations, contributions and meetings are on public pages; tags are not.
        cache.watch(self.label, private_models=(f"{self.label}.tag", f"{self.label}.contribution_tags"))
        actions.register(
            {
                "consultation.created": _("Consultation created"),
                "consultation.updated": _("Consultation changed"),
                "consultation.published": _("Consultation published (with the draft sections named)"),
                "consultation.configured": _("Moderation or retention set"),
                "consultation.report_saved": _("“What we heard” saved"),
                "consultation.report_published": _("“What we heard” published"),
                "consultation.exported": _("Contributions exported"),
                "contribution.draft_saved": _("Contribution kept as a draft"),
                "contribution.submitted": _("Contribution sent"),
                "contribution.changed": _("Contribution changed by its author"),
                "contribution.resubmitted": _("Hidden contribution changed and sent again"),
                "contribution.withdrawn": _("Contribution withdrawn"),
                "contribution.approved": _("Contribution published by a moderator"),
                "contribution.hidden": _("Contribution hidden by a moderator"),
                "contribution.tagged": _("Contribution tagged"),
                "contribution.personal_data_deleted": _("Personal data of a hidden contribution deleted"),
                "dialogue_meeting.created": _("Dialogue meeting created"),
                "dialogue_meeting.updated": _("Dialogue meeting changed"),
                "dialogue_meeting.published": _("Dialogue meeting published"),
                "dialogue_meeting.cancelled": _("Dialogue meeting cancelled"),
                "dialogue_meeting.attendance_recorded": _("Attendance recorded"),
                "dialogue_meeting.summary_saved": _("Meeting summary saved"),
                "dialogue_meeting.summary_published": _("Meeting summary published"),
                "dialogue_meeting.access_needs_deleted": _("Access needs deleted after the meeting"),
                "registration.created": _("Registered for a dialogue meeting"),
                "registration.cancelled": _("Registration cancelled"),
                "registration.offered": _("Seat offered from the waiting list"),
                "registration.offer_accepted": _("Offered seat accepted"),
                "registration.offer_declined": _("Offered seat declined"),
                "registration.offer_lapsed": _("Offer of a seat ran out"),
            }
        )
