"""Hostile uploads: meeting record attachments (the committee's page) and mandate documents (the admin).
Wrong type, disguised type, oversize, odd names: refused with a message, or stored under a name the
server makes; never a 500."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from deliberation.models import MeetingAttachment
from mandates.models import MandateDocument
from tests.hostile.junk import body_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
LONG_NAME = "a" * 296 + ".pdf"

# (file name, content, expected: "refused" or "stored")
CASES = [
    pytest.param("virus.exe", EXE, "refused", id="exe"),
    pytest.param("notes.pdf", b"Just text, named like a PDF.", "refused", id="text-named-pdf"),
    pytest.param("virus.pdf", EXE, "refused", id="exe-named-pdf"),
    pytest.param("real.exe", PDF, "refused", id="pdf-named-exe"),
    pytest.param("empty.pdf", b"", "refused", id="empty"),
    pytest.param("big.pdf", PDF + b"0" * 5000, "refused", id="oversize"),
    pytest.param("../../etc/passwd.pdf", PDF, "stored", id="traversal-name"),
    pytest.param("ææ øø.pdf", PDF, "stored", id="danish-name"),
    pytest.param(LONG_NAME, PDF, "either", id="300-char-name"),  # the admin refuses names over 100
    pytest.param("<script>alert(1)</script>.pdf", PDF, "stored", id="markup-name"),
    pytest.param("a\x00b.pdf", PDF, "either", id="nul-in-name"),
]
SERVER_NAME = re.compile(r"\A[\w/-]+/[0-9a-f]{32}\.pdf\Z")


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.MANDATE_DOCUMENT_MAX_BYTES = 1000  # the test settings store files in memory already


def _assert_outcome(response, before: int, after_qs, expected: str, *, refused_status=(200, 400)):
    assert response.status_code != 500
    added = list(after_qs)[before:]
    if expected == "refused" or (expected == "either" and not added):
        assert not added, f"stored: {[a.file.name for a in added]}"
        assert response.status_code in refused_status, response.status_code
        body = body_of(response)
        assert 'class="errorlist' in body or "invalid-feedback" in body or "alert" in body, "no message shown"
    else:
        assert len(added) == 1, f"not stored ({response.status_code})"
        name = added[0].file.name
        assert SERVER_NAME.match(name), f"stored under the uploader's name: {name!r}"
    if "<script>" in body_of(response):
        assert "<script>alert(1)</script>" not in body_of(response)


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_record_attachment_upload(client, world, name, content, expected):
    client.force_login(world.facilitator)
    url = reverse("deliberation:attachment_add", args=[world.slug, world.meeting_number])
    existing = MeetingAttachment.objects.order_by("pk")
    before = existing.count()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(url, {"attachment-title": "Bilag", "attachment-file": upload})
    if response.status_code == 302:
        response = client.get(response["Location"])
    _assert_outcome(response, before, existing.all(), expected)


def _admin_change_data(response) -> dict:
    """The admin change form's current values, as the browser would send them back."""
    data: dict = {}
    adminform = response.context["adminform"]
    for name in adminform.form.fields:
        value = adminform.form[name].value()
        if value is None or name in adminform.readonly_fields:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and not isinstance(value, FieldFile):
                    data[form.add_prefix(name)] = value
    return {k: v for k, v in data.items() if v is not False and not isinstance(v, FieldFile)}


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_mandate_document_upload_in_the_admin(client, world, name, content, expected):
    client.force_login(world.staff)
    mandate = world.committee.mandate
    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = _admin_change_data(page)
    prefix = next(
        i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model is MandateDocument
    )
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-title"] = "Bilag"
    data[f"{prefix}-{total}-public"] = "on"
    data[f"{prefix}-{total}-mandate"] = str(mandate.pk)
    data[f"{prefix}-{total}-file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    existing = MandateDocument.objects.filter(mandate=mandate).order_by("pk")
    before = existing.count()
    response = client.post(url, data)
    if response.status_code == 302:
        response = client.get(response["Location"])
    _assert_outcome(response, before, existing.all(), expected)
