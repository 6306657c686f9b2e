"""What the public may read of a committee's work, for the pages that show it (the committee page).

The public get published decision summaries, the delivery once a political body has dealt with it, its
route and the Council's decision, the implementation actions and the evaluation's results once
published: never internal notes, drafts or single answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committees.models import TaskCommittee
from core.charts import Bar, bar_chart
from deliberation.deliverables.publicity import deliverable_is_public
from deliberation.follow_up.evaluation import SCORE_LABELS, SCORES, survey_state
from deliberation.models import CouncilDecision, Deliverable, ReviewStep
from mandates.models import Mandate


@dataclass(frozen=True)
class PublicReview:
    deliverable: Deliverable
    steps: list[ReviewStep]
    decision: CouncilDecision | None


def public_review(committee: TaskCommittee | None) -> PublicReview | None:
    """The delivery with each body's handling and the Council's latest decision, once it is public."""
    if committee is None:
        return None
    deliverable = Deliverable.objects.filter(committee=committee).select_related("submitted_version").first()
    if deliverable is None or not deliverable_is_public(deliverable):
        return None
    steps = list(deliverable.review_steps.select_related("route_entry__body").order_by("meeting_date", "id"))
    decision = (
        CouncilDecision.objects.filter(deliverable__committee=committee)
        .order_by("-decided_on", "-id")
        .first()
    )
    return PublicReview(deliverable=deliverable, steps=steps, decision=decision)


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
