"""Political bodies. The mandate's own page is registered by committees.admin, because it also
holds the committee's meeting plan and members (committees may import mandates, not the reverse)."""

from __future__ import annotations

from django.contrib import admin

from mandates.models import PoliticalBody


@admin.register(PoliticalBody)
class PoliticalBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "active")
    list_filter = ("kind", "active")
    search_fields = ("name",)
