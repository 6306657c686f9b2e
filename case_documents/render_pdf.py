"""A document tree as a tagged PDF (PDF/UA-1) through WeasyPrint.

The HTML template (templates/case_documents/document.html) carries the structure: real headings, lists,
tables with header cells, the document's language, its title, and the logo's alternative text; WeasyPrint's
"pdf/ua-1" variant turns that into the structure tree, /Lang, /MarkInfo and the title shown in the window.
WeasyPrint does not carry a `lang` attribute of an element into the structure tree, so the municipality's
Danish words in an English document would be read with English rules; `_mark_languages` adds /Lang to the
structure elements of such elements.

WeasyPrint is imported on first use: it loads Pango and HarfBuzz from the system, which takes a second, and
a server without them can still make the DOCX. Nothing is fetched from the network: the stylesheet and the
logo are passed in, and every other address is refused.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from case_documents.tree import Document

STYLESHEET = "css/case-document.css"
PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) cannot be loaded on this server."""


def render_pdf(document: Document) -> bytes:
    weasyprint = _weasyprint()
    html = render_to_string(
        "case_documents/document.html",
        {
            "document": document,
            "layout": document.layout,
            "logo_src": _data_uri(document),
            "page_label": _("Page"),
            "of_label": _("of"),
        },
    )
    # Only data: URIs are read (the logo); an address anything in the HTML names is refused, never fetched.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(
        stylesheets=[weasyprint.CSS(string=stylesheet())],
        pdf_variant=PDF_VARIANT,
        pdf_identifier=False,
        uncompressed_pdf=False,
    )


@functools.cache
def stylesheet() -> str:
    path = finders.find(STYLESHEET)
    return Path(path).read_text(encoding="utf-8")


def _data_uri(document: Document) -> str:
    layout = document.layout
    if not layout.logo:
        return ""
    return f"data:image/{layout.logo_type};base64," + base64.b64encode(layout.logo).decode("ascii")


@functools.cache
def _weasyprint():
    try:
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as error:  # OSError: Pango or HarfBuzz missing from the system
        raise PdfUnavailable(
            f"WeasyPrint cannot be loaded: {error}. Install the system packages it needs (on Debian: "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core); see "
            "docs/case-documents.md."
        ) from error
    from case_documents.pdf_languages import mark_languages

    mark_languages()
    return weasyprint
