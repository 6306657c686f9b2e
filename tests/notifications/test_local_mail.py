"""`make run`'s mail: one line per message on the console, the message itself readable in var/mail/."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from django.core.mail import EmailMultiAlternatives

from notifications.local_mail import LocalMailBackend
from tests.config.test_settings import ROOT


def _message(to: str, subject: str, text: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(f"<p>{text}</p>", "text/html")
    message.attach("invitation.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return message


def test_each_message_is_one_console_line_and_a_readable_file(tmp_path):
    console = io.StringIO()
    backend = LocalMailBackend(directory=tmp_path, stream=console)
    long_text = "Din kode til at logge ind er:\n\nABCD-EFGH\n\n" + "Mødet holdes på Rådhuset. " * 40
    sent = backend.send_messages(
        [
            _message("borger1@demo.samskab.dk", "Din kode til Gentofte Kommunes platform", long_text),
            _message("politiker1@demo.samskab.dk", "Ansøgningsfristen er udløbet", "Se ansøgerne."),
        ]
    )

    assert sent == 2
    lines = console.getvalue().splitlines()
    assert len(lines) == 2  # the text of the message is not on the console
    assert lines[0].startswith("Mail to borger1@demo.samskab.dk: Din kode til Gentofte Kommunes platform → ")
    readable = sorted(tmp_path.glob("*.txt"))
    assert len(readable) == 2 and len(list(tmp_path.glob("*.eml"))) == 2
    assert lines[0].endswith(str(readable[0]))
    text = readable[0].read_text(encoding="utf-8")
    assert "To: borger1@demo.samskab.dk" in text
    assert "Subject: Din kode til Gentofte Kommunes platform" in text  # decoded, not =?utf-8?…
    assert "ABCD-EFGH" in text and "Mødet holdes på Rådhuset." in text
    assert "Attachments: invitation.ics" in text


def test_make_run_writes_mail_to_var_mail_unless_email_url_names_a_server():
    script = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"

    def backend(**env: str) -> str:
        environment = {
            **{k: v for k, v in os.environ.items() if k != "EMAIL_URL"},
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            **env,
        }
        command = [sys.executable, "-c", script]
        done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert backend() == "notifications.local_mail.LocalMailBackend"
    assert backend(EMAIL_URL="smtp://127.0.0.1:1025") == "django.core.mail.backends.smtp.EmailBackend"
