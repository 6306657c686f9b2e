"""A document is made in the request, then served from the cache until what it shows changes: a review
step, a decision, the layout, the reader's language."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from case_documents import generate
from case_documents.models import DocumentLayout
from case_documents.tree import Document, Layout, Section
from deliberation.deliverables.review import review_step_record
from deliberation.models import ReviewStep
from tests.case_documents.reading import word
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(monkeypatch) -> list[Document]:
    """Every DOCX the renderer makes, in order."""
    documents: list[Document] = []
    real = generate.DOCX.render

    def counting(document: Document) -> bytes:
        documents.append(document)
        return real(document)

    counted = generate.FileFormat(generate.DOCX.extension, generate.DOCX.content_type, counting)
    monkeypatch.setitem(generate.FORMATS, "docx", counted)
    return documents


def text_of(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in word(data).paragraphs)


def test_the_case_document_is_made_once_until_the_deliverable_changes(client, staff, made):
    cast = committee_at_work()
    deliverable = submitted(cast)
    url = reverse("case_documents:case_document_docx", args=[cast.mandate.slug])
    client.force_login(staff)
    first = client.get(url).content
    assert client.get(url).content == first and len(made) == 1
    client.force_login(cast.chair)  # another reader of the same text shares the file
    assert client.get(url).content == first and len(made) == 1

    review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=ReviewStep.Outcome.RECOMMENDS,
        text="Udvalget anbefaler forslaget.",
        by=staff,
    )
    changed = client.get(url).content
    assert len(made) == 2 and "Udvalget anbefaler forslaget." in text_of(changed)
    assert client.get(url + "?language=en").status_code == 200 and len(made) == 3


def test_an_edited_footer_makes_a_new_file(client, staff, made):
    cast = committee_at_work()
    url = reverse("case_documents:mandate_docx", args=[cast.mandate.slug])
    client.force_login(staff)
    client.get(url)
    DocumentLayout.objects.create(footer_da="Rådhuset, 2920 Charlottenlund")
    footer = word(client.get(url).content).sections[0].footer.paragraphs[0].text
    assert len(made) == 2 and footer.startswith("Rådhuset, 2920 Charlottenlund")


def test_a_tree_holding_an_object_is_refused_rather_than_cached_under_a_key_that_never_repeats():
    document = Document(
        kind="Sagsfremstilling",
        title="T",
        language="da",
        content_language="da",
        layout=Layout(municipality="Gentofte Kommune"),
        sections=(Section(title=object()),),  # its repr names its address in memory
    )
    with pytest.raises(ValueError, match="plain values"):
        generate.fingerprint(document)


def test_composing_the_case_document_costs_the_same_queries_however_much_the_committee_did(client, staff):
    from committees.models import Meeting
    from tests.committees.factories import MeetingFactory
    from tests.support.queries import queries_for_page

    cast = committee_at_work()
    deliverable = submitted(cast)
    MeetingFactory(committee=cast.committee, number=1, state=Meeting.State.HELD)
    url = reverse("case_documents:case_document_docx", args=[cast.mandate.slug])
    client.force_login(staff)
    small = queries_for_page(client, url, savepoints=False)
    for number in range(2, 9):
        MeetingFactory(committee=cast.committee, number=number, state=Meeting.State.HELD)
    for day in (3, 10, 17):
        review_step_record(
            deliverable=deliverable,
            route_entry=cast.standing,
            meeting_date=date(2026, 11, day),
            agenda_item=str(day),
            outcome=ReviewStep.Outcome.POSTPONED,
            text=f"Udsat {day}.",
            by=staff,
        )
    assert queries_for_page(client, url, savepoints=False) == small
