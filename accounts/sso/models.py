"""Which groups or roles of the identity provider give which official role: the rows superusers keep in the
admin (SSO_ROLE_MAP adds more from the environment)."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLE_LABELS, role_label


class ProviderRole(models.Model):
    claim_value = models.CharField(
        _("group or role in the identity provider"),
        max_length=255,
        help_text=_(
            "Exactly as the identity provider sends it in the groups or roles claim: for Microsoft Entra "
            "ID the group's object ID, for a NemLog-in broker the role's name. Upper and lower case are "
            "the same."
        ),
    )
    role = models.CharField(_("official role"), max_length=40, choices=list(ROLE_LABELS.items()))
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What the group is called in the identity provider, for the people reading this list."),
    )

    class Meta:
        app_label = "accounts"
        verbose_name = _("role from single sign-on")
        verbose_name_plural = _("roles from single sign-on")
        ordering = ["role", "claim_value"]
        constraints = [
            models.UniqueConstraint(
                Lower("claim_value"),
                "role",
                name="provider_role_unique_ci",
                violation_error_message=_("This group already gives this role."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_value} → {role_label(self.role)}"
