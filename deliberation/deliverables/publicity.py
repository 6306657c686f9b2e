"""When the public may read a committee's delivery: a read, kept apart from the writes of review.py so the
permissions (rules_deliverables.py) and the public pages can ask it without importing the services."""

from __future__ import annotations

from deliberation.models import Deliverable, DeliverableVersion, ReviewStep


def public_version(deliverable: Deliverable) -> DeliverableVersion | None:
    """The version the public may read: the last one a political body has dealt with.

    A recommendation is confidential until a body has dealt with it. A postponement is not dealing
    with it, and a text resubmitted after a return is new: until a body deals with it, the public
    reads the version the Council returned.
    """
    if deliverable.pk is None:
        return None
    submitted = deliverable.submitted_version
    if submitted is not None and deliverable.submitted_at is not None:
        dealt_now = (
            deliverable.review_steps.filter(recorded_at__gte=deliverable.submitted_at)
            .exclude(outcome=ReviewStep.Outcome.POSTPONED)
            .exists()
            or deliverable.decisions.filter(version=submitted).exists()
        )
        if dealt_now:
            return submitted
    earlier = deliverable.decisions.select_related("version").order_by("-decided_on", "-id").first()
    return earlier.version if earlier is not None else None


def deliverable_is_public(deliverable: Deliverable) -> bool:
    """Public once a political body has dealt with it (see public_version)."""
    return public_version(deliverable) is not None
