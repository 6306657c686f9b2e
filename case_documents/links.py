"""The download links this app offers on lower floors' pages, through core.downloads (see apps.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from committees import selectors as committee_selectors
from core.downloads import Download
from deliberation.deliverables import selectors
from mandates.models import Mandate


def mandate_downloads(request: HttpRequest, mandate: Mandate) -> list[Download]:
    if not request.user.has_perm("case_documents.download_mandate", mandate):
        return []
    return [
        Download(_("The mandate as PDF"), reverse("case_documents:mandate_pdf", args=[mandate.slug])),
        Download(
            _("The mandate as a Word document (DOCX)"),
            reverse("case_documents:mandate_docx", args=[mandate.slug]),
        ),
    ]


def case_document_downloads(request: HttpRequest, deliverable) -> list[Download]:
    if deliverable is None or not request.user.has_perm("case_documents.download_case_document", deliverable):
        return []
    slug = deliverable.committee.mandate.slug
    return [
        Download(_("The case document as PDF"), reverse("case_documents:case_document_pdf", args=[slug])),
        Download(
            _("The case document as a Word document (DOCX)"),
            reverse("case_documents:case_document_docx", args=[slug]),
        ),
    ]


def case_document_downloads_of_mandate(request: HttpRequest, mandate: Mandate) -> list[Download]:
    deliverable = selectors.submitted_deliverable(committee_selectors.committee_of(mandate))
    return case_document_downloads(request, deliverable)
