"""Deliberation's URLs: members' meeting pages, meeting records, the deliverable and its review,
implementation progress and evaluation."""

from __future__ import annotations

from deliberation.urls_after import urlpatterns as after
from deliberation.urls_deliverable import urlpatterns as deliverable
from deliberation.urls_members import urlpatterns as members
from deliberation.urls_records import urlpatterns as records

app_name = "deliberation"

urlpatterns = [*members, *records, *deliverable, *after]
