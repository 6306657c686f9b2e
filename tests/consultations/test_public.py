"""The public side: the list, the Atom feed of open consultations, the pages the cache serves (and forgets
when something public changes), what never shows (emails, anonymous names, drafts, hidden texts), the
privacy notice, and the floors: nothing below knows this app, and recruitment and consultations know
nothing of each other."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Contribution
from consultations.moderation import contribution_approve, contribution_hide
from consultations.selectors import committee_participation, open_consultations
from core.cache import HIT_HEADER
from core.models import PrivacyNotice
from tests.consultations.factories import consultation_for, contribute, meeting_for
from tests.deliberation.deliverable_factories import committee_at_work
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def cast():
    return committee_at_work()


def test_the_atom_feed_lists_the_open_consultations_only(client, cast):
    open_one = consultation_for(cast)
    consultation_for(cast, publish=False)
    consultation_for(cast, opened_days_ago=-3)  # opens in three days
    response = client.get(reverse("consultations:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in entries] == [
        settings.SITE_URL + open_one.get_absolute_url()
    ]
    assert [c.pk for c in open_consultations()] == [open_one.pk]


def test_the_list_shows_open_and_coming_consultations_and_meetings(client, cast):
    consultation = consultation_for(cast)
    meeting = meeting_for(cast, capacity=3)
    page = client.get(reverse("consultations:list")).content.decode()
    assert consultation.get_absolute_url() in page and meeting.get_absolute_url() in page
    assert "3" in client.get(meeting.get_absolute_url()).content.decode()


def test_no_email_anonymous_name_draft_or_hidden_text_reaches_the_public_page(client, cast):
    consultation = consultation_for(cast)
    named = contribute(consultation, UserFactory(full_name="Navngiven Borger", email="navngiven@example.dk"))
    anonymous = contribute(
        consultation,
        UserFactory(full_name="Hemmelig Skribent", email="hemmelig@example.dk"),
        publication=Contribution.Publication.ANONYMOUS,
        body="Et anonymt bidrag.",
        item=consultation.items.last(),
    )
    hidden = contribute(consultation, body="Skjult tekst om naboen.", item=consultation.items.last())
    contribute(consultation, body="KLADDE-TEKST", send=False)
    for contribution in (named, anonymous, hidden):
        contribution_approve(contribution=contribution, by=cast.facilitator)
    contribution_hide(contribution=hidden, by=cast.facilitator, reason="personal_data")

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Navngiven Borger" in page and "Et anonymt bidrag." in page
    for secret in (
        "navngiven@example.dk",
        "Hemmelig Skribent",
        "hemmelig@example.dk",
        "Skjult tekst",
        "KLADDE",
    ):
        assert secret not in page, secret


def test_the_cached_page_shows_a_new_contribution_on_the_next_visit(client, cast, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    consultation = consultation_for(cast)
    contribution = contribute(consultation, body="Vi mangler bænke langs stierne.")
    url = consultation.get_absolute_url()
    assert Client().get(url)[HIT_HEADER] == "miss"
    assert Client().get(url)[HIT_HEADER] == "hit"
    contribution_approve(contribution=contribution, by=cast.facilitator)
    fresh = Client().get(url)
    assert fresh[HIT_HEADER] == "miss" and "Vi mangler bænke" in fresh.content.decode()


def test_a_tag_does_not_empty_the_cache(client, cast, settings):
    from consultations.moderation import contribution_tag

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    consultation = consultation_for(cast)
    contribution = contribute(consultation)
    url = consultation.get_absolute_url()
    Client().get(url)
    contribution_tag(contribution=contribution, by=cast.facilitator, names=["bænke"])
    assert Client().get(url)[HIT_HEADER] == "hit"


def test_the_committee_section_has_the_consultations_and_the_meetings(cast):
    consultation = consultation_for(cast)
    consultation_for(cast, publish=False)
    meeting = meeting_for(cast)
    participation = committee_participation(cast.committee)
    assert [c.pk for c in participation.consultations] == [consultation.pk]
    assert [m.pk for m in participation.upcoming_meetings] == [meeting.pk]
    assert not committee_participation(committee_at_work().committee)


def test_the_home_page_lists_the_open_consultations_and_learns_of_a_new_one(cast, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    open_now = consultation_for(cast, title="Stier og bænke i parken")
    consultation_for(cast, title="Et udkast ingen har set", publish=False)
    ended = consultation_for(cast, title="En høring der er slut", opened_days_ago=30)
    Consultation.objects.filter(pk=ended.pk).update(ends_at=timezone.now() - timedelta(hours=1))
    home = Client().get("/").content.decode()
    assert "Stier og bænke i parken" in home and open_now.get_absolute_url() in home
    assert "Et udkast ingen har set" not in home and "En høring der er slut" not in home
    assert reverse("consultations:feed") in home
    assert Client().get("/")[HIT_HEADER] == "hit"
    later = consultation_for(cast, title="Cykelparkering ved stationen")
    fresh = Client().get("/")
    assert fresh[HIT_HEADER] == "miss" and later.get_absolute_url() in fresh.content.decode()


def test_the_home_page_says_nothing_of_consultations_when_none_is_open(client):
    assert "consultations-heading" not in client.get("/").content.decode()


def test_the_committee_page_shows_its_consultations_and_dialogue_meetings(cast):
    consultation = consultation_for(cast)
    meeting = meeting_for(cast)
    other = consultation_for(committee_at_work(), title="Et andet udvalgs høring")
    page = Client().get(cast.mandate.get_absolute_url()).content.decode()
    assert consultation.get_absolute_url() in page and meeting.get_absolute_url() in page
    assert other.get_absolute_url() not in page
    # The public manages nothing.
    assert reverse("consultations:overview", args=[cast.mandate.slug]) not in page


def test_the_committee_and_its_members_find_where_they_ask_the_public(client, cast):
    overview = reverse("consultations:overview", args=[cast.mandate.slug])
    assert "participation-heading" not in Client().get(cast.mandate.get_absolute_url()).content.decode()
    client.force_login(cast.facilitator)
    assert overview in client.get(cast.mandate.get_absolute_url()).content.decode()
    assert overview in client.get(reverse("deliberation:my_committees")).content.decode()
    client.force_login(UserFactory())
    assert overview not in client.get(cast.mandate.get_absolute_url()).content.decode()


def test_the_privacy_notice_covers_contributions_and_dialogue_meetings(client):
    notice = PrivacyNotice.objects.current()
    assert notice.version == "1.2"
    assert "høring" in notice.body_da and "dialogmøde" in notice.body_da
    assert "consultation" in notice.body_en and "dialogue meeting" in notice.body_en
    assert "e-mailadresse vises aldrig" in notice.body_da


def test_the_contribution_records_the_notice_it_was_given_under(cast):
    contribution = contribute(consultation_for(cast))
    assert contribution.privacy_notice == PrivacyNotice.objects.current()


# --- The floors (DESIGN.md §3).

BELOW = ("accounts", "audit", "notifications", "core", "mandates", "committees", "deliberation")
NAMES_US = re.compile(
    r"""\bconsultations[.:]|["']consultations["']|from consultations\b|import consultations\b"""
)


def test_nothing_below_imports_includes_or_reverses_anything_of_consultations():
    offenders = [
        str(path.relative_to(ROOT))
        for app in BELOW
        for path in (ROOT / app).rglob("*.py")
        if NAMES_US.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"these modules of lower apps name consultations: {offenders}"
    templates = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if NAMES_US.search(path.read_text(encoding="utf-8"))
        and path.parts[len(ROOT.parts) + 1] not in ("consultations", "case_documents")
    ]
    assert not templates, f"these templates of lower apps name consultations: {templates}"


def test_recruitment_and_consultations_know_nothing_of_each_other():
    assert not [
        p for p in (ROOT / "recruitment").rglob("*.py") if NAMES_US.search(p.read_text(encoding="utf-8"))
    ]
    assert not [
        p for p in (ROOT / "consultations").rglob("*.py") if "recruitment" in p.read_text(encoding="utf-8")
    ]
    assert not [
        p
        for p in (ROOT / "templates" / "consultations").rglob("*.html")
        if "recruitment" in p.read_text(encoding="utf-8")
    ]


def test_the_accessibility_statement_names_the_consultations_and_dialogue_meetings_among_the_pages_tested():
    from core.models import AccessibilityStatement

    statement = AccessibilityStatement.objects.get()
    assert "høringer med bidrag" in statement.body_da and "dialogmøder" in statement.body_da
    assert "consultations with their contributions" in statement.body_en
