from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in
        from allauth.socialaccount.signals import social_account_added

        from accounts.identity import person_tables_declare
        from accounts.permissions import council_staff_permissions_sync
        from accounts.sso import checks  # noqa: F401  (registers the configuration's checks)
        from accounts.sso.services import sign_on_link_recorded
        from accounts.sso.session import session_mark
        from audit.actions import register

        register(
            {
                "user.role_granted": _("Role given"),
                "user.role_removed": _("Role removed"),
                "user.details_changed": _("Own name or language changed"),
                "user.created_via_sign_on": _("Account created by single sign-on"),
                "user.linked_via_sign_on": _("Account linked to single sign-on"),
                "provider_role.added": _("Single sign-on group given a role"),
                "provider_role.changed": _("Single sign-on group's role changed"),
                "provider_role.removed": _("Single sign-on group's role removed"),
            }
        )
        # Whether the session began with single sign-on, and with several factors (accounts/sso/session.py).
        user_logged_in.connect(session_mark, dispatch_uid="sign_on_session_mark")
        social_account_added.connect(sign_on_link_recorded, dispatch_uid="sign_on_link_recorded")

        # The signed-in person is kept until one of the tables they are read from is written.
        person_tables_declare()

        # Django creates permissions after migrate; give the Council staff role those of our apps.
        post_migrate.connect(council_staff_permissions_sync, dispatch_uid="council_staff_permissions")
