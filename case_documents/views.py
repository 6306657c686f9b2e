"""Downloads of the mandate and of the case document, as PDF or DOCX, made in the request.

An outsider to a document gets 404, as on the pages (rules.py). The document is in the reader's language
unless `?language=da` or `?language=en` asks for the other; what the committee wrote stays as it was
written. Without the system libraries PDF needs, the PDF answers 503 with the reason, and the DOCX works.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import content_disposition_header

from case_documents.compose_case import case_document
from case_documents.compose_heard import heard_blocks
from case_documents.compose_mandate import CONTENT_LANGUAGE, mandate_document
from case_documents.generate import FORMATS, document_file
from case_documents.render_pdf import PdfUnavailable
from case_documents.text import other_language
from committees import selectors as committee_selectors
from consultations.selectors import heard_reports
from deliberation.deliverables import selectors
from mandates.models import Mandate

logger = logging.getLogger(__name__)


def mandate_download(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    with translation.override(_language(request)):
        mandate = _mandate_for(request, slug)
        return _download(request, mandate_document, (mandate,), file_format)


def case_document_download(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    with translation.override(_language(request)):
        mandate = _mandate_for(request, slug)
        deliverable = selectors.submitted_deliverable(committee_selectors.committee_of(mandate))
        if deliverable is None or not request.user.has_perm(
            "case_documents.download_case_document", deliverable
        ):
            raise Http404("No case document you may read.")
        # The consultation report travels with the deliverable to the political bodies.
        heard = heard_blocks(
            heard_reports(deliverable.committee),
            lang=other_language(CONTENT_LANGUAGE, translation.get_language()),
        )
        compose = functools.partial(case_document, what_we_heard=heard)
        return _download(request, compose, (mandate, deliverable), file_format)


def _mandate_for(request: HttpRequest, slug: str) -> Mandate:
    """The mandate with what its documents show; a draft only for council staff, else 404."""
    mandate = committee_selectors.any_committee(slug)
    if not request.user.has_perm("case_documents.download_mandate", mandate):
        raise Http404("No public committee with that address.")
    return mandate


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("language", "")
    return asked if asked in dict(settings.LANGUAGES) else translation.get_language()


def _download(request: HttpRequest, compose, arguments: tuple, file_format: str) -> HttpResponse:
    chosen = FORMATS[file_format]
    document = compose(*arguments)
    try:
        data = document_file(document, chosen)
    except PdfUnavailable as error:
        logger.error("%s", error)
        docx_url = request.path.removesuffix(".pdf") + ".docx"
        if "language" in request.GET:
            docx_url += "?" + request.GET.urlencode()
        context = {"document": document, "docx_url": docx_url}
        return render(request, "case_documents/unavailable.html", context, status=503)
    filename = f"{document.filename}.{chosen.extension}"
    return HttpResponse(
        data,
        content_type=chosen.content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
