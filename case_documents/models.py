"""What staff set in one place for every document made for the agenda system: the header with the
municipality's name and logo, and the footer, in Danish and English."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LOGO_MAX_BYTES = 1_000_000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpeg"}  # what both PDF and Word show alike


def logo_upload_to(instance, filename: str) -> str:
    # The uploader's file name never reaches the disk.
    return f"case_documents/logo/{uuid.uuid4().hex}"


def validate_logo(upload) -> None:
    """PNG or JPEG by content, at most LOGO_MAX_BYTES."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s kB; at most %(limit)s kB is allowed."),
            params={"size": upload.size // 1000, "limit": LOGO_MAX_BYTES // 1000},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        upload.seek(position)
    if kind not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG or JPEG picture."), code="not_an_image")


class DocumentLayout(models.Model):
    """One row: the layout every case document and mandate document is made with."""

    municipality_name = models.CharField(
        _("municipality's name"),
        max_length=200,
        blank=True,
        help_text=_("Shown at the top of every document. Leave empty to use the site's name."),
    )
    header_line_da = models.CharField(
        _("line under the name (Danish)"),
        max_length=200,
        blank=True,
        help_text=_("For example the department that prepares the cases."),
    )
    header_line_en = models.CharField(_("line under the name (English)"), max_length=200, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG or JPEG, at most 1 MB. Shown at the top left of the first page, 2 cm high."),
    )
    logo_alt_da = models.CharField(
        _("the logo described (Danish)"),
        max_length=200,
        blank=True,
        help_text=_("What screen readers say instead of the picture, e.g. “Gentofte Kommunes logo”."),
    )
    logo_alt_en = models.CharField(_("the logo described (English)"), max_length=200, blank=True)
    footer_da = models.TextField(
        _("footer (Danish)"),
        blank=True,
        help_text=_("At the foot of every page beside the page number, e.g. address and web address."),
    )
    footer_en = models.TextField(_("footer (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document layout")
        verbose_name_plural = _("document layout")

    def __str__(self) -> str:
        return str(_("Layout of case documents and mandates"))

    def clean(self) -> None:
        if self.logo and not (self.logo_alt_da.strip() and self.logo_alt_en.strip()):
            raise ValidationError(
                {
                    "logo_alt_da" if not self.logo_alt_da.strip() else "logo_alt_en": _(
                        "Describe the logo in Danish and English for people who cannot see it."
                    )
                },
                code="logo_without_text",
            )
