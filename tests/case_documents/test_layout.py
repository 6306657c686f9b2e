"""Staff set the documents' header (the municipality's name, a line under it, the logo) and footer in one
place, the admin's Document layout; every document is made with it. A logo must be a real PNG or JPEG, small,
and described in both languages."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from case_documents.models import DocumentLayout
from tests.case_documents.reading import pdf_text, structure, word
from tests.committees.factories import TaskCommitteeFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:case_documents_documentlayout_add")


def png(size: tuple[int, int] = (60, 40)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (10, 79, 143)).save(output, format="PNG")
    return output.getvalue()


def form(**changes) -> dict:
    data = {
        "municipality_name": "Gentofte Kommune",
        "header_line_da": "Center for Politik",
        "header_line_en": "Policy Centre",
        "logo_alt_da": "Gentofte Kommunes våbenskjold",
        "logo_alt_en": "Gentofte Municipality's coat of arms",
        "footer_da": "Bernstorffsvej 161, 2920 Charlottenlund",
        "footer_en": "Bernstorffsvej 161, 2920 Charlottenlund, Denmark",
        "logo": SimpleUploadedFile("logo.png", png(), content_type="image/png"),
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_staff_set_the_layout_once_and_every_document_is_made_with_it(client, staff):
    client.force_login(staff)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert client.get(ADD).status_code == 403  # one layout for every document
    layout = DocumentLayout.objects.get()
    delete = reverse("admin:case_documents_documentlayout_delete", args=[layout.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403 and DocumentLayout.objects.exists()

    slug = TaskCommitteeFactory().mandate.slug
    data = client.get(reverse("case_documents:mandate_pdf", args=[slug])).content
    text = pdf_text(data)
    assert "Center for Politik" in text and "Bernstorffsvej 161, 2920 Charlottenlund" in text
    assert [e.alt for e in structure(data) if e.tag == "Figure"] == ["Gentofte Kommunes våbenskjold"]
    document = word(client.get(reverse("case_documents:mandate_docx", args=[slug]) + "?language=en").content)
    assert document.sections[0].header.paragraphs[0].text == "Gentofte Kommune · Policy Centre"
    assert (
        document.sections[0]
        .footer.paragraphs[0]
        .text.startswith("Bernstorffsvej 161, 2920 Charlottenlund, Denmark")
    )
    assert document.inline_shapes[0]._inline.docPr.get("descr") == "Gentofte Municipality's coat of arms"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"logo": SimpleUploadedFile("logo.png", b"not a picture at all", "image/png")},
            "logo",
            "PNG- eller JPEG",
        ),
        (
            {"logo": SimpleUploadedFile("logo.png", b"GIF89a" + b"\x00" * 40, "image/png")},
            "logo",
            "PNG- eller JPEG",
        ),
        (
            {"logo": SimpleUploadedFile("big.png", png((2000, 2000)) + b"\x00" * 1_000_000)},
            "logo",
            "højst fylde",
        ),
        ({"logo_alt_da": ""}, "logo_alt_da", "Beskriv logoet"),
        ({"logo_alt_en": " "}, "logo_alt_en", "Beskriv logoet"),
    ],
    ids=["text-named-png", "gif", "too-large", "no-danish-description", "no-english-description"],
)
def test_a_logo_that_is_no_picture_too_large_or_undescribed_is_refused_with_a_message(
    client, staff, changes, field, message
):
    client.force_login(staff)
    response = client.post(ADD, form(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not DocumentLayout.objects.exists()
    assert (
        response.context["adminform"].form["footer_da"].value() == "Bernstorffsvej 161, 2920 Charlottenlund"
    )


def test_without_a_layout_the_documents_carry_the_sites_municipality_name(client, settings):
    settings.MUNICIPALITY_NAME = "Lyngby-Taarbæk Kommune"
    slug = TaskCommitteeFactory().mandate.slug
    document = word(client.get(reverse("case_documents:mandate_docx", args=[slug])).content)
    assert document.sections[0].header.paragraphs[0].text == "Lyngby-Taarbæk Kommune"
    assert document.core_properties.author == "Lyngby-Taarbæk Kommune"
    assert not document.inline_shapes
