"""The filters people need, each checked: a value the API cannot use is a 400 problem naming the
parameter, never a 500 and never a silently empty list."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from deliberation.models import CouncilDecision, Deliverable, ImplementationAction
from mandates.models import Mandate, PoliticalBody
from recruitment.models import Call

ID_MAX = 2**63 - 1
PUBLIC_STATES = [(value, label) for value, label in Mandate.State.choices if value != Mandate.State.DRAFT]


def id_filter(field_name: str, help_text, **kwargs) -> filters.NumberFilter:
    return filters.NumberFilter(
        field_name=field_name, min_value=1, max_value=ID_MAX, help_text=help_text, **kwargs
    )


def year_filter(field_name: str) -> filters.NumberFilter:
    return filters.NumberFilter(
        field_name=field_name, lookup_expr="year", min_value=1900, max_value=2999,
        help_text=_("A year, e.g. 2026."),
    )  # fmt: skip


def updated_since_filter(field_name: str) -> filters.IsoDateTimeFilter:
    return filters.IsoDateTimeFilter(
        field_name=field_name, lookup_expr="gte",
        help_text=_("Only records changed at or after this time (ISO 8601 with time zone)."),
    )  # fmt: skip


def _integer(form_value):
    return int(form_value)


class BodyFilterSet(filters.FilterSet):
    classification = filters.ChoiceFilter(field_name="kind", choices=PoliticalBody.Kind.choices)
    active = filters.BooleanFilter()


class MandateFilterSet(filters.FilterSet):
    state = filters.ChoiceFilter(choices=PUBLIC_STATES)
    year = year_filter("starts_on")
    body = id_filter(
        "body", _("A political body that adopted the mandate or receives its delivery."), method="by_body"
    )
    updated_since = updated_since_filter("updated_at")

    def by_body(self, queryset, name, value):
        body = _integer(value)
        route = Mandate.objects.filter(receiving_bodies__body_id=body).values("pk")
        return queryset.filter(Q(adopted_by_id=body) | Q(pk__in=route))


class CommitteeFilterSet(MandateFilterSet):
    pass


class MeetingFilterSet(filters.FilterSet):
    committee = id_filter("committee_id", _("A committee's id."))
    state = filters.ChoiceFilter(choices=Meeting.State.choices)
    year = year_filter("starts_at")


class CallFilterSet(filters.FilterSet):
    committee = id_filter("mandate__committee", _("A committee's id."))
    state = filters.ChoiceFilter(choices=[c for c in Call.State.choices if c[0] != Call.State.PLANNED])
    year = year_filter("deadline")


class DeliverableFilterSet(filters.FilterSet):
    committee = id_filter("committee_id", _("A committee's id."))
    state = filters.ChoiceFilter(choices=Deliverable.State.choices)
    body = id_filter("body", _("A political body on the delivery's route."), method="by_body")

    def by_body(self, queryset, name, value):
        return queryset.filter(committee__mandate__receiving_bodies__body_id=_integer(value)).distinct()


class DecisionFilterSet(filters.FilterSet):
    committee = id_filter("deliverable__committee_id", _("A committee's id."))
    outcome = filters.MultipleChoiceFilter(
        choices=CouncilDecision.Outcome.choices, help_text=_("Repeat the parameter for several outcomes.")
    )
    year = year_filter("decided_on")


class ActionFilterSet(filters.FilterSet):
    committee = id_filter("mandate__committee", _("A committee's id."))
    mandate = id_filter("mandate_id", _("A mandate's id."))
    state = filters.ChoiceFilter(choices=ImplementationAction.State.choices)
    year = year_filter("due_on")
    updated_since = filters.DateFilter(
        field_name="updates__on", lookup_expr="gte", method="by_update",
        help_text=_("Only actions with a progress update dated on or after this day."),
    )  # fmt: skip

    def by_update(self, queryset, name, value):
        return queryset.filter(updates__on__gte=value).distinct()


class ConsultationFilterSet(filters.FilterSet):
    committee = id_filter("committee_id", _("A committee's id."))
    year = year_filter("starts_at")
    updated_since = updated_since_filter("published_at")


class ContributionFilterSet(filters.FilterSet):
    consultation = id_filter("consultation_id", _("A consultation's id."))
    committee = id_filter("consultation__committee_id", _("A committee's id."))
    updated_since = updated_since_filter("updated_at")
