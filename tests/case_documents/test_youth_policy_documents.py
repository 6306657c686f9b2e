"""The demo's youth policy: council staff download its case document and its mandate as PDF and DOCX, and
the files say what the agenda system needs, in a structure assistive technology can follow.

Read back with pypdf (text, structure tree, language, title, alternative text) and python-docx (headings,
styles, language, line numbering, the logo's description).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.case_documents.conftest import YOUTH
from tests.case_documents.reading import (
    default_language,
    headings,
    numbered_lines,
    numbered_paragraph_lines,
    pdf,
    pdf_text,
    run_language,
    structure,
    word,
    xmp,
)

pytestmark = pytest.mark.django_db


def download(client, name: str, *, language: str = "") -> bytes:
    url = reverse(f"case_documents:{name}", args=[YOUTH]) + (f"?language={language}" if language else "")
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content


@pytest.fixture
def as_staff(client, demo_staff):
    client.force_login(demo_staff)
    return client


def test_the_case_document_pdf_holds_what_the_agenda_needs_in_danish(as_staff):
    response = as_staff.get(reverse("case_documents:case_document_pdf", args=[YOUTH]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sagsfremstilling-ungepolitik-2025.pdf"'
    text = pdf_text(response.content)
    for words in (
        "SAGSFREMSTILLING OG INDSTILLING",  # the kind of document, in small capitals above the title
        "Ungepolitik 2025",
        "Indstilling",
        "Kommissoriet i korte træk",
        "Unge i Gentofte oplever pres",  # the problem
        "Udvalget skal komme med forslag til en ny ungepolitik.",  # the task
        "Udvalgets sammensætning og arbejdsform",
        "Udvalget holdt 7 møder",
        "14 af 14",  # attendance in numbers, meeting by meeting
        "Forløbet og hvert organs behandling indtil nu",
        "Kultur-, Unge- og Fritidsudvalget",
        "Anbefales",
        "Kommunalbestyrelsens beslutning",
        "21 for, 4 imod, 2 undlod at stemme",
        "Bilag 1: Kommissoriet »Ungepolitik 2025«",
        "Bilag 2: Offentliggjorte beslutningsreferater",
        "Udvalget aftalte arbejdsformen.",  # the first published summary
    ):
        assert words in text, words
    assert "Interne noter" not in text  # the meetings' internal notes never leave the committee


def test_the_recommendation_is_the_submitted_version_with_numbered_lines(as_staff):
    lines = numbered_lines(download(as_staff, "case_document_pdf"))
    assert [n for n, _text in lines] == list(range(1, len(lines) + 1))
    joined = " ".join(text for _n, text in lines)
    assert joined.startswith("Alle unge i Gentofte skal have mindst ét fællesskab, de føler sig hjemme i,")
    assert "Kommunen skal tage presset på unge alvorligt og tilbyde samtaler uden ventetid." in joined
    assert "et ungeråd skal følge politikken." in joined  # the rejected amendment left it in
    assert all(len(text) <= 80 for _n, text in lines)


def test_the_agreed_text_marks_the_accepted_amendment(as_staff):
    text = pdf_text(download(as_staff, "case_document_pdf"))
    agreed = text[text.index("Den vedtagne tekst") :]
    assert "samtaler uden ventetid [tilføjet: inden for en uge]." in " ".join(agreed.split())
    assert "Ændringsforslag 1 til »Trivsel«" in " ".join(agreed.split())
    after_the_legend = agreed[agreed.index("Vision") :]
    assert "[slettet:" not in after_the_legend  # the accepted amendment only added words


def test_the_pdf_is_tagged_with_headings_tables_lists_language_and_the_logos_description(as_staff):
    data = download(as_staff, "case_document_pdf")
    reader = pdf(data)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Sagsfremstilling og indstilling: Ungepolitik 2025"
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp(data) or 'pdfuaid:part="1"' in xmp(data)
    tags = [element.tag for element in structure(data)]
    assert tags.count("H1") >= 1 and tags.count("H2") >= 5 and "H3" in tags and "H4" in tags
    assert {"Table", "TH", "TD", "Caption", "L", "LI", "P", "Sect"} <= set(tags)
    figures = [element for element in structure(data) if element.tag == "Figure"]
    assert [figure.alt for figure in figures] == ["Kommunens logo"]


def test_an_english_reader_gets_the_document_in_english_with_the_committees_danish_marked(client, demo_staff):
    client.force_login(demo_staff)
    data = download(client, "case_document_pdf", language="en")
    assert pdf(data).trailer["/Root"]["/Lang"] == "en"
    text = pdf_text(data)
    assert pdf(data).metadata.title == "Case document and recommendation: Ungepolitik 2025"
    assert "The recommendation" in text and "Annex 1: The mandate “Ungepolitik 2025”" in text
    languages = {element.lang for element in structure(data)}
    assert "da" in languages  # the title, the mandate's text, the recommendation
    danish = [element for element in structure(data) if element.lang == "da"]
    assert {"H1", "P"} <= {element.tag for element in danish}
    assert "[added: inden for en uge]" in " ".join(text.split())


def test_the_case_document_docx_has_real_headings_language_and_numbered_lines_matching_the_pdf(as_staff):
    response = as_staff.get(reverse("case_documents:case_document_docx", args=[YOUTH]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert response["Content-Disposition"] == 'attachment; filename="sagsfremstilling-ungepolitik-2025.docx"'
    document = word(response.content)
    assert document.core_properties.language == "da-DK" and default_language(document) == "da-DK"
    assert document.core_properties.title == "Sagsfremstilling og indstilling: Ungepolitik 2025"
    found = headings(document)
    assert found[0] == ("Heading 1", "Ungepolitik 2025")
    assert ("Heading 2", "Indstilling") in found and ("Heading 3", "Kommissoriet i korte træk") in found
    assert ("Heading 2", "Bilag 1: Kommissoriet »Ungepolitik 2025«") in found
    # Word numbers the lines of the recommendation; they are the PDF's lines, one for one.
    page = document.sections[0]._sectPr
    numbering = page.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lnNumType")
    assert numbering is not None
    pdf_lines = [text for _n, text in numbered_lines(download(as_staff, "case_document_pdf"))]
    assert numbered_paragraph_lines(document) == pdf_lines


def test_the_docx_marks_the_amendment_describes_the_logo_and_tags_danish_in_english(client, demo_staff):
    client.force_login(demo_staff)
    document = word(download(client, "case_document_docx", language="en"))
    assert document.core_properties.language == "en-GB"
    added = [
        run for paragraph in document.paragraphs for run in paragraph.runs if run.text == "inden for en uge"
    ]
    assert added and added[0].underline and added[0].bold
    trivsel = next(p for p in document.paragraphs if "[added: inden for en uge]" in p.text)
    assert {run_language(run) for run in trivsel.runs} == {"da-DK"}
    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr") == "The municipality's logo"


def test_the_mandate_downloads_as_pdf_and_docx(as_staff):
    response = as_staff.get(reverse("case_documents:mandate_pdf", args=[YOUTH]))
    assert response["Content-Disposition"] == 'attachment; filename="kommissorium-ungepolitik-2025.pdf"'
    text = pdf_text(response.content)
    assert pdf(response.content).metadata.title == "Kommissorium for opgaveudvalg: Ungepolitik 2025"
    for words in (
        "KOMMISSORIUM FOR OPGAVEUDVALG",
        "Ungepolitik 2025",
        "Problemstillingen",
        "Kompetenceprofiler",
    ):
        assert words in text, words
    assert {"H1", "H2", "Table", "TH"} <= {element.tag for element in structure(response.content)}
    document = word(download(as_staff, "mandate_docx"))
    found = headings(document)
    assert found[0] == ("Heading 1", "Ungepolitik 2025")
    assert ("Heading 2", "Kompetenceprofiler") in found and ("Heading 2", "Mødeplan") in found
    assert len(document.tables) >= 3  # the facts, the profiles, the meeting plan
