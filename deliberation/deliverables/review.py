"""Writes for the political review of a submitted deliverable: the route's steps, amendments and the
City Council's decision; and what makes the deliverable public."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

import deliberation.deliverables.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from committees.models import Follower
from committees.services import mandate_move
from deliberation.deliverables.passages import PassageError, block_span, locate, paragraphs
from deliberation.deliverables.selectors import agreed_sections, current_amendments, submitted_section
from deliberation.deliverables.services import active_members
from deliberation.follow_up.evaluation import evaluation_invite
from deliberation.models import Amendment, CouncilDecision, Deliverable, ReviewStep
from mandates.models import Mandate, ReceivingBody
from notifications.services import notification_schedule

S = Mandate.State

MANDATE_STATE_FOR = {
    CouncilDecision.Outcome.ENDORSED: S.ENDORSED,
    CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS: S.ENDORSED,
    CouncilDecision.Outcome.RETURNED: S.RETURNED,
    CouncilDecision.Outcome.REJECTED: S.REJECTED,
}


ENDORSEMENTS = (CouncilDecision.Outcome.ENDORSED, CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS)


def _require_staff(by, deliverable: Deliverable) -> None:
    if not by.has_perm("deliberation.record_review", deliverable):
        raise PermissionDenied


def _require_submitted(deliverable: Deliverable) -> None:
    if deliverable.state != Deliverable.State.SUBMITTED:
        raise ValidationError(_("The deliverable has not been submitted for review."), code="not_submitted")


def review_step_check(*, deliverable: Deliverable, route_entry: ReceivingBody) -> None:
    """What makes a review step impossible, raised as a ValidationError (the admin's form uses it too)."""
    _require_submitted(deliverable)
    if route_entry.mandate_id != deliverable.committee.mandate_id:
        raise ValidationError(
            {"route_entry": _("Choose a body on this mandate's route.")}, code="not_on_route"
        )


@transaction.atomic
def review_step_record(
    *,
    deliverable: Deliverable,
    route_entry: ReceivingBody,
    meeting_date: date,
    agenda_item: str,
    outcome: str,
    text: str,
    by,
) -> ReviewStep:
    deliverable = (
        Deliverable.objects.select_for_update().select_related("committee__mandate").get(pk=deliverable.pk)
    )
    _require_staff(by, deliverable)
    review_step_check(deliverable=deliverable, route_entry=route_entry)
    step = ReviewStep(
        deliverable=deliverable,
        route_entry=route_entry,
        meeting_date=meeting_date,
        agenda_item=agenda_item,
        outcome=outcome,
        text=text,
        recorded_by=by,
    )
    step.full_clean()
    step.save()
    log(step, "review.step_recorded", by=by, data={"outcome": outcome, "meeting_date": meeting_date})
    mandate = deliverable.committee.mandate
    if mandate.state == S.DELIVERED:  # the first body of this round has dealt with it
        mandate_move(mandate=mandate, to=S.IN_REVIEW, by=by, note=str(step))
    return step


@dataclass(frozen=True)
class Selection:
    """Words selected on the rendered section: offsets into its shown text, as the browser counted them."""

    start: int
    end: int
    text: str


PASSAGE_REFUSED = _lazy(
    "That passage could not be found in the section as it was submitted. Select it again, or pick its "
    "paragraph instead."
)


def _passage(body: str, *, selection: Selection | None, paragraph: int | None, original_text: str):
    """(source span, the words as shown) of what the amendment replaces; the whole body by default."""
    try:
        if selection is not None:
            span = locate(body, start=selection.start, end=selection.end, quoted=selection.text)
        elif paragraph is not None:
            span = block_span(body, paragraph)
        elif original_text:
            start = body.find(original_text)
            if start < 0:
                raise PassageError("not in the section")
            span = (start, start + len(original_text))
        else:
            return (0, len(body)), ""
    except PassageError:
        raise ValidationError({"passage": PASSAGE_REFUSED}, code="not_in_section") from None
    return span, " ".join(paragraphs(body[span[0] : span[1]])) or body[span[0] : span[1]]


@transaction.atomic
def amendment_propose(
    *,
    deliverable: Deliverable,
    section_key: str,
    proposed_text: str,
    reason: str,
    by,
    selection: Selection | None = None,
    paragraph: int | None = None,
    original_text: str = "",
) -> Amendment:
    """A politician proposes new wording for a section of the submitted version.

    What it replaces is the words they selected on the rendered section, one of its paragraphs (from 0),
    a passage of its Markdown (`original_text`, for data written by code), or else the whole section.
    The proposed text is plain words: it is put into the Markdown as typed (agreed_sections).
    """
    if not by.has_perm("deliberation.propose_amendment", deliverable):
        raise PermissionDenied
    _require_submitted(deliverable)
    section = submitted_section(deliverable, section_key)
    if section is None:
        raise ValidationError(
            {"section_key": _("Choose a section of the submitted text.")}, code="no_section"
        )
    body = section["body"]
    (start, end), shown_words = _passage(
        body, selection=selection, paragraph=paragraph, original_text=original_text
    )
    amendment = Amendment(
        deliverable=deliverable,
        section_key=section_key,
        original_text=body[start:end],
        source_start=start,
        passage=shown_words if (start, end) != (0, len(body)) else "",
        proposed_text=proposed_text,
        reason=reason,
        proposed_by=by,
    )
    amendment.full_clean()
    amendment.save()
    return amendment


DECIDED_STATES = (Amendment.State.ACCEPTED, Amendment.State.REJECTED, Amendment.State.WITHDRAWN)


def amendment_decide_check(*, amendment: Amendment, state: str) -> None:
    if state not in DECIDED_STATES:
        raise ValidationError({"state": _("Choose accepted, rejected or withdrawn.")}, code="bad_state")
    _require_submitted(amendment.deliverable)


@transaction.atomic
def amendment_decide(*, amendment: Amendment, state: str, by) -> Amendment:
    """Staff record the council meeting's verdict on an amendment; it may be corrected until the decision."""
    amendment = Amendment.objects.select_for_update().select_related("deliverable").get(pk=amendment.pk)
    _require_staff(by, amendment.deliverable)
    amendment_decide_check(amendment=amendment, state=state)
    amendment.state = state
    amendment.decided_at = timezone.now()
    amendment.save(update_fields=["state", "decided_at"])
    log(amendment, "amendment.decided", by=by, data={"state": state})
    return amendment


def council_decision_check(*, deliverable: Deliverable, outcome: str) -> None:
    _require_submitted(deliverable)
    if outcome not in MANDATE_STATE_FOR:
        raise ValidationError({"outcome": _("Choose an outcome.")}, code="bad_outcome")
    endorsing = MANDATE_STATE_FOR[outcome] == S.ENDORSED
    if endorsing and current_amendments(deliverable).filter(state=Amendment.State.PROPOSED).exists():
        raise ValidationError(
            _("Record a decision on every proposed amendment first."), code="open_amendments"
        )
    accepted = current_amendments(deliverable).filter(state=Amendment.State.ACCEPTED).exists()
    if outcome == CouncilDecision.Outcome.ENDORSED and accepted:
        raise ValidationError(
            {"outcome": _("Amendments were accepted: choose “Endorsed with amendments”.")}, code="amended"
        )
    if outcome == CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS and not accepted:
        raise ValidationError(
            {"outcome": _("No amendment was accepted: choose “Endorsed”.")}, code="not_amended"
        )


@transaction.atomic
def council_decision_record(
    *,
    deliverable: Deliverable,
    outcome: str,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int,
    decided_on: date,
    agenda_item: str,
    remarks: str,
    by,
) -> CouncilDecision:
    """The City Council's decision: keeps the agreed text, moves the mandate, tells the committee.

    Returned: the deliverable goes back to drafting; the committee's next save or submission moves the
    mandate from returned to active again (deliverables.resume_if_returned).
    """
    deliverable = (
        Deliverable.objects.select_for_update().select_related("committee__mandate").get(pk=deliverable.pk)
    )
    _require_staff(by, deliverable)
    council_decision_check(deliverable=deliverable, outcome=outcome)
    decision = CouncilDecision(
        deliverable=deliverable,
        version=deliverable.submitted_version,
        decided_on=decided_on,
        agenda_item=agenda_item,
        outcome=outcome,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstaining=votes_abstaining,
        remarks=remarks,
        # Only an endorsement agrees a text; a returned or rejected delivery has none.
        agreed_sections=agreed_sections(deliverable) if outcome in ENDORSEMENTS else [],
        recorded_by=by,
    )
    decision.full_clean()
    decision.save()
    votes = {"for": votes_for, "against": votes_against, "abstaining": votes_abstaining}
    log(decision, "council.decided", by=by, data={"outcome": outcome, "votes": votes})
    mandate = deliverable.committee.mandate
    if mandate.state == S.DELIVERED:  # the Council was the only body, with no step recorded before
        mandate_move(mandate=mandate, to=S.IN_REVIEW, by=by, note=str(decision))
    mandate_move(mandate=mandate, to=MANDATE_STATE_FOR[outcome], by=by, note=remarks)
    returned = outcome == CouncilDecision.Outcome.RETURNED
    deliverable.state = Deliverable.State.DRAFTING if returned else Deliverable.State.DECIDED
    deliverable.save(update_fields=["state"])
    # Members, and the followers (applicants, and anyone who asked), hear the decision once each.
    told = {m.user for m in active_members(deliverable.committee)}
    told |= {f.user for f in Follower.objects.filter(committee=deliverable.committee).select_related("user")}
    for person in told:
        notification_schedule(
            recipient=person,
            kind="council_decided",
            key=f"council-decided:{decision.pk}:{person.pk}",
            context={
                "title": deliverable.committee.name,
                "outcome": outcome,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "votes_abstaining": votes_abstaining,
                "remarks": remarks,
                "slug": mandate.slug,
            },
        )
    if not returned:
        # The committee has concluded: its members are asked how it went (DESIGN.md §1 step 9).
        mandate.refresh_from_db(fields=["state"])
        evaluation_invite(mandate=mandate, by=by)
    return decision
