"""Task committees, their members and their fixed meeting plan."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from mandates.models import CompetenceProfile, Mandate


class TaskCommittee(models.Model):
    """One per mandate. It exists from the draft on, so the meeting plan and the designated
    politicians can be entered with the mandate; it is constituted when the mandate is adopted."""

    mandate = models.OneToOneField(
        Mandate, on_delete=models.CASCADE, related_name="committee", verbose_name=_("mandate")
    )
    name = models.CharField(_("name"), max_length=200)
    constituted_at = models.DateTimeField(_("constituted at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("task committee")
        verbose_name_plural = _("task committees")

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(left_on__isnull=True)

    def effective(self) -> MembershipQuerySet:
        """Active memberships that give what their role gives. A politician's or facilitator's seat counts
        only while the person holds that official role (the group that also asks them for a second
        factor): a seat given to the wrong account, or kept after the role was removed, opens nothing."""
        return self.active().filter(
            Q(role=Membership.Role.CITIZEN)
            | Q(_holds(roles.POLITICIAN), role=Membership.Role.POLITICIAN)
            | Q(_holds(roles.FACILITATOR), role=Membership.Role.FACILITATOR)
        )

    def official_seats(self) -> MembershipQuerySet:
        """Active seats that need an official role, whether or not the person holds it."""
        return self.active().filter(role__in=OFFICIAL_ROLE_OF_SEAT)


def _holds(role: str) -> Exists:
    """The membership's person holds the official role `role` (a subquery: no duplicate rows)."""
    held = get_user_model().groups.through.objects.filter(user_id=OuterRef("user_id"), group__name=role)
    return Exists(held)


class Membership(models.Model):
    class Role(models.TextChoices):
        POLITICIAN = "politician", _("Politician")
        CITIZEN = "citizen", _("Citizen")
        FACILITATOR = "facilitator", _("Facilitator")

    class Position(models.TextChoices):
        MEMBER = "member", _("Member")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")

    committee = models.ForeignKey(
        TaskCommittee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("task committee")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    position = models.CharField(_("position"), max_length=16, choices=Position, default=Position.MEMBER)
    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("competence profile"),
        help_text=_("Citizens only: the profile whose seat they fill."),
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    show_name_publicly = models.BooleanField(
        _("name shown publicly"),
        default=False,
        help_text=_("Citizens choose this themselves; politicians and facilitators are always shown."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "user"],
                condition=Q(left_on__isnull=True),
                name="one_active_membership_per_person",
                violation_error_message=_("This person is already a member of the committee."),
            ),
            models.UniqueConstraint(
                fields=["committee", "position"],
                condition=Q(left_on__isnull=True) & ~Q(position="member"),
                name="one_chair_and_one_vice_chair",
                violation_error_message=_("The committee already has someone in that position."),
            ),
            models.CheckConstraint(
                condition=Q(role="citizen") | Q(profile__isnull=True),
                name="only_citizens_fill_profiles",
                violation_error_message=_("Only citizens fill a competence profile's seat."),
            ),
            models.CheckConstraint(
                condition=Q(role="politician") | Q(position="member"),
                name="only_politicians_chair",
                violation_error_message=_("Only a politician can be chair or vice-chair."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_dates_in_order",
                violation_error_message=_("A member cannot leave before joining."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.profile_id and self.committee_id and self.profile.mandate_id != self.committee.mandate_id:
            raise ValidationError({"profile": _("Choose a profile of this committee's mandate.")})
        self._check_official_role()

    @classmethod
    def from_db(cls, db, field_names, values):
        membership = super().from_db(db, field_names, values)
        membership._seat_as_read = membership._seat()
        return membership

    def _seat(self) -> tuple | None:
        deferred = self.get_deferred_fields()
        if deferred & {"user", "user_id", "role", "left_on"}:
            return None
        return (self.user_id, self.role, self.left_on)

    def _check_official_role(self) -> None:
        """A politician's or facilitator's seat needs an account that holds that official role: the role
        is what asks for password and second factor before anyone sees applicants' data. Checked when a
        seat is given or changed; a seat left as it was read (e.g. another row of the same admin page)
        is not, and committees.warnings names it instead."""
        needed = OFFICIAL_ROLE_OF_SEAT.get(self.role)
        if needed is None or self.left_on is not None or not self.user_id:
            return
        if self._seat() is not None and getattr(self, "_seat_as_read", None) == self._seat():
            return
        if not self.user.groups.filter(name=needed).exists():
            raise ValidationError(
                {
                    "user": _(
                        "%(person)s does not hold the %(role)s role, so they cannot sit on the committee "
                        "as %(seat)s. A superuser gives official roles under Accounts → Users; otherwise "
                        "end the seat with a date under “left on”."
                    )
                    % {
                        "person": self.user,
                        "role": roles.ROLE_LABELS[needed],
                        "seat": self.get_role_display().lower(),
                    }
                }
            )

    @property
    def is_active(self) -> bool:
        return self.left_on is None


# The official role (an auth group, see accounts.roles) that each kind of seat needs.
OFFICIAL_ROLE_OF_SEAT = {
    Membership.Role.POLITICIAN: roles.POLITICIAN,
    Membership.Role.FACILITATOR: roles.FACILITATOR,
}


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        TaskCommittee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("task committee")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("Members see the agenda once it is published.")
    )
    agenda_published_at = models.DateTimeField(_("agenda published at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PLANNED)
    # Raised each time the meeting moves: calendar files carry it, and reminder keys include it so
    # the reminders of the old time are cancelled and new ones scheduled.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="meeting_number_unique_per_committee",
                violation_error_message=_("Another meeting of this committee has that number."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return _("Meeting %(number)s") % {"number": self.number}

    def clean(self) -> None:
        if not (self.committee_id and self.starts_at and self.ends_at):
            return
        mandate = self.committee.mandate
        if mandate.starts_on and mandate.ends_on:
            start, end = timezone.localdate(self.starts_at), timezone.localdate(self.ends_at)
            if start < mandate.starts_on or end > mandate.ends_on:
                raise ValidationError(
                    {
                        "starts_at": _(
                            "The meeting lies outside the mandate's time frame (%(start)s to %(end)s)."
                        )
                        % {
                            "start": formats.date_format(mandate.starts_on),
                            "end": formats.date_format(mandate.ends_on),
                        }
                    }
                )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's personal iCal feed: a secret address, which they can replace to revoke the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(_("secret"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class Follower(models.Model):
    """Someone who wants to hear what becomes of a committee: applicants, and anyone who asks."""

    committee = models.ForeignKey(
        TaskCommittee, on_delete=models.CASCADE, related_name="followers", verbose_name=_("task committee")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.committee}"
