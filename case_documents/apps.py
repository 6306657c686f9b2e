from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseDocumentsConfig(AppConfig):
    name = "case_documents"
    verbose_name = _("Case documents")

    def ready(self) -> None:
        from case_documents import checks  # noqa: F401  (registers the check for PDF's system libraries)
        from case_documents.links import (
            case_document_downloads,
            case_document_downloads_of_mandate,
            mandate_downloads,
        )
        from core import downloads

        # The links appear on lower floors' pages through the slots of core.downloads.
        downloads.register(downloads.MANDATE, mandate_downloads)
        downloads.register(downloads.MANDATE_ADMIN, mandate_downloads)
        downloads.register(downloads.MANDATE_ADMIN, case_document_downloads_of_mandate)
        downloads.register(downloads.DELIVERABLE, case_document_downloads)
