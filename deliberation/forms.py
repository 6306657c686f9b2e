"""The members' meeting page's forms: moving or cancelling a meeting and publishing its agenda."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RescheduleForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts = forms.TimeField(label=gettext_lazy("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=gettext_lazy("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)

    # Where the service's errors belong on this form.
    SERVICE_FIELDS = {"starts_at": "day", "ends_at": "ends", "place": "place"}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        zone = timezone.get_default_timezone()
        data["starts_at"] = datetime.combine(data["day"], data["starts"], tzinfo=zone)
        data["ends_at"] = datetime.combine(data["day"], data["ends"], tzinfo=zone)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("ends", _("The meeting must end after it starts."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the members)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=gettext_lazy("Yes, cancel this meeting and tell the members"))

    SERVICE_FIELDS: dict[str, str] = {}


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=gettext_lazy("Agenda"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )

    SERVICE_FIELDS = {"agenda": "agenda"}
