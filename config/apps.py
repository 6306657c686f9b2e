"""Swaps in our admin site, whose door only council staff may pass."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class SamskabAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.CouncilStaffAdminSite"
