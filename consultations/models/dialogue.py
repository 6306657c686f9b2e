"""Dialogue meetings: public meetings the committee holds (workshops, dialogue meetings, site visits), the
people who register, the waiting list, and what the meeting gave (attendance, a public summary)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committees.models import TaskCommittee
from core.models import PrivacyNotice


class DialogueMeetingQuerySet(models.QuerySet["DialogueMeeting"]):
    def public(self) -> DialogueMeetingQuerySet:
        """Published or cancelled (a cancellation is news too), of a committee whose mandate is public."""
        return self.exclude(state=DialogueMeeting.State.DRAFT).exclude(committee__mandate__state="draft")

    def upcoming(self) -> DialogueMeetingQuerySet:
        return self.public().filter(state=DialogueMeeting.State.PUBLISHED, ends_at__gt=timezone.now())


class DialogueMeeting(models.Model):
    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue meeting")
        WORKSHOP = "workshop", _("Workshop")
        SITE_VISIT = "site_visit", _("Site visit")

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        PUBLISHED = "published", pgettext_lazy("state", "Published")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        TaskCommittee, on_delete=models.PROTECT, related_name="dialogue_meetings", verbose_name=_("committee")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.DIALOGUE)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Only people with a seat see the link, in their confirmation and on their registration."),
    )
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    programme = models.TextField(_("programme"), max_length=5_000)
    accessibility = models.TextField(
        _("accessibility of the venue"),
        max_length=2_000,
        blank=True,
        help_text=_("Step-free access, toilets, hearing loop, parking, how to get there."),
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    # Raised when the time or place changes: calendar files carry it and reminder keys include it.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    summary = models.TextField(_("public summary"), max_length=10_000, blank=True)
    summary_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)

    objects = DialogueMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="dialogue_meeting_ends_after_it_starts",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="dialogue_meeting_has_a_place_or_a_link",
                violation_error_message=_("Give a place, an online link, or both."),
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="dialogue_meeting_has_a_seat"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:meeting", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.starts_at

    @property
    def has_ended(self) -> bool:
        return timezone.now() >= self.ends_at

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def seats_left(self) -> int:
        """Free seats; needs `seats_taken` counted by consultations.selectors.with_seats."""
        return max(self.capacity - self.seats_taken, 0)


class Registration(models.Model):
    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a seat")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a seat")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("The offer of a seat ran out")

    class AccessNeed(models.TextChoices):
        STEP_FREE = "step_free", _("Step-free access")
        INTERPRETER = "interpreter", _("An interpreter or sign language")
        HEARING_LOOP = "hearing_loop", _("A hearing loop")
        CHILDCARE = "childcare", _("Childcare")
        DIETARY = "dietary", _("Dietary needs")

    ACTIVE_STATES = (State.CONFIRMED, State.WAITING, State.OFFERED)
    SEATED_STATES = (State.CONFIRMED, State.OFFERED)  # an offered seat is held until its deadline

    meeting = models.ForeignKey(
        DialogueMeeting,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("dialogue meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dialogue_registrations",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200)
    # Only the committee's facilitators see these; they are deleted some days after the meeting.
    access_needs = models.JSONField(_("access needs"), default=list, blank=True)
    access_details = models.TextField(_("more about your needs"), max_length=1_000, blank=True)
    privacy_notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("privacy notice shown"),
    )
    state = models.CharField(_("state"), max_length=16, choices=State)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The waiting list's order: when the person joined it.
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offered_at = models.DateTimeField(_("seat offered at"), null=True, blank=True)
    answer_by = models.DateTimeField(_("answer by"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("seat confirmed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("cancelled or lapsed at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    access_needs_deleted_at = models.DateTimeField(_("access needs deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(state__in=["confirmed", "waiting", "offered"]),
                name="one_registration_per_person_per_meeting",
                violation_error_message=_("You are already registered for this meeting."),
            ),
            models.CheckConstraint(
                condition=~Q(state="offered") | Q(answer_by__isnull=False),
                name="an_offer_has_a_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(state="waiting") | Q(waiting_since__isnull=False),
                name="the_waiting_list_has_an_order",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "state", "waiting_since"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.name} · {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:registration", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def access_need_labels(self) -> list[str]:
        labels = dict(self.AccessNeed.choices)
        return [str(labels[code]) for code in self.access_needs if code in labels]
