from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: the public pages that show several apps' data, assembled from their selectors."""

    name = "portal"
    verbose_name = _("Public pages")
