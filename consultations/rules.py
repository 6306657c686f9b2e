"""Who may do what with consultations and dialogue meetings (django-rules; autodiscovered).

The public reads what is published. The committee's members read every contribution the public may read,
and its facilitators (with council staff) moderate, tag and export. Facilitators or the chair run the
consultation. A contributor's drafts and withdrawn texts are theirs alone: nobody else's page shows them.
People's access needs for a dialogue meeting are seen only by the committee's facilitators. Views answer
404 to everyone a rule leaves out, so nothing leaks about what exists.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff
from committees.models import TaskCommittee
from committees.rules import committee_predicates
from consultations.models import Consultation, Contribution, DialogueMeeting, Registration


def committee_of(obj) -> TaskCommittee | None:
    if isinstance(obj, TaskCommittee):
        return obj
    if isinstance(obj, Consultation | DialogueMeeting):
        return obj.committee
    if isinstance(obj, Contribution):
        return obj.consultation.committee
    if isinstance(obj, Registration):
        return obj.meeting.committee
    return None


is_member, is_facilitator, is_facilitator_or_chair = committee_predicates(committee_of)


@rules.predicate
def is_published_consultation(user, consultation) -> bool:
    return (
        isinstance(consultation, Consultation)
        and consultation.published_at is not None
        and consultation.committee.mandate.is_public
    )


@rules.predicate
def is_public_meeting(user, meeting) -> bool:
    return (
        isinstance(meeting, DialogueMeeting)
        and meeting.state != DialogueMeeting.State.DRAFT
        and meeting.committee.mandate.is_public
    )


@rules.predicate
def is_author(user, contribution) -> bool:
    return (
        isinstance(contribution, Contribution)
        and user.is_authenticated
        and contribution.author_id is not None
        and contribution.author_id == user.pk
    )


@rules.predicate
def is_submitted(user, contribution) -> bool:
    return isinstance(contribution, Contribution) and contribution.state in Contribution.SUBMITTED_STATES


@rules.predicate
def is_public_contribution(user, contribution) -> bool:
    return (
        isinstance(contribution, Contribution)
        and contribution.state == Contribution.State.PUBLISHED
        and is_published_consultation(user, contribution.consultation)
    )


@rules.predicate
def is_registrant(user, registration) -> bool:
    return (
        isinstance(registration, Registration) and user.is_authenticated and registration.user_id == user.pk
    )


can_moderate = is_facilitator | is_council_staff

# Consultations (object: the Consultation, or the TaskCommittee for creating one).
rules.add_perm("consultations.view_consultation", is_published_consultation | is_member | is_council_staff)
rules.add_perm("consultations.manage_consultation", is_facilitator_or_chair | is_council_staff)
rules.add_perm("consultations.read_contributions", is_member | is_council_staff)
rules.add_perm("consultations.moderate", can_moderate)
rules.add_perm("consultations.tag", can_moderate)
rules.add_perm("consultations.export", can_moderate)
# Moderators need to know who wrote a hidden or anonymous text; the rest of the committee reads it as public.
rules.add_perm("consultations.see_contributor", can_moderate)

# One contribution (object: the Contribution).
rules.add_perm("consultations.own_contribution", is_author)
rules.add_perm(
    "consultations.read_contribution",
    is_public_contribution | is_author | (is_submitted & can_moderate),
)

# Dialogue meetings (object: the DialogueMeeting, or the TaskCommittee for creating one).
rules.add_perm("consultations.view_meeting", is_public_meeting | is_member | is_council_staff)
rules.add_perm("consultations.manage_meeting", is_facilitator | is_council_staff)
# The participant list shows access needs: the committee's facilitators only.
rules.add_perm("consultations.see_participants", is_facilitator)
rules.add_perm("consultations.own_registration", is_registrant)
