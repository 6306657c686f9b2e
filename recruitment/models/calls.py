"""A call for citizens: when it is open, who may apply, and where the value for its draw comes from."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandates.models import Mandate

POSTAL_CODE = re.compile(r"[0-9]{4}")


def default_postal_codes() -> str:
    """The municipality's postal codes from the settings, as staff see and edit them on a new call."""
    return ", ".join(settings.RECRUITMENT_POSTAL_CODES)


class Call(models.Model):
    """One round of recruitment for a mandate; a second round can fill profiles left empty."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        SELECTED = "selected", _("Selection confirmed")

    class Eligibility(models.TextChoices):
        LIVES_WORKS_STUDIES = "lives_works_studies", _("Lives, works or studies in the municipality")
        POSTAL_CODES = "postal_codes", _("Lives in one of the postal codes below")
        ANYONE = "anyone", _("Anyone may apply")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="calls", verbose_name=_("mandate")
    )
    eligibility = models.CharField(
        _("who may apply"),
        max_length=24,
        choices=Eligibility,
        default=Eligibility.LIVES_WORKS_STUDIES,
        help_text=_(
            "Postal codes do not follow the municipal border (2870 Dyssegård lies partly in Gentofte), so "
            "“lives, works or studies here” refuses nobody who belongs. Whatever the rule, someone who does "
            "not meet it may still apply with another real connection, explained in a sentence, for the "
            "committee to judge."
        ),
    )
    eligible_postal_codes = models.CharField(
        _("postal codes"),
        max_length=400,
        blank=True,
        default=default_postal_codes,
        help_text=_(
            "For “lives in one of the postal codes”: four digits each, separated by commas or spaces."
        ),
    )
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"))
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown at the top of the call."))
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PLANNED, editable=False)
    draw_public_value_source = models.CharField(
        _("public value for the draw"),
        max_length=300,
        blank=True,
        help_text=_(
            "Fixed before the deadline: where the public value for a draw will come from, e.g. "
            "“the numbers drawn in Lotto on 12 December 2026”."
        ),
    )
    draw_public_value = models.CharField(
        _("the public value"), max_length=300, blank=True, help_text=_("Filled in once the value is known.")
    )
    statistics = models.JSONField(
        _("statistics"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Counts kept after anonymisation."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")),
                name="call_deadline_after_opening",
                violation_error_message=_("The deadline must come after the call opens."),
            ),
        ]

    def __str__(self) -> str:
        return _("Call for %(title)s") % {"title": self.mandate.title}

    @property
    def is_open_for_applications(self) -> bool:
        return self.state == self.State.OPEN and self.opens_at <= timezone.now() < self.deadline

    @property
    def postal_codes(self) -> list[str]:
        return self.eligible_postal_codes.replace(",", " ").split()

    def clean(self) -> None:
        super().clean()
        if self.eligibility != self.Eligibility.POSTAL_CODES:
            return
        codes = self.postal_codes
        wrong = [code for code in codes if not POSTAL_CODE.fullmatch(code)]
        if wrong or not codes:
            raise ValidationError(
                {
                    "eligible_postal_codes": _(
                        "Write the postal codes as four digits each, separated by commas or spaces, "
                        "e.g. 2820, 2870."
                    )
                }
            )
