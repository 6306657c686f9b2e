"""Council staff's side of the review: the deliverable (read only, with its versions), the route's
review steps, the amendments' verdicts and the City Council's decision.

Every save goes through deliverables.review, so the mandate moves and the committee is told exactly
as the services define; the forms run the services' checks first, so a refusal is a form error.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from deliberation.deliverables.review import (
    amendment_decide,
    amendment_decide_check,
    council_decision_check,
    council_decision_record,
    review_step_check,
    review_step_record,
)
from deliberation.models import Amendment, CouncilDecision, Deliverable, DeliverableVersion, ReviewStep
from mandates.models import ReceivingBody


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class VersionInline(ReadOnlyInline):
    model = DeliverableVersion
    fields = ("number", "title", "created_at", "created_by")
    readonly_fields = fields
    show_change_link = False


class ReviewStepInline(ReadOnlyInline):
    model = ReviewStep
    fields = ("route_entry", "meeting_date", "agenda_item", "outcome", "recorded_by")
    readonly_fields = fields


class AmendmentInline(ReadOnlyInline):
    model = Amendment
    fields = ("section_key", "proposed_text", "proposed_by", "state")
    readonly_fields = fields


class DecisionInline(ReadOnlyInline):
    model = CouncilDecision
    fields = ("decided_on", "outcome", "votes_for", "votes_against", "votes_abstaining")
    readonly_fields = fields


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    """Read only: the committee writes the text, the review is recorded on its own pages."""

    list_display = ("committee", "state", "submitted_version", "submitted_at")
    list_filter = ("state",)
    search_fields = ("committee__name", "committee__mandate__title")
    fields = ("committee", "state", "submitted_version", "submitted_at", "record")
    readonly_fields = fields
    inlines = (VersionInline, ReviewStepInline, AmendmentInline, DecisionInline)

    @admin.display(description=_("Record its handling"))
    def record(self, obj: Deliverable):
        if obj.state != Deliverable.State.SUBMITTED:
            return "—"
        return format_html(
            '<a href="{}?deliverable={}">{}</a> · <a href="{}?deliverable={}">{}</a>',
            reverse("admin:deliberation_reviewstep_add"),
            obj.pk,
            _("A political body's handling"),
            reverse("admin:deliberation_councildecision_add"),
            obj.pk,
            _("The City Council's decision"),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "submitted_version")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _route_choices(entries: list[ReceivingBody]) -> list[tuple[int, str]]:
    """A route's stops by step and body: "Step 1 of 2: Kultur-, Unge- og Fritidsudvalget"."""
    return [
        (
            entry.pk,
            _("Step %(step)s of %(steps)s: %(body)s")
            % {"step": n, "steps": len(entries), "body": entry.body},
        )
        for n, entry in enumerate(entries, start=1)
    ]


class ReviewStepForm(forms.ModelForm):
    class Meta:
        model = ReviewStep
        fields = ("deliverable", "route_entry", "meeting_date", "agenda_item", "outcome", "text")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "route_entry" in self.fields:  # the add form; a recorded step's body is read only
            self._offer_the_deliverables_own_route()

    def _offer_the_deliverables_own_route(self) -> None:
        """Only the chosen deliverable's route; the only one under review is chosen already. Until one
        is chosen, each route is a group named by its committee, and a script shows the chosen one."""
        deliverables = {str(d.pk): d for d in self.fields["deliverable"].queryset}
        chosen = deliverables.get(str(self.data.get("deliverable") or self.initial.get("deliverable") or ""))
        if chosen is None and len(deliverables) == 1:
            chosen = next(iter(deliverables.values()))
            self.initial["deliverable"] = chosen.pk
        mandates = {d.committee.mandate_id: d for d in ([chosen] if chosen else deliverables.values())}
        entries = list(
            ReceivingBody.objects.filter(mandate_id__in=mandates)
            .select_related("body")
            .order_by("order", "id")
        )
        field = self.fields["route_entry"]
        field.queryset = ReceivingBody.objects.filter(pk__in=[e.pk for e in entries])
        routes = {mandate: [e for e in entries if e.mandate_id == mandate] for mandate in mandates}
        if chosen is not None:
            field.choices = [("", "---------"), *_route_choices(routes[chosen.committee.mandate_id])]
        else:
            field.choices = [
                ("", "---------"),
                *((str(mandates[m].committee), _route_choices(route)) for m, route in routes.items()),
            ]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("deliverable") and data.get("route_entry"):
            review_step_check(deliverable=data["deliverable"], route_entry=data["route_entry"])
        return data


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    form = ReviewStepForm

    class Media:
        js = ("js/admin-route-choice.js",)

    list_display = ("deliverable", "route_entry", "meeting_date", "outcome")
    list_filter = ("outcome",)
    search_fields = ("deliverable__committee__name",)
    date_hierarchy = "meeting_date"
    list_select_related = ("deliverable__committee", "route_entry__body")

    def get_readonly_fields(self, request, obj=None):
        # Which body dealt with which deliverable is fixed once recorded; the wording can be corrected.
        return ("deliverable", "route_entry", "recorded_by", "recorded_at") if obj else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "deliverable":
            kwargs["queryset"] = Deliverable.objects.filter(state=Deliverable.State.SUBMITTED).select_related(
                "committee"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        data = form.cleaned_data
        step = review_step_record(
            deliverable=data["deliverable"],
            route_entry=data["route_entry"],
            meeting_date=data["meeting_date"],
            agenda_item=data["agenda_item"],
            outcome=data["outcome"],
            text=data["text"],
            by=request.user,
        )
        obj.pk = step.pk
        obj.recorded_by = step.recorded_by

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ("state",)

    def clean(self):
        data = super().clean()
        if "state" in self.changed_data:
            amendment_decide_check(amendment=self.instance, state=data.get("state"))
        return data


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """Politicians propose on the site; staff record the council meeting's verdict here."""

    form = AmendmentForm
    list_display = ("__str__", "deliverable", "proposed_by", "proposed_at", "state")
    list_filter = ("state",)
    search_fields = ("deliverable__committee__name", "proposed_text")
    list_select_related = ("deliverable__committee", "proposed_by")
    readonly_fields = (
        "deliverable",
        "section_key",
        "original_text",
        "proposed_text",
        "reason",
        "proposed_by",
        "proposed_at",
        "decided_at",
    )
    fields = (*readonly_fields[:7], "state", "decided_at")
    actions = ("accept", "reject", "withdraw")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            decided = amendment_decide(amendment=obj, state=form.cleaned_data["state"], by=request.user)
            obj.decided_at = decided.decided_at

    def _decide(self, request, queryset, state: str) -> None:
        done = 0
        for amendment in queryset:
            try:
                amendment_decide(amendment=amendment, state=state, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{amendment}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request, _("%(count)d amendments recorded.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Record the selected amendments as accepted"))
    def accept(self, request, queryset):
        self._decide(request, queryset, Amendment.State.ACCEPTED)

    @admin.action(description=_("Record the selected amendments as rejected"))
    def reject(self, request, queryset):
        self._decide(request, queryset, Amendment.State.REJECTED)

    @admin.action(description=_("Record the selected amendments as withdrawn"))
    def withdraw(self, request, queryset):
        self._decide(request, queryset, Amendment.State.WITHDRAWN)


class CouncilDecisionForm(forms.ModelForm):
    class Meta:
        model = CouncilDecision
        fields = (
            "deliverable",
            "decided_on",
            "agenda_item",
            "outcome",
            "votes_for",
            "votes_against",
            "votes_abstaining",
            "remarks",
        )

    def clean(self):
        data = super().clean()
        if data.get("deliverable") and data.get("outcome"):
            council_decision_check(deliverable=data["deliverable"], outcome=data["outcome"])
        return data

    def _post_clean(self):
        # The version and the agreed text are the service's to fill in; skip the model's own validation
        # of those still empty fields (council_decision_record runs full_clean on the complete row).
        pass


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(admin.ModelAdmin):
    """Recorded once: it moves the mandate and tells the committee, so it is not edited afterwards."""

    form = CouncilDecisionForm
    list_display = ("deliverable", "decided_on", "outcome", "votes_for", "votes_against", "votes_abstaining")
    list_filter = ("outcome",)
    search_fields = ("deliverable__committee__name",)
    list_select_related = ("deliverable__committee",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "deliverable":
            kwargs["queryset"] = Deliverable.objects.filter(state=Deliverable.State.SUBMITTED).select_related(
                "committee"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (*CouncilDecisionForm.Meta.fields, "version", "agreed_sections", "recorded_by")

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else CouncilDecisionForm.Meta.fields

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        decision = council_decision_record(
            by=request.user, **{name: data[name] for name in CouncilDecisionForm.Meta.fields}
        )
        obj.pk = decision.pk
        obj.version = decision.version


import deliberation.follow_up.admin  # noqa: E402, F401  (implementation and evaluation admin)
