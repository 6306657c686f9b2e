"""`python manage.py demo_totp`: the current second-factor code of the demo officials."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.people import DEMO_TOTP_SECRET
from demo.totp import totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code shared by the demo officials (DEBUG only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Only on a development machine (DEBUG on).")
        self.stdout.write(totp_code(DEMO_TOTP_SECRET))
