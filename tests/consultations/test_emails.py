"""Every message this app sends: a subject, a text part and an HTML part, in Danish and in English, with
the dates in the reader's language and a calendar file where a seat is concerned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.emails import render_message
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
CONSULTATION = {
    "consultation": "Bevægelse & hverdag",
    "committee": "Bevægelse i hverdagen",
    "item": "Hvad holder dig tilbage?",
    "consultation_url": "https://samskab.example/consultations/1/",
    "edit_url": "https://samskab.example/contributions/7/edit/",
    "review_url": "https://samskab.example/consultations/1/review/?state=pending",
    "ends_at": NOW + timedelta(days=10),
    "still_open": True,
}
MEETING = {
    "meeting": "Dialogmøde om cykelstier",
    "committee": "Bevægelse i hverdagen",
    "starts_at": NOW + timedelta(days=2),
    "ends_at": NOW + timedelta(days=2, hours=2),
    "place": "Gentofte Hovedbibliotek",
    "meeting_url": "https://samskab.example/dialogue-meetings/3/",
    "registration_url": "https://samskab.example/registrations/9/",
    "online_url": "https://meet.example/abc",
    "position": 2,
    "answer_by": NOW + timedelta(days=1),
    "reason": "Salen er oversvømmet.",
}
KINDS = {
    "consultation_contribution_received": {**CONSULTATION, "published": False, "first_time": True},
    "consultation_contribution_published": CONSULTATION,
    "consultation_contribution_hidden": {**CONSULTATION, "reason": "personal_data"},
    "consultation_review_waiting": CONSULTATION,
    "consultation_report_published": CONSULTATION,
    **{
        kind: MEETING
        for kind in (
            "dialogue_registered",
            "dialogue_waiting",
            "dialogue_seat_offered",
            "dialogue_offer_lapsed",
            "dialogue_reminder",
            "dialogue_meeting_changed",
            "dialogue_meeting_cancelled",
        )
    },
}
# The link each message must carry, where it is not the consultation's or the registration's page.
LINK = {"consultation_review_waiting": "review_url", "consultation_contribution_hidden": "edit_url"}
# A word each language's version must have, from the texts every message shares.
GREETING = {"da": "Kære", "en": "Dear"}


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_message_has_a_subject_a_text_and_an_html_part_in_the_readers_language(kind, language):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    recipient = UserFactory(full_name="Ida Jensen", preferred_language=language)
    context = json.loads(json.dumps(KINDS[kind], cls=DjangoJSONEncoder))  # as the outbox stores it
    message = render_message(
        Notification(
            recipient=recipient, kind=kind, key=f"{kind}-{language}", context=context, language=language
        )
    )
    html = message.alternatives[0][0]
    assert message.subject and "\n" not in message.subject and "&amp;" not in message.subject
    assert GREETING[language] in message.body and GREETING[language] in html
    assert "{{" not in message.body + html and "{%" not in message.body + html
    values = KINDS[kind]
    link = values[LINK.get(kind, "registration_url" if kind.startswith("dialogue") else "consultation_url")]
    assert link in message.body and link.replace("&", "&amp;") in html


def test_the_hidden_message_says_the_reason_in_the_readers_language():
    from notifications.emails import render_message

    for language, words in (("da", "personoplysninger om andre"), ("en", "personal data about others")):
        recipient = UserFactory(preferred_language=language)
        message = render_message(
            Notification(
                recipient=recipient,
                kind="consultation_contribution_hidden",
                key=f"hidden-{language}",
                context={
                    **CONSULTATION,
                    "ends_at": CONSULTATION["ends_at"].isoformat(),
                    "reason": "personal_data",
                },
                language=language,
            )
        )
        assert words in message.body
