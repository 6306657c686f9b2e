"""The home page shows the active committees and the recent decisions, and never a draft."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from mandates.models import Mandate
from tests.committees.factories import MandateTransitionFactory, TaskCommitteeFactory

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def at(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.get_current_timezone())


def test_the_home_page_shows_an_active_committee_and_links_to_its_page(client):
    mandate = TaskCommitteeFactory(
        mandate__title="Ny ungepolitik", mandate__state=Mandate.State.ACTIVE
    ).mandate
    active = section(home(client), "active-heading")
    assert f'<a href="/committees/{mandate.slug}/">Ny ungepolitik</a>' in active


def test_the_home_page_leaves_drafts_and_finished_committees_out_of_the_active_ones(client):
    TaskCommitteeFactory(mandate__title="Hemmeligt udkast", mandate__state=Mandate.State.DRAFT)
    TaskCommitteeFactory(mandate__title="Lukket udvalg", mandate__state=Mandate.State.CLOSED)
    html = home(client)
    assert "Hemmeligt udkast" not in html
    assert "Lukket udvalg" not in section(html, "active-heading")


def test_the_home_page_shows_at_most_six_active_committees(client):
    for n in range(8):
        TaskCommitteeFactory(mandate__title=f"Udvalg {n}")
    assert section(home(client), "active-heading").count('class="card h-100 committee-card"') == 6


def test_the_home_page_shows_recent_decisions_with_date_title_and_state(client):
    mandate = TaskCommitteeFactory(mandate__title="Ny ungepolitik").mandate
    MandateTransitionFactory(mandate=mandate, to_state=Mandate.State.ADOPTED, at=at(2026, 3, 12, 10))
    decisions = section(home(client), "decisions-heading")
    assert "12. marts 2026" in decisions
    assert f'<a href="/committees/{mandate.slug}/">Ny ungepolitik</a>' in decisions

    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    decisions = section(home(client), "decisions-heading")
    assert "March 12, 2026" in decisions and "— Adopted" in decisions


def test_the_recent_decisions_are_the_five_newest_and_none_of_a_draft(client):
    mandate = TaskCommitteeFactory(mandate__title="Ny ungepolitik").mandate
    for day in range(1, 8):
        MandateTransitionFactory(mandate=mandate, note=str(day), at=at(2026, 3, day, 10))
    draft = TaskCommitteeFactory(
        mandate__title="Hemmeligt udkast", mandate__state=Mandate.State.DRAFT
    ).mandate
    MandateTransitionFactory(mandate=draft, at=at(2026, 3, 20, 10))
    MandateTransitionFactory(mandate=mandate, to_state=Mandate.State.DRAFT, at=at(2026, 3, 21, 10))
    decisions = section(home(client), "decisions-heading")
    assert "Hemmeligt udkast" not in decisions
    assert "21. marts" not in decisions
    days = [int(d) for d in re.findall(r">(\d+)\. marts 2026<", decisions)]
    assert days == [7, 6, 5, 4, 3]


def test_the_home_page_keeps_its_explanation(client):
    html = home(client)
    assert "Sådan arbejder et opgaveudvalg" in html


def test_the_core_app_does_not_import_committees():
    # DESIGN.md §3: core sits below committees; the home page reaches committees through portal.
    core = Path(__file__).resolve().parents[2] / "core"
    for source in core.rglob("*.py"):
        assert not re.search(r"^\s*(from|import) committees", source.read_text(), re.M), source
