"""Committee content for pages outside this app (the home page), so those apps never import committees."""

from __future__ import annotations

from django import template

from committees import selectors
from mandates.models import Mandate, MandateTransition

register = template.Library()


@register.simple_tag
def active_committees(limit: int = 6) -> list[Mandate]:
    """`{% active_committees 6 as committees %}`"""
    return selectors.active_committees(limit)


@register.simple_tag
def recent_decisions(limit: int = 5) -> list[MandateTransition]:
    """`{% recent_decisions 5 as decisions %}`"""
    return selectors.recent_public_transitions(limit)
