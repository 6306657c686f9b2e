"""Staff adjust the documents' header and footer in one place: Administration → Document layout."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import roles
from case_documents.models import DocumentLayout


@admin.register(DocumentLayout)
class DocumentLayoutAdmin(admin.ModelAdmin):
    list_display = ("__str__", "updated_at")
    fieldsets = (
        (_("Header"), {"fields": ("municipality_name", "header_line_da", "header_line_en")}),
        (_("Logo"), {"fields": ("logo", "logo_alt_da", "logo_alt_en")}),
        (_("Footer"), {"fields": ("footer_da", "footer_en")}),
    )

    # The admin site's door lets only council staff in (accounts); every one of them keeps the layout, as
    # the audit trail's admin lets every one of them read it.
    def has_module_permission(self, request) -> bool:
        return roles.is_council_staff(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return roles.is_council_staff(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return roles.is_council_staff(request.user)

    def has_add_permission(self, request) -> bool:
        # One layout for every document.
        return roles.is_council_staff(request.user) and not DocumentLayout.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
