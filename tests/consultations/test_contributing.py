"""Anyone signed in contributes per question or section; the moderation decides when it appears; the
author changes or withdraws it until the end; nothing typed is lost on the way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.services import entries_for
from consultations.contributing import ContributionData, contribution_update, contribution_withdraw
from consultations.models import Consultation, Contribution
from notifications.models import Notification
from tests.consultations.factories import consultation_for, contribute, first_item
from tests.deliberation.deliverable_factories import committee_at_work
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = Contribution.State


def test_under_review_a_sent_contribution_waits_and_its_author_gets_a_receipt(citizen):
    consultation = consultation_for(committee_at_work())
    contribution = contribute(consultation, citizen)
    assert contribution.state == S.PENDING and contribution.published_at is None
    receipt = Notification.objects.get(recipient=citizen)
    assert receipt.kind == "consultation_contribution_received" and receipt.context["published"] is False
    assert entries_for(contribution).get().action == "contribution.submitted"


def test_the_facilitators_are_told_once_a_day_that_contributions_wait_for_review():
    cast = committee_at_work()
    consultation = consultation_for(cast)
    for _n in range(3):
        contribute(consultation)
    assert (
        Notification.objects.filter(recipient=cast.facilitator, kind="consultation_review_waiting").count()
        == 1
    )


def test_without_review_a_contribution_is_published_at_once(citizen):
    consultation = consultation_for(committee_at_work(), moderation=Consultation.Moderation.IMMEDIATE)
    contribution = contribute(consultation, citizen)
    assert contribution.state == S.PUBLISHED and contribution.published_at


def test_a_changed_contribution_under_review_waits_for_review_again(citizen):
    consultation = consultation_for(committee_at_work(), moderation=Consultation.Moderation.IMMEDIATE)
    contribution = contribute(consultation, citizen)
    Consultation.objects.filter(pk=consultation.pk).update(moderation=Consultation.Moderation.REVIEW)
    changed = contribution_update(
        contribution=contribution,
        by=citizen,
        data=ContributionData(body="Ny tekst."),
        send=False,
        notice=None,
    )
    assert changed.state == S.PENDING and changed.body == "Ny tekst."


def test_a_draft_is_kept_until_sent_and_only_then_counts(citizen):
    consultation = consultation_for(committee_at_work())
    draft = contribute(consultation, citizen, send=False)
    assert draft.state == S.DRAFT and not Notification.objects.exists()
    sent = contribution_update(
        contribution=draft, by=citizen, data=ContributionData(body=draft.body), send=True, notice=None
    )
    assert sent.state == S.PENDING and sent.submitted_at


def test_one_contribution_per_person_per_question_until_it_is_withdrawn(citizen):
    consultation = consultation_for(committee_at_work())
    first = contribute(consultation, citizen)
    with pytest.raises(ValidationError) as error:
        contribute(consultation, citizen)
    assert error.value.code == "duplicate"
    contribution_withdraw(contribution=first, by=citizen)
    assert contribute(consultation, citizen).pk != first.pk


def test_only_the_author_changes_or_withdraws(citizen):
    contribution = contribute(consultation_for(committee_at_work()), citizen)
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        contribution_withdraw(contribution=contribution, by=other)
    with pytest.raises(PermissionDenied):
        contribution_update(
            contribution=contribution, by=other, data=ContributionData(body="x"), send=True, notice=None
        )


def test_after_the_end_nothing_can_be_sent_changed_or_withdrawn(citizen):
    consultation = consultation_for(committee_at_work())
    contribution = contribute(consultation, citizen)
    Consultation.objects.filter(pk=consultation.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    contribution.refresh_from_db()
    for attempt in (
        lambda: contribute(Consultation.objects.get(pk=consultation.pk), UserFactory()),
        lambda: contribution_withdraw(contribution=contribution, by=citizen),
        lambda: contribution_update(
            contribution=contribution, by=citizen, data=ContributionData(body="x"), send=True, notice=None
        ),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.code == "closed"


def test_an_organisation_must_be_named():
    consultation = consultation_for(committee_at_work())
    with pytest.raises(ValidationError):
        contribute(consultation, kind=Contribution.Kind.ORGANISATION, organisation="  ")


# --- Through the pages.


def _form(body="Jeg cykler, når der er en sikker cykelsti.", **extra):
    from core.models import PrivacyNotice

    return {
        "body": body,
        "kind": "private",
        "organisation": "",
        "publication": "anonymous",
        "consent": "on",
        "notice_version": PrivacyNotice.objects.current().version,
        "action": "send",
        **extra,
    }


def test_what_someone_typed_survives_signing_in_and_is_sent_after(client, citizen):
    consultation = consultation_for(committee_at_work())
    url = reverse("consultations:contribute", args=[consultation.pk, first_item(consultation).pk])
    text = "Gåture i frokostpausen med kollegerne får mig op af stolen."
    response = client.post(url, _form(text))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))

    client.force_login(citizen)
    page = client.get(url).content.decode()
    assert text in page  # the draft waited in the session

    client.post(url, _form(text))
    contribution = Contribution.objects.get(author=citizen)
    assert contribution.body == text and contribution.is_anonymous


def test_a_deadline_passed_while_typing_says_so_and_keeps_the_text(client, citizen):
    consultation = consultation_for(committee_at_work())
    url = reverse("consultations:contribute", args=[consultation.pk, first_item(consultation).pk])
    client.force_login(citizen)
    client.get(url)
    Consultation.objects.filter(pk=consultation.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    text = "Et langt svar, skrevet mens fristen gik."
    response = client.post(url, _form(text))
    page = response.content.decode()
    assert response.status_code == 200
    assert text in page  # still in the box, to copy
    assert 'role="alert"' in page and 'value="send"' not in page  # said so, and nothing left to press
    assert not Contribution.objects.exists()


def test_errors_come_back_with_the_text_kept_and_a_summary(client, citizen):
    consultation = consultation_for(committee_at_work())
    url = reverse("consultations:contribute", args=[consultation.pk, first_item(consultation).pk])
    client.force_login(citizen)
    text = "Min tekst, som ikke må forsvinde."
    response = client.post(url, _form(text, kind="organisation", organisation="", consent=""))
    page = response.content.decode()
    assert response.status_code == 200 and text in page
    assert "error-summary" in page and 'aria-invalid="true"' in page
    assert not Contribution.objects.exists()


def test_the_author_changes_and_withdraws_from_their_own_page(client, citizen):
    consultation = consultation_for(committee_at_work())
    contribution = contribute(consultation, citizen)
    client.force_login(citizen)
    edit = reverse("consultations:contribution_edit", args=[contribution.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, _form("Ændret tekst."))
    contribution.refresh_from_db()
    assert contribution.body == "Ændret tekst."
    client.post(reverse("consultations:contribution_withdraw", args=[contribution.pk]))
    contribution.refresh_from_db()
    assert contribution.state == S.WITHDRAWN
    mine = client.get(reverse("consultations:mine")).content.decode()
    assert "Trukket tilbage" in mine or "Withdrawn" in mine


def test_mail_receipt_is_sent_in_both_parts(citizen, django_capture_on_commit_callbacks):
    from notifications.dispatch import outbox_dispatch

    consultation = consultation_for(committee_at_work())
    contribute(consultation, citizen)
    outbox_dispatch()
    message = next(m for m in mail.outbox if citizen.email in m.to)
    assert consultation.title in message.subject
    assert "/contributions/" in message.body and message.alternatives[0][1] == "text/html"
