"""Panels that apps on higher floors show on the pages of lower ones (the slot mechanism of core.slots).

The view of a page on a lower floor names a slot and the object it shows, and hands the template the
rendered panels (template tags do not query):

    context["panels"] = panels_html(panels.DELIVERABLE, request, deliverable)   # {{ panels }}

An app above fills the slot from its AppConfig.ready() with a provider returning Panels: a template of its
own and the context to render it with, already limited to what this reader may see. The lower page never
names the app, its templates or its URLs. A slot nobody fills shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.slots import Slots

DELIVERABLE = "deliverable"  # the deliverable page, below its text: a Deliverable
MY_COMMITTEE = "my_committee"  # a member's own overview of one committee ("My committees"): a TaskCommittee
SLOTS = frozenset({DELIVERABLE, MY_COMMITTEE})


@dataclass(frozen=True)
class Panel:
    template: str
    context: Mapping = field(default_factory=dict)


Provider = Callable[[HttpRequest, object], Iterable[Panel]]
_slots: Slots[Panel] = Slots("panel", SLOTS)


def register(slot: str, provider: Provider) -> None:
    _slots.register(slot, provider)


def panels_for(slot: str, request: HttpRequest | None, obj) -> list[Panel]:
    return _slots.fill(slot, request, obj)


def panels_html(slot: str, request: HttpRequest | None, obj) -> SafeString:
    """The slot's panels rendered in place, one after the other; empty when nobody fills it."""
    html = [
        render_to_string(panel.template, dict(panel.context), request=request)
        for panel in panels_for(slot, request, obj)
    ]
    return mark_safe("".join(html))  # each piece is a template's output, escaped by the template engine
