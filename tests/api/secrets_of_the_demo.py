"""What the demo data holds that must never reach the public record: the leak walk's list."""

from __future__ import annotations

import re

from accounts.models import User
from committees.models import Meeting, Membership
from consultations.models import Consultation, ConsultationItem, Contribution, Registration
from deliberation.deliverables.selectors import public_version
from deliberation.models import (
    Amendment,
    Deliverable,
    DeliverableVersion,
    EvaluationAnswer,
    MeetingRecord,
    SectionComment,
)
from recruitment.models import Application, Rating

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
SHORTEST = 12  # shorter texts ("Ja", a first name) may be public words too


def _texts(*values) -> set[str]:
    return {v.strip() for v in values if isinstance(v, str) and len(v.strip()) >= SHORTEST}


def _public_section_bodies() -> set[str]:
    bodies = set()
    for deliverable in Deliverable.objects.all():
        shown = public_version(deliverable)
        decided = [d.version for d in deliverable.decisions.select_related("version")]
        for version in [shown, *decided]:
            if version is not None:
                bodies |= {s.get("body", "") for s in version.sections}
        for decision in deliverable.decisions.all():
            bodies |= {s.get("body", "") for s in decision.agreed_sections}
    # A decided amendment is public, and may propose words an earlier draft had.
    decided = Amendment.objects.filter(state__in=["accepted", "rejected"])
    # A section of the draft that the committee published for consultation is public in those words.
    consulted = ConsultationItem.objects.filter(kind="section", consultation__published_at__isnull=False)
    return (
        bodies
        | set(decided.values_list("proposed_text", flat=True))
        | set(consulted.values_list("body", flat=True))
    )


def _public_names() -> set[str]:
    named = Membership.objects.filter(role__in=["politician", "facilitator"]).values_list(
        "user__full_name", flat=True
    )
    shown = Membership.objects.filter(show_name_publicly=True).values_list("user__full_name", flat=True)
    authors = Contribution.objects.filter(state="published", publication="named").values_list(
        "author__full_name", flat=True
    )
    return {*named, *shown, *authors}


def forbidden() -> dict[str, set[str]]:
    """What must not appear, by kind."""
    public_bodies = _public_section_bodies()
    drafts = {
        s.get("body", "")
        for v in DeliverableVersion.objects.all()
        for s in v.sections
        if s.get("body", "") not in public_bodies
    }
    records = MeetingRecord.objects.all()
    unpublished_summaries = records.filter(summary_published_at__isnull=True).values_list(
        "summary", flat=True
    )
    applications = Application.objects.select_related("applicant")
    applicants = {a.applicant.full_name for a in applications if a.applicant} - _public_names()
    # The demo's facilitators log the decisions in the words they then publish as the summary.
    published = set(records.filter(summary_published_at__isnull=False).values_list("summary", flat=True))
    return {
        "email": _texts(*User.objects.values_list("email", flat=True)),
        "internal note": _texts(
            *records.values_list("internal_notes", flat=True),
            *records.values_list("decisions", flat=True),
            *records.values_list("ideas", flat=True),
            *unpublished_summaries,
            *Meeting.objects.values_list("agenda", flat=True),
            *Rating.objects.values_list("note", flat=True),
            *EvaluationAnswer.objects.values_list("free_text", flat=True),
        )
        - published,
        "comment": _texts(*SectionComment.objects.values_list("body", flat=True)),
        "draft": _texts(*drafts)
        | _texts(*Amendment.objects.filter(state="proposed").values_list("proposed_text", flat=True))
        | _texts(
            *Consultation.objects.filter(published_at__isnull=True).values_list("introduction", flat=True)
        )
        | _texts(
            *ConsultationItem.objects.filter(consultation__report_published_at__isnull=True).values_list(
                "how_used", flat=True
            )
        )
        | _texts(*Contribution.objects.exclude(state="published").values_list("body", flat=True)),
        "applicant": _texts(*applicants)
        | _texts(*applications.values_list("motivation", flat=True))
        | _texts(*applications.values_list("experience", flat=True))
        | _texts(*applications.values_list("other_tie", flat=True))
        | _texts(*[str(n) for n in Registration.objects.values_list("access_needs", flat=True) if n]),
    }


def leaks(text: str) -> list[str]:
    """Every forbidden text (and every email address) found in `text`, named by kind."""
    found = [f"email: {m}" for m in EMAIL.findall(text)]
    for kind, values in forbidden().items():
        found += [f"{kind}: {value[:60]}" for value in values if value in text]
    return found
