from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.permissions import council_staff_permissions_sync
        from audit.actions import register

        register(
            {
                "user.role_granted": _("Role given"),
                "user.role_removed": _("Role removed"),
                "user.details_changed": _("Own name or language changed"),
            }
        )

        # Django creates permissions after migrate; give the Council staff role those of our apps.
        post_migrate.connect(council_staff_permissions_sync, dispatch_uid="council_staff_permissions")
