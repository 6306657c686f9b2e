"""The committee's review of a call: the dashboard, one application, ratings, matching, the CSV export.

Politicians of the call's committee decide; its facilitators and council staff read; anyone else,
signed in or not, learns nothing (404 once signed in). The small forms live here because they
are only parsers for these views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pages.exports import csv_download, spreadsheet_cell
from recruitment import charts, review_selectors
from recruitment import matching as engine
from recruitment.exports import export_record
from recruitment.models import Application, Call
from recruitment.ratings import rating_set
from recruitment.review_selectors import UNKNOWN, Filters, RatingStats
from recruitment.selection import selection_confirm, selection_problem

REVIEW = "recruitment.review_call"
DECIDE = "recruitment.decide_call"


def _call_for(request: HttpRequest, pk: int, *, decide: bool = False) -> Call:
    """The call, if the user may review it (else 404); deciding needs more (else 403)."""
    call = review_selectors.call_for_review(pk)
    if not request.user.has_perm(REVIEW, call):
        raise Http404
    if decide and not request.user.has_perm(DECIDE, call):
        raise PermissionDenied
    return call


def _proposal_key(call: Call) -> str:
    return f"recruitment.proposal.{call.pk}"


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, _("Not given") if value == UNKNOWN else value))


# --- Dashboard.


class FilterForm(forms.Form):
    profile = forms.TypedChoiceField(
        label=gettext_lazy("Profile"), required=False, coerce=int, empty_value=None
    )
    availability = forms.ChoiceField(
        label=gettext_lazy("Availability"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("all", gettext_lazy("Can attend every meeting")),
            ("misses", gettext_lazy("Misses one or more meetings")),
        ],
    )
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            *Application.Gender.choices,
            (UNKNOWN, gettext_lazy("Not given")),
        ],
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age band"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            *Application.AgeBand.choices,
            (UNKNOWN, gettext_lazy("Not given")),
        ],
    )

    def __init__(self, data, *, pool: review_selectors.Pool) -> None:
        super().__init__(data)
        districts = sorted(
            {*settings.RECRUITMENT_DISTRICTS, *(a.district for a in pool.applications if a.district)}
        )
        self.fields["profile"].choices = [("", _("All profiles")), *((p.pk, p.title) for p in pool.profiles)]
        self.fields["district"].choices = [
            ("", _("Any")),
            *((d, d) for d in districts),
            (UNKNOWN, _("Not given")),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> Filters:
        """The filters that could be read; input that does not fit is left out, never an error page."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            profile=data.get("profile"),
            **{name: data.get(name) or "" for name in ("availability", "district", "gender", "age_band")},
        )


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
    stored = request.session.get(_proposal_key(call))
    if not stored or call.state == Call.State.SELECTED:
        return []
    balance = review_selectors.proposal_balance(
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
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for(request, pk)
    can_decide = request.user.has_perm(DECIDE, call)
    pool = review_selectors.review_pool(call, politician=request.user if can_decide else None)
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
        "applicant_count": len(pool.applications),
        "meeting_count": len(pool.meetings),
        "pool_charts": _pool_charts(pool),
        "balance_charts": _balance_charts(request, call, pool),
    }
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
    stats = review_selectors.rating_stats(call, application=application)
    # Only ever the viewer's own rating and note: other politicians' notes are theirs alone.
    own = review_selectors.own_ratings(call, request.user, application=application) if is_politician else {}
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
def review_application(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    call = _call_for(request, pk)
    application = review_selectors.application_for_review(call, reference)
    detail = review_selectors.application_detail(call, application)
    context = {
        "call": call,
        "mandate": call.mandate,
        "application": application,
        "detail": detail,
        "panels": _panels(request, call, application, detail.choices),
        "can_decide": request.user.has_perm(DECIDE, call),
        "ratings_open": _ratings_open(call),
    }
    return render(request, "recruitment/review/application.html", context)


class RatingForm(forms.Form):
    profile = forms.IntegerField(min_value=1, max_value=2**31 - 1)  # a larger one overflows the database
    score = forms.TypedChoiceField(
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        error_messages={
            "required": gettext_lazy("Give a score from 1 to 5."),
            "invalid_choice": gettext_lazy("Give a score from 1 to 5."),
        },
    )
    note = forms.CharField(required=False, max_length=2000)


@login_required
@require_POST
def rate(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    call = _call_for(request, pk, decide=True)
    application = review_selectors.application_for_review(call, reference)
    form = RatingForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            rating_set(
                application=application,
                profile_id=form.cleaned_data["profile"],
                politician=request.user,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
    else:
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
    page = reverse("recruitment:review_application", args=[call.pk, application.reference])
    profile_id = form.cleaned_data.get("profile")
    choice = application.choices.select_related("profile").filter(profile_id=profile_id).first()
    if request.htmx and choice is not None:
        (panel,) = _panels(request, call, application, [choice], error=error, saved=not error)
        return render(
            request,
            "recruitment/review/_rating.html",
            {"call": call, "application": application, "panel": panel, "ratings_open": _ratings_open(call)},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your rating is saved."))
    target = f"{page}#rating-{choice.profile_id}" if choice else page
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


# --- Matching.


def _is_id(value: str) -> bool:
    """ASCII digits of a size the database holds (str.isdigit() also says yes to "²", which int() refuses)."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def _adjustments(data) -> tuple[frozenset[tuple[int, int]], frozenset[int]]:
    """Pins ("<application id>:<profile id>") and exclusions ("<application id>"); unreadable ones go."""
    pins = set()
    for value in data.getlist("pin"):
        application_id, _sep, profile_id = value.partition(":")
        if _is_id(application_id) and _is_id(profile_id):
            pins.add((int(application_id), int(profile_id)))
    return frozenset(pins), frozenset(int(v) for v in data.getlist("exclude") if _is_id(v))


def _matching_url(call: Call, pins=frozenset(), exclusions=frozenset()) -> str:
    query = [("pin", f"{a}:{p}") for a, p in sorted(pins)] + [("exclude", a) for a in sorted(exclusions)]
    url = reverse("recruitment:matching", args=[call.pk])
    return f"{url}?{urlencode(query)}" if query else url


def _rule_text(rule: str, call: Call) -> str:
    mandate = call.mandate
    texts = {
        "pins": _("the pins you set"),
        "gender": _("at least %(share)s %% of each gender") % {"share": mandate.min_gender_share},
        "organisation": _("at most %(count)s per organisation") % {"count": mandate.max_per_organisation},
        "district": _("at most %(count)s per district") % {"count": mandate.max_per_district},
    }
    return texts.get(rule, rule)


@login_required
@require_http_methods(["GET", "POST"])
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _confirm(request, pk)
    call = _call_for(request, pk)
    can_decide = request.user.has_perm(DECIDE, call)
    selection = review_selectors.selection_of(call)  # loaded with the call
    if selection is not None:
        context = {
            "call": call,
            "mandate": call.mandate,
            "selection": selection,
            "profiles": review_selectors.confirmed_selection(call, selection),
        }
        return render(request, "recruitment/review/confirmed.html", context)
    # Pins and exclusions are the deciders' tools; readers see the engine's own proposal. The problem
    # is built here rather than through selection_propose because shortfalls() needs it too.
    pins, exclusions = _adjustments(request.GET) if can_decide else (frozenset(), frozenset())
    stats = review_selectors.rating_stats(call)
    problem = selection_problem(
        call, pins=pins, exclusions=exclusions, mean_ratings={key: s.mean for key, s in stats.items()}
    )
    result, shortfalls = None, ()
    try:
        result = engine.solve(problem)
        shortfalls = engine.shortfalls(problem, result)
    except engine.SolverError:
        messages.error(request, _("The matching engine could not finish. Try again, or with fewer pins."))
    applications = review_selectors.proposal_applications(call, result, pins, exclusions)
    proposal = (
        review_selectors.proposal(call, problem, result, applications=applications, stats=stats)
        if result
        else []
    )
    if result:
        request.session[_proposal_key(call)] = {
            "assignment": {str(p): list(ids) for p, ids in result.assignment.items()}
        }
    pinned, excluded = review_selectors.adjustment_rows(call, pins, exclusions, applications=applications)
    context = {
        "call": call,
        "mandate": call.mandate,
        "can_decide": can_decide,
        "can_confirm": can_decide and call.state == Call.State.CLOSED,
        "result": result,
        "proposal": proposal,
        "empty_seats": sum(p.empty for p in proposal),
        "unmet": [_rule_text(r, call) for r in result.unmet_rules] if result else [],
        "relaxed": [_rule_text(r, call) for r in result.relaxed] if result else [],
        "shortfalls": [_rule_text(r, call) for r in shortfalls],
        "pinned": pinned,
        "excluded": excluded,
        "pins": pins,
        "exclusions": exclusions,
        "rules": [_rule_text(r, call) for r in engine.rules_in_force(problem) if r != "pins"],
    }
    return render(request, "recruitment/review/matching.html", context)


def _placements(values: list[str]) -> dict[int, list[int]]:
    """Values "<profile id>:<application id>", in the order shown, grouped by profile."""
    placed: dict[int, list[int]] = {}
    for value in values:
        profile_id, _sep, application_id = value.partition(":")
        if not (_is_id(profile_id) and _is_id(application_id)):
            raise ValidationError(
                _("The selection could not be read. Run the engine again and confirm what it shows.")
            )
        placed.setdefault(int(profile_id), []).append(int(application_id))
    # A name twice in one list would break the placements' unique constraint inside selection_confirm.
    return {profile_id: list(dict.fromkeys(ids)) for profile_id, ids in placed.items()}


def _confirm(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for(request, pk, decide=True)
    pins, exclusions = _adjustments(request.POST)
    if call.state == Call.State.OPEN:
        messages.error(
            request, _("The call is still open: the selection can be confirmed after the deadline.")
        )
        return redirect(_matching_url(call, pins, exclusions))
    try:
        selection_confirm(
            call=call,
            by=request.user,
            rationale=request.POST.get("rationale", ""),
            seats=_placements(request.POST.getlist("seat")),
            reserves=_placements(request.POST.getlist("reserve")),
        )
    except ValidationError as failure:
        messages.error(request, " ".join(failure.messages))
        return redirect(_matching_url(call, pins, exclusions))
    request.session.pop(_proposal_key(call), None)
    messages.success(
        request, _("The selection is confirmed: the invitations and thank-yous are on their way.")
    )
    return redirect(_matching_url(call))


# --- Export.


@login_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for(request, pk)
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
