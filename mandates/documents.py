"""Mandate documents: PDF only, checked by content, stored under names the server makes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.text import slugify
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


# slugify drops letters it cannot spell in ASCII; Danish ones have a conventional spelling.
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_name(title: str, *, fallback: str) -> str:
    """A file name (without extension) from a title, safe in any header and on any disk."""
    return slugify(title.translate(_DANISH_LETTERS))[:100] or fallback


def pdf_download(stored_file, *, title: str, fallback: str) -> FileResponse:
    """A stored PDF as a download, named from its title."""
    name = file_name(title, fallback=fallback)
    return FileResponse(
        stored_file.open("rb"), as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
    )
