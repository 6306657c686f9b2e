"""What an anonymous visitor typed waits in their session until they sign in, but no more than the form's
own fields can hold; expired sessions, drafts with them, are deleted every night."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.tasks import clear_expired_sessions_task
from config.celery import app as celery_app
from tests.hostile.test_forms_fuzz import APPLICATION_FIELDS
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return call_with_committee(profiles=3, meetings=3)


def stored_session() -> Session:
    (session,) = Session.objects.all()
    return session


def test_a_draft_holds_no_more_than_the_forms_own_limits_whatever_is_posted(client, call):
    # 680,000 characters in 17 fields and 20 more the form does not have: under the body limit.
    junk = {name: ["x" * 2000] * 20 for name in APPLICATION_FIELDS}
    junk.update({f"extra-{n}": "x" * 2000 for n in range(20)})
    response = client.post(reverse("recruitment:apply", args=[call.pk]), junk)
    assert response.status_code == 200

    session = stored_session()
    draft = session.get_decoded()[f"recruitment:application-draft:{call.pk}"]
    assert len(session.session_data) < 12_000, len(session.session_data)
    assert set(draft) <= set(APPLICATION_FIELDS)
    assert all(len(values) == 1 for values in draft.values())
    assert len(draft["motivation"][0]) == 2000 and len(draft["postal_code"][0]) == 4
    assert "choice_1" not in draft and "available_meetings" not in draft  # no such profile or meeting


def test_a_draft_keeps_what_a_person_typed_within_the_limits(client, call):
    profile, meeting = call.mandate.profiles.first(), call.mandate.committee.meetings.first()
    typed = {
        "choice_1": str(profile.pk),
        "motivation": "Jeg vil gerne være med.\r\nFordi min søn mistrives.",
        "available_meetings": [str(meeting.pk), str(meeting.pk)],
        "postal_code": "28x0",
        "consent": "on",
    }
    client.post(reverse("recruitment:apply", args=[call.pk]), typed)

    draft = stored_session().get_decoded()[f"recruitment:application-draft:{call.pk}"]
    assert draft["choice_1"] == [str(profile.pk)]
    assert draft["motivation"] == ["Jeg vil gerne være med.\nFordi min søn mistrives."]
    assert draft["available_meetings"] == [str(meeting.pk)]
    assert draft["postal_code"] == ["28x0"] and draft["consent"] == ["on"]


def test_the_beat_deletes_expired_sessions_and_their_drafts_every_night(client, call):
    schedule = {entry["task"]: entry for entry in celery_app.conf.beat_schedule.values()}
    assert "accounts.clear_expired_sessions" in schedule
    assert schedule["accounts.clear_expired_sessions"]["schedule"].hour == {3}

    client.post(reverse("recruitment:apply", args=[call.pk]), {"motivation": "Et udkast."})
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    clear_expired_sessions_task.delay()
    clear_expired_sessions_task.delay()  # twice: the second finds nothing

    assert not Session.objects.exists()
