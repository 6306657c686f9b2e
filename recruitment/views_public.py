"""The public side of a call: its page, its A4 poster and the Atom feed of open calls. Anonymous, read only.

The reads live here rather than in a selectors module because the home page's and the committee page's
template tags (recruitment/templatetags) need the same "open call" definition as the feed.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from committees.models import Meeting
from committees.selectors import meetings_of
from mandates.models import Mandate
from pages.cache import cached_public_page
from recruitment import draws
from recruitment.applications import who_may_apply
from recruitment.models import Call, Selection
from recruitment.selectors import PUBLIC_CALL_STATES as PUBLIC_STATES
from recruitment.selectors import open_calls

# Modules of 8 px: about 30 modules for a call URL make a ~300 px image, which the poster scales to ~6 cm.
QR_SCALE = 8


def _public_call(pk: int) -> Call:
    """The call with everything its page and poster show, in a fixed number of queries; 404 if not public."""
    call = (
        Call.objects.filter(pk=pk, state__in=PUBLIC_STATES)
        .exclude(mandate__state=Mandate.State.DRAFT)
        .select_related("mandate__committee", "selection")
        .prefetch_related(
            "mandate__profiles",
            # The agenda is for members only: it is not even read here.
            Prefetch(
                "mandate__committee__meetings",
                queryset=Meeting.objects.defer("agenda"),
                to_attr="meeting_plan",
            ),
        )
        .first()
    )
    if call is None:
        raise Http404("No public call with that number.")
    return call


def _selection_of(call: Call) -> Selection | None:
    try:
        return call.selection
    except Selection.DoesNotExist:
        return None


@cached_public_page
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = _public_call(pk)
    selection = _selection_of(call)
    return render(
        request,
        "recruitment/public/call.html",
        {
            "call": call,
            "mandate": call.mandate,
            "meetings": meetings_of(call.mandate),
            "not_yet_open": call.state == Call.State.OPEN and timezone.now() < call.opens_at,
            "who_may_apply": who_may_apply(call),
            "selection_confirmed": selection is not None,
            "draw": draws.selection_draw(call, selection),
            "ties": draws.published_ties(call, selection),
            "page_url": settings.SITE_URL + call.get_absolute_url(),
        },
    )


def qr_code_data_uri(url: str) -> str:
    """The QR code as an SVG data URI: the CSP allows `data:` images but no inline SVG styles."""
    return segno.make(url, error="m").svg_data_uri(scale=QR_SCALE, dark="#000")


def _short(url: str) -> str:
    """The URL as people type it from paper: no scheme, no "www.", no final slash (APPEND_SLASH adds it)."""
    parts = urlsplit(url)
    return parts.netloc.removeprefix("www.") + parts.path.rstrip("/")


def call_poster(request: HttpRequest, pk: int) -> HttpResponse:
    call = _public_call(pk)
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
        return settings.SITE_URL + reverse("home")

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
