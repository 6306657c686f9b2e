"""Council staff plan and open calls, see applications and the log of every export of them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from recruitment.calls import call_close, call_open
from recruitment.models import Application, ApplicationEvent, Call, ExportLog, Invitation, Selection


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("__str__", "state", "opens_at", "deadline", "application_count")
    list_filter = ("state",)
    search_fields = ("mandate__title",)
    autocomplete_fields = ("mandate",)
    readonly_fields = ("state", "statistics")
    fields = (
        "mandate",
        "state",
        "opens_at",
        "deadline",
        "intro",
        "eligibility",
        "eligible_postal_codes",
        "draw_public_value_source",
        "draw_public_value",
        "statistics",
    )
    radio_fields = {"eligibility": admin.VERTICAL}
    actions = ["open_calls", "close_calls"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("mandate")
            .annotate(_applications=Count("applications"))
        )

    @admin.display(description=_("applications"), ordering="_applications")
    def application_count(self, call) -> int:
        return call._applications

    @admin.action(description=_("Open the selected calls (the mandate starts recruiting)"))
    def open_calls(self, request, queryset) -> None:
        for call in queryset:
            try:
                call_open(call=call, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, f"{call}: {message}")
            else:
                messages.success(request, _("%(call)s is open.") % {"call": call})

    @admin.action(description=_("Close the selected calls now"))
    def close_calls(self, request, queryset) -> None:
        closed = sum(call_close(call=call, by=request.user) for call in queryset)
        messages.success(request, _("%(count)d calls closed.") % {"count": closed})


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ("kind", "at", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications are the citizens' own words; staff look, they do not edit."""

    list_display = ("reference", "call", "applicant", "state", "submitted_at")
    list_filter = ("state", "call")
    search_fields = ("reference", "applicant__email", "applicant__full_name")
    list_select_related = ("call__mandate", "applicant")
    inlines = [EventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Application._meta.fields] + ["available_meetings"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("application", "profile", "state", "sent_at", "answer_by", "answered_at")
    list_filter = ("state",)
    list_select_related = ("application", "profile")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Selection)
class SelectionAdmin(admin.ModelAdmin):
    list_display = ("call", "confirmed_by", "confirmed_at")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Selection._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ("at", "by", "call", "what", "rows")
    list_filter = ("what",)
    list_select_related = ("by", "call__mandate")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ExportLog._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
