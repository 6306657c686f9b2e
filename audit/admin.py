"""Staff read the trail here: everything, filtered by action, kind of object, person and date."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.actions import registered_actions
from audit.models import Entry


class ActionFilter(admin.SimpleListFilter):
    title = pgettext_lazy("audit trail", "action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        used = set(Entry.objects.values_list("action", flat=True).distinct())
        labels = registered_actions()
        return sorted(((a, labels.get(a, a)) for a in used), key=lambda pair: str(pair[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action_label", "object_repr", "content_type", "actor")
    list_filter = (ActionFilter, "content_type", ("at", admin.DateFieldListFilter))
    search_fields = ("object_repr", "actor__email", "actor__full_name")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "at"
    fields = ("at", "action", "content_type", "object_id", "object_repr", "actor", "data")
    readonly_fields = fields

    @admin.display(description=pgettext_lazy("audit trail", "action"), ordering="action")
    def action_label(self, entry: Entry) -> str:
        return entry.action_label

    # The trail is evidence: nobody adds, edits or deletes entries by hand.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return True  # the admin site's door already lets only council staff in


def trail_link(obj) -> str:
    """A link to one object's trail, for an admin's read-only field."""
    if obj is None or obj.pk is None:
        return "–"
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    query = urlencode({"content_type__id__exact": content_type.pk, "object_id": obj.pk})
    url = reverse("admin:audit_entry_changelist")
    return format_html('<a href="{}?{}">{}</a>', url, query, _("Audit trail"))


class TrailAdminMixin:
    """Adds the object's audit trail as a read-only link on its change page."""

    @admin.display(description=_("Audit trail"))
    def audit_trail(self, obj) -> str:
        return trail_link(obj)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "audit_trail")
