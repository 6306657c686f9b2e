"""The confirmed selection: seats and reserves, invitations, the politicians' decisions about seats, and the
log of every export of applicants' data."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandates.models import CompetenceProfile
from recruitment.models.applications import Application
from recruitment.models.calls import Call


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
    # [{"profile": id, "holder": reference, "rivals": [references], "by_hand": bool}]: seats a tie decided.
    tied_seats = models.JSONField(
        _("seats decided between equally suited applicants"), default=list, blank=True
    )
    tie_reason = models.TextField(
        _("why the politicians decided a tie themselves"), blank=True, validators=[MaxLengthValidator(2000)]
    )

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


class SeatDecision(models.Model):
    """What a politician decided, with a reason, where the balance rules alone could not fill a seat.

    `rules` names the balance rules the decision knowingly breaks (none, when leaving a seat empty keeps
    them all); a committee starts with a rule broken only when such a decision names that rule.
    """

    class Kind(models.TextChoices):
        INVITE = "invite", _("Invited a reserve")
        LEAVE_EMPTY = "leave_empty", _("Left the seat empty")
        START = "start", _("Started the committee")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="seat_decisions", verbose_name=_("call")
    )
    kind = models.CharField(_("decision"), max_length=16, choices=Kind)
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competence profile"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application"),
    )
    rules = models.JSONField(_("balance rules broken"), default=list, blank=True)
    reason = models.TextField(_("reason"), validators=[MaxLengthValidator(2000)])
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision about a seat")
        verbose_name_plural = _("decisions about seats")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="invite") | Q(application__isnull=False, profile__isnull=False),
                name="seat_decision_invite_names_whom",
            ),
            models.CheckConstraint(
                condition=~Q(kind="leave_empty") | Q(profile__isnull=False),
                name="seat_decision_empty_names_profile",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call}: {self.get_kind_display()}"
