"""The role mapping in the admin: council staff read it, superusers change it (each change audited). allauth's
own admin pages for apps and tokens are closed: the provider is configured from the environment and no token
is kept."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp, SocialToken
from django.conf import settings
from django.contrib import admin

from accounts.roles import role_label
from accounts.sso.config import sign_on_enabled
from accounts.sso.mapping import role_map_parse
from accounts.sso.models import ProviderRole
from accounts.sso.services import provider_role_delete, provider_role_save
from audit.admin import TrailAdminMixin

for model in (SocialApp, SocialToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(ProviderRole)
class ProviderRoleAdmin(TrailAdminMixin, admin.ModelAdmin):
    list_display = ("claim_value", "role", "description")
    list_filter = ("role",)
    search_fields = ("claim_value", "description")
    fields = ("claim_value", "role", "description")

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def save_model(self, request, obj, form, change) -> None:
        provider_role_save(mapping=obj, by=request.user)

    def delete_model(self, request, obj) -> None:
        provider_role_delete(mapping=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for mapping in queryset:
            provider_role_delete(mapping=mapping, by=request.user)

    def changelist_view(self, request, extra_context=None):
        try:
            from_environment = [
                (value, role_label(role)) for value, role in role_map_parse(settings.SSO_ROLE_MAP)
            ]
        except ValueError:
            from_environment = []  # the system check names the wrong entry
        extra_context = {
            **(extra_context or {}),
            "sign_on_enabled": sign_on_enabled(),
            "provider_name": settings.SSO_NAME,
            "role_claims": ", ".join(settings.SSO_ROLE_CLAIMS),
            "from_environment": from_environment,
        }
        return super().changelist_view(request, extra_context)
