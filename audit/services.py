"""The one way to write to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import Entry

OBJECT_REPR_LENGTH = Entry._meta.get_field("object_repr").max_length


def log(obj: models.Model, action: str, *, by=None, data: dict[str, Any] | None = None) -> Entry:
    """Record that ``by`` (a user, or None for the system) did ``action`` to ``obj``.

    Call it inside the service's transaction: the entry is written, or rolled back, with the change."""
    actor = by if getattr(by, "is_authenticated", False) else None
    return Entry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:OBJECT_REPR_LENGTH],
        action=action,
        actor=actor,
        data=data or {},
    )


def entries_for(obj: models.Model):
    """The trail of one object, newest first."""
    return Entry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")
