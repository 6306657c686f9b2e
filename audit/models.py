"""An entry of the audit trail: one thing that happened to one object."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.actions import action_label


class Entry(models.Model):
    # The object may be deleted later (an anonymised application, a removed meeting); its entries stay, so
    # the reference is kept as type + id + the text it had, not as a foreign key that would cascade.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of object")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(pgettext_lazy("audit trail", "action"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="audit_entry_object")]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.action_label}"

    @property
    def action_label(self) -> str:
        return str(action_label(self.action))
