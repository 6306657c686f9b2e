"""The case document (sagsfremstilling og indstilling) the agenda system needs, composed from the mandate,
the committee and its work, and the deliverable's review, through those apps' selectors.

What it holds, in order: the recommendation (indstilling); the mandate in brief; the committee's
composition and working process (meetings held, attendance in numbers, and the consultation's "what we
heard" when a report is given); the submitted text with numbered lines; the route and each body's handling
so far, and the City Council's decision; after an endorsement with amendments, the agreed text with what
the accepted amendments changed marked; and the annexes: the mandate, and the published decision summaries.

Everything in it is public once a political body has dealt with the delivery; before that it is the
committee's, staff's and the politicians' (see rules.py). It names no citizen: the composition and the
attendance are numbers, and only the chair and vice-chair, who are politicians, are named.
"""

from __future__ import annotations

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from case_documents.changes import has_changes, marked_blocks
from case_documents.compose_mandate import CONTENT_LANGUAGE, adoption, delivery_facts, mandate_sections, tasks
from case_documents.layout import current_layout
from case_documents.lines import numbered_text
from case_documents.markdown_blocks import blocks_from_markdown
from case_documents.text import day, other_language, paragraphs
from case_documents.tree import Block, Document, Facts, ItemList, Run, Section, Table
from committees import selectors as committee_selectors
from committees.models import Membership
from deliberation.deliverables import selectors
from deliberation.models import CouncilDecision, Deliverable
from deliberation.records import selectors as records
from mandates.documents import file_name
from mandates.models import Mandate

ROLE_COLUMNS = (Membership.Role.POLITICIAN, Membership.Role.CITIZEN, Membership.Role.FACILITATOR)


def case_document(
    mandate: Mandate, deliverable: Deliverable, *, what_we_heard: tuple[Block, ...] = ()
) -> Document:
    """The case document of the deliverable's current submission.

    `mandate` comes from committees.selectors (its tasks, profiles, route, members and meeting plan loaded);
    `what_we_heard` is the consultation report's text, when the committee consulted the public.
    """
    language = get_language() or "da"
    lang = other_language(CONTENT_LANGUAGE, language)
    committee = committee_selectors.committee_of(mandate)
    version = deliverable.submitted_version
    decision = selectors.latest_decision(deliverable)
    recommendation, annexes = _recommendation_text(version, lang), _annexes(mandate, committee, lang)
    sections = [
        Section(_("Recommendation"), paragraphs(_indstilling(mandate, committee.name, version.title))),
        Section(
            _("The case"),
            sections=(
                _mandate_in_brief(mandate, lang),
                _composition_and_work(committee, what_we_heard),
                recommendation,
                _route_and_handling(deliverable, decision, lang),
                *_agreed_text(deliverable, decision, lang),
            ),
        ),
        Section(
            _("Annexes"),
            (ItemList(items=tuple((Run(annex.title),) for annex in annexes), ordered=False),),
        ),
        *annexes,
    ]
    return Document(
        kind=_("Case document and recommendation"),
        title=version.title,
        subtitle=_("The recommendation of the task committee “%(name)s”") % {"name": committee.name},
        language=language,
        content_language=CONTENT_LANGUAGE,
        layout=current_layout(language),
        facts=Facts(
            rows=(
                (_("Task committee"), committee.name),
                (_("Kind of delivery"), mandate.get_delivery_kind_display()),
                (
                    _("Version"),
                    _("%(number)s, submitted %(date)s")
                    % {"number": version.number, "date": day(deliverable.submitted_at)},
                ),
                (_("State"), deliverable.get_state_display()),
            )
        ),
        sections=tuple(sections),
        filename=file_name(_("case document") + "-" + mandate.slug, fallback="case-document"),
    )


def _indstilling(mandate: Mandate, committee_name: str, title: str) -> str:
    bodies = [entry.body.name for entry in mandate.receiving_bodies.all()]
    if len(bodies) > 1:
        bodies = [_("%(first)s and %(last)s") % {"first": ", ".join(bodies[:-1]), "last": bodies[-1]}]
    return _(
        "The task committee “%(name)s” recommends to %(bodies)s that its proposal “%(title)s” be endorsed."
    ) % {
        "name": committee_name,
        "bodies": bodies[0] if bodies else _("the City Council"),
        "title": title,
    }


def _mandate_in_brief(mandate: Mandate, lang: str) -> Section:
    blocks: list[Block] = list(paragraphs(mandate.problem, lang=lang))
    blocks += [tasks(mandate, lang), delivery_facts(mandate, lang)]
    if adopted := adoption(mandate):
        blocks += paragraphs(adopted)
    return Section(_("The mandate in brief"), tuple(blocks))


def _composition_and_work(committee, what_we_heard: tuple[Block, ...]) -> Section:
    memberships = committee.active_memberships  # loaded by committees.selectors with the users
    counts = {role: sum(1 for m in memberships if m.role == role) for role in ROLE_COLUMNS}
    rows = [
        (_("Politicians"), str(counts[Membership.Role.POLITICIAN])),
        (_("Citizens"), str(counts[Membership.Role.CITIZEN])),
        (_("Administrators who facilitate"), str(counts[Membership.Role.FACILITATOR])),
    ]
    # Politicians are named, as on the public committee page; citizens only counted.
    for position in (Membership.Position.CHAIR, Membership.Position.VICE_CHAIR):
        rows += [(str(position.label), m.user.full_name) for m in memberships if m.position == position]
    sections = [_meetings(committee)]
    if what_we_heard:
        sections.append(Section(_("The consultation and what we heard"), what_we_heard))
    return Section(
        _("The committee's composition and working process"),
        (Facts(rows=tuple(rows)),),
        sections=tuple(sections),
    )


def _meetings(committee) -> Section:
    held = records.attendance_of(committee)
    if not held:
        return Section(_("Meetings held"), paragraphs(_("The committee has not held a meeting yet.")))
    recorded = [meeting for meeting in held if meeting.recorded]
    summary = ngettext(
        "The committee held %(count)s meeting, on %(first)s.",
        "The committee held %(count)s meetings from %(first)s to %(last)s.",
        len(held),
    ) % {"count": len(held), "first": day(held[0].starts_at), "last": day(held[-1].starts_at)}
    if recorded:
        present = sum(m.present for m in recorded)
        possible = sum(m.members for m in recorded) or 1
        summary += " " + _("On average %(share)s %% of the members took part in the meetings recorded.") % {
            "share": round(100 * present / possible)
        }
    table = Table(
        caption=_("Attendance at each meeting, by role"),
        header=(_("Meeting"), _("Date"), _("Politicians"), _("Citizens"), _("Facilitators"), _("Present")),
        rows=tuple(
            (
                str(m.number),
                day(m.starts_at),
                *(str(m.present_by_role.get(role, 0)) if m.recorded else "–" for role in ROLE_COLUMNS),
                _("%(present)s of %(members)s") % {"present": m.present, "members": m.members}
                if m.recorded
                else _("not recorded"),
            )
            for m in held
        ),
        numeric=(2, 3, 4, 5),
    )
    return Section(_("Meetings held"), (*paragraphs(summary), table))


def _recommendation_text(version, lang: str) -> Section:
    """The submitted text, its lines numbered from 1 through all its sections."""
    first, parts = 1, []
    for section in version.sections:
        text, first = numbered_text(blocks_from_markdown(section["body"], lang=lang), first=first, lang=lang)
        parts.append(Section(section["heading"], (text,) if text.parts else (), title_lang=lang))
    intro = _("The text of version %(number)s as submitted. Its lines are numbered for reference.") % {
        "number": version.number
    }
    return Section(
        _("The recommendation: “%(title)s”") % {"title": version.title},
        paragraphs(intro),
        sections=tuple(parts),
        anchor="recommendation",
    )


def _route_and_handling(deliverable: Deliverable, decision: CouncilDecision | None, lang: str) -> Section:
    rows, remarks = [], []
    for stop in selectors.review_route(deliverable):
        if not stop.steps:
            rows.append((stop.body.name, "", _("Not dealt with yet.")))
        for step in stop.steps:
            meeting = day(step.meeting_date)
            if step.agenda_item:
                meeting += ", " + _("agenda item %(item)s") % {"item": step.agenda_item}
            rows.append((stop.body.name, meeting, step.get_outcome_display()))
            if step.text:
                remarks.append(
                    Section(f"{stop.body.name}, {day(step.meeting_date)}", paragraphs(step.text, lang=lang))
                )
    table = Table(
        caption=_("How the political bodies have dealt with the delivery so far"),
        header=(_("Body"), _("Meeting"), _("Outcome")),
        rows=tuple(rows),
    )
    sections = list(remarks)
    if decision is not None:
        sections.append(_decision(decision, lang))
    return Section(_("The route and each body's handling so far"), (table,), sections=tuple(sections))


def _decision(decision: CouncilDecision, lang: str) -> Section:
    decided = day(decision.decided_on)
    if decision.agenda_item:
        decided += " (" + _("agenda item %(item)s") % {"item": decision.agenda_item} + ")"
    rows = [
        (_("Decision"), decision.get_outcome_display()),
        (_("Decided on"), decided),
        (
            _("Votes"),
            _("%(f)s for, %(a)s against, %(n)s abstaining")
            % {"f": decision.votes_for, "a": decision.votes_against, "n": decision.votes_abstaining},
        ),
    ]
    blocks: list[Block] = [Facts(rows=tuple(rows))]
    if decision.remarks:
        blocks += paragraphs(decision.remarks, lang=lang)
    return Section(_("The City Council's decision"), tuple(blocks))


def _agreed_text(
    deliverable: Deliverable, decision: CouncilDecision | None, lang: str
) -> tuple[Section, ...]:
    """After an endorsement: the agreed text, with what the accepted amendments changed marked."""
    if decision is None or not decision.agreed_sections:
        return ()
    before = {s["key"]: s["body"] for s in decision.version.sections}
    parts = []
    for section in decision.agreed_sections:
        blocks = marked_blocks(before.get(section["key"], ""), section["body"], lang=lang)
        parts.append(Section(section["heading"], blocks, title_lang=lang))
    if not any(has_changes(part.blocks) for part in parts):
        return (
            Section(_("The agreed text"), paragraphs(_("The City Council endorsed the text unchanged."))),
        )
    amendments = selectors.accepted_amendments(deliverable)
    headings = {s["key"]: s["heading"] for s in decision.version.sections}
    listed = tuple(
        (
            Run(
                _("Amendment %(number)s, to “%(section)s”: “%(before)s” is replaced by “%(after)s”")
                % {
                    "number": n,
                    "section": headings.get(a.section_key, ""),
                    "before": a.original_text.strip(),
                    "after": a.proposed_text.strip(),
                }
            ),
        )
        for n, a in enumerate(amendments, start=1)
    )
    legend = _(
        "The text as the City Council agreed it. Words the accepted amendments added are underlined "
        "and shown as [added: …]; words they removed are struck through and shown as [removed: …]."
    )
    blocks: list[Block] = list(paragraphs(legend))
    accepted = (
        [Section(_("The accepted amendments"), (ItemList(items=listed, ordered=False, lang=lang),))]
        if listed
        else []
    )
    return (Section(_("The agreed text"), tuple(blocks), sections=(*parts, *accepted), anchor="agreed"),)


def _annexes(mandate: Mandate, committee, lang: str) -> list[Section]:
    summaries = records.published_summaries_of(committee)
    if summaries:
        minutes = tuple(
            Section(
                _("Meeting %(number)s, %(date)s") % {"number": s.number, "date": day(s.starts_at)},
                paragraphs(s.summary, lang=lang),
            )
            for s in summaries
        )
        summary_blocks = ()
    else:
        minutes, summary_blocks = (), paragraphs(_("No decision summary has been published."))
    return [
        Section(
            _("Annex %(number)s: The mandate “%(title)s”") % {"number": 1, "title": mandate.title},
            paragraphs(adoption(mandate)),
            sections=mandate_sections(mandate, lang),
            anchor="annex",
        ),
        Section(
            _("Annex %(number)s: Published decision summaries") % {"number": 2},
            summary_blocks,
            sections=minutes,
            anchor="annex",
        ),
    ]
