"""Reads of what follows the decision: the published evaluation results and the public implementation
actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committees.models import Membership
from core.charts import Bar, bar_chart
from deliberation.follow_up.survey_selectors import (
    CONCLUDED,
    MIN_ANSWERS,
    SCORE_LABELS,
    SCORES,
    SURVEY_ROLES,
    answer_aggregates,
    results_from,
    survey_state,
)
from deliberation.models import EvaluationAnswer, EvaluationSurvey, ImplementationAction
from mandates.models import Mandate

# The states in which a mandate can have actions at all.
WITH_ACTIONS = (Mandate.State.ENDORSED, Mandate.State.IMPLEMENTING, Mandate.State.CLOSED)


@dataclass(frozen=True)
class PublishedEvaluation:
    mandate_id: int
    closes_at: datetime  # when it closed by date (everyone may have answered sooner)
    results: dict  # survey_selectors.results_from: answers, and per statement the counts and the mean


def published_evaluations() -> list[PublishedEvaluation]:
    """The evaluation results that are published, by the rule of `survey_selectors.survey_state`, for every
    concluded public committee at once; three queries."""
    surveys = {
        s.mandate_id: s
        for s in EvaluationSurvey.objects.filter(mandate__state__in=CONCLUDED).only("mandate_id", "closes_at")
    }
    rows = {
        row["mandate"]: row
        for row in EvaluationAnswer.objects.filter(mandate__in=surveys)
        .values("mandate")
        .annotate(**answer_aggregates())
        .order_by()
    }
    surveyed = dict(
        Membership.objects.filter(committee__mandate__in=surveys, role__in=SURVEY_ROLES)
        .values("committee__mandate")
        .annotate(people=Count("user", distinct=True))
        .values_list("committee__mandate", "people")
        .order_by()
    )
    now = timezone.now()
    published = []
    for mandate_id, survey in sorted(surveys.items()):
        row = rows.get(mandate_id)
        answers = row["answers"] if row else 0
        closed = survey.closes_at <= now or (answers and answers >= surveyed.get(mandate_id, 0))
        if closed and answers >= MIN_ANSWERS:
            published.append(PublishedEvaluation(mandate_id, survey.closes_at, results_from(row)))
    return published


@dataclass(frozen=True)
class StatementChart:
    slug: str
    title: str
    mean: float
    svg: SafeString
    rows: tuple[tuple[str, int], ...]


def evaluation_results(mandate: Mandate) -> dict | None:
    """None before the survey opened; else its closing time, whether it has closed, and the charts once
    the results are published. Three queries at most."""
    state = survey_state(mandate)
    if state is None:
        return None
    survey = {"closes_at": state.closes_at, "closed": state.closed, "too_few": state.too_few, "charts": []}
    results = state.results
    if results is None:
        return survey
    charts = []
    for key, statement in results["statements"].items():
        rows = tuple((f"{score} – {SCORE_LABELS[score]}", statement["counts"][score]) for score in SCORES)
        summary = _("%(statement)s: %(values)s. Mean %(mean)s of 5.") % {
            "statement": statement["label"],
            "values": ", ".join(f"{label}: {count}" for label, count in rows),
            "mean": f"{statement['mean']:g}",
        }
        svg = bar_chart(
            title=statement["label"],
            summary=summary,
            bars=[Bar(label=label, value=count) for label, count in rows],
            maximum=results["answers"],
        )
        charts.append(StatementChart(key, statement["label"], statement["mean"], svg, rows))
    return {**survey, "answers": results["answers"], "charts": charts}


def public_actions(mandate: Mandate, *, with_updates: bool = False) -> list[ImplementationAction]:
    """The mandate's actions in due order; one query, or two with their updates (newest first)."""
    if mandate.state not in WITH_ACTIONS:
        return []  # nothing to implement yet: spare the public pages the query
    actions = ImplementationAction.objects.filter(mandate=mandate)
    if with_updates:
        actions = actions.prefetch_related("updates")
    return list(actions)
