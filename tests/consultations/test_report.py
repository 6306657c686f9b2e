"""'What we heard': written after the close, published on the consultation's page, told to every
contributor, and carried by the deliverable to the political bodies (its page and the case document)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from audit.services import entries_for
from consultations.contributing import contribution_withdraw
from consultations.models import Consultation
from consultations.reports import report_save
from consultations.selectors import heard_reports
from notifications.models import Notification
from tests.consultations.factories import consultation_for, contribute, meeting_for
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db
HEARD = "Mange savner sikre cykelstier til skolerne."
USED = "Udvalget foreslår tre nye skoleruter."


def _closed(consultation: Consultation) -> Consultation:
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=timezone.now() - timedelta(days=30), ends_at=timezone.now() - timedelta(days=1)
    )
    return Consultation.objects.get(pk=consultation.pk)


def _publish(consultation, by, **extra):
    item = consultation.items.first()
    return report_save(
        consultation=consultation, by=by, summary=HEARD, how_used={item.pk: USED}, publish=True, **extra
    )


def test_what_we_heard_is_published_after_the_close_and_every_contributor_is_told_once():
    cast = committee_at_work()
    consultation = consultation_for(cast)
    one, two = contribute(consultation), contribute(consultation)
    contribute(consultation, one.author, item=consultation.items.last())
    withdrawn = contribute(consultation)
    contribution_withdraw(contribution=withdrawn, by=withdrawn.author)
    with pytest.raises(ValidationError) as error:
        _publish(consultation, cast.facilitator)
    assert error.value.code == "open"

    consultation = _publish(_closed(consultation), cast.facilitator)

    told = Notification.objects.filter(kind="consultation_report_published")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted([one.author_id, two.author_id])
    assert entries_for(consultation).get(action="consultation.report_published").data == {
        "contributors_told": 2
    }
    _publish(consultation, cast.facilitator)  # saved again: nobody told twice
    assert told.count() == 2


def test_the_report_is_on_the_consultations_page_with_its_linked_meeting(client):
    cast = committee_at_work()
    consultation = _closed(consultation_for(cast))
    meeting = meeting_for(cast)
    _publish(consultation, cast.facilitator, meeting_ids=[meeting.pk])
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert HEARD in page and USED in page and meeting.get_absolute_url() in page


def test_the_deliverable_page_carries_the_report(client):
    cast = committee_at_work()
    _publish(_closed(consultation_for(cast)), cast.facilitator)
    submitted(cast)
    client.force_login(cast.chair)
    page = client.get(
        reverse("deliberation:deliverable", args=[cast.committee.mandate.slug])
    ).content.decode()
    assert HEARD in page and USED in page
    assert reverse("consultations:overview", args=[cast.committee.mandate.slug]) in page


def test_the_case_document_carries_the_report_in_the_committees_work(client, staff):
    from tests.case_documents.reading import pdf_text

    cast = committee_at_work()
    _publish(_closed(consultation_for(cast)), cast.facilitator)
    submitted(cast)
    client.force_login(staff)
    response = client.get(reverse("case_documents:case_document_pdf", args=[cast.committee.mandate.slug]))
    text = " ".join(pdf_text(response.content).split())
    assert "Høringen og hvad vi hørte" in text
    assert HEARD in text and "Udvalget foreslår tre nye" in text  # the table's cell wraps


def test_an_unpublished_report_travels_nowhere():
    cast = committee_at_work()
    consultation = _closed(consultation_for(cast))
    item = consultation.items.first()
    report_save(consultation=consultation, by=cast.facilitator, summary=HEARD, how_used={item.pk: USED})
    assert heard_reports(cast.committee) == []
    assert not Notification.objects.filter(kind="consultation_report_published").exists()


def test_the_report_counts_what_came_in(settings):
    cast = committee_at_work()
    consultation = consultation_for(cast)
    contribute(consultation, kind="organisation", organisation="Cykelforeningen")
    contribute(consultation)
    _publish(_closed(consultation), cast.facilitator)
    with translation.override("da"):
        (report,) = heard_reports(cast.committee)
    assert (report.contributions, report.organisations, report.published) == (2, 1, 0)
    assert report.items[0].how_used == USED
