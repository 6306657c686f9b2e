"""Drafting the deliverable: several sections are added, ordered and removed in one edit, and each save makes
one version; without scripts, "Add another section" brings the form back with one more section and
nothing typed lost."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from deliberation.deliverables.services import latest_version
from deliberation.models import DeliverableVersion
from tests.deliberation.deliverable_factories import committee_at_work, drafted
from tests.deliberation.test_deliverable_views import _formset_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def cast():
    return committee_at_work()


def edit_url(cast) -> str:
    return reverse("deliberation:deliverable_edit", args=[cast.committee.mandate.slug])


def test_three_sections_written_in_one_edit_make_one_version_in_their_order(client, cast):
    client.force_login(cast.facilitator)
    rows = [
        {"heading": "Hastighed", "body": "30 km/t på alle skoleveje.", "ORDER": "2"},
        {"heading": "Baggrund", "body": "Mange børn cykler.", "ORDER": "1"},
        {"heading": "Krydsninger", "body": "- Flere fodgængerfelter", "ORDER": "3"},
        {"heading": "", "body": "", "ORDER": "4"},  # a new section the script numbered but nobody wrote in
    ]
    data = _formset_data("Sikre skoleveje", rows, extra_blank=False)
    data["sections-INITIAL_FORMS"] = "0"

    response = client.post(edit_url(cast), data)

    assert response.status_code == 302, response.content.decode()
    [version] = DeliverableVersion.objects.all()
    assert [s["heading"] for s in version.sections] == ["Baggrund", "Hastighed", "Krydsninger"]


def test_sections_are_added_moved_and_removed_in_the_same_edit_and_keep_their_keys(client, cast):
    deliverable = drafted(cast)
    vision, actions = latest_version(deliverable).sections
    client.force_login(cast.facilitator)
    rows = [
        {**vision, "ORDER": "3"},
        {**actions, "ORDER": "1", "DELETE": "on"},
        {"heading": "Økonomi", "body": "Ingen udgifter.", "ORDER": "2"},
        {"heading": "Tidsplan", "body": "2027.", "ORDER": "1"},
    ]
    data = _formset_data("Ny titel", rows, extra_blank=False)
    data["sections-INITIAL_FORMS"] = "2"

    assert client.post(edit_url(cast), data).status_code == 302

    assert deliverable.versions.count() == 2
    saved = latest_version(deliverable).sections
    assert [s["heading"] for s in saved] == ["Tidsplan", "Økonomi", "Vision"]
    assert saved[2]["key"] == vision["key"] and actions["key"] not in {s["key"] for s in saved}


def test_add_another_section_returns_the_form_with_one_more_and_saves_nothing(client, cast):
    client.force_login(cast.facilitator)
    data = _formset_data("Sikre skoleveje", [{"heading": "Hastighed", "body": "30 km/t.", "ORDER": "1"}])
    data["sections-INITIAL_FORMS"] = "0"
    data["add_section"] = "1"

    response = client.post(edit_url(cast), data)

    page = response.content.decode()
    assert response.status_code == 200 and not DeliverableVersion.objects.exists()
    assert 'name="sections-TOTAL_FORMS" value="3"' in page
    assert 'value="Sikre skoleveje"' in page and 'value="Hastighed"' in page and "30 km/t." in page
    assert re.search(r'<input type="text" name="sections-2-heading"[^>]*autofocus', page)
    assert "data-error-summary" not in page  # adding a section is not a mistake


def test_the_form_offers_adding_moving_and_removing_sections_with_and_without_scripts(client, cast):
    drafted(cast)
    client.force_login(cast.facilitator)
    page = client.get(edit_url(cast)).content.decode()

    assert 'name="add_section"' in page  # works without scripts: the form comes back with one more
    assert "<template data-new-section>" in page and "sections-__prefix__-heading" in page
    assert page.count('data-move="up"') == 4  # two sections, an empty one, and the template's
    assert 'name="sections-0-ORDER"' in page and 'name="sections-0-DELETE"' in page
    assert "section-editor.js" in page


def test_in_danish_a_sections_position_is_its_placing_not_a_members_post(client, cast):
    drafted(cast)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    client.force_login(cast.facilitator)
    page = client.get(edit_url(cast)).content.decode()

    assert re.search(r'<label class="form-label" for="id_sections-0-ORDER">Placering</label>', page)
    assert ">Post<" not in page
