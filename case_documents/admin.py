"""Staff adjust the documents' header and footer in one place: Administration → Document layout."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from case_documents.models import DocumentLayout


@admin.register(DocumentLayout)
class DocumentLayoutAdmin(admin.ModelAdmin):
    list_display = ("__str__", "updated_at")
    fieldsets = (
        (_("Header"), {"fields": ("municipality_name", "header_line_da", "header_line_en")}),
        (_("Logo"), {"fields": ("logo", "logo_alt_da", "logo_alt_en")}),
        (_("Footer"), {"fields": ("footer_da", "footer_en")}),
    )

    def has_add_permission(self, request) -> bool:
        # One layout for every document.
        return super().has_add_permission(request) and not DocumentLayout.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
