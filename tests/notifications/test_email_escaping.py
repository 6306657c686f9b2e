"""Text is escaped for HTML only in HTML: a title with "&" or "<" reads as typed in the subject and the text
part, and escaped in the HTML part."""

from __future__ import annotations

import pytest

from notifications.emails import render_message
from notifications.services import notification_schedule

pytestmark = pytest.mark.django_db

TITLE = "Børn & unge <i dag>"


def test_a_title_with_an_ampersand_reads_as_typed_in_the_subject_and_text_and_is_escaped_in_html(citizen):
    notification = notification_schedule(
        recipient=citizen,
        kind="invitation",
        key="escape-test",
        context={
            "title": TITLE,
            "profile": "Elev",
            "answer_url": "https://samskab.example/i/x",
            "answer_by": "2026-05-01T12:00:00+02:00",
        },
    )

    message = render_message(notification)
    html = message.alternatives[0][0]

    assert TITLE in message.subject and "&amp;" not in message.subject
    assert TITLE in message.body and "&amp;" not in message.body
    assert "Børn &amp; unge &lt;i dag&gt;" in html and TITLE not in html
