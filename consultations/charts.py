"""The committee view's charts, drawn with core.charts from the same numbers as the table beside each:
contributions over time (by day, or by week for a long consultation) and by kind of contributor."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

from consultations.models import Contribution
from consultations.review_selectors import Counts
from core.charts import Bar, Chart, bar_chart

# More days than this are drawn as weeks, so the picture stays readable.
MAX_DAYS = 21


def _summary(title: str, bars: list[Bar]) -> str:
    return _("%(title)s: %(values)s.") % {
        "title": title,
        "values": ", ".join(f"{b.label} {b.text}" for b in bars),
    }


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / (total or 1))} %"


def over_time(counts: Counts, *, first: date, last: date) -> Chart:
    """Contributions sent per day from the opening to the close (or today), or per week when that is long."""
    title = _("Contributions over time")
    days = (last - first).days + 1
    step = 1 if days <= MAX_DAYS else 7
    bars = []
    start = first
    while start <= last:
        end = min(start + timedelta(days=step - 1), last)
        n = sum(count for day, count in counts.by_day.items() if start <= day <= end)
        label = formats.date_format(start, "SHORT_DATE_FORMAT")
        if step > 1:
            label = _("Week from %(date)s") % {"date": label}
        bars.append(Bar(label, n, text=str(n)))
        start = end + timedelta(days=1)
    header = _("Day") if step == 1 else _("Week")
    return Chart(
        "time",
        title,
        bar_chart(title=title, summary=_summary(title, bars), bars=bars),
        (header, _("Contributions")),
        tuple((b.label, b.text) for b in bars),
    )


def by_kind(counts: Counts) -> Chart:
    title = _("Contributions by kind of contributor")
    labels = dict(Contribution.Kind.choices)
    bars = [
        Bar(
            str(labels[kind]),
            counts.by_kind[kind],
            text=f"{counts.by_kind[kind]} ({_share(counts.by_kind[kind], counts.total)})",
        )
        for kind in Contribution.Kind.values
    ]
    return Chart(
        "kind",
        title,
        bar_chart(title=title, summary=_summary(title, bars), bars=bars),
        (_("Kind of contributor"), _("Contributions"), _("Share")),
        tuple((b.label, str(int(b.value)), _share(int(b.value), counts.total)) for b in bars),
    )
