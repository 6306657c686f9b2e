"""What a download does at the edges: a server without PDF's system libraries, text with markup in it, a
language asked for in the address, and the consultation's "what we heard" where a report exists."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from case_documents import render_pdf
from case_documents.compose_case import case_document
from case_documents.render_docx import render_docx
from case_documents.tree import Paragraph, Run
from committees import selectors as committee_selectors
from deliberation.deliverables import selectors
from tests.case_documents.reading import headings, pdf, pdf_text, word
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db


def test_without_pdfs_system_libraries_the_pdf_says_so_in_the_readers_language_and_the_docx_still_works(
    client, staff, monkeypatch
):
    def missing():
        raise render_pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(render_pdf, "_weasyprint", missing)
    slug = committee_at_work().mandate.slug
    client.force_login(staff)
    response = client.get(reverse("case_documents:mandate_pdf", args=[slug]))
    assert response.status_code == 503
    html = response.content.decode()
    assert "PDF-filen kan ikke laves lige nu" in html
    docx = reverse("case_documents:mandate_docx", args=[slug])
    assert f'href="{docx}"' in html
    assert client.get(docx).status_code == 200


def test_markup_in_what_the_committee_wrote_is_shown_as_text_and_nothing_is_fetched(client, staff):
    cast = committee_at_work()
    submitted(
        cast,
        sections=[
            {
                "heading": "<b>Fed</b> & </h2>",
                "body": "Se <img src='http://127.0.0.1:9/x.png'> og **fed** tekst.",
            },
            {"heading": "Tomt", "body": ""},
        ],
    )
    client.force_login(staff)
    data = client.get(reverse("case_documents:case_document_pdf", args=[cast.mandate.slug])).content
    text = pdf_text(data)
    assert "<b>Fed</b> & </h2>" in text
    assert "Se og fed tekst." in " ".join(text.split())
    document = word(
        client.get(reverse("case_documents:case_document_docx", args=[cast.mandate.slug])).content
    )
    assert ("Heading 4", "<b>Fed</b> & </h2>") in headings(document)


@pytest.mark.parametrize(("asked", "expected"), [("en", "en"), ("da", "da"), ("fr", "da"), ("<x>", "da")])
def test_the_language_in_the_address_picks_the_documents_language_and_an_unknown_one_is_ignored(
    client, asked, expected
):
    slug = committee_at_work().mandate.slug
    response = client.get(reverse("case_documents:mandate_pdf", args=[slug]), {"language": asked})
    assert response.status_code == 200
    assert pdf(response.content).trailer["/Root"]["/Lang"] == expected


def test_the_consultations_report_has_its_own_section_in_the_committees_work_when_there_is_one():
    cast = committee_at_work()
    submitted(cast)
    mandate = committee_selectors.any_committee(cast.mandate.slug)
    deliverable = selectors.submitted_deliverable(cast.committee)
    heard = (
        Paragraph(runs=(Run("Vi hørte fra 212 unge, at de savner steder at være om aftenen."),), lang="da"),
    )
    with translation.override("da"):
        without = case_document(mandate, deliverable)
        report = case_document(mandate, deliverable, what_we_heard=heard)
        work = report.sections[1].sections[1]
        assert [s.title for s in work.sections] == ["Afholdte møder", "Høringen og hvad vi hørte"]
        assert [s.title for s in without.sections[1].sections[1].sections] == ["Afholdte møder"]
        text = pdf_text(render_pdf.render_pdf(report))
        assert "Høringen og hvad vi hørte" in text and "212 unge" in text
        assert ("Heading 4", "Høringen og hvad vi hørte") in headings(word(render_docx(report)))


def test_manage_py_check_names_the_missing_system_libraries_and_the_packages_that_bring_them(monkeypatch):
    import ctypes.util

    from case_documents.checks import pdf_libraries

    assert pdf_libraries() == []  # .ci/run and the Dockerfile install them
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name.startswith("pango") else name)
    (warning,) = pdf_libraries()
    assert warning.id == "samskab.W010"
    assert "pango-1.0, pangoft2-1.0" in warning.msg and "libpango-1.0-0" in warning.hint


def test_control_characters_in_what_people_wrote_are_left_out_rather_than_breaking_the_files(client, staff):
    from case_documents.models import DocumentLayout

    DocumentLayout.objects.create(footer_da="Rådhuset\x07 2920 Charlottenlund", header_line_da="Center\x0c")
    cast = committee_at_work()
    submitted(cast, sections=[{"heading": "Vi\x0bsion", "body": "Alle unge\x1f skal trives.\x08"}])
    client.force_login(staff)
    for name in ("case_documents:case_document_docx", "case_documents:case_document_pdf"):
        response = client.get(reverse(name, args=[cast.mandate.slug]))
        assert response.status_code == 200, name
    document = word(
        client.get(reverse("case_documents:case_document_docx", args=[cast.mandate.slug])).content
    )
    assert any(p.text == "Alle unge skal trives." for p in document.paragraphs)
    assert ("Heading 4", "Vision") in headings(document)


def test_one_meeting_held_is_said_in_the_singular(client, staff):
    from committees.models import Meeting
    from tests.committees.factories import MeetingFactory

    cast = committee_at_work()
    submitted(cast)
    MeetingFactory(committee=cast.committee, number=1, state=Meeting.State.HELD)
    client.force_login(staff)
    document = word(
        client.get(reverse("case_documents:case_document_docx", args=[cast.mandate.slug])).content
    )
    assert any(p.text.startswith("Udvalget holdt 1 møde, den ") for p in document.paragraphs)
