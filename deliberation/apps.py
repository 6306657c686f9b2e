from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "deliberation"
    verbose_name = _("Deliberation")

    def ready(self) -> None:
        from django.urls import reverse

        from committees.meeting_pages import meeting_page_register

        # The members' meeting page is ours: the meeting's mails and calendar files link to it.
        meeting_page_register(
            lambda meeting: reverse(
                "deliberation:meeting", args=[meeting.committee.mandate.slug, meeting.number]
            )
        )
        from core.cache import watch

        # Summaries, the deliverable's review and the implementation are public; single answers are not.
        watch(
            self.label,
            private_models=(f"{self.label}.evaluationparticipation", f"{self.label}.evaluationanswer"),
        )
        from audit.actions import register

        register(
            {
                "evaluation.opened": _("Evaluation survey opened"),
                "evaluation.closing_set": _("Evaluation survey's closing date set"),
                "amendment.decided": _("Amendment decided"),
                "review.step_recorded": _("A political body's handling recorded"),
                "council.decided": _("The City Council's decision recorded"),
            }
        )
