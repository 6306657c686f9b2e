"""What the public meets of meeting records: published decision summaries only, through the
`published_summaries` tag; never internal notes, decisions, ideas or an unpublished summary."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from deliberation.records.selectors import PublishedSummary, published_summaries_of
from tests.committees.factories import MeetingFactory, TaskCommitteeFactory
from tests.deliberation.record_factories import MeetingRecordFactory

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2026, 3, 1, 12, tzinfo=UTC)
SECRET = "Fortroligt: Ole var uenig om budgettet."


@pytest.fixture
def committee():
    committee = TaskCommitteeFactory()
    meetings = [MeetingFactory(committee=committee, number=n) for n in (1, 2, 3, 4)]
    MeetingRecordFactory(
        meeting=meetings[1],
        internal_notes=SECRET,
        summary="Referat af møde 2.",
        summary_published_at=PUBLISHED_AT,
    )
    MeetingRecordFactory(
        meeting=meetings[0],
        internal_notes=SECRET,
        summary="Referat af møde 1.",
        summary_published_at=PUBLISHED_AT,
    )
    MeetingRecordFactory(meeting=meetings[2], internal_notes=SECRET, summary="Udkast, ikke offentligt.")
    MeetingRecordFactory(meeting=meetings[3], internal_notes=SECRET, summary="")
    # Another committee's published summary stays on its own page.
    MeetingRecordFactory(
        meeting=MeetingFactory(), summary="Et andet udvalgs referat.", summary_published_at=PUBLISHED_AT
    )
    return committee


def test_the_tag_returns_only_published_summaries_in_meeting_order(committee):
    summaries = published_summaries_of(committee)

    assert [(s.number, s.summary) for s in summaries] == [
        (1, "Referat af møde 1."),
        (2, "Referat af møde 2."),
    ]
    assert summaries[0].published_at == PUBLISHED_AT
    assert summaries[0].starts_at.year == 2026


def test_a_published_summary_carries_nothing_internal():
    fields = {field.name for field in dataclasses.fields(PublishedSummary)}
    assert fields == {"number", "starts_at", "summary", "published_at"}


def test_the_summaries_render_in_a_template_without_internal_notes(committee, django_assert_num_queries):
    template = Template("{% for s in summaries %}[{{ s.number }}: {{ s.summary }}]{% endfor %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"summaries": published_summaries_of(committee)}))

    assert html == "[1: Referat af møde 1.][2: Referat af møde 2.]"
    assert "Fortroligt" not in html and "Udkast" not in html


def test_no_committee_no_summaries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert published_summaries_of(None) == []


def test_the_public_committee_page_never_shows_internal_notes_or_drafts(client, committee):
    response = client.get(reverse("portal:committee", args=[committee.mandate.slug]))

    assert response.status_code == 200
    assert SECRET.encode() not in response.content
    assert b"Udkast, ikke offentligt." not in response.content
