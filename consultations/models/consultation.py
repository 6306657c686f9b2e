"""A consultation (høring): the committee asks the public open questions and/or about chosen sections of
its draft, for a period; the public contributes; the committee says what it heard and how it used it."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committees.models import TaskCommittee
from core.models import PrivacyNotice
from mandates.documents import validate_pdf

CONTRIBUTION_MAX = 10_000  # characters: about four pages, more than any posting of the seed case
INTRODUCTION_MAX = 5_000


def default_retention_days() -> int:
    return settings.CONSULTATION_RETENTION_DAYS


def contribution_upload_to(instance, filename: str) -> str:
    # The contributor's file name never reaches the disk: it could hold anything.
    return f"consultations/contributions/{uuid.uuid4().hex}.pdf"


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def published(self) -> ConsultationQuerySet:
        """What the public may see: published, of a committee whose mandate is public."""
        return self.filter(published_at__isnull=False).exclude(committee__mandate__state="draft")

    def open_at(self, moment: datetime | None = None) -> ConsultationQuerySet:
        moment = moment or timezone.now()
        return self.published().filter(starts_at__lte=moment, ends_at__gt=moment)


class Consultation(models.Model):
    class Moderation(models.TextChoices):
        IMMEDIATE = "immediate", _("Contributions appear at once")
        REVIEW = "review", _("Contributions appear after review")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        UPCOMING = "upcoming", _("Opens soon")
        OPEN = "open", _("Open")
        ENDED = "ended", _("Ended")
        REPORTED = "reported", _("Ended: what we heard is published")

    committee = models.ForeignKey(
        TaskCommittee, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("committee")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"), max_length=INTRODUCTION_MAX, help_text=_("What the committee asks and why.")
    )
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    moderation = models.CharField(
        _("moderation"),
        max_length=16,
        choices=Moderation,
        default=Moderation.REVIEW,
        help_text=_("Council staff decide whether contributions appear at once or after review."),
    )
    retention_days = models.PositiveIntegerField(
        _("days personal data in hidden contributions is kept"),
        default=default_retention_days,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Counted from when the consultation closes or the contribution was hidden, whichever is later."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    # "What we heard": the summary; how each question's or section's input was used is on the item.
    summary = models.TextField(_("what we heard"), blank=True)
    report_published_at = models.DateTimeField(
        _("what we heard published at"), null=True, blank=True, editable=False
    )
    dialogue_meetings = models.ManyToManyField(
        "consultations.DialogueMeeting",
        blank=True,
        related_name="consultations",
        verbose_name=_("dialogue meetings the report refers to"),
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="consultation_closes_after_it_opens",
                violation_error_message=_("A consultation must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(report_published_at__isnull=True) | Q(published_at__isnull=False),
                name="consultation_report_only_when_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.published_at is None:
            return self.Phase.DRAFT
        if now < self.starts_at:
            return self.Phase.UPCOMING
        if now < self.ends_at:
            return self.Phase.OPEN
        return self.Phase.REPORTED if self.report_published_at else self.Phase.ENDED

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase()).label)

    @property
    def is_open(self) -> bool:
        return self.phase() == self.Phase.OPEN

    @property
    def has_ended(self) -> bool:
        return self.published_at is not None and timezone.now() >= self.ends_at

    @property
    def reviews_first(self) -> bool:
        return self.moderation == self.Moderation.REVIEW


class ConsultationItem(models.Model):
    """What the public answers: an open question the committee wrote, or a section of its draft."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        SECTION = "section", _("Section of the draft")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="items", verbose_name=_("consultation")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("question or heading"), max_length=300)
    body = models.TextField(
        _("explanation or text"),
        blank=True,
        help_text=_("For a question, an optional explanation; for a section, the draft's text as published."),
    )
    # A section: which section of the draft, and the version whose text was published for consultation.
    section_key = models.CharField(_("section"), max_length=40, blank=True)
    version_number = models.PositiveIntegerField(_("version of the draft"), null=True, blank=True)
    how_used = models.TextField(_("how the input was used"), blank=True)

    class Meta:
        verbose_name = _("question or section")
        verbose_name_plural = _("questions and sections")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="question", section_key="") | (Q(kind="section") & ~Q(section_key="")),
                name="consultation_item_section_has_a_key",
            ),
            models.UniqueConstraint(
                fields=["consultation", "section_key"],
                condition=Q(kind="section"),
                name="consultation_section_once",
                violation_error_message=_("That section is already part of the consultation."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_section(self) -> bool:
        return self.kind == self.Kind.SECTION


class Tag(models.Model):
    """A label the facilitators put on contributions to sort what they heard."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="tags", verbose_name=_("consultation")
    )
    name = models.CharField(_("tag"), max_length=60)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "name"], name="tag_once_per_consultation")
        ]

    def __str__(self) -> str:
        return self.name


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def public(self) -> ContributionQuerySet:
        return self.filter(state=Contribution.State.PUBLISHED)

    def for_committee(self) -> ContributionQuerySet:
        """What the committee's moderators see: never a contributor's draft or withdrawn text."""
        return self.filter(state__in=Contribution.SUBMITTED_STATES)


class Contribution(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft, not sent")
        PENDING = "pending", _("Waiting for review")
        PUBLISHED = "published", pgettext_lazy("state", "Published")
        HIDDEN = "hidden", _("Hidden by the moderators")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        PRIVATE = "private", _("As a private person")
        ORGANISATION = "organisation", _("On behalf of an organisation")

    class Publication(models.TextChoices):
        NAMED = "named", _("Publish it under my name")
        ANONYMOUS = "anonymous", _("Publish it without my name")

    class HideReason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("It contains personal data about others")
        OFFENSIVE = "offensive", _("It is offensive")
        OFF_TOPIC = "off_topic", _("It is off topic")
        SPAM = "spam", _("It is spam or advertising")

    SUBMITTED_STATES = (State.PENDING, State.PUBLISHED, State.HIDDEN)
    EDITABLE_STATES = (State.DRAFT, State.PENDING, State.PUBLISHED, State.HIDDEN)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("consultation")
    )
    item = models.ForeignKey(
        ConsultationItem,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("question or section"),
    )
    # Empty once the personal data of a hidden contribution is deleted; the row stays for the counts.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("author"),
    )
    body = models.TextField(_("contribution"), max_length=CONTRIBUTION_MAX, blank=True)
    attachment = models.FileField(
        _("PDF (optional)"),
        upload_to=contribution_upload_to,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    kind = models.CharField(_("you write"), max_length=16, choices=Kind, default=Kind.PRIVATE)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication, default=Publication.NAMED
    )
    privacy_notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("privacy notice shown"),
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hide_reason = models.CharField(_("reason for hiding"), max_length=20, choices=HideReason, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contributions", verbose_name=_("tags"))

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "state", "item"], name="contribution_by_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "author"],
                condition=~Q(state="withdrawn"),
                name="one_contribution_per_person_per_item",
                violation_error_message=_(
                    "You have already written to this question or section. Change what you wrote instead."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="organisation") | ~Q(organisation=""),
                name="contribution_names_its_organisation",
                violation_error_message=_("Name the organisation you write on behalf of."),
            ),
            models.CheckConstraint(
                condition=~Q(state="hidden") | (~Q(hide_reason="") & Q(hidden_at__isnull=False)),
                name="hidden_contribution_has_a_reason",
                violation_error_message=_("Choose why the contribution is hidden."),
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_contribution_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return _("Contribution %(number)s") % {"number": self.pk}

    @property
    def is_anonymous(self) -> bool:
        return self.publication == self.Publication.ANONYMOUS

    @property
    def public_name(self) -> str:
        """The name the public sees: nobody's when they asked to be anonymous."""
        if self.is_anonymous or self.author is None:
            return ""
        return self.author.full_name
