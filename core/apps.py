from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom floor: what every page needs and no other app owns."""

    name = "core"
    verbose_name = _("Site pages")

    def ready(self) -> None:
        from core.cache import watch

        watch(self.label)  # the privacy notice and the accessibility statement are public pages
        from core import checks  # noqa: F401  (registers the deployment checks)
        from core.cache import connect_signals
        from core.lookups import register_integer_lookups

        register_integer_lookups()  # ids too large for a column never reach the database (a 500 on SQLite)

        connect_signals()  # a change to anything public makes the cached public pages old
        from core import write_version

        write_version.connect()  # any committed write makes the signed-in pages' copies old
