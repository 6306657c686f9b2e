"""Server-side SVG bar charts for any page: pure functions from numbers to markup.

No JavaScript and no inline style (the CSP forbids both): colours are SVG presentation attributes.
Each chart names itself in <title> and summarises itself in aria-label; the page puts a table with
the same numbers beside it, so nothing depends on seeing the picture or its colours. It lives here,
at the bottom of the app stack, so recruitment's review pages and the public evaluation results share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = (
    200  # labels right-aligned in this column; longer ones are shortened (the <title> keeps them whole)
)
VALUE_WIDTH = 70
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 26  # room for the limit's label
LABEL_CHARS = 28
FONT = 'font-family="system-ui, sans-serif" font-size="13"'
# Colours with at least 3:1 contrast on white (WCAG 1.4.11); meaning is never carried by colour alone.
BAR = "#0a4f8f"
FLAGGED = "#b3261e"
TARGET = "#c25e00"
TEXT = "#212529"


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the table of its numbers, shown side by side by templates/includes/chart.html."""

    slug: str  # for the ids that tie a heading, the picture and its table together
    title: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # shown after the bar; the value itself when empty
    target: float | None = None  # e.g. a profile's seats, drawn as a tick across the bar
    flagged: bool = False  # the value breaks a rule


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(
    *,
    title: str,
    summary: str,
    bars: Sequence[Bar],
    limit: float | None = None,
    limit_label: str = "",
    maximum: float | None = None,
) -> SafeString:
    """A horizontal bar chart; `limit` draws a dashed line across all bars (a rule's minimum or maximum)."""
    scale_max = max([maximum or 0, limit or 0, *(b.value for b in bars), *(b.target or 0 for b in bars)]) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + ROW_HEIGHT * max(len(bars), 1) + 8

    def x(value: float) -> float:
        return round(LABEL_WIDTH + plot * value / scale_max, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(summary)}" focusable="false">',
        f"<title>{escape(title)}</title>",
    ]
    for row, bar in enumerate(bars):
        y = TOP + row * ROW_HEIGHT
        text = bar.text or _number(bar.value)
        width = max(x(bar.value) - LABEL_WIDTH, 0)
        parts.append(f'<g class="chart-row"><title>{escape(bar.label)}: {escape(text)}</title>')
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" fill="{TEXT}" {FONT}>'
            f"{escape(_shorten(bar.label))}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{FLAGGED if bar.flagged else BAR}"/>'
        )
        if bar.target is not None:
            parts.append(
                f'<rect x="{x(bar.target) - 1.5}" y="{y - 3}" width="3" height="{BAR_HEIGHT + 6}" '
                f'fill="{TARGET}"/>'
            )
        parts.append(
            f'<text x="{x(max(bar.value, bar.target or 0)) + 6}" y="{y + BAR_HEIGHT - 4}" '
            f'fill="{TEXT}" {FONT}>'
            f"{escape(text)}</text></g>"
        )
    if limit is not None:
        parts.append(
            f'<line x1="{x(limit)}" y1="{TOP - 6}" x2="{x(limit)}" y2="{height - 4}" stroke="{TEXT}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
        )
        if limit_label:
            anchor = "end" if x(limit) > WIDTH - 90 else "middle"  # keep the label inside the picture
            parts.append(
                f'<text x="{x(limit)}" y="{TOP - 10}" text-anchor="{anchor}" fill="{TEXT}" {FONT}>'
                f"{escape(limit_label)}</text>"
            )
    parts.append("</svg>")
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))
