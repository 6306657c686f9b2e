"""The deliverable's public face for the public committee page: nothing until a body has dealt with it."""

from __future__ import annotations

from django import template

from deliberation.models import CouncilDecision, Deliverable
from deliberation.review import deliverable_is_public

register = template.Library()


def _deliverable(committee) -> Deliverable | None:
    if committee is None:
        return None
    return Deliverable.objects.filter(committee=committee).select_related("submitted_version").first()


@register.simple_tag
def public_deliverable(committee) -> Deliverable | None:
    """`{% public_deliverable committee as deliverable %}`: the deliverable once public, else None."""
    deliverable = _deliverable(committee)
    return deliverable if deliverable is not None and deliverable_is_public(deliverable) else None


@register.simple_tag
def council_outcome(committee) -> CouncilDecision | None:
    """`{% council_outcome committee as decision %}`: the City Council's latest decision, if any (public)."""
    if committee is None:
        return None
    return (
        CouncilDecision.objects.filter(deliverable__committee=committee)
        .order_by("-decided_on", "-id")
        .first()
    )


@register.filter(name="markdown")
def markdown_filter(text: str):
    """`{{ body|markdown }}`: the committee's Markdown, rendered and sanitised."""
    from deliberation.markdown import render_markdown

    return render_markdown(text)


@register.simple_tag
def review_route(deliverable) -> list:
    """`{% review_route deliverable as steps %}`: each body's handling, in order (one query)."""
    if deliverable is None:
        return []
    return list(deliverable.review_steps.select_related("route_entry__body").order_by("meeting_date", "id"))
