"""The committee's view of a consultation: contributions grouped by question or section, filtered and
searched, with their tags, counts and what the charts show. The number of queries stays the same however
many contributions came in (tests/consultations pins it with 2,000).

Moderators (the committee's facilitators and council staff) see what waits for review and what they hid;
the rest of the committee reads what the public reads. Nobody sees a draft or a withdrawn text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from consultations.models import Consultation, ConsultationItem, Contribution, Tag

S = Contribution.State
SEARCH_MAX = 100


@dataclass(frozen=True)
class Filters:
    item: int | None = None
    state: str = ""
    kind: str = ""
    tag: int | None = None
    q: str = ""

    @classmethod
    def from_query(cls, query, *, moderator: bool) -> Filters:
        """Unknown or malformed values are ignored rather than refused: a filter is a convenience."""

        def number(name: str) -> int | None:
            value = str(query.get(name, "")).strip()
            return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

        state = query.get("state", "")
        return cls(
            item=number("item"),
            state=state if moderator and state in Contribution.SUBMITTED_STATES else "",
            kind=query.get("kind", "") if query.get("kind", "") in Contribution.Kind.values else "",
            tag=number("tag"),
            q=" ".join(str(query.get("q", "")).split())[:SEARCH_MAX],
        )

    @property
    def active(self) -> bool:
        return any((self.item, self.state, self.kind, self.tag, self.q))


def visible(consultation: Consultation, *, moderator: bool) -> QuerySet[Contribution]:
    contributions = Contribution.objects.filter(consultation=consultation)
    return contributions.for_committee() if moderator else contributions.public()


def filtered(consultation: Consultation, filters: Filters, *, moderator: bool) -> QuerySet[Contribution]:
    found = visible(consultation, moderator=moderator)
    if filters.item:
        found = found.filter(item_id=filters.item)
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.tag:
        found = found.filter(tags__id=filters.tag)
    if filters.q:
        found = found.filter(Q(body__icontains=filters.q) | Q(organisation__icontains=filters.q))
    return found


def page_rows(contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """What a row of the committee's view shows, in the order of the questions and of arrival."""
    return (
        contributions.select_related("item", "author")
        .prefetch_related("tags")
        .order_by("item__order", "item_id", "submitted_at", "pk")
    )


@dataclass
class Counts:
    total: int = 0
    by_state: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    by_item: Counter = field(default_factory=Counter)
    by_day: dict[date, int] = field(default_factory=dict)


def counts(consultation: Consultation, *, moderator: bool) -> Counts:
    """The numbers above the list, for all the reader may see (filters aside); two queries."""
    result = Counts()
    rows = (
        visible(consultation, moderator=moderator)
        .order_by()
        .values_list("state", "kind", "item_id")
        .annotate(n=Count("pk"))
    )
    for state, kind, item_id, n in rows:
        result.total += n
        result.by_state[state] += n
        result.by_kind[kind] += n
        result.by_item[item_id] += n
    days = (
        visible(consultation, moderator=moderator)
        .filter(submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    result.by_day = dict(days)
    return result


def items_of(consultation: Consultation) -> list[ConsultationItem]:
    return list(consultation.items.all())


def tags_of(consultation: Consultation) -> list[Tag]:
    """The consultation's tags with how many contributions the reader may see carry each; one query."""
    return list(
        Tag.objects.filter(consultation=consultation)
        .annotate(
            used=Count("contributions", filter=Q(contributions__state__in=Contribution.SUBMITTED_STATES))
        )
        .order_by("name")
    )
