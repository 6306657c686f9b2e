"""The mandate (kommissorium) as a document: what the print view shows, for the agenda system.

`mandate_sections` is also the first annex of the case document. The mandate comes from the committees
selectors, which load its tasks, profiles, route and meeting plan in a fixed number of queries.
"""

from __future__ import annotations

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from case_documents.layout import current_layout
from case_documents.text import clock, day, other_language, paragraphs
from case_documents.tree import Document, Facts, ItemList, Run, Section, Table
from committees import selectors
from mandates.documents import file_name
from mandates.models import Mandate

CONTENT_LANGUAGE = "da"  # what the municipality and its committees write (core.context_processors)


def mandate_document(mandate: Mandate) -> Document:
    language = get_language() or "da"
    return Document(
        kind=_("Mandate for a task committee"),
        title=mandate.title,
        subtitle=adoption(mandate),
        language=language,
        content_language=CONTENT_LANGUAGE,
        layout=current_layout(language),
        sections=mandate_sections(mandate, other_language(CONTENT_LANGUAGE, language)),
        filename=file_name(_("mandate") + "-" + mandate.slug, fallback="mandate"),
    )


def adoption(mandate: Mandate) -> str:
    if not (mandate.adopted_by and mandate.adopted_on):
        return ""
    text = _("Adopted by %(body)s on %(date)s") % {
        "body": mandate.adopted_by.name,
        "date": day(mandate.adopted_on),
    }
    if mandate.adoption_agenda_item:
        text += " (" + _("agenda item: %(item)s") % {"item": mandate.adoption_agenda_item} + ")"
    return text + "."


def time_frame(mandate: Mandate) -> str:
    if mandate.starts_on and mandate.ends_on:
        return _("%(start)s to %(end)s") % {"start": day(mandate.starts_on), "end": day(mandate.ends_on)}
    return _("Not yet set")


def delivery_facts(mandate: Mandate, lang: str) -> Facts:
    rows = [(_("Kind of delivery"), mandate.get_delivery_kind_display())]
    if mandate.expected_delivery:
        rows.append((_("Expected delivery"), mandate.expected_delivery))
    rows.append((_("Time frame"), time_frame(mandate)))
    return Facts(rows=tuple(rows), lang=lang)


def tasks(mandate: Mandate, lang: str) -> ItemList:
    return ItemList(items=tuple((Run(task.text),) for task in mandate.tasks.all()), ordered=True, lang=lang)


def mandate_sections(mandate: Mandate, lang: str) -> tuple[Section, ...]:
    """The mandate's parts as sections; `lang` marks the municipality's words where the reader's differs."""
    sections = [Section(_("The problem"), paragraphs(mandate.problem, lang=lang))]
    if mandate.background:
        sections.append(Section(_("Background"), paragraphs(mandate.background, lang=lang)))
    if mandate.existing_policies:
        sections.append(Section(_("Existing policies"), paragraphs(mandate.existing_policies, lang=lang)))
    sections += [
        Section(_("The committee's tasks"), (tasks(mandate, lang),)),
        Section(_("Delivery and time frame"), (delivery_facts(mandate, lang),)),
        Section(
            _("Composition"),
            (
                Facts(
                    rows=(
                        (_("Politicians"), str(mandate.politicians_target)),
                        (_("Citizens"), str(mandate.citizens_target)),
                        (_("Administrators who facilitate"), str(mandate.administrators_target)),
                    )
                ),
            ),
            sections=(
                Section(_("Balance rules for the citizens"), (ItemList(items=_balance_rules(mandate)),)),
            ),
        ),
        Section(_("Competence profiles"), (_profiles(mandate, lang),)),
        Section(_("Meeting plan"), (_meeting_plan(mandate),)),
        Section(_("Who receives the delivery"), _route(mandate)),
    ]
    return tuple(sections)


def _balance_rules(mandate: Mandate) -> tuple[tuple[Run, ...], ...]:
    rules = []
    if mandate.min_gender_share:
        rules.append(
            _("Each gender makes up at least %(share)s %% of the citizens.")
            % {"share": mandate.min_gender_share}
        )
    count = mandate.max_per_organisation
    rules.append(
        ngettext(
            "At most %(counter)s member from the same organisation.",
            "At most %(counter)s members from the same organisation.",
            count,
        )
        % {"counter": count}
    )
    if mandate.max_per_district:
        count = mandate.max_per_district
        rules.append(
            ngettext(
                "At most %(counter)s member from the same district.",
                "At most %(counter)s members from the same district.",
                count,
            )
            % {"counter": count}
        )
    return tuple((Run(rule),) for rule in rules)


def _profiles(mandate: Mandate, lang: str) -> Table:
    return Table(
        caption=_("The competence profiles and their seats"),
        header=(_("Profile"), _("Description"), _("Seats")),
        rows=tuple((p.title, p.description, str(p.seats)) for p in mandate.profiles.all()),
        numeric=(2,),
        lang=lang,
    )


def _meeting_plan(mandate: Mandate) -> Table:
    return Table(
        caption=_("The committee's fixed meetings. The meetings are not public."),
        header=(_("Meeting"), _("Date"), _("Time"), _("Place"), _("State")),
        rows=tuple(
            (
                str(meeting.number),
                day(meeting.starts_at),
                f"{clock(meeting.starts_at)}–{clock(meeting.ends_at)}",
                meeting.place,
                meeting.get_state_display(),
            )
            for meeting in selectors.meetings_of(mandate)
        ),
    )


def _route(mandate: Mandate):
    route = mandate.receiving_bodies.all()
    if not route:
        return paragraphs(_("The route of the delivery has not been set yet."))
    return (
        *paragraphs(_("The committee's delivery goes to these bodies, in this order:")),
        ItemList(
            items=tuple((Run(f"{step.body.name} ({step.body.get_kind_display()})"),) for step in route),
            ordered=True,
        ),
    )
