"""The filters of the public committee list. Input that does not fit is left out, never an error page."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from committees.selectors import PUBLIC_STATE_CHOICES, committee_years
from mandates.models import PoliticalBody


def _receiving_bodies():
    return PoliticalBody.objects.filter(
        kind__in=[PoliticalBody.Kind.STANDING_COMMITTEE, PoliticalBody.Kind.CITY_COUNCIL]
    )


class CommitteeFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=PUBLIC_STATE_CHOICES, empty_label=_("All states")
    )
    # The choices are the years that have committees; they are filled in per request.
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="starts_on", lookup_expr="year", choices=[], empty_label=_("All years")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Receiving body"),
        field_name="receiving_bodies__body",
        queryset=_receiving_bodies(),
        empty_label=_("All bodies"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in committee_years()]
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select"

    @property
    def ignored_input(self) -> bool:
        """True when some filter input did not fit and was left out of the filtering."""
        return self.is_bound and bool(self.errors)
