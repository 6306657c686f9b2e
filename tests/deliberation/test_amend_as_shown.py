"""Amendments are proposed on the text as the page shows it: words selected in the rendered section, or one
of its paragraphs, never the Markdown behind it; the agreed text and its diff come out right."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberation.deliverables.passages import shown
from deliberation.deliverables.review import Selection, amendment_decide, amendment_propose
from deliberation.deliverables.selectors import agreed_sections
from deliberation.deliverables.services import version_diff
from deliberation.models import Amendment
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db

SPEED = {
    "heading": "Hastighed",
    "body": "Vi foreslår **30 km/t** på alle skoleveje, også på [Ordrupvej](https://example.dk/ordrupvej).\n\n"
    "Skiltene sættes op i 2027.",
}


@pytest.fixture
def cast():
    return committee_at_work()


@pytest.fixture
def deliverable(cast):
    return submitted(cast, sections=[SPEED, {"heading": "Krydsninger", "body": "- Flere fodgængerfelter"}])


def _selected(deliverable, words: str, *, occurrence: int = 0) -> Selection:
    """What a browser sends for words selected in the first section: offsets into its shown text."""
    text = shown(deliverable.submitted_version.sections[0]["body"]).text
    start = -1
    for _n in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Selection(start=start, end=start + len(words), text=words)


def _accept(amendment, staff) -> None:
    amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)


def test_words_copied_from_the_rendered_page_across_bold_text_are_amended(deliverable, politician, staff):
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        selection=_selected(deliverable, "30 km/t på alle skoleveje"),
        proposed_text="40 km/t på alle skoleveje",
        reason="30 er for lavt på de store veje.",
        by=politician,
    )

    assert amendment.original_text == "**30 km/t** på alle skoleveje"  # the Markdown, marks and all
    assert amendment.shown_original == "30 km/t på alle skoleveje"  # what people read
    _accept(amendment, staff)
    agreed = agreed_sections(deliverable)[0]["body"]
    assert agreed.startswith("Vi foreslår 40 km/t på alle skoleveje, også på [Ordrupvej](https://")
    diff = version_diff(deliverable.submitted_version.sections, agreed_sections(deliverable), shown=True)
    [(heading, lines)] = diff
    assert heading == "Hastighed"
    assert "-Vi foreslår 30 km/t på alle skoleveje, også på Ordrupvej." in lines
    assert "+Vi foreslår 40 km/t på alle skoleveje, også på Ordrupvej." in lines
    assert not any("**" in line or "https://" in line for line in lines)


def test_words_inside_bold_keep_the_bold_and_a_link_text_keeps_its_link(deliverable, politician, staff):
    key = deliverable.submitted_version.sections[0]["key"]
    for words, wording in (("30", "40"), ("Ordrupvej", "Ordrupvej og Hyldegårdsvej")):
        _accept(
            amendment_propose(
                deliverable=deliverable,
                section_key=key,
                selection=_selected(deliverable, words),
                proposed_text=wording,
                reason="Rettelse.",
                by=politician,
            ),
            staff,
        )

    agreed = agreed_sections(deliverable)[0]["body"]
    assert "**40 km/t**" in agreed
    assert "[Ordrupvej og Hyldegårdsvej](https://example.dk/ordrupvej)" in agreed


def test_a_picked_paragraph_is_replaced_and_the_others_stay(deliverable, politician, staff):
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        paragraph=1,
        proposed_text="Skiltene sættes op i 2026.",
        reason="Hurtigere.",
        by=politician,
    )

    assert amendment.shown_original == "Skiltene sættes op i 2027."
    _accept(amendment, staff)
    body = agreed_sections(deliverable)[0]["body"]
    assert body.endswith("\n\nSkiltene sættes op i 2026.") and body.startswith("Vi foreslår **30 km/t**")


def test_the_selected_occurrence_is_amended_when_the_words_appear_twice(cast, politician, staff):
    deliverable = submitted(cast, sections=[{"heading": "A", "body": "Unge først. Og igen: unge først."}])
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        selection=_selected(deliverable, "først", occurrence=1),
        proposed_text="altid",
        reason="Gentagelse.",
        by=politician,
    )
    _accept(amendment, staff)

    assert agreed_sections(deliverable)[0]["body"] == "Unge først. Og igen: unge altid."


def test_the_new_wording_is_shown_as_typed_even_with_markdown_characters(deliverable, politician, staff):
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        paragraph=1,
        proposed_text="Skilte med *stjerne* og [klammer] <b>nu</b>.",
        reason="Tydelighed.",
        by=politician,
    )
    _accept(amendment, staff)

    body = agreed_sections(deliverable)[0]["body"]
    assert shown(body).text.endswith("Skilte med *stjerne* og [klammer] <b>nu</b>.")


def test_an_accepted_amendment_overlapping_an_earlier_one_is_left_out(deliverable, politician, staff):
    key = deliverable.submitted_version.sections[0]["key"]
    first = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        selection=_selected(deliverable, "alle skoleveje"),
        proposed_text="de fleste skoleveje",
        reason="a",
        by=politician,
    )
    second = amendment_propose(
        deliverable=deliverable,
        section_key=key,
        selection=_selected(deliverable, "skoleveje, også"),
        proposed_text="veje, men ikke",
        reason="b",
        by=politician,
    )
    _accept(first, staff)
    _accept(second, staff)

    body = agreed_sections(deliverable)[0]["body"]
    assert "de fleste skoleveje, også" in body and "men ikke" not in body


def test_words_no_longer_in_the_section_are_refused_with_a_clear_message(deliverable, politician):
    key = deliverable.submitted_version.sections[0]["key"]
    with pytest.raises(ValidationError) as refused:
        amendment_propose(
            deliverable=deliverable,
            section_key=key,
            selection=Selection(start=0, end=9, text="står ikke"),
            proposed_text="x",
            reason="y",
            by=politician,
        )
    assert "passage" in refused.value.message_dict


def test_the_form_offers_paragraphs_and_selection_and_no_markdown(client, deliverable, politician):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(politician)
    url = reverse("deliberation:deliverable", args=[deliverable.committee.mandate.slug])
    page = client.get(url).content.decode()

    form = page.split('id="amendment-form"')[1].split("</form>")[0]
    assert "Markdown" not in form and "**" not in form and "https://example.dk" not in form
    assert "Paragraph 2:" in form and "Skiltene sættes op i 2027." in form
    assert 'value="selection"' in form and "The whole section" in form
    assert 'data-amend-section="' in page and "amend-selection.js" in page

    key = deliverable.submitted_version.sections[0]["key"]
    words = _selected(deliverable, "30 km/t på alle skoleveje")
    answer = client.post(
        reverse("deliberation:deliverable_amend", args=[deliverable.committee.mandate.slug]),
        {
            "passage": "selection",
            "selection_key": key,
            "selection_start": words.start,
            "selection_end": words.end,
            "selection_text": words.text,
            "proposed_text": "40 km/t på alle skoleveje",
            "reason": "For lavt.",
        },
    )
    assert answer.status_code == 302
    listed = client.get(url).content.decode().split('id="amendments"')[1]
    assert "30 km/t på alle skoleveje" in listed and "**30 km/t**" not in listed


def test_choosing_the_selection_without_selecting_says_what_to_do(client, deliverable, politician):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(politician)
    answer = client.post(
        reverse("deliberation:deliverable_amend", args=[deliverable.committee.mandate.slug]),
        {"passage": "selection", "proposed_text": "Ny tekst", "reason": "Fordi."},
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and "Select the words to change in the text first" in page
    assert "Ny tekst" in page  # nothing typed is lost


def test_the_deliverable_page_costs_the_same_queries_however_many_amendments(
    client, cast, deliverable, politician
):
    from tests.support.queries import queries_for_page

    key = deliverable.submitted_version.sections[0]["key"]
    client.force_login(cast.chair)
    url = reverse("deliberation:deliverable", args=[deliverable.committee.mandate.slug])

    def propose(n: int) -> None:
        for _ in range(n):
            amendment_propose(
                deliverable=deliverable,
                section_key=key,
                paragraph=1,
                proposed_text="x",
                reason="y",
                by=politician,
            )

    propose(2)
    few = queries_for_page(client, url, savepoints=False)
    propose(12)
    assert queries_for_page(client, url, savepoints=False) == few <= 14, few
