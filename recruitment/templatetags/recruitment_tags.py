"""Recruitment content for pages outside this app (the home page, the committee page), so those apps
never import recruitment."""

from __future__ import annotations

from django import template

from mandates.models import Mandate
from recruitment.models import Call
from recruitment.selectors import open_call_for_mandate
from recruitment.selectors import open_calls as _open_calls

register = template.Library()


@register.simple_tag
def open_calls(limit: int | None = None) -> list[Call]:
    """`{% open_calls as calls %}`: the calls taking applications now, soonest deadline first."""
    calls = _open_calls()
    return list(calls[:limit] if limit else calls)


@register.simple_tag
def call_for_mandate(mandate: Mandate | None) -> Call | None:
    """`{% call_for_mandate mandate as call %}`: the mandate's call taking applications now, if any."""
    return open_call_for_mandate(mandate) if mandate else None
