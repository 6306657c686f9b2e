"""Hostile input to every form of consultations and dialogue meetings, signed in as the role allowed to use
it: never a 500, markup always escaped. Uploads of the wrong kind are refused with a message, and a PDF is
stored under a name the server makes. The world is tests/access/world.py (committee A's consultation and
dialogue meeting), built once for the module."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from consultations.models import Contribution
from tests.access.world import World, build_world
from tests.hostile.junk import body_of, check, form_data
from tests.hostile.test_forms_fuzz import FUZZ, as_, post
from tests.support.module_data import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker, build_world) as world:
        yield world


def ids(world: World) -> tuple[str, ...]:
    """Ids of other objects: someone else's contribution and seat, another committee's person."""
    work = world.public_work
    return tuple(
        str(pk) for pk in (work.draft_pk, work.withdrawn_pk, work.registration_pk, world.politician_b.pk)
    )


CONTRIBUTION_FIELDS = ("body", "kind", "organisation", "publication", "consent", "notice_version", "action")
REGISTRATION_FIELDS = ("name", "access_needs", "access_details", "consent", "notice_version")
MEETING_FIELDS = (
    "kind", "title", "starts_at", "ends_at", "place", "online_url", "capacity", "programme", "accessibility",
    "action", "reason",
)  # fmt: skip


def _second_question(world):
    from consultations.models import ConsultationItem

    return ConsultationItem.objects.filter(consultation_id=world.public_work.consultation_pk).order_by(
        "order"
    )[1]


@FUZZ
@given(data=st.data())
def test_contribute(client, world, data):
    body = data.draw(form_data(CONTRIBUTION_FIELDS, ids(world), fixed={"consent": "on", "kind": "private"}))
    url = reverse(
        "consultations:contribute", args=[world.public_work.consultation_pk, _second_question(world).pk]
    )
    post(as_(client, world.citizen), url, body, "contribute")


@FUZZ
@given(data=st.data())
def test_contribute_before_signing_in(client, world, data):
    body = data.draw(form_data(CONTRIBUTION_FIELDS, ids(world), fixed={"consent": "on"}))
    client.logout()
    url = reverse(
        "consultations:contribute", args=[world.public_work.consultation_pk, world.public_work.item_pk]
    )
    post(client, url, body, "contribute (anonymous)")


@FUZZ
@given(data=st.data())
def test_contribution_edit(client, world, data):
    body = data.draw(
        form_data([*CONTRIBUTION_FIELDS, "remove_attachment"], ids(world), fixed={"consent": "on"})
    )
    url = reverse("consultations:contribution_edit", args=[world.public_work.draft_pk])
    post(as_(client, world.applicant), url, body, "contribution_edit")


@FUZZ
@given(data=st.data())
def test_contribution_withdraw(client, world, data):
    body = data.draw(form_data(["confirm"], ids(world)))
    url = reverse("consultations:contribution_withdraw", args=[world.public_work.draft_pk])
    post(as_(client, world.applicant), url, body, "contribution_withdraw")


@FUZZ
@given(data=st.data())
def test_register(client, world, data):
    body = data.draw(form_data(REGISTRATION_FIELDS, ids(world), fixed={"consent": "on"}))
    url = reverse("consultations:register", args=[world.public_work.meeting_pk])
    post(as_(client, world.citizen), url, body, "register")


@FUZZ
@given(data=st.data())
def test_registration_actions(client, world, data):
    body = data.draw(form_data(["action"], ids(world), fixed={"action": "accept"}))
    url = reverse("consultations:registration", args=[world.public_work.registration_pk])
    post(as_(client, world.applicant), url, body, "registration")


@st.composite
def consultation_form(draw, world_ids):
    total = draw(st.sampled_from(["0", "1", "2", "-1", "x", "1000", "99999999999999999999"]))
    fields = ["title", "introduction", "starts_at", "ends_at", "sections", "questions-TOTAL_FORMS",
              "questions-INITIAL_FORMS", "questions-MAX_NUM_FORMS"]  # fmt: skip
    for n in range(draw(st.integers(0, 3))):
        fields += [f"questions-{n}-title", f"questions-{n}-body"]
    fixed = {"questions-TOTAL_FORMS": total, "questions-INITIAL_FORMS": "0", "starts_at": "2026-12-01T10:00"}
    return draw(form_data(fields, world_ids, fixed=fixed))


@FUZZ
@given(data=st.data())
def test_consultation_new(client, world, data):
    body = data.draw(consultation_form(ids(world)))
    post(
        as_(client, world.facilitator),
        reverse("consultations:consultation_new", args=[world.slug]),
        body,
        "new",
    )


@FUZZ
@given(data=st.data())
def test_consultation_edit_and_publish(client, world, data):
    body = data.draw(consultation_form(ids(world)))
    pk = world.public_work.consultation_pk
    post(as_(client, world.facilitator), reverse("consultations:consultation_edit", args=[pk]), body, "edit")
    post(client, reverse("consultations:consultation_publish", args=[pk]), body, "publish")


@FUZZ
@given(data=st.data())
def test_report(client, world, data):
    from consultations.models import ConsultationItem

    items = ConsultationItem.objects.filter(consultation_id=world.public_work.consultation_pk)
    fields = ["summary", "meetings", "action", *(f"how_used_{item.pk}" for item in items)]
    body = data.draw(form_data(fields, ids(world), fixed={"action": "publish"}))
    url = reverse("consultations:report", args=[world.public_work.consultation_pk])
    post(as_(client, world.facilitator), url, body, "report")


@FUZZ
@given(data=st.data())
def test_review_filters(client, world, data):
    query = data.draw(form_data(["item", "state", "kind", "tag", "q", "page"], ids(world)))
    cache.clear()
    response = as_(client, world.facilitator).get(
        reverse("consultations:review", args=[world.public_work.consultation_pk]), query
    )
    check(response, query, "GET review")


@FUZZ
@given(data=st.data())
def test_public_page_filters(client, world, data):
    query = data.draw(form_data(["item", "page"], ids(world)))
    response = client.get(reverse("consultations:detail", args=[world.public_work.consultation_pk]), query)
    check(response, query, "GET consultation")


@FUZZ
@given(data=st.data())
def test_moderate_and_tag(client, world, data):
    work = world.public_work
    body = data.draw(
        form_data(["action", "reason", "return_query", "tags"], ids(world), fixed={"action": "hide"})
    )
    as_(client, world.facilitator)
    post(
        client,
        reverse("consultations:moderate", args=[work.consultation_pk, work.published_pk]),
        body,
        "moderate",
    )
    post(client, reverse("consultations:tag", args=[work.consultation_pk, work.published_pk]), body, "tag")


@FUZZ
@given(data=st.data())
def test_meeting_new(client, world, data):
    body = data.draw(form_data(MEETING_FIELDS, ids(world), fixed={"kind": "workshop", "capacity": "5"}))
    post(
        as_(client, world.facilitator),
        reverse("consultations:meeting_new", args=[world.slug]),
        body,
        "meeting_new",
    )


@FUZZ
@given(data=st.data())
def test_meeting_edit_and_cancel(client, world, data):
    body = data.draw(form_data(MEETING_FIELDS, ids(world), fixed={"action": "save"}))
    url = reverse("consultations:meeting_edit", args=[world.public_work.meeting_pk])
    post(as_(client, world.facilitator), url, body, "meeting_edit")


@FUZZ
@given(data=st.data())
def test_attendance_and_summary(client, world, data):
    pk = world.public_work.meeting_pk
    body = data.draw(form_data(["present", "summary", "action"], ids(world), fixed={"action": "publish"}))
    as_(client, world.facilitator)
    post(client, reverse("consultations:attendance", args=[pk]), body, "attendance")
    post(client, reverse("consultations:meeting_summary", args=[pk]), body, "meeting_summary")


# --- Uploads to a contribution.

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
SERVER_NAME = re.compile(r"\Aconsultations/contributions/[0-9a-f]{32}\.pdf\Z")


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        pytest.param("virus.exe", EXE, False, id="exe"),
        pytest.param("notes.pdf", b"Just text, named like a PDF.", False, id="text-named-pdf"),
        pytest.param("virus.pdf", EXE, False, id="exe-named-pdf"),
        pytest.param("big.pdf", PDF + b"0" * 5000, False, id="oversize"),
        pytest.param("../../etc/passwd.pdf", PDF, True, id="traversal-name"),
        pytest.param("<script>alert(1)</script>.pdf", PDF, True, id="markup-name"),
    ],
)
def test_an_attached_file_is_a_pdf_of_bounded_size_stored_under_a_name_the_server_makes(
    client, world, settings, name, content, stored
):
    from core.models import PrivacyNotice

    settings.MANDATE_DOCUMENT_MAX_BYTES = 1000
    client.force_login(world.citizen)
    item = _second_question(world)
    url = reverse("consultations:contribute", args=[world.public_work.consultation_pk, item.pk])
    text = "Mit bidrag med en fil."
    response = client.post(
        url,
        {
            "body": text,
            "kind": "private",
            "publication": "named",
            "consent": "on",
            "notice_version": PrivacyNotice.objects.current().version,
            "attachment": SimpleUploadedFile(name, content),
            "action": "send",
        },
    )
    found = Contribution.objects.filter(author=world.citizen, item=item).first()
    if stored:
        assert response.status_code == 302 and SERVER_NAME.match(found.attachment.name), found.attachment.name
    else:
        assert found is None and response.status_code == 200
        page = body_of(response)
        assert text in page and 'id="id_attachment_error"' in page
