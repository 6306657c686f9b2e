"""Download links that apps on higher floors offer on the pages of lower ones.

The view of a page on a lower floor (the deliverable page, the mandate's print view, the mandate's admin
page) names a slot and the object it shows, and its template includes the shared list (template tags do
not query):

    context["downloads"] = downloads_for(downloads.DELIVERABLE, request, deliverable)
    {% include "includes/downloads.html" %}

An app on a higher floor fills the slot from its AppConfig.ready() with a provider: a function of the
request and the object that returns the links this reader may follow. So every arrow points down: the
higher app imports this module, and no lower page reverses a higher app's URL or knows it exists. A slot
nobody fills shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from core.slots import Slots

# The slots, named by the place they appear; the object passed is the one that place shows.
MANDATE = "mandate"  # beside the mandate's print view and on the committee page: a Mandate
MANDATE_ADMIN = "mandate-admin"  # the mandate's page in the admin: a Mandate
DELIVERABLE = "deliverable"  # the deliverable page: a Deliverable
SLOTS = frozenset({MANDATE, MANDATE_ADMIN, DELIVERABLE})


@dataclass(frozen=True)
class Download:
    label: str  # the whole link text, readable out of context: "The case document as PDF"
    url: str


Provider = Callable[[HttpRequest, object], Iterable[Download]]
_slots: Slots[Download] = Slots("download", SLOTS)


def register(slot: str, provider: Provider) -> None:
    """Offer `provider`'s links in `slot`; registering the same provider twice offers them once."""
    _slots.register(slot, provider)


def downloads_for(slot: str, request: HttpRequest | None, obj) -> list[Download]:
    return _slots.fill(slot, request, obj)
