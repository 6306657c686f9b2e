"""Facilitators and staff moderate: publish what waits, hide with a reason the author is told, and the
author may change a hidden text and send it again. Every decision is in the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.services import entries_for
from consultations.contributing import ContributionData, contribution_update
from consultations.models import Contribution, Tag
from consultations.moderation import (
    clean_tag_names,
    contribution_approve,
    contribution_hide,
    contribution_tag,
)
from notifications.models import Notification
from tests.consultations.factories import consultation_for, contribute
from tests.deliberation.deliverable_factories import committee_at_work

pytestmark = pytest.mark.django_db
S = Contribution.State


@pytest.fixture
def cast():
    return committee_at_work()


def test_a_facilitator_publishes_a_contribution_and_its_author_is_told(cast, citizen):
    contribution = contribute(consultation_for(cast), citizen)
    contribution_approve(contribution=contribution, by=cast.facilitator)
    contribution.refresh_from_db()
    assert contribution.state == S.PUBLISHED
    assert Notification.objects.filter(recipient=citizen, kind="consultation_contribution_published").exists()
    entry = entries_for(contribution).get(action="contribution.approved")
    assert entry.actor == cast.facilitator and entry.data == {"was": "pending"}


def test_a_hidden_contribution_names_its_reason_to_its_author_who_may_send_it_again(cast, citizen):
    contribution = contribute(consultation_for(cast), citizen)
    contribution_approve(contribution=contribution, by=cast.facilitator)
    contribution_hide(
        contribution=contribution, by=cast.facilitator, reason=Contribution.HideReason.PERSONAL_DATA
    )
    contribution.refresh_from_db()
    assert contribution.state == S.HIDDEN and contribution.hide_reason == "personal_data"
    told = Notification.objects.get(recipient=citizen, kind="consultation_contribution_hidden")
    assert told.context["reason"] == "personal_data" and told.context["edit_url"].endswith(
        reverse("consultations:contribution_edit", args=[contribution.pk])
    )
    again = contribution_update(
        contribution=contribution,
        by=citizen,
        data=ContributionData(body="Uden navne nu."),
        send=True,
        notice=None,
    )
    assert again.state == S.PENDING and again.hide_reason == ""
    actions = list(entries_for(contribution).order_by("at", "id").values_list("action", flat=True))
    assert actions == [
        "contribution.submitted",
        "contribution.approved",
        "contribution.hidden",
        "contribution.resubmitted",
    ]


def test_hiding_needs_a_reason_from_the_list(cast):
    contribution = contribute(consultation_for(cast))
    with pytest.raises(ValidationError):
        contribution_hide(contribution=contribution, by=cast.facilitator, reason="I do not like it")


def test_only_facilitators_and_staff_moderate_and_nobody_moderates_a_draft(cast, staff):
    consultation = consultation_for(cast)
    contribution = contribute(consultation)
    for outsider in (cast.chair, cast.citizen):
        with pytest.raises(PermissionDenied):
            contribution_approve(contribution=contribution, by=outsider)
    contribution_approve(contribution=contribution, by=staff)
    draft = contribute(consultation, send=False)
    with pytest.raises(PermissionDenied):
        contribution_hide(contribution=draft, by=cast.facilitator, reason="spam")


def test_tags_are_made_once_per_consultation_and_reused(cast):
    consultation = consultation_for(cast)
    first, second = contribute(consultation), contribute(consultation)
    contribution_tag(contribution=first, by=cast.facilitator, names=["Cykelstier", " trafik ", "cykelstier"])
    contribution_tag(contribution=second, by=cast.facilitator, names=["Trafik"])
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Cykelstier", "trafik"]
    assert list(second.tags.values_list("name", flat=True)) == ["trafik"]


def test_tag_names_are_cleaned_and_limited():
    assert clean_tag_names("  a ,b,, A ,\x00c") == ["a", "b", "c"]
    with pytest.raises(ValidationError):
        clean_tag_names(",".join(str(n) for n in range(11)))


def test_the_moderation_buttons_work_from_the_committees_view(client, cast, citizen):
    consultation = consultation_for(cast)
    contribution = contribute(consultation, citizen)
    client.force_login(cast.facilitator)
    url = reverse("consultations:moderate", args=[consultation.pk, contribution.pk])
    response = client.post(url, {"action": "hide", "reason": "spam", "return_query": "state=pending"})
    assert response.status_code == 302 and "state=pending" in response["Location"]
    contribution.refresh_from_db()
    assert contribution.state == S.HIDDEN
    client.post(url, {"action": "approve"})
    contribution.refresh_from_db()
    assert contribution.state == S.PUBLISHED
    tag_url = reverse("consultations:tag", args=[consultation.pk, contribution.pk])
    client.post(tag_url, {"tags": "Cykler, Skole"})
    assert sorted(contribution.tags.values_list("name", flat=True)) == ["Cykler", "Skole"]


def test_a_politician_on_the_committee_cannot_moderate(client, cast):
    consultation = consultation_for(cast)
    contribution = contribute(consultation)
    client.force_login(cast.chair)
    url = reverse("consultations:moderate", args=[consultation.pk, contribution.pk])
    assert client.post(url, {"action": "approve"}).status_code == 404
