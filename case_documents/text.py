"""Small helpers the composers share: plain text as paragraphs, dates in the reader's language."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import formats, timezone

from case_documents.tree import Paragraph, Run

BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str, *, lang: str = "") -> tuple[Paragraph, ...]:
    """Plain text as staff type it in the admin: a blank line between paragraphs, a line break kept."""
    result = []
    for chunk in BLANK_LINE.split((text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            runs = []
            for n, line in enumerate(lines):
                if n:
                    runs.append(Run("\n"))
                runs.append(Run(line))
            result.append(Paragraph(runs=tuple(runs), lang=lang))
    return tuple(result)


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATE_FORMAT")


def clock(value: datetime) -> str:
    return formats.time_format(timezone.localtime(value), "TIME_FORMAT")


def other_language(content_language: str, language: str) -> str:
    """The lang to mark the committee's words with: only where they differ from the document's."""
    return content_language if not language.startswith(content_language) else ""
