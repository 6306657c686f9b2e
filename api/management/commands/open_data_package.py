"""`manage.py open_data_package`: write today's open-data package now (the nightly task does the same)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from api.package import package_write


class Command(BaseCommand):
    help = "Write today's open-data package if anything public changed since the last one."

    def handle(self, *args, **options) -> None:
        written = package_write()
        if written is None:
            self.stdout.write("Nothing public changed since the last package; none written.")
        else:
            self.stdout.write(f"{written.path} ({written.size} bytes)")
