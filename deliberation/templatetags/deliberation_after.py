"""Implementation progress and evaluation results for the public committee page, which lives in the
committees app and must not import deliberation: its template loads these tags instead."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from deliberation.evaluation import SCORE_LABELS, SCORES, survey_state
from deliberation.implementation import public_actions
from deliberation.models import ImplementationAction
from mandates.models import Mandate
from pages.charts import Bar, bar_chart

register = template.Library()


@register.simple_tag
def implementation_of(mandate: Mandate) -> list[ImplementationAction]:
    """`{% implementation_of mandate as actions %}`: one query."""
    return public_actions(mandate)


@dataclass(frozen=True)
class StatementChart:
    slug: str
    title: str
    mean: float
    svg: SafeString
    rows: tuple[tuple[str, int], ...]


@register.simple_tag
def evaluation_results_of(mandate: Mandate) -> dict | None:
    """`{% evaluation_results_of mandate as survey %}`: None before the survey opened; else its closing
    time, whether it has closed, and the charts once the results are published. Three queries at most."""
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
