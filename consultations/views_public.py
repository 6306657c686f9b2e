"""The public pages: consultations (list, page, feed, attached PDFs) and dialogue meetings (list, page,
calendar file). Anonymous visitors get them from the page cache until something public changes."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from consultations import selectors
from consultations.calendar import meeting_ics
from consultations.models import Consultation, Contribution, DialogueMeeting, Registration
from core.cache import cached_public_page
from mandates.documents import pdf_download

PER_PAGE = 50


def paged(request: HttpRequest, rows, per_page: int) -> tuple[Page, list]:
    """The page of `rows` the address asks for (the first for junk), and the page numbers to link."""
    value = request.GET.get("page", "1")
    page = Paginator(rows, per_page).get_page(
        value if value.isascii() and value.isdigit() and len(value) < 7 else 1
    )
    return page, list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def item_filter(request: HttpRequest, items) -> int | None:
    value = request.GET.get("item", "")
    known = {str(item.pk): item.pk for item in items}
    return known.get(value)


@cached_public_page
def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    consultations = list(selectors.public_consultations())
    return render(
        request,
        "consultations/public/list.html",
        {
            "open": [c for c in consultations if c.starts_at <= now < c.ends_at],
            "upcoming": [c for c in consultations if now < c.starts_at],
            "ended": [c for c in consultations if c.ends_at <= now],
            "meetings": selectors.upcoming_meetings(),
        },
    )


def visible_consultation(request: HttpRequest, pk: int) -> Consultation:
    """The public consultation, or a draft for the committee and staff to preview; else 404."""
    try:
        return selectors.public_consultation(pk)
    except Http404:
        draft = get_object_or_404(Consultation.objects.select_related("committee__mandate"), pk=pk)
        if not request.user.has_perm("consultations.view_consultation", draft):
            raise
        return selectors.preview_consultation(pk)


@cached_public_page
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = visible_consultation(request, pk)
    items = list(consultation.items.all())
    chosen = item_filter(request, items)
    page, page_numbers = paged(
        request, selectors.published_contributions(consultation, item=chosen), PER_PAGE
    )
    own = []
    if request.user.is_authenticated:
        own = list(
            Contribution.objects.filter(consultation=consultation, author=request.user).select_related("item")
        )
    return render(
        request,
        "consultations/public/detail.html",
        {
            "consultation": consultation,
            "mandate": consultation.committee.mandate,
            "items": items,
            "chosen_item": chosen,
            "page": page,
            "page_numbers": page_numbers,
            "own": own,
            "own_items": {c.item_id for c in own if c.state != Contribution.State.WITHDRAWN},
            "can_read_contributions": request.user.has_perm("consultations.read_contributions", consultation),
            "can_manage": request.user.has_perm("consultations.manage_consultation", consultation),
            "page_url": settings.SITE_URL + consultation.get_absolute_url(),
        },
    )


def contribution_file(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    """An attached PDF: public with its published contribution; else for its author and the moderators."""
    found = (
        Contribution.objects.select_related("consultation__committee__mandate")
        .filter(pk=contribution, consultation_id=pk)
        .exclude(attachment="")
        .first()
    )
    if found is None or not request.user.has_perm("consultations.read_contribution", found):
        raise Http404("No such file.")
    return pdf_download(
        found.attachment, title=_("contribution %(number)s") % {"number": found.pk}, fallback="contribution"
    )


class OpenConsultationsFeed(Feed):
    """`/consultations/feed/`: an Atom feed of the consultations open now, the soonest to close first."""

    feed_type = Atom1Feed
    description_template = "consultations/public/feed_description.html"

    def title(self) -> str:
        return _("Open consultations of the task committees · %(municipality)s") % {
            "municipality": settings.MUNICIPALITY_NAME
        }

    def subtitle(self) -> str:
        return _(
            "Questions and draft texts the task committees ask the public about, open for contributions now."
        )

    description = subtitle

    def link(self) -> str:
        return settings.SITE_URL + reverse("consultations:list")

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("consultations:feed")

    def items(self) -> list[Consultation]:
        return selectors.open_consultations()

    def item_title(self, consultation: Consultation) -> str:
        return consultation.title

    def item_link(self, consultation: Consultation) -> str:
        return settings.SITE_URL + consultation.get_absolute_url()

    def item_pubdate(self, consultation: Consultation) -> datetime:
        return consultation.published_at

    def item_updateddate(self, consultation: Consultation) -> datetime:
        return max(consultation.published_at, consultation.starts_at)


@cached_public_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/public/meetings.html",
        {"upcoming": selectors.upcoming_meetings(), "past": selectors.recent_meetings()},
    )


def visible_meeting(request: HttpRequest, pk: int) -> DialogueMeeting:
    try:
        return selectors.public_meeting(pk)
    except Http404:
        draft = get_object_or_404(DialogueMeeting.objects.select_related("committee__mandate"), pk=pk)
        if not request.user.has_perm("consultations.view_meeting", draft):
            raise
        return selectors.with_seats(DialogueMeeting.objects.filter(pk=pk)).get()


@cached_public_page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    own = None
    if request.user.is_authenticated:
        own = (
            meeting.registrations.filter(user=request.user, state__in=Registration.ACTIVE_STATES)
            .order_by("-pk")
            .first()
        )
    return render(
        request,
        "consultations/public/meeting.html",
        {
            "meeting": meeting,
            "mandate": meeting.committee.mandate,
            "seats_left": max(meeting.capacity - meeting.seats_taken, 0),
            "own": own,
            "can_manage": request.user.has_perm("consultations.manage_meeting", meeting),
            "can_see_participants": request.user.has_perm("consultations.see_participants", meeting),
            "open_for_registration": meeting.is_published and not meeting.has_started,
        },
    )


def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    response = HttpResponse(
        meeting_ics(meeting, with_link=False), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="dialogue-meeting-{meeting.pk}.ics"'
    return response
