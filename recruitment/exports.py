"""Every export of applicants' personal data is on record (DESIGN.md §3): who, when, how many people."""

from __future__ import annotations

from django.db import transaction

from recruitment.models import Call, ExportLog


@transaction.atomic
def export_record(*, call: Call, by, rows: int, what: str) -> ExportLog:
    log = ExportLog(call=call, by=by, rows=rows, what=what)
    log.full_clean()
    log.save()
    return log
