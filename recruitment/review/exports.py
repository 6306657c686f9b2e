"""Every export of applicants' personal data is on record (DESIGN.md §3): who, when, how many people."""

from __future__ import annotations

from django.db import transaction

from audit.services import log
from recruitment.models import Call, ExportLog


@transaction.atomic
def export_record(*, call: Call, by, rows: int, what: str) -> ExportLog:
    record = ExportLog(call=call, by=by, rows=rows, what=what)
    record.full_clean()
    record.save()
    log(call, "applications.exported", by=by, data={"rows": rows, "what": what})
    return record
