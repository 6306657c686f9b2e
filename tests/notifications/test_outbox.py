"""The outbox: what is scheduled is sent once, in the recipient's language, and nothing is lost."""

from __future__ import annotations

import html
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template import TemplateDoesNotExist
from django.utils import timezone

from core import write_version
from notifications.dispatch import backoff, outbox_dispatch
from notifications.models import Notification
from notifications.services import notification_resend, notification_schedule
from tests.factories import UserFactory
from tests.support.smtp import SmtpSink

pytestmark = pytest.mark.django_db


def schedule(recipient, key="k1", **kwargs) -> Notification:
    return notification_schedule(recipient=recipient, kind="outbox_test", key=key, **kwargs)


def test_running_the_tick_twice_sends_each_message_once(citizen, english_citizen):
    schedule(citizen, key="a")
    schedule(english_citizen, key="b")

    first, second = outbox_dispatch(), outbox_dispatch()

    assert (first.sent, second.sent) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, english_citizen.email])
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}


def test_scheduling_the_same_key_twice_queues_one_message(citizen):
    first = schedule(citizen, key="same")
    again = schedule(citizen, key="same", context={"other": True})
    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    outbox_dispatch()
    assert len(mail.outbox) == 1


def test_a_message_scheduled_in_a_transaction_that_rolls_back_is_never_sent(citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule(citizen, key="rolled-back")
        raise RuntimeError("the business change failed")

    assert outbox_dispatch().sent == 0
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_message_is_not_sent_before_it_is_due(citizen):
    schedule(citizen, due_at=timezone.now() + timedelta(days=7))
    assert outbox_dispatch().sent == 0
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert outbox_dispatch().sent == 1


def test_the_message_is_written_in_the_recipients_language_with_text_and_html(citizen, english_citizen):
    schedule(citizen, key="da")
    schedule(english_citizen, key="en")
    outbox_dispatch()

    by_recipient = {m.to[0]: m for m in mail.outbox}
    danish, english = by_recipient[citizen.email], by_recipient[english_citizen.email]
    assert danish.subject == "Testbesked fra platformen for opgaveudvalg"
    assert "Kære Ida" in danish.body
    assert english.subject == "Test message from the task committee platform"
    assert "Dear Noah" in english.body
    for message in (danish, english):
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert "<p>" in html
        assert message.extra_headers["Message-ID"].endswith("@127.0.0.1>")
    assert '<html lang="da">' in danish.alternatives[0][0]
    assert '<html lang="en">' in english.alternatives[0][0]


def test_a_calendar_file_travels_as_an_attachment(citizen):
    from notifications.ics import calendar_event

    start = timezone.now() + timedelta(days=3)
    ics = calendar_event(
        uid="meeting-1@samskab", start=start, end=start + timedelta(hours=2), summary="Møde 1"
    )
    schedule(citizen, ics=ics)
    outbox_dispatch()
    (name, content, mimetype) = mail.outbox[0].attachments[0]
    assert name == "invitation.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:Møde 1" in content


def test_an_unknown_kind_is_refused_when_scheduled_not_when_sent(citizen):
    with pytest.raises(TemplateDoesNotExist):
        notification_schedule(recipient=citizen, kind="no_such_kind", key="x")


@pytest.fixture
def smtp_sink(settings):
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        yield sink


def test_a_failure_in_one_message_does_not_stop_the_others(smtp_sink, citizen):
    refused = UserFactory(email="permanent-failure@example.dk")
    busy = UserFactory(email="temporary-failure@example.dk")
    schedule(refused, key="refused")
    schedule(busy, key="busy")
    schedule(citizen, key="fine")

    report = outbox_dispatch()

    assert (report.sent, report.retrying, report.failed) == (1, 1, 1)
    assert [m["To"] for m in smtp_sink.messages] == [citizen.email]
    assert Notification.objects.get(key="fine").state == "sent"


def test_a_tick_sends_all_its_messages_in_one_conversation_with_the_mail_server(smtp_sink, citizen):
    for n in range(120):  # more than one claimed batch
        schedule(citizen, key=f"k{n}")

    report = outbox_dispatch()

    assert report.sent == 120
    assert len({m["Message-ID"] for m in smtp_sink.messages}) == 120
    assert smtp_sink.sessions == 1
    assert Notification.objects.filter(state="sent", sent_at__isnull=False).count() == 120


def test_a_permanent_refusal_is_marked_failed_with_the_servers_words(smtp_sink):
    refused = UserFactory(email="permanent-failure@example.dk")
    schedule(refused, key="refused")
    outbox_dispatch()
    notification = Notification.objects.get(key="refused")
    assert notification.state == "failed"
    assert "550" in notification.last_error
    assert notification.attempts == 1


def test_a_temporary_error_is_retried_later_with_growing_waits_then_given_up(smtp_sink, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    busy = UserFactory(email="temporary-failure@example.dk")
    schedule(busy, key="busy")

    outbox_dispatch()
    notification = Notification.objects.get(key="busy")
    assert (notification.state, notification.attempts) == ("pending", 1)
    assert "451" in notification.last_error
    first_wait = notification.due_at - timezone.now()
    assert timedelta(seconds=50) < first_wait <= backoff(1)
    assert outbox_dispatch().sent + outbox_dispatch().retrying == 0  # not due yet: nothing is tried

    with time_machine.travel(notification.due_at + timedelta(seconds=1)):
        outbox_dispatch()
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert backoff(2) == 2 * backoff(1)

    with time_machine.travel(notification.due_at + timedelta(seconds=1)):
        outbox_dispatch()
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == ("failed", 3)


def test_backoff_is_bounded_at_an_hour():
    assert backoff(1) == timedelta(minutes=1)
    assert backoff(30) == timedelta(hours=1)


def test_an_unreachable_mail_server_delays_messages_without_using_up_their_tries(settings, citizen):
    from tests.support.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    for n in range(3):
        schedule(citizen, key=f"m{n}")

    report = outbox_dispatch()

    assert (report.sent, report.deferred) == (0, 1)
    assert set(Notification.objects.values_list("attempts", flat=True)) == {0}
    assert set(Notification.objects.values_list("state", flat=True)) == {"pending"}
    assert "Connection refused" in Notification.objects.get(key="m0").last_error


def test_messages_a_tick_claimed_but_had_no_time_for_are_given_back_at_once_with_their_tries(
    citizen, monkeypatch
):
    import itertools

    from notifications import dispatch

    for n in range(5):
        schedule(citizen, key=f"m{n}")
    # The clock reads 0 while the tick starts and claims, then its time is up before the first send.
    clock = itertools.chain([0.0, 0.0], itertools.repeat(1e6))
    monkeypatch.setattr(dispatch.time, "monotonic", lambda: next(clock))

    report = outbox_dispatch(seconds=10)
    monkeypatch.undo()

    assert report.sent == 0
    assert set(Notification.objects.values_list("attempts", flat=True)) == {0}
    assert Notification.objects.due().count() == 5  # not left leased for minutes
    assert outbox_dispatch().sent == 5


def test_a_sender_the_server_refuses_delays_every_message_without_using_up_tries(
    smtp_sink, settings, citizen
):
    settings.DEFAULT_FROM_EMAIL = "refused-sender@example.dk"
    schedule(citizen, key="a")
    schedule(UserFactory(), key="b")

    start = timezone.now()
    for minutes in (0, 2, 4, 6):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert outbox_dispatch().deferred == 1  # the first message tried shows the server fails
    assert set(Notification.objects.values_list("attempts", flat=True)) == {0}
    assert set(Notification.objects.values_list("state", flat=True)) == {"pending"}


def test_a_template_that_breaks_while_rendering_fails_only_its_own_message(settings, citizen):
    from pathlib import Path

    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [Path(__file__).parent / "templates", *settings.TEMPLATES[0]["DIRS"]],
        }
    ]
    notification_schedule(recipient=citizen, kind="broken", key="broken")
    schedule(citizen, key="fine")

    first, second = outbox_dispatch(), outbox_dispatch()

    assert (first.sent, first.failed) == (1, 1)
    assert (second.sent, second.failed) == (0, 0)
    broken = Notification.objects.get(key="broken")
    assert broken.state == "failed" and "NoReverseMatch" in broken.last_error


def test_a_message_without_an_address_is_failed_not_reported_sent(citizen):
    from accounts.models import User

    schedule(citizen)
    User.objects.filter(pk=citizen.pk).update(email="")
    assert outbox_dispatch().failed == 1
    assert Notification.objects.get().state == "failed"


def test_an_idempotency_key_is_never_handed_to_another_recipient(citizen, english_citizen):
    schedule(citizen, key="shared")
    with pytest.raises(ValueError, match="another recipient"):
        schedule(english_citizen, key="shared")


def test_a_transaction_scheduling_many_messages_queues_one_dispatch(django_capture_on_commit_callbacks):
    people = [UserFactory() for _ in range(5)]
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n, person in enumerate(people):
            schedule(person, key=f"many-{n}")
    assert len(callbacks) == 1


def test_staff_can_send_a_failed_message_again(smtp_sink):
    person = UserFactory(email="permanent-failure@example.dk")
    notification = schedule(person, key="refused")
    outbox_dispatch()
    person.email = "fixed@example.dk"
    person.save()

    notification_resend(notification=notification)
    assert outbox_dispatch().sent == 1
    assert smtp_sink.messages[-1]["To"] == "fixed@example.dk"


def test_a_message_that_is_not_failed_cannot_be_resent(citizen):
    notification = schedule(citizen)
    with pytest.raises(ValidationError):
        notification_resend(notification=notification)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_ticks_at_the_same_moment_send_every_message_exactly_once(settings):
    settings.OUTBOX_KICK_ON_COMMIT = False  # leave every message to the two racing ticks
    recipients = [UserFactory() for _ in range(40)]
    for n, person in enumerate(recipients):
        schedule(person, key=f"race-{n}")
    barrier = threading.Barrier(2)
    reports = []

    def tick():
        barrier.wait()
        try:
            reports.append(outbox_dispatch())
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(r.sent for r in reports) == 40
    assert len(mail.outbox) == 40
    assert len({m.to[0] for m in mail.outbox}) == 40


def test_dates_in_the_context_are_shown_as_dates_in_the_recipients_language(english_citizen, citizen):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    deadline = datetime(2027, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    for person in (english_citizen, citizen):
        notification_schedule(
            recipient=person,
            kind="application_receipt",
            key=f"receipt-{person.pk}",
            context={"title": "Ny ungepolitik", "reference": "AB12CD34", "deadline": deadline},
        )
    outbox_dispatch()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "March 5, 2027" in bodies[english_citizen.email]  # JSON kept it as text; the email shows a date
    assert "5. marts 2027" in bodies[citizen.email]


def test_the_footer_names_the_municipalitys_platform_with_the_genitive_of_each_language(
    citizen, english_citizen
):
    schedule(citizen, key="da")
    schedule(english_citizen, key="en")
    outbox_dispatch()

    by_recipient = {m.to[0]: m for m in mail.outbox}
    danish, english = by_recipient[citizen.email], by_recipient[english_citizen.email]
    for text in (danish.body, html.unescape(danish.alternatives[0][0])):
        assert "sendt fra Gentofte Kommunes platform for opgaveudvalg" in text
    for text in (english.body, html.unescape(english.alternatives[0][0])):
        assert "sent by Gentofte Kommune's task committee platform" in text


@pytest.mark.parametrize(
    ("name", "danish", "english"),
    [
        ("Gentofte Kommune", "Gentofte Kommunes", "Gentofte Kommune's"),
        ("Frederiksberg", "Frederiksbergs", "Frederiksberg's"),
        ("Lejre Kommunes Borgerservice", "Lejre Kommunes Borgerservices", "Lejre Kommunes Borgerservice's"),
        ("Fanø Kommune", "Fanø Kommunes", "Fanø Kommune's"),
        ("Aabenraa Campus", "Aabenraa Campus'", "Aabenraa Campus'"),
    ],
)
def test_possessive_forms(name, danish, english):
    from notifications.emails import possessive

    assert possessive(name, "da") == danish
    assert possessive(name, "en") == english


def test_sending_the_outbox_leaves_the_kept_pages_kept(citizen, english_citizen):
    """Claims, sent marks and the tick's own settings are no change any page shows."""
    schedule(citizen, key="a")
    schedule(english_citizen, key="b")
    before = write_version.writes()
    assert outbox_dispatch().sent == 2
    assert write_version.writes() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # each commit its own, as in a worker
def test_a_tick_sets_the_connection_back_to_waiting_for_the_disk(citizen, settings):
    """Only the tick's own commits skip the wait: whatever runs next on the connection waits again."""
    settings.OUTBOX_KICK_ON_COMMIT = False  # the tick below sends it
    schedule(citizen)

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = setting()
    assert outbox_dispatch().sent == 1
    assert setting() == before == "on"
