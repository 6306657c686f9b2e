"""Slots: places on a lower floor's page that apps on higher floors fill, so every arrow points down.

A page names a slot and the object it shows; an app above registers a provider for the slot from its
AppConfig.ready(): a function of the request and the object that returns what this reader may see there.
`core.downloads` (links to files) and `core.panels` (a piece of page) are the two kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from django.http import HttpRequest

T = TypeVar("T")
Provider = Callable[[HttpRequest, object], Iterable[T]]


class Slots(Generic[T]):
    def __init__(self, kind: str, names: Iterable[str]):
        self.kind, self.names = kind, frozenset(names)
        self._providers: dict[str, list[Provider]] = {}

    def register(self, slot: str, provider: Provider) -> None:
        """Offer `provider`'s entries in `slot`; registering the same provider twice offers them once."""
        if slot not in self.names:
            raise ValueError(f"Unknown {self.kind} slot {slot!r}; the slots are {sorted(self.names)}.")
        providers = self._providers.setdefault(slot, [])
        if provider not in providers:
            providers.append(provider)

    def fill(self, slot: str, request: HttpRequest | None, obj) -> list[T]:
        if request is None or obj is None:
            return []
        return [entry for provider in self._providers.get(slot, ()) for entry in provider(request, obj)]
