"""What council staff use after the decision: implementation actions with their dated updates, the
evaluation survey's closing date, and the anonymous evaluation answers (read only). deliberation.admin
imports this module."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.admin import TrailAdminMixin
from deliberation.follow_up.evaluation import evaluation_closing_set
from deliberation.follow_up.implementation import IMPLEMENTABLE, action_add, progress_update
from deliberation.models import EvaluationAnswer, EvaluationSurvey, ImplementationAction, ProgressUpdate
from mandates.models import Mandate


class ProgressUpdateInline(admin.TabularInline):
    """Updates are a dated record that members were told about: add new ones, never rewrite old ones."""

    model = ProgressUpdate
    fields = ("on", "progress", "text", "created_by")
    readonly_fields = ("created_by",)
    extra = 1
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImplementationAction)
class ImplementationActionAdmin(admin.ModelAdmin):
    list_display = ("title", "mandate", "responsible_unit", "due_on", "state", "progress")
    list_filter = ("state", "mandate")
    search_fields = ("title", "responsible_unit", "mandate__title")
    list_select_related = ("mandate",)
    fields = ("mandate", "title", "responsible_unit", "due_on", "state", "progress")
    inlines = [ProgressUpdateInline]

    def get_readonly_fields(self, request, obj=None):
        # The mandate is chosen once; the state follows the updates, except that staff may drop an action.
        return ("mandate", "progress") if obj else ("progress", "state")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "mandate":  # offer only what action_add accepts
            kwargs["queryset"] = Mandate.objects.filter(state__in=IMPLEMENTABLE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = action_add(
            mandate=obj.mandate,
            title=obj.title,
            responsible_unit=obj.responsible_unit,
            due_on=obj.due_on,
            by=request.user,
        )
        obj.pk, obj.state, obj.progress = created.pk, created.state, created.progress

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ProgressUpdate:
            super().save_formset(request, form, formset, change)
            return
        for update in formset.save(commit=False):
            try:
                progress_update(
                    action=form.instance,
                    on=update.on,
                    text=update.text,
                    progress=update.progress,
                    by=request.user,
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level="error")
        form.instance.refresh_from_db(fields=["state", "progress"])


@admin.register(EvaluationSurvey)
class EvaluationSurveyAdmin(TrailAdminMixin, admin.ModelAdmin):
    """The survey opens with the Council's decision; staff set when it closes. Its results are published
    only after that, so the date can be moved while the survey is open and never once it has closed."""

    list_display = ("mandate", "opened_at", "closes_at", "is_closed")
    list_select_related = ("mandate",)
    fields = ("mandate", "opened_at", "closes_at")
    actions = ["close_now"]

    @admin.display(description=_("closed"), boolean=True)
    def is_closed(self, survey: EvaluationSurvey) -> bool:
        return survey.closes_at <= timezone.now()

    def get_readonly_fields(self, request, obj=None):
        fixed = ["mandate", "opened_at"]
        if obj is not None and self.is_closed(obj):
            fixed.append("closes_at")
        return (*fixed, *super().get_readonly_fields(request, obj))

    def has_add_permission(self, request) -> bool:
        return False  # the Council's decision opens it (follow_up.evaluation.evaluation_invite)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if "closes_at" in form.changed_data:
            try:
                evaluation_closing_set(survey=obj, closes_at=obj.closes_at, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level="error")

    @admin.action(description=_("Close the selected surveys now (publishes their results)"))
    def close_now(self, request, queryset) -> None:
        for survey in queryset:
            if not self.is_closed(survey):
                evaluation_closing_set(survey=survey, closes_at=timezone.now(), by=request.user)


@admin.register(EvaluationAnswer)
class EvaluationAnswerAdmin(admin.ModelAdmin):
    """Anonymous by design: there is no person to show, and nobody may add or change an answer here."""

    list_display = ("mandate", "answered_on", *EvaluationAnswer.STATEMENTS)
    list_filter = ("mandate",)
    list_select_related = ("mandate",)
    ordering = ("mandate", "answered_on")
    fields = ("mandate", "answered_on", *EvaluationAnswer.STATEMENTS, "free_text")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
