"""Who may read and write a meeting's record (django-rules, object = the Meeting or its TaskCommittee).

Committee meetings are not public under Danish law: the record, internal notes included, is for the
committee's active members of any role and for council staff; only its facilitators and staff write it.
Views answer 404 to everyone else, so nothing leaks about what was said.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff
from committees.rules import is_committee_facilitator, is_committee_member

# Keep attendance, notes, decisions, action items and attachments; publish the decision summary.
rules.add_perm("deliberation.record_meeting", is_committee_facilitator | is_council_staff)
# Read the whole record, internal notes included, and download its attachments.
rules.add_perm("deliberation.read_internal", is_committee_member | is_council_staff)
