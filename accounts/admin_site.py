"""The admin is the council staff's workplace: nobody else gets in, however they are flagged."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_council_staff


class CouncilStaffAdminSite(admin.AdminSite):
    site_header = _("Samskab: council staff")
    site_title = _("Samskab administration")
    index_title = _("Task committees and their mandates")

    def has_permission(self, request) -> bool:
        return request.user.is_active and is_council_staff(request.user)
