"""The committee's view of what the public wrote: grouped by question or section, filtered and searched,
with tags, counts and charts (each with its table); moderation and tagging; the CSV export, which the
audit trail records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import log
from consultations import charts, review_selectors
from consultations.access import consultation_for
from consultations.forms_committee import HideForm, TagForm
from consultations.models import Contribution
from consultations.moderation import contribution_approve, contribution_hide, contribution_tag
from consultations.views_public import paged
from core.exports import csv_download, spreadsheet_cell

READ = "consultations.read_contributions"
PER_PAGE = 100


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for(request, pk, READ)
    moderator = request.user.has_perm("consultations.moderate", consultation)
    filters = review_selectors.Filters.from_query(request.GET, moderator=moderator)
    counts = review_selectors.counts(consultation, moderator=moderator)
    rows = review_selectors.page_rows(review_selectors.filtered(consultation, filters, moderator=moderator))
    page, page_numbers = paged(request, rows, PER_PAGE)
    items = review_selectors.items_of(consultation)
    first = timezone.localdate(consultation.starts_at)
    last = min(timezone.localdate(consultation.ends_at), max(timezone.localdate(), first))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/committee/review.html",
        {
            "consultation": consultation,
            "committee": consultation.committee,
            "moderator": moderator,
            "can_tag": request.user.has_perm("consultations.tag", consultation),
            "can_export": request.user.has_perm("consultations.export", consultation),
            "see_contributor": request.user.has_perm("consultations.see_contributor", consultation),
            "filters": filters,
            "counts": counts,
            "item_counts": [(item, counts.by_item[item.pk]) for item in items],
            "items": items,
            "tags": review_selectors.tags_of(consultation),
            "page": page,
            "page_numbers": page_numbers,
            "query": query.urlencode(),
            "charts": [charts.over_time(counts, first=first, last=last), charts.by_kind(counts)],
            "hide_form": HideForm(),
            "states": [(s, Contribution.State(s).label) for s in Contribution.SUBMITTED_STATES],
            "kinds": Contribution.Kind.choices,
        },
    )


def _contribution(consultation, contribution: int) -> Contribution:
    found = consultation.contributions.filter(
        pk=contribution, state__in=Contribution.SUBMITTED_STATES
    ).first()
    if found is None:
        raise Http404("No such contribution.")
    return found


def _back(request: HttpRequest, consultation, contribution: Contribution) -> HttpResponse:
    query = request.POST.get("return_query", "")
    target = consultation.get_absolute_url().rstrip("/") + "/review/"
    if query and len(query) < 500 and query.isprintable() and "\n" not in query:
        target += "?" + query
    return redirect(f"{target}#contribution-{contribution.pk}")


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    consultation = consultation_for(request, pk, "consultations.moderate")
    found = _contribution(consultation, contribution)
    action = request.POST.get("action")
    try:
        if action == "approve":
            contribution_approve(contribution=found, by=request.user)
            messages.success(request, _("The contribution is published."))
        elif action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose why the contribution is hidden."))
            else:
                contribution_hide(contribution=found, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The contribution is hidden, and its author is told why."))
        else:
            messages.error(request, _("Choose to publish or to hide the contribution."))
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, consultation, found)


@login_required
@require_POST
def tag(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    consultation = consultation_for(request, pk, "consultations.tag")
    found = _contribution(consultation, contribution)
    form = TagForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return _back(request, consultation, found)
    try:
        contribution_tag(contribution=found, by=request.user, names=form.cleaned_data["tags"].split(","))
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The tags are saved."))
    return _back(request, consultation, found)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every contribution the moderators see, as CSV for a spreadsheet; the audit trail records who took it.
    Email addresses are not in it: nobody needs them to read what the public said."""
    consultation = consultation_for(request, pk, "consultations.export")
    rows = review_selectors.page_rows(review_selectors.visible(consultation, moderator=True))
    response, writer = csv_download(f"consultation-{consultation.pk}.csv")
    writer.writerow(
        [
            _("Number"),
            _("Question or section"),
            _("State"),
            _("Sent"),
            _("Kind of contributor"),
            _("Organisation"),
            _("Name"),
            _("Published as"),
            _("Contribution"),
            _("PDF attached"),
            _("Tags"),
            _("Reason for hiding"),
        ]
    )
    count = 0
    for c in rows:
        count += 1
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                c.pk,
                c.item.title,
                c.get_state_display(),
                timezone.localtime(c.submitted_at).strftime("%Y-%m-%d %H:%M") if c.submitted_at else "",
                c.get_kind_display(),
                c.organisation,
                c.author.full_name if c.author else "",
                c.get_publication_display(),
                c.body,
                _("yes") if c.attachment else _("no"),
                ", ".join(t.name for t in c.tags.all()),
                c.get_hide_reason_display() if c.hide_reason else "",
            )
        )
    log(
        consultation,
        "consultation.exported",
        by=request.user,
        data={"rows": count, "what": "contributions.csv"},
    )
    return response
