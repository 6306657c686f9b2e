"""The council staff's page for a mandate: the kommissorium, its profiles, route and documents, and
the committee's meeting plan and members, with the lifecycle's moves as buttons."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.admin import OFFICIAL_ROLE_PARAMETER
from committees.memberships import memberships_staff_edited
from committees.models import OFFICIAL_ROLE_OF_SEAT, Meeting, Membership, TaskCommittee
from committees.services import committee_ensure, mandate_copy, mandate_move
from committees.warnings import committee_warnings
from core import downloads
from mandates.models import CompetenceProfile, Mandate, MandateDocument, MandateTask, ReceivingBody
from mandates.services import allowed_moves
from mandates.warnings import mandate_warnings


class FrozenAfterAdoptionInline(admin.TabularInline):
    """The kommissorium's parts are the Council's decision: fixed once adopted."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.state == Mandate.State.DRAFT

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class TaskInline(FrozenAfterAdoptionInline):
    model = MandateTask
    fields = ("order", "text")
    verbose_name_plural = _("tasks: the committee shall propose …")


class ProfileInline(FrozenAfterAdoptionInline):
    model = CompetenceProfile
    fields = ("order", "title", "description", "seats")


class ReceivingBodyInline(FrozenAfterAdoptionInline):
    model = ReceivingBody
    fields = ("order", "body")
    autocomplete_fields = ("body",)
    verbose_name_plural = _("route of the delivery (standing committees in order, then the City Council)")


class DocumentInline(admin.TabularInline):
    model = MandateDocument
    fields = ("title", "file", "public", "uploaded_at")
    readonly_fields = ("uploaded_at",)
    extra = 0


class CommitteeInline(admin.TabularInline):
    """An inline of the mandate's committee shown on the mandate's page.

    Django binds inlines to the page's own model; these rows belong to the committee, so the
    formsets are built for TaskCommittee and get the mandate's committee as their instance.
    """

    extra = 0

    def __init__(self, parent_model, admin_site):
        super().__init__(TaskCommittee, admin_site)


class MeetingInline(CommitteeInline):
    model = Meeting
    fields = ("number", "starts_at", "ends_at", "place", "state", "agenda")
    verbose_name_plural = _("meeting plan")

    # Once adopted, a meeting moves or is cancelled on its meeting page, through the services that
    # tell the members and keep their reminders right; here staff may still add meetings.
    def has_change_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.state == Mandate.State.DRAFT) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.state == Mandate.State.DRAFT) and super().has_delete_permission(
            request, obj
        )


class RoleAutocomplete(AutocompleteSelect):
    """The person autocomplete of one kind of seat: only accounts that hold the official role it needs."""

    def __init__(self, *args, official_role: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.official_role = official_role

    def get_url(self) -> str:
        return f"{super().get_url()}?{urlencode({OFFICIAL_ROLE_PARAMETER: self.official_role})}"


class MembershipInline(CommitteeInline):
    """The members of one kind (role): one inline per role, so the person autocomplete of a politician's or
    facilitator's row offers only accounts with that official role. The model refuses the rest anyway."""

    model = Membership
    role: str = ""
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(role=self.role)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        role = self.role

        class RoleFormSet(formset):
            @classmethod
            def get_default_prefix(cls) -> str:
                return f"{role}_memberships"

            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                form.instance.role = role  # before validation: the model's checks depend on the role
                return form

        return RoleFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        official_role = OFFICIAL_ROLE_OF_SEAT.get(self.role)
        if db_field.name == "user" and official_role:
            kwargs["widget"] = RoleAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using"), official_role=official_role
            )
        if db_field.name == "profile":
            # Only the profiles of the mandate on this page.
            mandate_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = CompetenceProfile.objects.filter(mandate_id=mandate_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PoliticianInline(MembershipInline):
    role = Membership.Role.POLITICIAN
    fields = ("user", "position", "joined_on", "left_on")
    verbose_name = _("politician")
    verbose_name_plural = _("politicians (accounts with the Politician role)")


class FacilitatorInline(MembershipInline):
    role = Membership.Role.FACILITATOR
    fields = ("user", "joined_on", "left_on")
    verbose_name = _("facilitator")
    verbose_name_plural = _("facilitators (accounts with the Facilitator role)")


class CitizenMemberInline(MembershipInline):
    role = Membership.Role.CITIZEN
    fields = ("user", "profile", "joined_on", "left_on", "show_name_publicly")
    verbose_name = _("citizen member")
    verbose_name_plural = _("citizen members")


MEMBER_INLINES = [PoliticianInline, FacilitatorInline, CitizenMemberInline]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "starts_on", "ends_on", "profile_count", "seat_count")
    list_filter = ("state", "delivery_kind", "receiving_bodies__body", "starts_on")
    search_fields = ("title", "problem", "slug")
    # Said here too: the count annotation below makes a GROUP BY query, which drops Meta.ordering, and the
    # autocomplete boxes page through this queryset.
    ordering = ("-starts_on", "title", "pk")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("state",)
    actions = ["copy_as_new_draft"]
    change_form_template = "admin/mandates/mandate/change_form.html"
    fieldsets = (
        (None, {"fields": ("title", "slug", "state")}),
        (
            _("The mandate"),
            {"fields": ("problem", "background", "existing_policies", "delivery_kind", "expected_delivery")},
        ),
        (_("Time frame"), {"fields": ("starts_on", "ends_on")}),
        (
            _("Composition"),
            {"fields": ("politicians_target", "citizens_target", "administrators_target")},
        ),
        (
            _("Balance rules for the citizens"),
            {"fields": ("min_gender_share", "max_per_organisation", "max_per_district")},
        ),
        (_("Adoption"), {"fields": ("adopted_by", "adopted_on", "adoption_agenda_item")}),
    )
    autocomplete_fields = ("adopted_by",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_profiles=Count("profiles", distinct=True), _seats=Sum("profiles__seats"))
        )

    @admin.display(description=_("profiles"), ordering="_profiles")
    def profile_count(self, mandate) -> int:
        return mandate._profiles

    @admin.display(description=_("seats"), ordering="_seats")
    def seat_count(self, mandate) -> int:
        return mandate._seats or 0

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != Mandate.State.DRAFT:
            # After adoption the text is the Council's decision; the adoption record too.
            return [f for fs in self.fieldsets for f in fs[1]["fields"]]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.state != Mandate.State.DRAFT else self.prepopulated_fields

    def get_inlines(self, request, obj):
        inlines = [TaskInline, ProfileInline, ReceivingBodyInline, DocumentInline]
        if obj is not None:  # the committee's rows need the committee, made with the first save
            inlines += [MeetingInline, *MEMBER_INLINES]
        return inlines

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CommitteeInline):
            kwargs["instance"] = committee_ensure(mandate=obj)
        return kwargs

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        committee_ensure(mandate=obj)

    def response_add(self, request, obj, post_url_continue=None):
        messages.info(request, _("Now add the meeting plan and the members below."))
        return super().response_add(request, obj, post_url_continue)

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            memberships_staff_edited(
                added=formset.new_objects,
                changed=formset.changed_objects,
                removed=formset.deleted_objects,
                by=request.user,
            )

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        mandate = form.instance
        for warning in [*mandate_warnings(mandate), *committee_warnings(committee_ensure(mandate=mandate))]:
            messages.warning(request, warning)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["allowed_moves"] = [(state, Mandate.State(state).label) for state in allowed_moves(obj)]
            context["transitions"] = obj.transitions.select_related("by")
            context["downloads"] = downloads.downloads_for(downloads.MANDATE_ADMIN, request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/move/<str:to>/",
                self.admin_site.admin_view(self.move_view),
                name="mandates_mandate_move",
            ),
            *super().get_urls(),
        ]

    def move_view(self, request, object_id: int, to: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        mandate = get_object_or_404(Mandate, pk=object_id)
        if not self.has_change_permission(request, mandate):
            raise PermissionDenied
        try:
            mandate_move(mandate=mandate, to=to, by=request.user, note=request.POST.get("note", "").strip())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(state)s.")
                % {"title": mandate.title, "state": Mandate.State(to).label.lower()},
            )
        return redirect(reverse("admin:mandates_mandate_change", args=[mandate.pk]))

    @admin.action(description=_("Copy as new draft"))
    def copy_as_new_draft(self, request, queryset) -> None:
        for mandate in queryset:
            copy = mandate_copy(mandate=mandate)
            messages.success(request, _("“%(title)s” was created as a draft.") % {"title": copy.title})


import committees.admin_people  # noqa: E402, F401  (the people page, whose role changes end seats)
