"""Calls for citizens, their applications, the politicians' ratings, the confirmed selection,
invitations and reserves, and the log of every export of applicants' data."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from mandates.models import CompetenceProfile, Mandate
from pages.models import PrivacyNotice

MOTIVATION_MAX = 2000
EXPERIENCE_MAX = 2000


class Call(models.Model):
    """One round of recruitment for a mandate; a second round can fill profiles left empty."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        SELECTED = "selected", _("Selection confirmed")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="calls", verbose_name=_("mandate")
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

    def get_absolute_url(self) -> str:
        return reverse("recruitment:call", args=[self.pk])

    @property
    def is_open_for_applications(self) -> bool:
        return self.state == self.State.OPEN and self.opens_at <= timezone.now() < self.deadline


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
    lives_in_municipality = models.BooleanField(_("lives in the municipality"), default=False)
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"\A[0-9]{4}\Z", _("Four digits."))],
    )
    other_tie = models.CharField(_("other tie to the municipality"), max_length=300, blank=True)
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


class Selection(models.Model):
    """The politicians' confirmed choice for a call: one per call, whoever clicks first."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="selection", verbose_name=_("call")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    rationale = models.TextField(_("rationale"))
    engine_version = models.CharField(_("engine version"), max_length=40, blank=True)
    draw_order = models.JSONField(_("draw order"), default=list, blank=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")

    def __str__(self) -> str:
        return str(self.call)


class Placement(models.Model):
    """An applicant's place in the selection: a seat for a profile, or a numbered reserve place."""

    class Kind(models.TextChoices):
        SEAT = "seat", _("Seat")
        RESERVE = "reserve", _("Reserve")

    selection = models.ForeignKey(
        Selection, on_delete=models.CASCADE, related_name="placements", verbose_name=_("selection")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="placements", verbose_name=_("application")
    )
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("competence profile"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["profile", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "application", "profile"], name="placement_once_per_profile"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.profile} ({self.get_kind_display()})"


class Invitation(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("application")
    )
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("competence profile"),
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PENDING)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answer_by = models.DateTimeField(_("answer by"))
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state__in=["pending", "accepted"]),
                name="one_live_invitation_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.profile}"


class ExportLog(models.Model):
    """Every export of applicants' personal data: who, when, what."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="exports", verbose_name=_("call"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"))
    what = models.CharField(_("what"), max_length=100)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.what} ({self.rows})"
