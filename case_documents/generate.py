"""A document's file in a format, made in the request and kept in the cache until its content changes.

The cache key is a fingerprint of the document tree itself (every text, number and date it shows, the
layout, the reader's language) and of the templates that render it. So there is nothing to invalidate: a
new review step, an accepted amendment, an edited footer or a published summary composes a different tree,
hence a new key, and the old file is simply never asked for again (it expires after
CASE_DOCUMENT_CACHE_SECONDS). Composing the tree costs a few queries; rendering it is what the cache saves.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from case_documents.render_docx import render_docx
from case_documents.render_pdf import render_pdf, stylesheet
from case_documents.tree import Document, printable

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "case_documents"


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str
    render: object


PDF = FileFormat("pdf", "application/pdf", render_pdf)
DOCX = FileFormat(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx
)
FORMATS = {PDF.extension: PDF, DOCX.extension: DOCX}


def document_file(document: Document, file_format: FileFormat) -> bytes:
    document = printable(document)
    key = f"case_documents:{file_format.extension}:{fingerprint(document)}"
    found = cache.get(key)
    if found is not None:
        return found
    data = file_format.render(document)
    cache.set(key, data, timeout=settings.CASE_DOCUMENT_CACHE_SECONDS)
    return data


def fingerprint(document: Document) -> str:
    content = repr(document)
    if " object at 0x" in content:  # a lazy translation or a model slipped in: the key would never repeat
        raise ValueError("A document tree holds only plain values; found an object in it.")
    return hashlib.sha256(f"{_renderers()}\n{content}".encode()).hexdigest()


@functools.cache
def _renderers() -> str:
    """What else decides the bytes: the templates, the stylesheet and the libraries' versions."""
    digest = hashlib.sha256(stylesheet().encode())
    for path in sorted(TEMPLATES.glob("*.html")):
        digest.update(path.read_bytes())
    for library in ("weasyprint", "python-docx"):
        digest.update(version(library).encode())
    return digest.hexdigest()
