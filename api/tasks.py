from __future__ import annotations

from celery import shared_task

from api.package import package_write


@shared_task(name="api.open_data_package")
def open_data_package() -> str:
    """Nightly: today's open-data package, if anything public changed since the last one."""
    written = package_write()
    return written.name if written else "unchanged"
