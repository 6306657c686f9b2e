"""Applications with their ranked profile choices and timeline, and the politicians' ratings."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from core.models import PrivacyNotice
from mandates.models import CompetenceProfile
from recruitment.models.calls import Call

MOTIVATION_MAX = 2000
EXPERIENCE_MAX = 2000


def new_reference() -> str:
    """A public, meaningless reference: the draw publishes these, never names."""
    return secrets.token_hex(4).upper()


class Application(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        INVITED = "invited", _("Invited")
        RESERVE = "reserve", _("On the reserve list")
        NOT_SELECTED = "not_selected", _("Not selected")
        ACCEPTED = "accepted", _("Accepted: member")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Invitation expired")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        UNSPECIFIED = "unspecified", _("Prefer not to say")

    class Tie(models.TextChoices):
        LIVES = "lives", _("Lives in the municipality")
        WORKS = "works", _("Works in the municipality")
        STUDIES = "studies", _("Studies in the municipality")
        OTHER = "other", _("Another real connection")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        AGE_18_24 = "18_24", _("18–24")
        AGE_25_34 = "25_34", _("25–34")
        AGE_35_49 = "35_49", _("35–49")
        AGE_50_64 = "50_64", _("50–64")
        AGE_65_PLUS = "65_plus", _("65 or older")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference, editable=False
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.SUBMITTED)
    motivation = models.TextField(
        _("why you want to take part"), validators=[MaxLengthValidator(MOTIVATION_MAX)]
    )
    experience = models.TextField(
        _("relevant experience"), blank=True, validators=[MaxLengthValidator(EXPERIENCE_MAX)]
    )
    available_meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="available_applicants", verbose_name=_("meetings you can attend")
    )
    tie = models.CharField(_("connection to the municipality"), max_length=16, choices=Tie, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"\A[0-9]{4}\Z", _("Four digits."))],
    )
    other_tie = models.CharField(_("the other connection, in a sentence"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    takes_part_as_individual = models.BooleanField(_("takes part as an individual"), default=False)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    privacy_notice = models.ForeignKey(
        PrivacyNotice, on_delete=models.PROTECT, verbose_name=_("privacy notice shown")
    )
    consented_at = models.DateTimeField(_("consented at"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                name="one_application_per_citizen_per_call",
                violation_error_message=_("You have already applied to this call."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.SUBMITTED and self.call.is_open_for_applications


class ApplicationChoice(models.Model):
    """A profile the applicant applies for, with their preference rank (1 = most wanted)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="choices", verbose_name=_("application")
    )
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("competence profile"),
    )
    rank = models.PositiveSmallIntegerField(
        _("preference"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        verbose_name = _("profile applied for")
        verbose_name_plural = _("profiles applied for")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="choice_rank_once"),
            models.UniqueConstraint(fields=["application", "profile"], name="choice_profile_once"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=3), name="choice_rank_1_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.profile}"


class ApplicationEvent(models.Model):
    """The applicant's timeline, and the audit of every decision about them."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Application submitted")
        UPDATED = "updated", _("Application changed")
        WITHDRAWN = "withdrawn", _("Application withdrawn")
        CALL_CLOSED = "call_closed", _("The call closed")
        INVITED = "invited", _("Invited to join the committee")
        RESERVE = "reserve", _("Placed on the reserve list")
        NOT_SELECTED = "not_selected", _("Not selected")
        ACCEPTED = "accepted", _("Accepted the invitation")
        DECLINED = "declined", _("Declined the invitation")
        EXPIRED = "expired", _("The invitation expired")
        ANONYMISED = "anonymised", _("Personal data anonymised")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    kind = models.CharField(_("what"), max_length=16, choices=Kind)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Rating(models.Model):
    """One politician's view of how well an applicant fits a profile, with a note only they see."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("application")
    )
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("competence profile"),
    )
    politician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("politician"),
    )
    score = models.PositiveSmallIntegerField(
        _("fit (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(_("private note"), blank=True, validators=[MaxLengthValidator(2000)])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "profile", "politician"], name="one_rating_per_politician"
            ),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.profile}: {self.score}"
