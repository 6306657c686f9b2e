"""Request bodies are limited before anything reads them: a large anonymous POST is refused by its length
(413) without being parsed or spooled to disk; only signed-in people uploading PDFs where a page takes
them, and council staff in the admin, may send more."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import multipartparser
from django.urls import reverse

from tests.access.world import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Each multipart body Django parses (and spools to disk, for large files)."""
    seen: list[str] = []
    original = multipartparser.MultiPartParser.parse

    def parse(self):
        seen.append("parsed")
        return original(self)

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", parse)
    return seen


def pdf(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("bilag.pdf", PDF + b"0" * (size - len(PDF)), content_type="application/pdf")


def test_a_large_anonymous_upload_to_the_sign_in_page_is_refused_unread(client, parsed):
    response = client.post(reverse("account_login"), {"login": "x@example.dk", "junk": pdf(3_000_000)})

    assert response.status_code == 413
    assert parsed == []
    assert (
        "Too much at once" in response.content.decode() or "For meget på én gang" in response.content.decode()
    )


def test_a_large_form_without_files_is_refused_before_the_view(client, world: World, english):
    response = client.post(
        reverse("recruitment:apply", args=[world.call_pk]), {"motivation": "x" * 1_100_000}
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()


def test_a_form_within_the_limit_goes_through(client, world: World):
    response = client.post(reverse("recruitment:apply", args=[world.call_pk]), {"motivation": "x" * 5000})
    assert response.status_code == 200  # the form, with its messages


def test_a_facilitator_attaches_a_pdf_larger_than_the_form_limit(client, world: World, parsed):
    client.force_login(world.facilitator)
    url = reverse("deliberation:attachment_add", args=[world.slug, world.meeting_number])
    response = client.post(url, {"attachment-title": "Oplæg", "attachment-file": pdf(3_000_000)})
    assert response.status_code == 302 and parsed == ["parsed"]


def test_the_upload_limit_is_for_signed_in_people_only(client, world: World, parsed):
    url = reverse("deliberation:attachment_add", args=[world.slug, world.meeting_number])
    assert client.post(url, {"attachment-file": pdf(3_000_000)}).status_code == 413
    assert parsed == []


def test_even_an_upload_page_refuses_more_than_the_largest_pdf(client, world: World, settings, parsed):
    settings.REQUEST_UPLOAD_MAX_BYTES = 2_000_000
    client.force_login(world.facilitator)
    url = reverse("deliberation:attachment_add", args=[world.slug, world.meeting_number])
    assert client.post(url, {"attachment-file": pdf(3_000_000)}).status_code == 413
    assert parsed == []


def test_council_staff_upload_mandate_documents_in_the_admin_but_a_citizen_posting_there_is_refused(
    client, world: World, parsed
):
    url = reverse("admin:mandates_mandate_change", args=[world.committee.mandate_id])
    client.force_login(world.citizen)
    assert client.post(url, {"documents-0-file": pdf(3_000_000)}).status_code == 413
    client.force_login(world.staff)
    assert client.post(url, {"documents-0-file": pdf(3_000_000)}).status_code == 200  # the form, with errors
    assert parsed == ["parsed"]
