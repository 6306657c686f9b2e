"""Council staff's side: per consultation, whether contributions appear at once or after review and how long
hidden ones keep their personal data. The committee writes consultations, moderates and runs dialogue
meetings on its own pages; here the rest is read only, with each object's audit trail. People's access
needs are not shown here at all: only the committee's facilitators see them (on the participant list)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import TrailAdminMixin
from consultations.models import Consultation, ConsultationItem, Contribution, DialogueMeeting, Registration
from consultations.setup import consultation_configure


class StaffOnly:
    """The admin site's door lets only council staff in (accounts.admin_site), so inside it they may read
    everything of this app; what they may change each admin says."""

    def has_view_permission(self, request, obj=None) -> bool:
        return True


class ReadOnlyInline(StaffOnly, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ItemInline(ReadOnlyInline):
    model = ConsultationItem
    fields = ("order", "kind", "title", "version_number")
    readonly_fields = fields


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ("moderation", "retention_days")


@admin.register(Consultation)
class ConsultationAdmin(StaffOnly, TrailAdminMixin, admin.ModelAdmin):
    form = ConsultationForm
    list_display = (
        "title",
        "committee",
        "starts_at",
        "ends_at",
        "phase_label",
        "moderation",
        "retention_days",
    )
    list_filter = ("moderation", ("starts_at", admin.DateFieldListFilter))
    search_fields = ("title", "committee__name")
    list_select_related = ("committee",)
    fieldsets = (
        (None, {"fields": ("title", "committee", "starts_at", "ends_at", "phase_label", "pages")}),
        (_("Moderation and data protection"), {"fields": ("moderation", "retention_days")}),
        (_("Record"), {"fields": ("created_by", "published_at", "published_by", "report_published_at")}),
    )
    readonly_fields = (
        "title",
        "committee",
        "starts_at",
        "ends_at",
        "phase_label",
        "pages",
        "created_by",
        "published_at",
        "published_by",
        "report_published_at",
    )
    inlines = (ItemInline,)

    @admin.display(description=_("phase"))
    def phase_label(self, consultation: Consultation) -> str:
        return consultation.get_phase_display()

    @admin.display(description=_("pages"))
    def pages(self, consultation: Consultation) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            consultation.get_absolute_url(),
            _("The consultation's page"),
            reverse("consultations:review", args=[consultation.pk]),
            _("The contributions (moderation, tags, export)"),
        )

    def has_add_permission(self, request) -> bool:
        return False  # the committee's facilitators or chair create consultations on its pages

    def has_change_permission(self, request, obj=None) -> bool:
        return True  # the moderation and the retention period only (the form's fields)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # contributions and the record of what was published stay

    def save_model(self, request, obj: Consultation, form, change: bool) -> None:
        try:
            consultation_configure(
                consultation=obj,
                by=request.user,
                moderation=form.cleaned_data["moderation"],
                retention_days=form.cleaned_data["retention_days"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


class SentStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(state, Contribution.State(state).label) for state in Contribution.SUBMITTED_STATES]

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() else queryset


@admin.register(Contribution)
class ContributionAdmin(StaffOnly, TrailAdminMixin, admin.ModelAdmin):
    """Read only: moderators publish and hide on the committee's view, where the audit trail records it."""

    list_display = ("number", "consultation", "item", "state", "kind", "publication", "submitted_at")
    list_filter = (SentStateFilter, "kind", "publication", "hide_reason")
    search_fields = ("body", "organisation", "consultation__title")
    list_select_related = ("consultation", "item")

    @admin.display(description=_("no."), ordering="pk")
    def number(self, contribution: Contribution) -> int:
        return contribution.pk

    fields = (
        "consultation",
        "item",
        "state",
        "body",
        "attachment",
        "kind",
        "organisation",
        "publication",
        "privacy_notice",
        "submitted_at",
        "published_at",
        "hidden_at",
        "hide_reason",
        "withdrawn_at",
        "personal_data_deleted_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        # A draft or a withdrawn text is its author's alone, in the admin too.
        return super().get_queryset(request).filter(state__in=Contribution.SUBMITTED_STATES)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RegistrationInline(ReadOnlyInline):
    model = Registration
    view_on_site = False  # a registration's page is its person's own
    fields = ("name", "state", "created_at", "answer_by", "attended")
    readonly_fields = fields


@admin.register(DialogueMeeting)
class DialogueMeetingAdmin(StaffOnly, TrailAdminMixin, admin.ModelAdmin):
    """Read only: the facilitators create and change meetings on the committee's pages."""

    list_display = ("title", "committee", "kind", "starts_at", "capacity", "state")
    list_filter = ("kind", "state", ("starts_at", admin.DateFieldListFilter))
    search_fields = ("title", "committee__name", "place")
    list_select_related = ("committee",)
    fields = (
        "committee",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "capacity",
        "programme",
        "accessibility",
        "state",
        "summary",
        "summary_published_at",
    )
    readonly_fields = fields
    inlines = (RegistrationInline,)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
