"""The download links appear beside the print view, on the committee page, on the deliverable page and in the
mandate's admin, to those who may follow them; and every arrow points down: no app below case_documents
names it, and no template outside its own reverses its URLs (they come through core.downloads)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts import roles
from core import downloads
from deliberation.deliverables.services import deliverable_submit
from mandates.models import Mandate
from tests.case_documents.conftest import YOUTH
from tests.deliberation.deliverable_factories import committee_at_work, drafted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
LOWER_APPS = (
    "accounts",
    "audit",
    "notifications",
    "core",
    "mandates",
    "committees",
    "recruitment",
    "deliberation",
)


def links(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return re.findall(r'href="([^"]+\.(?:pdf|docx))"', html)


def test_the_public_reads_the_decided_youth_policys_case_document_and_mandate_from_its_pages(client, demo):
    case = [
        reverse("case_documents:case_document_pdf", args=[YOUTH]),
        reverse("case_documents:case_document_docx", args=[YOUTH]),
    ]
    mandate = [
        reverse("case_documents:mandate_pdf", args=[YOUTH]),
        reverse("case_documents:mandate_docx", args=[YOUTH]),
    ]
    assert links(client, reverse("deliberation:deliverable", args=[YOUTH])) == case
    assert links(client, reverse("committees:print", args=[YOUTH])) == mandate
    assert links(client, reverse("portal:committee", args=[YOUTH])) == mandate


def test_the_mandates_admin_page_offers_both_documents_to_staff(client, demo, demo_staff):
    client.force_login(demo_staff)
    mandate = Mandate.objects.get(slug=YOUTH)
    found = links(client, reverse("admin:mandates_mandate_change", args=[mandate.pk]))
    assert found == [
        reverse("case_documents:mandate_pdf", args=[YOUTH]),
        reverse("case_documents:mandate_docx", args=[YOUTH]),
        reverse("case_documents:case_document_pdf", args=[YOUTH]),
        reverse("case_documents:case_document_docx", args=[YOUTH]),
    ]


def test_a_draft_deliverable_offers_no_case_document_and_a_submitted_one_only_to_its_readers(client, staff):
    cast = committee_at_work()
    deliverable = drafted(cast)
    page = reverse("deliberation:deliverable", args=[cast.mandate.slug])
    client.force_login(cast.facilitator)
    assert links(client, page) == []
    deliverable_submit(deliverable=deliverable, by=cast.facilitator)
    for reader in (cast.facilitator, staff, UserFactory(roles=[roles.POLITICIAN], totp=True)):
        client.force_login(reader)
        assert len(links(client, page)) == 2, reader


def test_the_slots_refuse_a_name_they_do_not_have():
    with pytest.raises(ValueError, match="Unknown download slot"):
        downloads.register("committee-sidebar", lambda request, obj: [])


def test_no_app_below_names_case_documents_and_no_other_template_reverses_its_urls():
    offenders = [
        str(path.relative_to(ROOT))
        for app in LOWER_APPS
        for path in (ROOT / app).rglob("*.py")
        if "case_documents" in path.read_text(encoding="utf-8")
    ]
    assert not offenders, f"these modules of lower apps name case_documents: {offenders}"
    templates = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "case_documents:" in path.read_text(encoding="utf-8") and "case_documents" not in path.parts
    ]
    assert not templates, f"these templates reverse case_documents' URLs themselves: {templates}"
