"""The committee's view: grouped, filtered, searched, tagged, counted and charted (with its table), and the
CSV export on record. Its queries do not grow with the number of contributions."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from audit.services import entries_for
from consultations.models import Contribution
from consultations.moderation import contribution_approve, contribution_hide, contribution_tag
from tests.consultations.factories import bulk_contributions, consultation_for, contribute
from tests.deliberation.deliverable_factories import committee_at_work
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return committee_at_work()


@pytest.fixture
def heard(cast):
    """A consultation with one contribution in each state the committee may see, and a draft."""
    consultation = consultation_for(cast)
    items = list(consultation.items.all())
    published = contribute(consultation, body="Flere cykelstier til skolen.", item=items[0])
    contribution_approve(contribution=published, by=cast.facilitator)
    contribution_tag(contribution=published, by=cast.facilitator, names=["Cykler"])
    hidden = contribute(consultation, body="Min nabo Hans Hansen cykler for stærkt.", item=items[1])
    contribution_hide(contribution=hidden, by=cast.facilitator, reason="personal_data")
    contribute(
        consultation,
        body='=HYPERLINK("http://x") Klubben ønsker baner.',
        item=items[1],
        kind=Contribution.Kind.ORGANISATION,
        organisation="Gentofte Atletik",
    )
    contribute(consultation, body="HEMMELIGT-UDKAST", send=False)
    return consultation


def test_moderators_see_every_sent_contribution_grouped_and_never_a_draft(client, cast, heard):
    client.force_login(cast.facilitator)
    page = client.get(reverse("consultations:review", args=[heard.pk])).content.decode()
    assert "Flere cykelstier" in page and "Hans Hansen" in page and "Gentofte Atletik" in page
    assert "HEMMELIGT-UDKAST" not in page
    listing = page.split('role="status"')[1]
    first, second = "Hvad får dig til at bevæge dig", "Hvad holder dig"
    assert listing.index(first) < listing.index("Flere cykelstier") < listing.index(second)


def test_other_members_read_what_the_public_reads(client, cast, heard):
    client.force_login(cast.chair)
    page = client.get(reverse("consultations:review", args=[heard.pk])).content.decode()
    assert "Flere cykelstier" in page
    assert "Hans Hansen" not in page and "Gentofte Atletik" not in page  # hidden, and waiting for review


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ({"q": "baner"}, "Gentofte Atletik", "Flere cykelstier"),
        ({"kind": "organisation"}, "Gentofte Atletik", "Flere cykelstier"),
        ({"state": "hidden"}, "Hans Hansen", "Flere cykelstier"),
        ({"state": "nonsense", "item": "x", "tag": "²"}, "Flere cykelstier", "HEMMELIGT-UDKAST"),
    ],
)
def test_the_filters_and_the_search_narrow_the_list(client, cast, heard, query, shown, not_shown):
    client.force_login(cast.facilitator)
    page = client.get(reverse("consultations:review", args=[heard.pk]), query).content.decode()
    assert shown in page and not_shown not in page.split('role="status"')[1]


def test_a_tag_filters_too(client, cast, heard):
    client.force_login(cast.facilitator)
    tag = heard.tags.get()
    page = client.get(reverse("consultations:review", args=[heard.pk]), {"tag": tag.pk}).content.decode()
    listing = page.split('role="status"')[1]
    assert "Flere cykelstier" in listing and "Gentofte Atletik" not in listing


def test_the_charts_come_with_tables_of_the_same_numbers(client, cast, heard):
    client.force_login(cast.facilitator)
    page = client.get(reverse("consultations:review", args=[heard.pk])).content.decode()
    assert page.count('role="img"') == 2
    assert page.count("chart-table") == 2


def test_the_export_holds_every_sent_contribution_defuses_formulas_and_is_on_record(client, cast, heard):
    client.force_login(cast.facilitator)
    response = client.get(reverse("consultations:export", args=[heard.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3
    assert all("@" not in cell for row in rows for cell in row)  # no email address
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    entry = entries_for(heard).get(action="consultation.exported")
    assert entry.actor == cast.facilitator and entry.data["rows"] == 3


def test_the_chair_may_read_but_not_export(client, cast, heard):
    client.force_login(cast.chair)
    assert client.get(reverse("consultations:export", args=[heard.pk])).status_code == 404


def test_the_committees_view_costs_the_same_queries_with_20_or_2000_contributions(client, cast):
    consultation = consultation_for(cast)
    bulk_contributions(consultation, 20)
    client.force_login(cast.facilitator)
    url = reverse("consultations:review", args=[consultation.pk])
    few = queries_for_page(client, url)
    bulk_contributions(consultation, 1980)
    assert queries_for_page(client, url) == few


def test_the_public_page_and_the_export_cost_the_same_queries_with_20_or_2000(client, cast):
    consultation = consultation_for(cast)
    bulk_contributions(consultation, 20)
    public = reverse("consultations:detail", args=[consultation.pk])
    export = reverse("consultations:export", args=[consultation.pk])
    client.force_login(cast.facilitator)
    few = (queries_for_page(client, public), queries_for_page(client, export))
    bulk_contributions(consultation, 1980)
    assert (queries_for_page(client, public), queries_for_page(client, export)) == few
