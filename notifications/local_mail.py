"""Mail on a developer's machine (`make run`): each message is written to a folder, and the console gets one
line naming it, so the demo's many messages do not bury the address of the site.

Two files per message: `<stem>.txt` to read (the headers decoded and the text part), `<stem>.eml` with the
whole message (the HTML part and attachments too), which any mail program opens.
"""

from __future__ import annotations

import itertools
import re
import sys
import threading
from email import policy
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_counter = itertools.count(1)
_lock = threading.Lock()


def _stem(message) -> str:
    recipient = (message.to or ["nobody"])[0]
    local_part = re.sub(r"[^A-Za-z0-9._-]+", "-", recipient.split("@")[0])[:40]
    with _lock:
        number = next(_counter)
    return f"{timezone.localtime():%Y%m%d-%H%M%S}-{number:04d}-{local_part}"


def readable(raw: bytes) -> str:
    """The message as a person reads it: who, when, what about, and the text."""
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    lines = [f"{name}: {parsed[name]}" for name in ("From", "To", "Date", "Subject") if parsed[name]]
    body = parsed.get_body(preferencelist=("plain", "html"))
    attachments = [part.get_filename() or part.get_content_type() for part in parsed.iter_attachments()]
    if attachments:
        lines.append(f"Attachments: {', '.join(attachments)}")
    return "\n".join([*lines, "", body.get_content() if body is not None else ""])


class LocalMailBackend(BaseEmailBackend):
    """Writes each message to LOCAL_MAIL_DIR and prints `Mail to <address>: <subject> → <file>`."""

    def __init__(self, *args, directory: Path | str | None = None, stream=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.directory = Path(directory or settings.LOCAL_MAIL_DIR)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            raw = message.message().as_bytes(linesep="\n")
            stem = _stem(message)
            (self.directory / f"{stem}.eml").write_bytes(raw)
            text_file = self.directory / f"{stem}.txt"
            text_file.write_text(readable(raw), encoding="utf-8")
            shown = _shown_path(text_file)
            self.stream.write(f"Mail to {', '.join(message.to)}: {message.subject} → {shown}\n")
            self.stream.flush()
            sent += 1
        return sent


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
