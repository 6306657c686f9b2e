"""Turns an outbox row into an email, in the recipient's language (subject, text and HTML parts)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime

from notifications.models import Notification


def message_id(notification: Notification) -> str:
    """Stable per idempotency key, so a receiver can drop the copy a crash might cause."""
    digest = hashlib.sha256(notification.key.encode()).hexdigest()[:32]
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{digest}@{domain}>"


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _revive(value):
    """Dates went into the JSON context as ISO text; give templates real dates back for |date."""
    if isinstance(value, str):
        if ISO_DATETIME.match(value):
            return parse_datetime(value) or value
        if ISO_DATE.match(value):
            return parse_date(value) or value
    return value


def _render_plain(name: str, context: dict) -> str:
    """A subject or text part: plain text, so nothing is escaped for HTML ("&" stays "&", not "&amp;")."""
    return get_template(name).template.render(Context(context, autoescape=False))


def possessive(name: str, language: str) -> str:
    """The genitive of a name: "Gentofte Kommunes" in Danish, "Gentofte Kommune's" in English.

    Danish adds -s, or an apostrophe after s, x or z; English adds 's, or an apostrophe after s."""
    ends_in_s = name[-1:].lower() in ("s", "x", "z") if language == "da" else name[-1:].lower() == "s"
    if ends_in_s:
        return f"{name}'"
    return f"{name}s" if language == "da" else f"{name}'s"


def render_message(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    context = {
        **{name: _revive(value) for name, value in notification.context.items()},
        "recipient": recipient,
        "site_url": settings.SITE_URL,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_possessive": possessive(settings.MUNICIPALITY_NAME, notification.language),
        "language": notification.language,
    }
    prefix = f"emails/{notification.kind}"
    with translation.override(notification.language):
        subject = " ".join(_render_plain(f"{prefix}_subject.txt", context).split())
        text = _render_plain(f"{prefix}_body.txt", context)
        html = render_to_string(f"{prefix}_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers={"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if notification.ics:
        message.attach("invitation.ics", notification.ics, "text/calendar")
    return message
