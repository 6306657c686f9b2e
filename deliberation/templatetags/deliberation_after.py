"""Implementation progress and evaluation results for the public committee page, which lives in the
committees app and must not import deliberation: its template loads these tags instead."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from deliberation.evaluation import SCORE_LABELS, SCORES, evaluation_results
from deliberation.implementation import public_actions
from deliberation.models import ImplementationAction
from mandates.models import Mandate

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
    """`{% evaluation_results_of mandate as results %}`: None below five answers; one query."""
    results = evaluation_results(mandate)
    if results is None:
        return None
    charts = []
    for key, statement in results["statements"].items():
        rows = tuple((f"{score} – {SCORE_LABELS[score]}", statement["counts"][score]) for score in SCORES)
        summary = _("%(statement)s: %(values)s. Mean %(mean)s of 5.") % {
            "statement": statement["label"],
            "values": ", ".join(f"{label}: {count}" for label, count in rows),
            "mean": f"{statement['mean']:g}",
        }
        svg = bar_svg(title=statement["label"], summary=summary, rows=rows, maximum=results["answers"])
        charts.append(StatementChart(key, statement["label"], statement["mean"], svg, rows))
    return {"answers": results["answers"], "charts": charts}


# A small horizontal bar chart, in the house style of the review pages (recruitment.charts, which this
# app must not import): no script and no inline style, presentation attributes only, a <title>, an
# aria-label that says all the numbers, and a table beside it on the page.
WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW, BAR = 640, 230, 50, 28, 18
FONT = 'font-family="system-ui, sans-serif" font-size="13"'
BAR_COLOUR, TEXT_COLOUR = "#0a4f8f", "#212529"  # at least 3:1 against white


def bar_svg(*, title: str, summary: str, rows: tuple[tuple[str, int], ...], maximum: int) -> SafeString:
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(summary)}" focusable="false"><title>{escape(title)}</title>'
    ]
    for n, (label, value) in enumerate(rows):
        y = 4 + n * ROW
        width = round(plot * value / (maximum or 1), 1)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" fill="{TEXT_COLOUR}" {FONT}>'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR - 4}" fill="{TEXT_COLOUR}" {FONT}>'
            f"{value}</text>"
        )
    parts.append("</svg>")
    # Every text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))
