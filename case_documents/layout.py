"""The layout staff set (DocumentLayout), in the reader's language, as the tree's Layout."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings

from case_documents.models import LOGO_FORMATS, DocumentLayout
from case_documents.tree import Layout


def current_layout(language: str) -> Layout:
    """One query, and the logo read from storage when there is one."""
    row = DocumentLayout.objects.order_by("pk").first()
    name = (row.municipality_name if row else "") or settings.MUNICIPALITY_NAME
    if row is None:
        return Layout(municipality=name)
    english = language.startswith("en")
    logo, logo_type = _logo(row)
    return Layout(
        municipality=name,
        header_line=(row.header_line_en if english else row.header_line_da) or row.header_line_da,
        footer=(row.footer_en if english else row.footer_da) or row.footer_da,
        logo=logo,
        logo_digest=hashlib.sha256(logo).hexdigest() if logo else "",
        logo_type=logo_type,
        logo_alt=((row.logo_alt_en if english else row.logo_alt_da) or row.logo_alt_da) if logo else "",
    )


def _logo(row: DocumentLayout) -> tuple[bytes, str]:
    if not row.logo:
        return b"", ""
    from PIL import Image

    try:
        with row.logo.open("rb") as file:
            data = file.read()
        with Image.open(io.BytesIO(data)) as image:
            kind = LOGO_FORMATS.get(image.format or "", "")
    except (OSError, ValueError):  # a logo lost from storage leaves the header without it
        return b"", ""
    return (data, kind) if kind else (b"", "")
