"""Hostile input: hypothesis posts junk to every form and POST endpoint, signed in as the role
allowed to use it. Never a 500 (a crash propagates from the test client and fails the test); markup
that comes back is escaped.

The world (tests/access/world.py) is built once for the module inside a transaction rolled back at
the end; each test runs in its own savepoint on top, so the examples of one test share its changes.
"""

from __future__ import annotations

import os
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access.world import World
from tests.hostile.junk import check, form_data

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

pytestmark = pytest.mark.django_db


def ids(world: World) -> tuple[str, ...]:
    """Ids of objects that are not what the form expects: other applications, users, documents."""
    return tuple(
        str(pk)
        for pk in (
            world.application_y.pk,
            world.politician_b.pk,
            world.internal_document_pk,
            world.attachment_pk,
            world.action_item_pk,
            world.call_pk,
        )
    )


def post(client, url: str, data: dict, what: str):
    """POST, check, and follow one local redirect (its messages may repeat the input), checking that too."""
    cache.clear()  # rate limits would otherwise answer 429 to everything after the first few examples
    response = client.post(url, data)
    SEEN.setdefault(what, []).append(response.status_code)
    check(response, data, f"POST {what}")
    if response.status_code in (302, 303):
        target = urlsplit(response["Location"])
        if not target.netloc:
            page = client.get(response["Location"])
            check(page, data, f"GET after POST {what}")
    return response


SEEN: dict[str, list[int]] = {}  # statuses per endpoint, printed by FUZZ_REPORT=1


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    if os.environ.get("FUZZ_REPORT"):
        for what, statuses in sorted(SEEN.items()):
            print(f"{what}: {len(statuses)} examples, {dict(Counter(statuses))}")


def as_(client, user):
    client.force_login(user)
    return client


# --- The citizen.

APPLICATION_FIELDS = (
    "choice_1", "choice_2", "choice_3", "motivation", "experience", "available_meetings", "tie",
    "postal_code", "other_tie", "organisation", "takes_part_as_individual", "gender", "age_band",
    "district", "phone", "consent", "notice_version",
)  # fmt: skip


@st.composite
def application_data(draw, world_ids):
    return draw(form_data(APPLICATION_FIELDS, world_ids, fixed={"consent": "on", "tie": "lives"}))


@FUZZ
@given(data=st.data())
def test_apply(client, world, data):
    body = data.draw(form_data(APPLICATION_FIELDS, ids(world), fixed={"consent": "on", "tie": "lives"}))
    post(as_(client, world.citizen), reverse("recruitment:apply", args=[world.call_pk]), body, "apply")


@FUZZ
@given(data=st.data())
def test_application_edit(client, world, data):
    body = data.draw(form_data(APPLICATION_FIELDS, ids(world), fixed={"consent": "on", "tie": "other"}))
    url = reverse("recruitment:application_edit", args=[world.reference])
    post(as_(client, world.applicant), url, body, "application_edit")


@FUZZ
@given(data=st.data())
def test_application_withdraw(client, world, data):
    body = data.draw(form_data(["confirm", "next"], ids(world)))
    url = reverse("recruitment:application_withdraw", args=[world.reference])
    post(as_(client, world.applicant), url, body, "application_withdraw")


@FUZZ
@given(data=st.data())
def test_invitation_answer(client, world, data):
    body = data.draw(form_data(["answer"], ids(world), fixed={"answer": "decline-confirmed"}))
    post(client, reverse("recruitment:invitation", args=[world.invitation_token]), body, "invitation")


@FUZZ
@given(data=st.data())
def test_follow(client, world, data):
    body = data.draw(form_data(["follow"], ids(world)))
    post(as_(client, world.citizen), reverse("committees:follow", args=[world.slug]), body, "follow")


@pytest.fixture
def citizen_member(world):
    from tests.committees.factories import MembershipFactory

    return MembershipFactory(committee=world.committee, user=world.citizen, citizen=True).user


@FUZZ
@given(data=st.data())
def test_member_naming(client, world, citizen_member, data):
    body = data.draw(form_data(["show_name"], ids(world)))
    url = reverse("deliberation:member_naming", args=[world.slug])
    post(as_(client, citizen_member), url, body, "member_naming")


@FUZZ
@given(data=st.data())
def test_language_switch(client, world, data):
    body = data.draw(form_data(["language", "next"], ids(world), fixed={"language": "en"}))
    post(as_(client, world.citizen), reverse("accounts:language_switch"), body, "language_switch")


@FUZZ
@given(data=st.data())
def test_signup(client, world, data):
    body = data.draw(
        form_data(
            ["email", "full_name", "preferred_language"], ids(world), fixed={"preferred_language": "da"}
        )
    )
    post(client, reverse("account_signup"), body, "signup")
    client.logout()


# --- The committee's review.


@FUZZ
@given(data=st.data())
def test_rate(client, world, data):
    body = data.draw(form_data(["profile", "score", "note"], ids(world)))
    url = reverse("recruitment:rate", args=[world.call_pk, world.reference])
    post(as_(client, world.politician), url, body, "rate")


@FUZZ
@given(data=st.data())
def test_matching_confirm_while_open(client, world, data):
    body = data.draw(form_data(["pin", "exclude", "seat", "reserve", "rationale"], ids(world)))
    url = reverse("recruitment:matching", args=[world.call_pk])
    post(as_(client, world.politician), url, body, "matching (open call)")


@FUZZ
@given(data=st.data())
def test_matching_confirm_after_the_deadline(client, world, data):
    from django.utils import timezone

    from recruitment.models import Call

    Call.objects.filter(pk=world.call_pk).update(deadline=timezone.now() - timezone.timedelta(days=1))
    body = data.draw(form_data(["pin", "exclude", "seat", "reserve", "rationale"], ids(world)))
    url = reverse("recruitment:matching", args=[world.call_pk])
    post(as_(client, world.politician), url, body, "matching (closed call)")


@pytest.mark.parametrize("endpoint", ["seat_decide", "committee_start"])
@FUZZ
@given(data=st.data())
def test_seat_decisions(client, world, endpoint, data):
    fields = ["profile", f"seat-{world.call_pk}-choice", f"seat-{world.call_pk}-reason", "start-reason"]
    body = data.draw(form_data(fields, ids(world)))
    url = reverse(f"recruitment:{endpoint}", args=[world.call_pk])
    post(as_(client, world.politician), url, body, endpoint)


@FUZZ
@given(data=st.data())
def test_matching_get_with_junk_pins(client, world, data):
    query = data.draw(form_data(["pin", "exclude"], ids(world)))
    cache.clear()
    response = as_(client, world.politician).get(reverse("recruitment:matching", args=[world.call_pk]), query)
    check(response, query, "GET matching")


@FUZZ
@given(data=st.data())
def test_dashboard_filters(client, world, data):
    query = data.draw(form_data(["profile", "availability", "district", "gender", "age_band"], ids(world)))
    response = as_(client, world.facilitator).get(
        reverse("recruitment:dashboard", args=[world.call_pk]), query
    )
    check(response, query, "GET dashboard")


# --- Meetings and records.


def _meeting_url(world, name, *extra):
    return reverse(f"deliberation:{name}", args=[world.slug, world.meeting_number, *extra])


@pytest.mark.parametrize("action", ["reschedule", "cancel", "agenda", "junk"])
@FUZZ
@given(data=st.data())
def test_meeting_actions(client, world, action, data):
    fields = {
        "reschedule": ["day", "starts", "ends", "place"],
        "cancel": ["reason", "confirm"],
        "agenda": ["agenda"],
        "junk": ["reschedule-day", "cancel-confirm", "agenda-agenda"],
    }[action]
    body = data.draw(
        form_data(
            [f"{action}-{f}" for f in fields],
            ids(world),
            fixed={"action": action} if action != "junk" else {},
        )
    )
    post(as_(client, world.facilitator), _meeting_url(world, "meeting"), body, f"meeting {action}")


@FUZZ
@given(data=st.data())
def test_record_save(client, world, data):
    fields = ["present", "internal_notes", "decisions", "ideas", "summary", "publish"]
    body = data.draw(form_data(fields, ids(world)))
    post(as_(client, world.facilitator), _meeting_url(world, "record"), body, "record")


@FUZZ
@given(data=st.data())
def test_action_item_add(client, world, data):
    body = data.draw(form_data(["item-text", "item-owner", "item-due_on"], ids(world)))
    post(as_(client, world.facilitator), _meeting_url(world, "action_item_add"), body, "action_item_add")


@FUZZ
@given(data=st.data())
def test_action_item_done(client, world, data):
    body = data.draw(form_data(["done"], ids(world)))
    url = _meeting_url(world, "action_item_done", world.action_item_pk)
    post(as_(client, world.facilitator), url, body, "action_item_done")


@FUZZ
@given(data=st.data())
def test_attachment_add_without_a_file(client, world, data):
    body = data.draw(form_data(["attachment-title", "attachment-file"], ids(world)))
    post(as_(client, world.facilitator), _meeting_url(world, "attachment_add"), body, "attachment_add")


# --- The deliverable.


@st.composite
def section_formset(draw, world_ids):
    total = draw(st.sampled_from(["0", "1", "2", "3", "-1", "1000", "x", "²", "99999999999999999999"]))
    rows = draw(st.integers(0, 3))
    fields = ["title", "sections-TOTAL_FORMS", "sections-INITIAL_FORMS", "sections-MIN_NUM_FORMS",
              "sections-MAX_NUM_FORMS"]  # fmt: skip
    for n in range(rows):
        fields += [f"sections-{n}-{f}" for f in ("key", "heading", "body", "ORDER", "DELETE")]
    fixed = {"sections-TOTAL_FORMS": total, "sections-INITIAL_FORMS": "0"}
    return draw(form_data(fields, world_ids, fixed=fixed))


@FUZZ
@given(data=st.data())
def test_deliverable_edit(client, world, data):
    body = data.draw(section_formset(ids(world)))
    url = reverse("deliberation:deliverable_edit", args=[world.slug])
    post(as_(client, world.facilitator), url, body, "deliverable_edit")


@FUZZ
@given(data=st.data())
def test_deliverable_comment(client, world, data):
    body = data.draw(form_data(["section_key", "body"], ids(world), fixed={"section_key": "a1"}))
    url = reverse("deliberation:deliverable_comment", args=[world.slug])
    post(as_(client, world.politician), url, body, "deliverable_comment")


@FUZZ
@given(data=st.data())
def test_deliverable_submit(client, world, data):
    body = data.draw(form_data(["confirm"], ids(world)))
    url = reverse("deliberation:deliverable_submit", args=[world.slug])
    post(as_(client, world.facilitator), url, body, "deliverable_submit")


@pytest.fixture
def submitted(world):
    from deliberation.deliverables.services import deliverable_for, deliverable_submit
    from mandates.models import Mandate

    Mandate.objects.filter(slug=world.slug).update(
        state=Mandate.State.ACTIVE
    )  # submitting needs an active one
    deliverable = deliverable_for(committee=world.committee)
    deliverable_submit(deliverable=deliverable, by=world.facilitator)
    return deliverable


@FUZZ
@given(data=st.data())
def test_deliverable_amend(client, world, submitted, data):
    fields = ["passage", "selection_key", "selection_start", "selection_end", "selection_text"]
    fields += ["proposed_text", "reason"]
    passage = data.draw(st.sampled_from(["selection", "whole:a1", "para:a1:0", "para:a1:99"]))
    body = data.draw(form_data(fields, ids(world), fixed={"passage": passage, "selection_key": "a1"}))
    url = reverse("deliberation:deliverable_amend", args=[world.slug])
    post(as_(client, world.politician), url, body, "deliverable_amend")


# --- After the decision.


@pytest.fixture
def concluded(world):
    from deliberation.follow_up import survey_selectors
    from mandates.models import Mandate

    Mandate.objects.filter(slug=world.slug).update(state=survey_selectors.CONCLUDED[0])


@FUZZ
@given(data=st.data())
def test_evaluation(client, world, concluded, data):
    from deliberation.models import EvaluationAnswer

    body = data.draw(form_data([*EvaluationAnswer.STATEMENTS, "free_text"], ids(world)))
    url = reverse("deliberation:evaluation", args=[world.slug])
    post(as_(client, world.politician), url, body, "evaluation")
