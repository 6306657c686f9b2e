"""The review's forms: the dashboard's filters, a rating, and the reasons a politician gives for a seat."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.models import Application
from recruitment.review import selectors as review_selectors
from recruitment.review.seats import ProfileSeats
from recruitment.review.selectors import UNKNOWN, Filters


class FilterForm(forms.Form):
    profile = forms.TypedChoiceField(
        label=gettext_lazy("Profile"), required=False, coerce=int, empty_value=None
    )
    availability = forms.ChoiceField(
        label=gettext_lazy("Availability"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("all", gettext_lazy("Can attend every meeting")),
            ("misses", gettext_lazy("Misses one or more meetings")),
        ],
    )
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            *Application.Gender.choices,
            (UNKNOWN, gettext_lazy("Not given")),
        ],
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age band"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            *Application.AgeBand.choices,
            (UNKNOWN, gettext_lazy("Not given")),
        ],
    )

    def __init__(self, data, *, pool: review_selectors.Pool) -> None:
        super().__init__(data)
        districts = sorted(
            {*settings.RECRUITMENT_DISTRICTS, *(a.district for a in pool.applications if a.district)}
        )
        self.fields["profile"].choices = [("", _("All profiles")), *((p.pk, p.title) for p in pool.profiles)]
        self.fields["district"].choices = [
            ("", _("Any")),
            *((d, d) for d in districts),
            (UNKNOWN, _("Not given")),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> Filters:
        """The filters that could be read; input that does not fit is left out, never an error page."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            profile=data.get("profile"),
            **{name: data.get(name) or "" for name in ("availability", "district", "gender", "age_band")},
        )


class RatingForm(forms.Form):
    profile = forms.IntegerField(min_value=1, max_value=2**31 - 1)  # a larger one overflows the database
    score = forms.TypedChoiceField(
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        error_messages={
            "required": gettext_lazy("Give a score from 1 to 5."),
            "invalid_choice": gettext_lazy("Give a score from 1 to 5."),
        },
    )
    note = forms.CharField(required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (required; it is part of the record)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say briefly why: the reason is part of the record.")},
    )


class SeatDecisionForm(ReasonForm):
    choice = forms.ChoiceField(
        label=gettext_lazy("What happens to the free seat"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a reserve, or to leave the seat empty.")},
    )
    field_order = ["choice", "reason"]

    def __init__(self, *args, entry: ProfileSeats, options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, prefix=f"seat-{entry.profile.pk}", **kwargs)
        self.entry = entry
        self.fields["choice"].choices = options
