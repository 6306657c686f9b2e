"""The committee's review of a call: the dashboard, one application, ratings, matching, the CSV export.

Politicians of the call's committee decide; its facilitators and council staff read; anyone else,
signed in or not, learns nothing (404 once signed in). The forms are in review/forms.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import csv_download, spreadsheet_cell
from core.signed_in_pages import kept_per_session
from recruitment.models import Application, Call
from recruitment.review import charts, matching_selectors
from recruitment.review import selectors as review_selectors
from recruitment.review.access import DECIDE, call_for, proposal_key
from recruitment.review.application_detail import application_detail, application_for_review
from recruitment.review.dashboard_rows import rows_render
from recruitment.review.exports import export_record
from recruitment.review.forms import FilterForm
from recruitment.review.pool_cache import dashboard_pool
from recruitment.review.selectors import UNKNOWN, RatingStats


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, _("Not given") if value == UNKNOWN else value))


# --- Dashboard.


def _pool_charts(pool: review_selectors.Pool) -> list[charts.Chart]:
    def counts(attribute: str, choices) -> list[tuple[str, int]]:
        return [(_label(choices, v), n) for v, n in review_selectors.distribution(pool, attribute)]

    per_profile = review_selectors.applicants_per_profile(pool)
    return [
        charts.count_chart(
            slug="pool-gender",
            title=_("Applicants by gender"),
            header=_("Gender"),
            counts=counts("gender", Application.Gender.choices),
        ),
        charts.count_chart(
            slug="pool-age",
            title=_("Applicants by age band"),
            header=_("Age band"),
            counts=counts("age_band", Application.AgeBand.choices),
        ),
        charts.count_chart(
            slug="pool-district",
            title=_("Applicants by district"),
            header=_("District"),
            counts=counts("district", []),
        ),
        charts.profiles_chart(rows=[(p.title, n, first, p.seats) for p, n, first in per_profile]),
    ]


def _balance_charts(request: HttpRequest, call: Call, pool: review_selectors.Pool) -> list[charts.Chart]:
    """The last proposal this person ran on the matching page, against the mandate's balance rules."""
    stored = request.session.get(proposal_key(call))
    if not stored or call.state == Call.State.SELECTED:
        return []
    balance = matching_selectors.proposal_balance(
        pool, {int(p): ids for p, ids in stored["assignment"].items()}
    )
    mandate = call.mandate
    return [
        charts.gender_chart(
            genders=[
                (_label(Application.Gender.choices, value), value, count, share)
                for value, count, share in balance.genders
            ],
            minimum=mandate.min_gender_share,
        ),
        charts.limit_chart(
            slug="proposal-organisations",
            title=_("Proposed selection by organisation"),
            header=_("Organisation"),
            counts=balance.organisations,
            maximum=mandate.max_per_organisation,
        ),
        charts.limit_chart(
            slug="proposal-districts",
            title=_("Proposed selection by district"),
            header=_("District"),
            counts=balance.districts,
            maximum=mandate.max_per_district,
        ),
    ]


@login_required
@require_GET
@kept_per_session
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request, pk)
    can_decide = request.user.has_perm(DECIDE, call)
    pool = dashboard_pool(call, politician=request.user if can_decide else None)
    form = FilterForm(request.GET or None, pool=pool)
    filters = form.filters()
    own = pool.own
    context = {
        "call": call,
        "mandate": call.mandate,
        "can_decide": can_decide,
        "form": form,
        "filters": filters,
        "ignored_input": form.is_bound and bool(form.errors),
        "groups": review_selectors.dashboard_groups(pool, filters=filters, own=own),
        "can_rate": can_decide and _ratings_open(call),
        "scores": RatingPanel.scores,
        "progress": review_selectors.rating_progress(pool),
        "back": request.GET.urlencode(),
        "applicant_count": len(pool.applications),
        "meeting_count": len(pool.meetings),
        "pool_charts": _pool_charts(pool),
        "balance_charts": _balance_charts(request, call, pool),
    }
    rows_render(request, call, context["groups"], context=context)
    return render(request, "recruitment/review/dashboard.html", context)


# --- One application, and rating it.


@dataclass
class RatingPanel:
    scores: ClassVar[tuple[int, ...]] = (1, 2, 3, 4, 5)

    profile: object
    rank: int
    stats: RatingStats
    own: object | None
    can_rate: bool
    error: str = ""
    saved: bool = False


def _ratings_open(call: Call) -> bool:
    return call.state in (Call.State.OPEN, Call.State.CLOSED)


def _panels(
    request: HttpRequest, call: Call, application: Application, choices, **flags
) -> list[RatingPanel]:
    is_politician = request.user.has_perm(DECIDE, call)
    can_rate = is_politician and _ratings_open(call)
    # Only ever the viewer's own rating and note: other politicians' notes are theirs alone.
    stats, own = review_selectors.application_ratings(application, request.user if is_politician else None)
    return [
        RatingPanel(
            profile=c.profile,
            rank=c.rank,
            stats=stats.get((application.pk, c.profile_id), review_selectors.NO_RATINGS),
            own=own.get((application.pk, c.profile_id)),
            can_rate=can_rate,
            **flags,
        )
        for c in choices
    ]


@login_required
@require_GET
@kept_per_session
def review_application(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    call = call_for(request, pk)
    application = application_for_review(call, reference)
    detail = application_detail(call, application)
    context = {
        "call": call,
        "mandate": call.mandate,
        "application": application,
        "detail": detail,
        "panels": _panels(request, call, application, detail.choices),
        "can_decide": request.user.has_perm(DECIDE, call),
        "ratings_open": _ratings_open(call),
    }
    if context["can_decide"] and context["ratings_open"]:
        context["next_unrated"] = review_selectors.next_unrated(call, request.user, after=application)
    return render(request, "recruitment/review/application.html", context)


# --- Export.


@login_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request, pk)
    pool = review_selectors.review_pool(call)
    titles = {p.pk: p.title for p in pool.profiles}
    response, writer = csv_download(f"applications-call-{call.pk}.csv")
    writer.writerow(
        [
            _("Reference"),
            _("Name"),
            _("Email"),
            _("Profiles in order of preference"),
            _("State"),
            _("Gender"),
            _("Age band"),
            _("District"),
            _("Organisation"),
            _("Meetings they can attend"),
            _("Mean ratings"),
        ]
    )
    for a in pool.applications:
        means = []
        for choice in a.choice_list:
            stats = pool.ratings.get((a.pk, choice.profile_id))
            if stats:
                means.append(f"{titles.get(choice.profile_id, '')}: {stats.mean:.2f} ({stats.count})")
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                a.reference,
                a.applicant.full_name if a.applicant else "",
                a.applicant.email if a.applicant else "",
                "; ".join(titles.get(c.profile_id, "") for c in a.choice_list),
                a.get_state_display(),
                a.get_gender_display(),
                a.get_age_band_display(),
                a.district,
                a.organisation,
                len(pool.meetings) - a.missed,
                "; ".join(means),
            )
        )
    export_record(call=call, by=request.user, rows=len(pool.applications), what="applications.csv")
    return response
