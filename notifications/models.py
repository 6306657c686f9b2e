"""The outbox: one row per message to send, written in the same transaction as the change it tells of."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def due(self, now=None) -> NotificationQuerySet:
        return self.filter(state=Notification.State.PENDING, due_at__lte=now or timezone.now())


class Notification(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(
        _("kind"), max_length=64, help_text=_("Names the templates in templates/emails/.")
    )
    # Whoever schedules the same key twice gets the first row back: this constraint is what
    # makes "already scheduled?" safe under concurrency.
    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    ics = models.TextField(_("calendar attachment"), blank=True)
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            # The dispatcher's only question: which pending rows are due, oldest first.
            models.Index(fields=["due_at", "id"], condition=Q(state="pending"), name="notification_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False)
                | (~Q(state="sent") & Q(sent_at__isnull=True)),
                name="notification_sent_at_iff_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.get_state_display()})"
