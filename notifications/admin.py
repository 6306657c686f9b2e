"""Staff see every message, why one failed, and can send a failed one again or test the mail setup."""

from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Notification
from notifications.services import notification_resend, notification_schedule


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "recipient", "state", "due_at", "attempts", "sent_at")
    list_filter = ("state", "kind", "language")
    search_fields = ("recipient__email", "recipient__full_name", "key", "kind")
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["resend"]
    change_list_template = "admin/notifications/notification/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the outbox is also the record of what was sent

    @admin.action(description=_("Send the selected failed messages again"))
    def resend(self, request, queryset) -> None:
        failed = list(queryset.filter(state=Notification.State.FAILED))
        for notification in failed:
            notification_resend(notification=notification)
        self.message_user(
            request,
            ngettext(
                "%(count)d message will be sent again.",
                "%(count)d messages will be sent again.",
                len(failed),
            )
            % {"count": len(failed)},
            messages.SUCCESS if failed else messages.WARNING,
        )

    def get_urls(self):
        return [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="notifications_notification_send_test",
            ),
            *super().get_urls(),
        ]

    def send_test_view(self, request):
        """Sends a message to the signed-in staff member through the outbox, to check the mail setup."""
        if request.method != "POST":
            return redirect(reverse("admin:notifications_notification_changelist"))
        notification_schedule(
            recipient=request.user,
            kind="outbox_test",
            key=f"outbox-test:{request.user.pk}:{timezone.now().isoformat()}",
        )
        self.message_user(
            request,
            _("A test message to %(email)s is in the outbox.") % {"email": request.user.email},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:notifications_notification_changelist"))
