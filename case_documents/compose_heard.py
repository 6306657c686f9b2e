"""The consultation report ("what we heard") as blocks of the case document, from the consultations
selector: for each published report, its period and numbers, the summary, how the input on each question or
section was used, and the dialogue meetings it refers to."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from case_documents.text import day, paragraphs
from case_documents.tree import Block, Heading, ItemList, Run, Table
from consultations.selectors import HeardReport


def heard_blocks(reports: list[HeardReport], *, lang: str) -> tuple[Block, ...]:
    """`lang` marks the committee's own words when the document is in another language."""
    blocks: list[Block] = []
    for report in reports:
        blocks.append(Heading(report.title, lang=lang))
        numbers = ngettext(
            "The consultation was open from %(start)s to %(end)s and received %(count)s contribution",
            "The consultation was open from %(start)s to %(end)s and received %(count)s contributions",
            report.contributions,
        ) % {"start": day(report.starts_at), "end": day(report.ends_at), "count": report.contributions}
        if report.organisations:
            numbers += " " + ngettext(
                "(%(count)s on behalf of an organisation)",
                "(%(count)s on behalf of organisations)",
                report.organisations,
            ) % {"count": report.organisations}
        blocks += paragraphs(numbers + ".")
        blocks += paragraphs(report.summary, lang=lang)
        blocks.append(
            Table(
                caption=_("How the input was used, by question and section"),
                header=(_("Question or section"), _("Contributions published"), _("How the input was used")),
                rows=tuple(
                    (item.title, str(item.contributions), item.how_used or "–") for item in report.items
                ),
                numeric=(1,),
                lang=lang,
            )
        )
        if report.meetings:
            blocks += paragraphs(_("The committee also held these dialogue meetings:"))
            blocks.append(
                ItemList(
                    items=tuple(
                        (Run(f"{meeting.title} ({meeting.kind}, {day(meeting.starts_at)})"),)
                        for meeting in report.meetings
                    ),
                    lang=lang,
                )
            )
    return tuple(blocks)
