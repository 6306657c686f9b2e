"""The dashboard's worked-out pool of a call, kept between requests until an application or a rating of the
call changes.

Working out the pool of 2,000 applicants (their choices, the meetings each can attend, shared
organisations, the means of every politician's scores) took most of a second a request. It is the same
for every viewer, so it is kept in the cache as plain tuples, under a version of its own per call: the
services that write an application or a rating of the call call `review_pool_changed()` inside their
transaction (recruitment.review.pool_version), at once and again on commit. The key also holds the
public pages' version (a renamed applicant, a cancelled meeting, a changed profile), and an entry lives
at most POOL_SECONDS, for anything written outside the services (a row deleted in the admin).
What depends on the viewer, their own scores, is read fresh on every request.
"""

from __future__ import annotations

from typing import NamedTuple

from django.core.cache import cache

from committees.models import Meeting
from recruitment.models import Application, Call
from recruitment.review.pool_version import pool_versions
from recruitment.review.selectors import ChoiceRow, Pool, RatingStats, own_scores, review_pool

POOL_SECONDS = 10 * 60


class Applicant(NamedTuple):
    full_name: str


class PoolEntry(NamedTuple):
    """One application as the dashboard, its filters and charts read it."""

    pk: int
    reference: str
    state: str
    applicant: Applicant | None  # None once anonymised
    first_line: str
    organisation: str
    gender: str
    age_band: str
    district: str
    missed: int  # meetings they cannot attend
    exception: bool  # applied through another real connection
    organisation_peers: int
    choice_list: tuple[ChoiceRow, ...]

    def get_state_display(self) -> str:
        return str(Application.State(self.state).label)


class WorkedOut(NamedTuple):
    meetings: list[Meeting]
    entries: list[PoolEntry]
    ratings: dict[tuple[int, int], RatingStats]


def _work_out(call: Call) -> WorkedOut:
    pool = review_pool(call)
    entries = [
        PoolEntry(
            pk=a.pk,
            reference=a.reference,
            state=a.state,
            applicant=Applicant(a.applicant.full_name) if a.applicant_id else None,
            first_line=a.first_line,
            organisation=a.organisation,
            gender=a.gender,
            age_band=a.age_band,
            district=a.district,
            missed=a.missed,
            exception=a.exception,
            organisation_peers=a.organisation_peers,
            choice_list=tuple(a.choice_list),
        )
        for a in pool.applications
    ]
    return WorkedOut(pool.meetings, entries, pool.ratings)


def dashboard_pool(call: Call, *, politician=None) -> Pool:
    """The pool as `review_pool` reads it, with tuples for applications, from the cache when it can be."""
    versions = pool_versions(call.pk)
    key = f"recruitment:pool:{call.pk}:{versions}"
    worked_out = cache.get(key) if versions is not None else None
    if worked_out is None:
        worked_out = _work_out(call)
        if versions is not None:
            cache.set(key, worked_out, timeout=POOL_SECONDS)
    return Pool(
        call=call,
        profiles=list(call.mandate.profiles.all()),
        meetings=worked_out.meetings,
        applications=worked_out.entries,
        ratings=worked_out.ratings,
        own=own_scores(call, politician),
    )
