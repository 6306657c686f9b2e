"""The public side of a call beside its page (portal): its A4 poster and the Atom feed of open calls.
Anonymous, read only."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from committees.models import Meeting
from committees.selectors import meetings_of
from recruitment.models import Call
from recruitment.public.selectors import open_calls, public_call

# Modules of 8 px: about 30 modules for a call URL make a ~300 px image, which the poster scales to ~6 cm.
QR_SCALE = 8


def qr_code_data_uri(url: str) -> str:
    """The QR code as an SVG data URI: the CSP allows `data:` images but no inline SVG styles."""
    return segno.make(url, error="m").svg_data_uri(scale=QR_SCALE, dark="#000")


def _short(url: str) -> str:
    """The URL as people type it from paper: no scheme, no "www.", no final slash (APPEND_SLASH adds it)."""
    parts = urlsplit(url)
    return parts.netloc.removeprefix("www.") + parts.path.rstrip("/")


def call_poster(request: HttpRequest, pk: int) -> HttpResponse:
    call = public_call(pk)
    url = settings.SITE_URL + call.get_absolute_url()
    meetings = [m for m in meetings_of(call.mandate) if m.state != Meeting.State.CANCELLED]
    return render(
        request,
        "recruitment/public/poster.html",
        {
            "call": call,
            "mandate": call.mandate,
            "meetings": meetings,
            "call_url": url,
            "short_url": _short(url),
            "qr_code": qr_code_data_uri(url),
        },
    )


class OpenCallsFeed(Feed):
    """`/calls/feed/`: an Atom feed of the calls open for applications, soonest deadline first."""

    feed_type = Atom1Feed
    description_template = "recruitment/public/feed_description.html"

    def title(self) -> str:
        return _("Open calls for task committees · %(municipality)s") % {
            "municipality": settings.MUNICIPALITY_NAME
        }

    def subtitle(self) -> str:
        return _("Calls for citizens to join a task committee, open for applications now.")

    description = subtitle

    def link(self) -> str:
        return settings.SITE_URL + "/"  # the site itself

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("recruitment:feed")

    def items(self) -> QuerySet[Call]:
        return open_calls()

    def item_title(self, call: Call) -> str:
        return call.mandate.title

    def item_link(self, call: Call) -> str:
        return settings.SITE_URL + call.get_absolute_url()

    def item_pubdate(self, call: Call) -> datetime:
        return call.opens_at

    def item_updateddate(self, call: Call) -> datetime:
        # A call has no "changed at"; staff set it up before it opens, so the later of the two will do.
        return max(call.opens_at, call.created_at)
