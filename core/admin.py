"""Staff edit the accessibility statement and publish new versions of the privacy notice."""

from __future__ import annotations

from django.contrib import admin

from core.models import AccessibilityStatement, PrivacyNotice


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    list_display = ("version", "published_at")
    ordering = ("-published_at",)

    def get_readonly_fields(self, request, obj=None):
        # Applications point at a published version: its words must stay as the applicant read them.
        if obj is not None and obj.is_published:
            return ("version", "published_at", "body_da", "body_en")
        return ()

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_published


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "updated_at")

    def has_add_permission(self, request) -> bool:
        return not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
