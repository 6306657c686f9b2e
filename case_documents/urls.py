"""The documents' addresses, beside the pages they belong to (included at the site root)."""

from __future__ import annotations

from django.urls import path

from case_documents import views

app_name = "case_documents"

urlpatterns = [
    path(
        "committees/<slug:slug>/mandate.pdf",
        views.mandate_download,
        {"file_format": "pdf"},
        name="mandate_pdf",
    ),
    path(
        "committees/<slug:slug>/mandate.docx",
        views.mandate_download,
        {"file_format": "docx"},
        name="mandate_docx",
    ),
    path(
        "committees/<slug:slug>/deliverable/case-document.pdf",
        views.case_document_download,
        {"file_format": "pdf"},
        name="case_document_pdf",
    ),
    path(
        "committees/<slug:slug>/deliverable/case-document.docx",
        views.case_document_download,
        {"file_format": "docx"},
        name="case_document_docx",
    ),
]
