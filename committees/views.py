"""The public committee pages: anonymous, read only. Each view loads through a selector and renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import selectors
from committees.calendar import meeting_plan_calendar
from committees.filters import CommitteeFilter
from committees.following import committee_follow, committee_unfollow
from core import downloads
from core.cache import cached_public_page
from mandates.documents import pdf_download

PAGE_SIZE = 20


@cached_public_page
def committee_list(request: HttpRequest) -> HttpResponse:
    filterset = CommitteeFilter(request.GET, queryset=selectors.public_committees())
    # get_page turns a missing or unreadable page number into page 1 and a too-large one into the last.
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page_numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return render(
        request, "committees/list.html", {"filter": filterset, "page": page, "page_numbers": page_numbers}
    )


@login_required
@require_POST
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow or stop following: the follower hears about the committee's delivery and decision."""
    committee = selectors.committee_of(selectors.public_committee(slug))
    if committee is None:
        raise Http404
    if request.POST.get("follow") == "no":
        committee_unfollow(committee=committee, user=request.user)
        messages.success(request, _("You no longer follow this committee."))
    else:
        committee_follow(committee=committee, user=request.user)
        messages.success(
            request, _("You follow this committee: we will email you when the City Council decides.")
        )
    return redirect(committee.mandate.get_absolute_url())


def mandate_print(request: HttpRequest, slug: str) -> HttpResponse:
    mandate = selectors.public_committee(slug)
    context = selectors.committee_page(mandate)
    context["downloads"] = downloads.downloads_for(downloads.MANDATE, request, mandate)
    return render(request, "committees/print.html", context)


def meeting_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    mandate = selectors.public_committee_meetings(slug)
    committee = selectors.committee_of(mandate)
    ics = meeting_plan_calendar(
        name=committee.name if committee else mandate.title,
        url=settings.SITE_URL + mandate.get_absolute_url(),
        meetings=selectors.meetings_of(mandate),
    )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{mandate.slug}.ics"'
    return response


def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    document = selectors.public_document(slug, pk)
    return pdf_download(document.file, title=document.title, fallback=f"document-{document.pk}")
