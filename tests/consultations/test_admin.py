"""Council staff set, per consultation, whether contributions appear at once or after review and how long
hidden ones keep their personal data; the audit trail records it. The rest is read only there."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from audit.services import entries_for
from consultations.models import Consultation
from tests.consultations.factories import consultation_for, contribute, meeting_for
from tests.deliberation.deliverable_factories import committee_at_work

pytestmark = pytest.mark.django_db
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def as_sent(client, url: str, **fields) -> dict:
    """The form as the browser sends it: the page's hidden inputs (the inlines' management forms), and
    the fields filled in."""
    page = client.get(url)
    assert page.status_code == 200
    data = dict(HIDDEN.findall(page.content.decode()))
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **fields}


def test_staff_set_the_moderation_and_the_retention_period_in_the_admin(client, staff):
    consultation = consultation_for(committee_at_work())
    client.force_login(staff)
    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])
    response = client.post(url, as_sent(client, url, moderation="immediate", retention_days="60"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.moderation, consultation.retention_days) == ("immediate", 60)
    entry = entries_for(consultation).get(action="consultation.configured")
    assert entry.actor == staff and entry.data == {"moderation": "immediate", "retention_days": 60}


def test_the_admin_lists_read_only_and_never_shows_a_draft(client, staff):
    cast = committee_at_work()
    consultation = consultation_for(cast)
    sent = contribute(consultation, body="SENDT-TEKST")
    draft = contribute(consultation, body="KLADDE-TEKST", send=False)
    meeting_for(cast)
    client.force_login(staff)
    for model in ("consultation", "contribution", "dialoguemeeting"):
        assert client.get(reverse(f"admin:consultations_{model}_changelist")).status_code == 200
    page = client.get(reverse("admin:consultations_contribution_changelist")).content.decode()
    assert reverse("admin:consultations_contribution_change", args=[sent.pk]) in page
    assert reverse("admin:consultations_contribution_change", args=[draft.pk]) not in page
    assert client.get(reverse("admin:consultations_contribution_change", args=[draft.pk])).status_code == 302
    assert Consultation.objects.count() == 1
    assert client.get(reverse("admin:consultations_consultation_add")).status_code == 403


def test_a_retention_period_below_a_day_is_refused(client, staff):
    consultation = consultation_for(committee_at_work())
    client.force_login(staff)
    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])
    response = client.post(url, as_sent(client, url, moderation="review", retention_days="0"))
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert consultation.retention_days != 0
