"""The review pages' charts, drawn with core.charts from the same rows as the table beside each."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from core.charts import Bar, Chart, bar_chart

# --- The review pages' charts: each is drawn from the same rows as the table shown beside it
# (templates/includes/chart.html).


def count_chart(*, slug: str, title: str, header: str, counts: Sequence[tuple[str, int]]) -> Chart:
    """How many applicants fall in each category (gender, age band, district)."""
    total = sum(n for _label, n in counts) or 1
    bars = [Bar(label, n, text=f"{n} ({round(100 * n / total)} %)") for label, n in counts]
    summary = _("%(title)s: %(values)s.") % {
        "title": title,
        "values": ", ".join(f"{b.label} {b.text}" for b in bars),
    }
    rows = tuple((b.label, str(int(b.value)), f"{round(100 * b.value / total)} %") for b in bars)
    return Chart(
        slug,
        title,
        bar_chart(title=title, summary=summary, bars=bars),
        (header, _("Applicants"), _("Share")),
        rows,
    )


def profiles_chart(*, rows: Sequence[tuple[str, int, int, int]]) -> Chart:
    """Applicants per profile, at any preference, against its seats: (title, applicants, first, seats)."""
    title = _("Applicants per profile and seats")
    bars = [
        Bar(
            name,
            applicants,
            text=_("%(applicants)s applicants, %(seats)s seats") % {"applicants": applicants, "seats": seats},
            target=seats,
        )
        for name, applicants, _first, seats in rows
    ]
    summary = _("%(title)s: %(values)s.") % {
        "title": title,
        "values": "; ".join(f"{b.label} {b.text}" for b in bars),
    }
    table = tuple((name, str(applicants), str(first), str(seats)) for name, applicants, first, seats in rows)
    headers = (_("Profile"), _("Applicants"), _("As first choice"), _("Seats"))
    return Chart("profiles", title, bar_chart(title=title, summary=summary, bars=bars), headers, table)


def gender_chart(*, genders: Sequence[tuple[str, str, int, float]], minimum: int) -> Chart:
    """The proposal's share of each gender against the mandate's minimum share (0 = no rule).

    `genders` holds (label, value, seats, share %); the rule counts women and men only."""
    title = _("Proposed selection by gender")
    ruled = ("woman", "man")
    bars, table = [], []
    for label, value, count, share in genders:
        below = minimum > 0 and value in ruled and share < minimum
        bars.append(Bar(label, share, text=f"{share:g} % ({count})", flagged=below))
        verdict = (
            (_("Below the minimum") if below else _("Meets the rule"))
            if minimum and value in ruled
            else _("No rule")
        )
        table.append((label, str(count), f"{share:g} %", verdict))
    limit_label = _("minimum %(share)s %%") % {"share": minimum} if minimum else ""
    summary = _("%(title)s: %(values)s.") % {
        "title": title,
        "values": ", ".join(f"{b.label} {b.text}" for b in bars),
    }
    if minimum:
        summary += " " + _("The mandate asks for at least %(share)s %% of each gender.") % {"share": minimum}
    svg = bar_chart(
        title=title, summary=summary, bars=bars, limit=minimum or None, limit_label=limit_label, maximum=100
    )
    return Chart("gender", title, svg, (_("Gender"), _("Seats"), _("Share"), _("Rule")), tuple(table))


def limit_chart(
    *, slug: str, title: str, header: str, counts: Sequence[tuple[str, int]], maximum: int | None
) -> Chart:
    """Seats per organisation or district in the proposal against the mandate's maximum (None = no rule)."""
    bars, table = [], []
    for label, count in counts:
        over = maximum is not None and count > maximum
        bars.append(Bar(label, count, flagged=over))
        verdict = (
            (_("Above the maximum") if over else _("Meets the rule")) if maximum is not None else _("No rule")
        )
        table.append((label, str(count), verdict))
    limit_label = _("at most %(count)s") % {"count": maximum} if maximum is not None else ""
    summary = _("%(title)s: %(values)s.") % {
        "title": title,
        "values": ", ".join(f"{b.label} {b.value:g}" for b in bars),
    }
    if maximum is not None:
        summary += " " + _("The mandate allows at most %(count)s.") % {"count": maximum}
    svg = bar_chart(title=title, summary=summary, bars=bars, limit=maximum, limit_label=limit_label)
    return Chart(slug, title, svg, (header, _("Seats"), _("Rule")), tuple(table))
