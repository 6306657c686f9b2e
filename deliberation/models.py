"""The committee at work and after: meeting records, the deliverable and its versions, the council's
review (route, amendments, decision), implementation and evaluation.

Danish law shapes the visibility: committee meetings are not public, a decision summary
(beslutningsreferat) may be published, and a recommendation is confidential until a political body
has dealt with it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting, Membership, TaskCommittee
from mandates.documents import document_upload_to, validate_pdf
from mandates.models import ReceivingBody


class MeetingRecord(models.Model):
    """What the facilitators log about one meeting."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="record", verbose_name=_("meeting")
    )
    present = models.ManyToManyField(
        Membership, blank=True, related_name="attended", verbose_name=_("present")
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Members, facilitators and staff only; never public.")
    )
    decisions = models.TextField(_("decisions"), blank=True)
    ideas = models.TextField(_("ideas"), blank=True)
    summary = models.TextField(
        _("decision summary"), blank=True, help_text=_("The beslutningsreferat; public once published.")
    )
    summary_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")

    def __str__(self) -> str:
        return str(self.meeting)


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("meeting")
    )
    text = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_upload_to,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")

    def __str__(self) -> str:
        return self.title


class Deliverable(models.Model):
    """The committee's delivery. Its text lives in versions; each save makes one."""

    class State(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        SUBMITTED = "submitted", _("Submitted")
        DECIDED = "decided", _("Decided by the City Council")

    committee = models.OneToOneField(
        TaskCommittee, on_delete=models.CASCADE, related_name="deliverable", verbose_name=_("task committee")
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFTING)
    submitted_version = models.ForeignKey(
        "DeliverableVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted version"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self) -> str:
        return str(self.committee)

    @property
    def kind(self) -> str:
        return self.committee.mandate.get_delivery_kind_display()


class DeliverableVersion(models.Model):
    """A saved state of the whole text: a title and ordered sections.

    `sections` is a list of {"key": stable id, "heading": str, "body": Markdown}; keys survive edits,
    so comments and amendments stay attached to their section.
    """

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="versions", verbose_name=_("deliverable")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    sections = models.JSONField(_("sections"), default=list)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("saved by")
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["deliverable", "number"], name="version_number_once")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class SectionComment(models.Model):
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="comments", verbose_name=_("deliverable")
    )
    section_key = models.CharField(_("section"), max_length=40)
    version = models.ForeignKey(
        DeliverableVersion, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("version")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("author")
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class ReviewStep(models.Model):
    """One political body's handling of the delivery, as staff record it."""

    class Outcome(models.TextChoices):
        RECOMMENDS = "recommends", _("Recommends (anbefales)")
        APPROVES = "approves", _("Approves (godkendt)")
        NOTED = "noted", _("Takes note (taget til efterretning)")
        POSTPONED = "postponed", _("Postponed (udsat)")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="review_steps", verbose_name=_("deliverable")
    )
    route_entry = models.ForeignKey(
        ReceivingBody,
        on_delete=models.PROTECT,
        related_name="review_steps",
        verbose_name=_("step on the route"),
    )
    meeting_date = models.DateField(_("meeting date"))
    agenda_item = models.CharField(_("agenda item"), max_length=50, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome)
    text = models.TextField(_("the body's text"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["meeting_date", "id"]

    def __str__(self) -> str:
        return f"{self.route_entry.body}: {self.get_outcome_display()}"


class Amendment(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("deliverable")
    )
    section_key = models.CharField(_("section"), max_length=40)
    # The Markdown the amendment replaces (the whole body, or a passage of it; an empty section can be
    # amended too), where it starts in the submitted body, and the words as the page showed them.
    original_text = models.TextField(_("original text (Markdown)"), blank=True)
    source_start = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("start in the Markdown")
    )
    passage = models.TextField(
        _("passage"),
        blank=True,
        help_text=_("The words the politician selected or picked, as the page shows them."),
    )
    proposed_text = models.TextField(_("proposed text"))
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PROPOSED)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["proposed_at", "id"]

    def __str__(self) -> str:
        return self.proposed_text[:60]

    @property
    def shown_original(self) -> str:
        """What the amendment replaces, in the words the page shows (never Markdown)."""
        from deliberation.deliverables.passages import paragraphs

        return self.passage or "\n\n".join(paragraphs(self.original_text))


class CouncilDecision(models.Model):
    class Outcome(models.TextChoices):
        ENDORSED = "endorsed", _("Endorsed")
        ENDORSED_WITH_AMENDMENTS = "endorsed_amended", _("Endorsed with amendments")
        RETURNED = "returned", _("Returned to the committee")
        REJECTED = "rejected", _("Rejected")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("deliverable")
    )
    version = models.ForeignKey(
        DeliverableVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    decided_on = models.DateField(_("decided on"))
    agenda_item = models.CharField(_("agenda item"), max_length=50, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstaining"), default=0)
    remarks = models.TextField(_("remarks"), blank=True)
    agreed_sections = models.JSONField(_("agreed text"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return self.get_outcome_display()


# After the decision: implementation and evaluation (a module of their own, loaded with these models).
from deliberation.follow_up.models import (  # noqa: E402
    EvaluationAnswer,
    EvaluationParticipation,
    EvaluationSurvey,
    ImplementationAction,
    ProgressUpdate,
)

__all__ = [
    "ActionItem",
    "Amendment",
    "CouncilDecision",
    "Deliverable",
    "DeliverableVersion",
    "EvaluationAnswer",
    "EvaluationParticipation",
    "EvaluationSurvey",
    "ImplementationAction",
    "MeetingAttachment",
    "MeetingRecord",
    "ProgressUpdate",
    "ReviewStep",
    "SectionComment",
]
