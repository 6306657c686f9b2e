"""Mandate documents: PDF only, checked by content, stored under names the server makes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"


def document_upload_to(instance, filename: str) -> str:
    # The uploader's file name never reaches the disk: it could hold anything.
    return f"mandates/documents/{uuid.uuid4().hex}.pdf"


def validate_pdf(upload) -> None:
    """Refuses anything that is not a PDF by its first bytes, or that is too large."""
    limit = settings.MANDATE_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB is allowed."),
            params={"size": round(upload.size / 1_000_000, 1), "limit": limit // 1_000_000},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(position)
    if not head.lstrip(b"\r\n\t ").startswith(PDF_MAGIC):
        raise ValidationError(
            _("Only PDF files can be attached. This file is not a PDF, whatever its name says."),
            code="not_pdf",
        )
