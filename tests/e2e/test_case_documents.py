"""Council staff download the demo youth policy's case document and its mandate, as PDF and as DOCX, by
clicking the links on the deliverable page and beside the mandate's print view in Chromium; the files are
read back. The admin page where staff set the documents' layout passes axe in both languages.
(The pages that carry the links are in the accessibility sweeps of test_accessibility.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.case_documents.reading import headings, numbered_lines, numbered_paragraph_lines, pdf, word
from tests.e2e.test_accessibility import FINISHED, email, seed, sign_in_official, snapshots, sweep

__all__ = ["snapshots"]  # the module's demo snapshot (a fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def downloaded(visitor, link_text: str) -> tuple[str, bytes]:
    with visitor.page.expect_download() as info:
        visitor.page.get_by_role("link", name=link_text, exact=True).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_staff_download_the_youth_policys_case_document_and_mandate_from_the_demo(open_browser, snapshots):
    from case_documents.models import DocumentLayout

    seed(snapshots)
    visitor = open_browser("da", "sekretariat")
    sign_in_official(visitor, email("sekretariat"))

    visitor.go(f"/committees/{FINISHED}/deliverable/")
    name, case_pdf = downloaded(visitor, "Sagsfremstillingen som PDF")
    assert name == "sagsfremstilling-ungepolitik-2025.pdf"
    assert pdf(case_pdf).metadata.title == "Sagsfremstilling og indstilling: Ungepolitik 2025"
    lines = [text for _number, text in numbered_lines(case_pdf)]
    assert lines[0].startswith("Alle unge i Gentofte skal have mindst ét fællesskab")
    name, case_docx = downloaded(visitor, "Sagsfremstillingen som Word-dokument (DOCX)")
    assert name == "sagsfremstilling-ungepolitik-2025.docx"
    assert numbered_paragraph_lines(word(case_docx)) == lines

    visitor.go(f"/committees/{FINISHED}/mandate/print/")
    name, mandate_pdf = downloaded(visitor, "Kommissoriet som PDF")
    assert name == "kommissorium-ungepolitik-2025.pdf"
    assert pdf(mandate_pdf).trailer["/Root"]["/Lang"] == "da"
    name, mandate_docx = downloaded(visitor, "Kommissoriet som Word-dokument (DOCX)")
    assert name == "kommissorium-ungepolitik-2025.docx"
    assert headings(word(mandate_docx))[0] == ("Heading 1", "Ungepolitik 2025")

    layout = DocumentLayout.objects.get().pk
    sweep(
        visitor,
        ["/admin/case_documents/documentlayout/", f"/admin/case_documents/documentlayout/{layout}/change/"],
    )
