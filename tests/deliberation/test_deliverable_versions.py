"""Drafting the deliverable: each save makes a version, keys survive, unchanged saves are refused,
and the diff between any two versions says what changed (pure function)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deliberation.deliverables.services import deliverable_for, version_diff, version_save
from tests.deliberation.deliverable_factories import SECTIONS, committee_at_work, drafted, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return committee_at_work()


def test_each_save_makes_the_next_version_and_keeps_section_keys(cast):
    deliverable = drafted(cast)
    first = deliverable.versions.get()
    keys = [s["key"] for s in first.sections]
    assert first.number == 1 and len(set(keys)) == 2 and all(len(k) == 8 for k in keys)

    edited = [{**s, "body": s["body"] + "\n\nMere."} for s in first.sections]
    second = version_save(
        deliverable=deliverable,
        by=cast.facilitator,
        title=first.title,
        sections=[*edited, {"heading": "Økonomi", "body": "Ingen merudgifter."}],
    )
    assert second.number == 2
    assert [s["key"] for s in second.sections[:2]] == keys
    assert second.sections[2]["key"] not in keys
    assert deliverable.versions.count() == 2


def test_an_unchanged_save_is_refused_with_a_message(cast, english):
    deliverable = drafted(cast)
    version = deliverable.versions.get()
    with pytest.raises(ValidationError, match="Nothing has changed"):
        version_save(deliverable=deliverable, by=cast.citizen, title=version.title, sections=version.sections)
    assert deliverable.versions.count() == 1


def test_a_duplicated_or_unknown_key_gets_a_fresh_one(cast):
    deliverable = drafted(cast)
    key = deliverable.versions.get().sections[0]["key"]
    version = version_save(
        deliverable=deliverable,
        by=cast.citizen,
        title="Ny titel",
        sections=[
            {"key": key, "heading": "A", "body": ""},
            {"key": key, "heading": "B", "body": ""},
            {"key": "invented", "heading": "C", "body": ""},
        ],
    )
    keys = [s["key"] for s in version.sections]
    assert keys[0] == key and len(set(keys)) == 3 and "invented" not in keys


def test_people_outside_the_committee_cannot_save(cast):
    deliverable = deliverable_for(committee=cast.committee)
    with pytest.raises(PermissionDenied):
        version_save(deliverable=deliverable, by=UserFactory(), title="X", sections=SECTIONS)


def test_a_submitted_deliverable_cannot_be_edited(cast):
    deliverable = submitted(cast)
    with pytest.raises(PermissionDenied):
        version_save(deliverable=deliverable, by=cast.citizen, title="Ændret", sections=SECTIONS)


# --- version_diff, a pure function.

OLD = [
    {"key": "a", "heading": "Vision", "body": "Linje 1\nLinje 2\nLinje 3"},
    {"key": "b", "heading": "Indsatser", "body": "Et ungeråd"},
    {"key": "c", "heading": "Økonomi", "body": "Ingen"},
]


def test_diff_of_equal_texts_is_empty():
    assert version_diff(OLD, [dict(s) for s in OLD]) == []


def test_diff_shows_a_changed_line_within_its_section():
    new = [{**OLD[0], "body": "Linje 1\nLinje to\nLinje 3"}, OLD[1], OLD[2]]
    [(heading, lines)] = version_diff(OLD, new)
    assert heading == "Vision"
    assert "-Linje 2" in lines and "+Linje to" in lines and " Linje 1" in lines
    assert not any(line.startswith(("---", "+++")) for line in lines)


def test_diff_shows_added_removed_and_renamed_sections():
    new = [OLD[0], {**OLD[1], "heading": "Tiltag"}, {"key": "d", "heading": "Tidsplan", "body": "2027"}]
    diff = dict(version_diff(OLD, new))
    assert set(diff) == {"Tiltag", "Tidsplan", "Økonomi"}
    assert "-## Indsatser" in diff["Tiltag"] and "+## Tiltag" in diff["Tiltag"]
    assert "+2027" in diff["Tidsplan"] and not any(line.startswith("-") for line in diff["Tidsplan"])
    assert "-Ingen" in diff["Økonomi"] and not any(line.startswith("+") for line in diff["Økonomi"])


def test_diff_between_any_two_versions_includes_the_title(cast, english):
    deliverable = drafted(cast)
    v1 = deliverable.versions.get()
    sections = [dict(s) for s in v1.sections]
    version_save(
        deliverable=deliverable,
        by=cast.citizen,
        title=v1.title,
        sections=[*sections, {"heading": "Ny", "body": "x"}],
    )
    sections[0]["body"] = "Alle unge skal trives."
    v3 = version_save(deliverable=deliverable, by=cast.citizen, title="Ny titel", sections=sections)
    diff = dict(version_diff(v1, v3))
    assert diff["Title"] == [f"-{v1.title}", "+Ny titel"]
    assert "-Unge skal høres i alle sager." in diff["Vision"]
    assert "Ny" not in diff  # added in v2, gone again in v3: no change between v1 and v3
