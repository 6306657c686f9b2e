"""Reads for the committee's review of a call. Each costs a fixed number of queries however many
people applied: the pool is read once, and filters, groups and charts are worked out in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Avg, Case, Count, F, IntegerField, Q, TextField, Value, When
from django.shortcuts import get_object_or_404

from committees.models import Meeting
from mandates.models import CompetenceProfile
from recruitment.applications import is_exception
from recruitment.models import Application, ApplicationChoice, Call, Rating, Selection

# The engine's own rule for "the same organisation", so the warning and the engine agree.
from recruitment.review.selection import _normalised as normalised_organisation

UNKNOWN = "unknown"  # filter value for demographics the applicant did not give
# Rows per profile on the unfiltered dashboard; filtering by profile shows them all. 25 best-rated rows
# per profile are what a politician reads first; 100 made a 700 kB page of 1,000 rows for 2,000 applicants.
GROUP_LIMIT = 25


class RatingStats(NamedTuple):  # a tuple: thousands are kept in the cache and read at once
    mean: float | None = None
    count: int = 0


NO_RATINGS = RatingStats()


class ChoiceRow(NamedTuple):
    """One profile an applicant chose, as the review pages read it (a tuple: thousands are read at once)."""

    application_id: int
    profile_id: int
    rank: int


@dataclass(frozen=True)
class OwnScore:
    """The viewer's own score, as the dashboard shows it (a model instance per row costs more than the
    rest of the row)."""

    score: int


@dataclass
class Pool:
    """Everyone still in the running or already placed (withdrawn applications are out), with what
    the dashboard, the charts and the export need to know about each."""

    call: Call
    profiles: list[CompetenceProfile]
    meetings: list[Meeting]
    applications: list[Application]
    ratings: dict[tuple[int, int], RatingStats]
    own: dict[tuple[int, int], OwnScore] = field(default_factory=dict)  # the politician's, if one was named

    @property
    def by_id(self) -> dict[int, Application]:
        return {a.pk: a for a in self.applications}


@dataclass
class Row:
    application: Application
    rank: int
    ratings: RatingStats
    own: OwnScore | None


@dataclass
class ProfileGroup:
    profile: CompetenceProfile
    rows: list[Row]
    total: int  # matching the filters, before GROUP_LIMIT
    unrated_hidden: int = 0  # of the rows beyond GROUP_LIMIT, those the viewing politician has not rated

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Filters:
    profile: int | None = None
    availability: str = ""  # "all" | "misses"
    district: str = ""
    gender: str = ""
    age_band: str = ""

    @property
    def active(self) -> bool:
        return any((self.profile, self.availability, self.district, self.gender, self.age_band))


def call_for_review(pk: int) -> Call:
    """The call with its mandate, its selection if confirmed, and the mandate's profiles (two queries)."""
    return get_object_or_404(
        Call.objects.select_related("mandate", "selection__confirmed_by").prefetch_related(
            "mandate__profiles"
        ),
        pk=pk,
    )


def selection_of(call: Call) -> Selection | None:
    try:
        return call.selection
    except Selection.DoesNotExist:
        return None


def _meetings(call: Call) -> list[Meeting]:
    return list(
        Meeting.objects.filter(committee__mandate_id=call.mandate_id).exclude(state=Meeting.State.CANCELLED)
    )


def rating_stats(call: Call, *, application: Application | None = None) -> dict[tuple[int, int], RatingStats]:
    """Every politician's scores as a mean and a count per applicant and profile, worked out in SQL."""
    rows = Rating.objects.filter(application__call=call)
    if application is not None:
        rows = rows.filter(application=application)
    rows = rows.values_list("application_id", "profile_id").annotate(mean=Avg("score"), count=Count("pk"))
    return {(a, p): RatingStats(mean=float(mean), count=count) for a, p, mean, count in rows.order_by()}


def own_ratings(
    call: Call, politician, *, application: Application | None = None
) -> dict[tuple[int, int], Rating]:
    rows = Rating.objects.filter(application__call=call, politician=politician)
    if application is not None:
        rows = rows.filter(application=application)
    return {(r.application_id, r.profile_id): r for r in rows}


class OwnRating(NamedTuple):
    score: int
    note: str


def application_ratings(
    application: Application, politician
) -> tuple[dict[tuple[int, int], RatingStats], dict[tuple[int, int], OwnRating]]:
    """One application's scores in one query: every politician's as a mean and a count per profile, and
    `politician`'s own with their private note (no other politician's note is read)."""
    viewer = getattr(politician, "pk", None)
    text = TextField()
    note = Case(When(politician_id=viewer, then=F("note")), default=Value(""), output_field=text)
    note = note if viewer else Value("", output_field=text)
    rows = (
        Rating.objects.filter(application=application)
        .annotate(own_note=note)
        .values_list("profile_id", "politician_id", "score", "own_note")
        .order_by()
    )
    scores: dict[int, list[int]] = defaultdict(list)
    own = {}
    for profile_id, politician_id, score, note in rows:
        scores[profile_id].append(score)
        if viewer and politician_id == viewer:
            own[(application.pk, profile_id)] = OwnRating(score, note)
    stats = {(application.pk, p): RatingStats(mean=sum(s) / len(s), count=len(s)) for p, s in scores.items()}
    return stats, own


def own_scores(call: Call, politician) -> dict[tuple[int, int], OwnScore]:
    """`politician`'s own scores of the pool's choices (without the private notes, which the dashboard
    does not show)."""
    if politician is None:
        return {}
    rows = (
        Rating.objects.filter(application__call=call, politician=politician)
        .exclude(application__state=Application.State.WITHDRAWN)
        .filter(application__choices__profile_id=F("profile_id"))  # a profile still chosen
        .values_list("application_id", "profile_id", "score")
    )
    return {(application_id, profile_id): OwnScore(score) for application_id, profile_id, score in rows}


# What the dashboard, its charts and the CSV export read of each application and applicant.
POOL_FIELDS = (
    "call_id",
    "applicant_id",
    "reference",
    "state",
    "motivation",
    "organisation",
    "gender",
    "age_band",
    "district",
    "tie",
    "submitted_at",
    "applicant__full_name",
    "applicant__email",
)


def review_pool(call: Call, *, politician=None) -> Pool:
    """Five queries (the call's profiles are prefetched): meetings, applications with their applicant and
    the number of meetings they can attend, choices, the means of the ratings, and `politician`'s own
    scores, if one is named."""
    profiles = list(call.mandate.profiles.all())
    meetings = _meetings(call)
    meeting_ids = {m.pk for m in meetings}
    applications = list(
        call.applications.exclude(state=Application.State.WITHDRAWN)
        .select_related("applicant")
        .only(*POOL_FIELDS)
        .annotate(
            attends=Count("available_meetings", filter=Q(available_meetings__in=meeting_ids))
            if meeting_ids
            else Value(0, output_field=IntegerField())
        )
        .order_by("submitted_at", "pk")
    )
    choices: dict[int, list[ChoiceRow]] = defaultdict(list)
    rows = ApplicationChoice.objects.filter(application__call=call).order_by("rank")
    for choice in map(ChoiceRow._make, rows.values_list("application_id", "profile_id", "rank")):
        choices[choice.application_id].append(choice)
    organisations = Counter(normalised_organisation(a.organisation) for a in applications)
    for application in applications:
        application.choice_list = choices[application.pk]
        application.first_line = first_line(application.motivation)
        application.missed = len(meeting_ids) - application.attends
        organisation = normalised_organisation(application.organisation)
        application.organisation_peers = organisations[organisation] - 1 if organisation else 0
        application.exception = is_exception(call, application)
    return Pool(
        call=call,
        profiles=profiles,
        meetings=meetings,
        applications=applications,
        ratings=rating_stats(call),
        own=own_scores(call, politician),
    )


def _matches(application: Application, filters: Filters) -> bool:
    if filters.availability == "all" and application.missed:
        return False
    if filters.availability == "misses" and not application.missed:
        return False
    for name in ("district", "gender", "age_band"):
        wanted = getattr(filters, name)
        if wanted and (getattr(application, name) or UNKNOWN) != wanted:
            return False
    return True


def dashboard_groups(
    pool: Pool, *, filters: Filters, own: dict[tuple[int, int], OwnScore]
) -> list[ProfileGroup]:
    """Applicants under each profile they chose, best rated first (unrated last), then by their preference."""
    rows: dict[int, list[Row]] = defaultdict(list)
    for application in pool.applications:
        if not _matches(application, filters):
            continue
        for choice in application.choice_list:
            key = (application.pk, choice.profile_id)
            rows[choice.profile_id].append(
                Row(application, choice.rank, pool.ratings.get(key, NO_RATINGS), own.get(key))
            )
    groups = []
    for profile in pool.profiles:
        if filters.profile and profile.pk != filters.profile:
            continue
        ordered = sorted(
            rows[profile.pk], key=lambda r: (r.ratings.mean is None, -(r.ratings.mean or 0), r.rank)
        )
        shown = ordered if filters.profile else ordered[:GROUP_LIMIT]
        unrated_hidden = sum(r.own is None for r in ordered[len(shown) :])
        groups.append(
            ProfileGroup(profile=profile, rows=shown, total=len(ordered), unrated_hidden=unrated_hidden)
        )
    return groups


@dataclass(frozen=True)
class RatingProgress:
    rated: int
    total: int


def rating_progress(pool: Pool) -> RatingProgress:
    """How many of the pool's (applicant, profile) choices the viewing politician has rated."""
    total = sum(len(a.choice_list) for a in pool.applications)
    return RatingProgress(rated=len(pool.own), total=total)  # own holds the pool's choices only


def rating_progress_of(call: Call, politician) -> RatingProgress:
    """The same, in two counting queries, for the answer to one rating."""
    choices = ApplicationChoice.objects.filter(application__call=call).exclude(
        application__state=Application.State.WITHDRAWN
    )
    rated = Rating.objects.filter(application__call=call, politician=politician).exclude(
        application__state=Application.State.WITHDRAWN
    )
    return RatingProgress(rated=rated.count(), total=choices.count())


def next_unrated(call: Call, politician, *, after: Application) -> str | None:
    """The reference of the next application (in the order they came in, from `after` on, round to the
    start) with a profile choice the politician has not rated: one query."""
    waiting = (
        call.applications.exclude(state=Application.State.WITHDRAWN)
        .exclude(pk=after.pk)
        .annotate(
            chosen=Count("choices", distinct=True),
            rated=Count("ratings", filter=Q(ratings__politician=politician), distinct=True),
        )
        .filter(rated__lt=F("chosen"))
        .annotate(
            later=Q(submitted_at__gt=after.submitted_at) | Q(submitted_at=after.submitted_at, pk__gt=after.pk)
        )
        .order_by("-later", "submitted_at", "pk")
    )
    return waiting.values_list("reference", flat=True).first()


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def distribution(pool: Pool, attribute: str) -> list[tuple[str, int]]:
    """(value, count) over the pool, in the order of the field's choices; unknown last."""
    counts = Counter(getattr(a, attribute) or UNKNOWN for a in pool.applications)
    if attribute == "district":
        order = sorted(k for k in counts if k != UNKNOWN)
    else:
        order = [value for value, _label in Application._meta.get_field(attribute).choices if value in counts]
    return [(value, counts[value]) for value in [*order, UNKNOWN] if counts.get(value)]


def applicants_per_profile(pool: Pool) -> list[tuple[CompetenceProfile, int, int]]:
    """(profile, applicants who chose it at any rank, of whom first choices)."""
    anyone: Counter[int] = Counter()
    first: Counter[int] = Counter()
    for application in pool.applications:
        for choice in application.choice_list:
            anyone[choice.profile_id] += 1
            first[choice.profile_id] += choice.rank == 1
    return [(p, anyone[p.pk], first[p.pk]) for p in pool.profiles]
