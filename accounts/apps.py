from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.permissions import council_staff_permissions_sync

        # Django creates permissions after migrate; give the Council staff role those of our apps.
        post_migrate.connect(council_staff_permissions_sync, dispatch_uid="council_staff_permissions")
