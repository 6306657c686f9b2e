"""What the City Council decides: political bodies, mandates (kommissorier) and competence profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mandates.documents import document_upload_to, validate_pdf


class PoliticalBody(models.Model):
    class Kind(models.TextChoices):
        CITY_COUNCIL = "city_council", _("City Council")
        STANDING_COMMITTEE = "standing_committee", _("Standing committee")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, default=Kind.STANDING_COMMITTEE)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("political body")
        verbose_name_plural = _("political bodies")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Mandate(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        RECRUITING = "recruiting", _("Recruiting")
        MATCHING = "matching", _("Matching")
        ACTIVE = "active", _("Active")
        DELIVERED = "delivered", _("Delivered")
        IN_REVIEW = "in_review", _("In review")
        ENDORSED = "endorsed", _("Endorsed")
        RETURNED = "returned", _("Returned to the committee")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTING = "implementing", _("Implementing")
        CLOSED = "closed", _("Closed")

    class DeliveryKind(models.TextChoices):
        VISION = "vision", _("Vision")
        STRATEGY = "strategy", _("Strategy")
        ACTION_PLAN = "action_plan", _("Action plan")
        POLICY_PROPOSAL = "policy_proposal", _("Policy proposal")
        INITIATIVE = "initiative", _("Initiative")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The committee's web address.")
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT, editable=False)
    problem = models.TextField(_("the policy problem"))
    background = models.TextField(_("background"), blank=True)
    existing_policies = models.TextField(_("existing policies"), blank=True)
    delivery_kind = models.CharField(_("kind of delivery"), max_length=32, choices=DeliveryKind)
    expected_delivery = models.TextField(_("expected delivery"), blank=True)
    starts_on = models.DateField(_("time frame starts"), null=True, blank=True)
    ends_on = models.DateField(_("time frame ends"), null=True, blank=True)
    politicians_target = models.PositiveSmallIntegerField(_("politicians"), default=5)
    citizens_target = models.PositiveSmallIntegerField(_("citizens"), default=10)
    administrators_target = models.PositiveSmallIntegerField(_("administrators"), default=3)
    min_gender_share = models.PositiveSmallIntegerField(
        _("minimum share of each gender (%)"),
        default=40,
        validators=[MaxValueValidator(50)],
        help_text=_("Among the citizens. 0 turns the rule off; above 50 cannot be met."),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        _("at most per organisation"), default=1, validators=[MinValueValidator(1)]
    )
    max_per_district = models.PositiveSmallIntegerField(
        _("at most per district"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    adopted_by = models.ForeignKey(
        PoliticalBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_mandates",
        verbose_name=_("adopted by"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_agenda_item = models.CharField(_("agenda item"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="mandate_time_frame_in_order",
                violation_error_message=_("The time frame must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(min_gender_share__lte=50),
                name="mandate_gender_share_at_most_half",
                violation_error_message=_("A minimum share above one half for each gender cannot be met."),
            ),
            models.CheckConstraint(
                condition=Q(max_per_organisation__gte=1),
                name="mandate_max_per_organisation_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state != self.State.DRAFT


class MandateTask(models.Model):
    """One of the concrete tasks: "the committee shall propose …"."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("mandate")
    )
    text = models.TextField(_("task"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ReceivingBody(models.Model):
    """The route the delivery travels: standing committees in order, then the City Council."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="receiving_bodies", verbose_name=_("mandate")
    )
    body = models.ForeignKey(PoliticalBody, on_delete=models.PROTECT, verbose_name=_("political body"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("receiving body")
        verbose_name_plural = _("receiving bodies")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "body"],
                name="receiving_body_once_per_mandate",
                violation_error_message=_("Each body can be on the route only once."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.body)


class CompetenceProfile(models.Model):
    """A kind of citizen voice the Council wants in the committee, with a number of seats."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("mandate")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1, validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("competence profile")
        verbose_name_plural = _("competence profiles")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="profile_has_a_seat",
                violation_error_message=_("A profile needs at least one seat."),
            ),
            models.UniqueConstraint(
                fields=["mandate", "title"],
                name="profile_title_unique_per_mandate",
                violation_error_message=_("Two profiles of one mandate cannot have the same title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MandateDocument(models.Model):
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="documents", verbose_name=_("mandate")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_upload_to,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Public documents are shown on the committee page.")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class MandateTransition(models.Model):
    """Every move of a mandate's state: who, when, from, to, and why."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("mandate")
    )
    from_state = models.CharField(_("from"), max_length=16, choices=Mandate.State)
    to_state = models.CharField(_("to"), max_length=16, choices=Mandate.State)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"
