"""The deliverable's pages: confidential until a political body has dealt with it (404 for outsiders),
public afterwards without the comments and drafts; editing with a formset; comparing versions."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from deliberation.deliverables.review import review_step_record
from deliberation.deliverables.services import comment_add, deliverable_submit, latest_version, version_save
from deliberation.models import ReviewStep
from mandates.models import Mandate
from tests.deliberation.deliverable_factories import committee_at_work, drafted, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def cast():
    return committee_at_work()


def url(cast, name="deliberation:deliverable") -> str:
    return reverse(name, args=[cast.committee.mandate.slug])


def _reviewed(cast, staff):
    deliverable = submitted(cast)
    review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=ReviewStep.Outcome.RECOMMENDS,
        text="Anbefales.",
        by=staff,
    )
    return deliverable


def outsider(name: str, cast):
    if name == "anonymous":
        return None
    if name == "other citizen":
        return UserFactory()
    other = committee_at_work()  # a member of another committee
    return other.citizen


def insider(name: str, cast, politician, staff):
    return {"member": cast.citizen, "politician": politician, "staff": staff}[name]


@pytest.mark.parametrize("phase", ["drafting", "submitted"])
@pytest.mark.parametrize("who", ["anonymous", "other citizen", "member of another committee"])
def test_a_confidential_deliverable_is_404_for_outsiders(client, cast, phase, who):
    drafted(cast) if phase == "drafting" else submitted(cast)
    user = outsider(who, cast)
    if user:
        client.force_login(user)
    assert client.get(url(cast)).status_code == 404
    if user:
        assert client.get(url(cast, "deliberation:deliverable_diff")).status_code == 404


@pytest.mark.parametrize("phase", ["drafting", "submitted"])
@pytest.mark.parametrize("who", ["member", "politician", "staff"])
def test_a_confidential_deliverable_is_visible_to_members_politicians_and_staff(
    client, cast, politician, staff, phase, who
):
    drafted(cast) if phase == "drafting" else submitted(cast)
    client.force_login(insider(who, cast, politician, staff))
    response = client.get(url(cast))
    if who == "politician" and phase == "drafting":
        # Drafts are the committee's working material; politicians read what is submitted to them.
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert "Unge skal høres i alle sager." in response.content.decode()


def test_a_politician_outside_the_committee_reads_the_submitted_text_but_no_comments_or_versions(
    client, cast, politician
):
    deliverable = drafted(cast)
    comment_add(
        deliverable=deliverable,
        section_key=latest_version(deliverable).sections[0]["key"],
        by=cast.citizen,
        body="HEMMELIG-KOMMENTAR",
    )
    deliverable_submit(deliverable=deliverable, by=cast.facilitator)
    client.force_login(politician)
    html = client.get(url(cast)).content.decode()
    assert "Unge skal høres i alle sager." in html
    assert "HEMMELIG-KOMMENTAR" not in html
    assert client.get(url(cast, "deliberation:deliverable_diff")).status_code == 404


def test_after_the_first_review_step_the_public_reads_the_submitted_text_without_comments(
    client, cast, staff
):
    deliverable = _reviewed(cast, staff)
    key = deliverable.submitted_version.sections[0]["key"]
    comment_add_body = "Intern kommentar om visionen"
    # Comments are only possible while drafting; write one on the record directly.
    deliverable.comments.create(section_key=key, body=comment_add_body, author=cast.citizen)
    response = client.get(url(cast))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unge skal høres i alle sager." in page
    assert comment_add_body not in page
    assert "Anbefales." in page  # the route with the body's text
    assert "Propose an amendment" not in page
    assert client.get(url(cast, "deliberation:deliverable_diff")).status_code == 302  # sign in first


def test_comments_show_to_members_with_a_form_while_drafting(client, cast):
    deliverable = drafted(cast)
    key = latest_version(deliverable).sections[0]["key"]
    comment_add(deliverable=deliverable, section_key=key, by=cast.citizen, body="Godt skrevet")
    client.force_login(cast.citizen)
    page = client.get(url(cast)).content.decode()
    assert "Godt skrevet" in page and f'id="comment-{key}"' in page


def test_a_member_comments_through_the_page(client, cast):
    deliverable = drafted(cast)
    key = latest_version(deliverable).sections[1]["key"]
    client.force_login(cast.citizen)
    response = client.post(url(cast, "deliberation:deliverable_comment"), {"section_key": key, "body": "Hej"})
    assert response.status_code == 302
    assert deliverable.comments.get().body == "Hej"


def test_markdown_with_a_script_is_sanitised(client, cast):
    drafted(
        cast,
        sections=[
            {"heading": "Farlig", "body": "**Fed** <script>alert('x')</script> [l](javascript:alert(1))"}
        ],
    )
    client.force_login(cast.citizen)
    page = client.get(url(cast)).content.decode()
    assert "<strong>Fed</strong>" in page
    assert "<script>alert" not in page and "javascript:" not in page


def test_the_facilitator_submits_through_the_page(client, cast):
    drafted(cast)
    client.force_login(cast.facilitator)
    assert "Submit version 1" in client.get(url(cast)).content.decode()
    response = client.post(url(cast, "deliberation:deliverable_submit"))
    assert response.status_code == 302
    assert cast.mandate.state == Mandate.State.DELIVERED


def test_a_citizen_member_sees_no_submit_button(client, cast):
    drafted(cast)
    client.force_login(cast.citizen)
    assert "Submit version" not in client.get(url(cast)).content.decode()


# --- Editing.


def _formset_data(title, sections, *, extra_blank=True):
    rows = [*sections, *([{"heading": "", "body": ""}] if extra_blank else [])]
    data = {
        "title": title,
        "sections-TOTAL_FORMS": str(len(rows)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        for field in ("key", "heading", "body", "ORDER", "DELETE"):
            if row.get(field) not in (None, False):
                data[f"sections-{n}-{field}"] = row[field]
    return data


def test_the_edit_page_saves_a_reordered_trimmed_and_extended_version(client, cast):
    deliverable = drafted(cast)
    v1 = latest_version(deliverable)
    a, b = v1.sections
    client.force_login(cast.citizen)
    assert client.get(url(cast, "deliberation:deliverable_edit")).status_code == 200
    data = _formset_data(
        "Ny titel",
        [
            {**a, "ORDER": "2"},
            {**b, "ORDER": "1", "DELETE": "on"},
            {"key": "", "heading": "Økonomi", "body": "Ingen", "ORDER": "1"},
        ],
        extra_blank=True,
    )
    response = client.post(url(cast, "deliberation:deliverable_edit"), data)
    assert response.status_code == 302, response.content.decode()
    v2 = latest_version(deliverable)
    assert v2.number == 2 and v2.title == "Ny titel"
    assert [s["heading"] for s in v2.sections] == ["Økonomi", "Vision"]
    assert v2.sections[1]["key"] == a["key"]


def test_an_unchanged_edit_shows_a_message(client, cast):
    deliverable = drafted(cast)
    v1 = latest_version(deliverable)
    client.force_login(cast.citizen)
    data = _formset_data(v1.title, [{**s, "ORDER": str(n)} for n, s in enumerate(v1.sections, 1)])
    response = client.post(url(cast, "deliberation:deliverable_edit"), data)
    assert response.status_code == 200
    assert "Nothing has changed" in response.content.decode()


def test_outsiders_cannot_open_the_edit_page(client, cast):
    drafted(cast)
    assert client.get(url(cast, "deliberation:deliverable_edit")).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(url(cast, "deliberation:deliverable_edit")).status_code == 404


def test_a_politician_outside_the_committee_reads_but_cannot_edit(client, cast, politician):
    submitted(cast)
    client.force_login(politician)
    assert client.get(url(cast)).status_code == 200
    assert client.get(url(cast, "deliberation:deliverable_edit")).status_code == 404  # the committee's page


# --- Comparing versions.


def test_any_two_versions_can_be_compared(client, cast):
    deliverable = drafted(cast)
    v1 = latest_version(deliverable)
    version_save(
        deliverable=deliverable,
        by=cast.citizen,
        title=v1.title,
        sections=[{**v1.sections[0], "body": "Alle unge skal trives."}, v1.sections[1]],
    )
    client.force_login(cast.citizen)
    page = client.get(url(cast, "deliberation:deliverable_diff"), {"a": 1, "b": 2}).content.decode()
    assert "Unge skal høres i alle sager." in page and "Removed:" in page


@pytest.mark.parametrize("params", [{"a": "x", "b": "2"}, {"a": "1", "b": "99"}, {"a": "-1"}, {"b": "1e9"}])
def test_junk_version_numbers_give_a_message_not_an_error(client, cast, params):
    drafted(cast)
    client.force_login(cast.citizen)
    response = client.get(url(cast, "deliberation:deliverable_diff"), params)
    assert response.status_code == 200
    assert "Choose two versions that exist." in response.content.decode()
