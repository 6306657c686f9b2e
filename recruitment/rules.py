"""Who may see and do what with a call's applicants (django-rules, object = the Call).

Applicants' personal data is for the committee's politicians and facilitators and for council
staff; views answer 404 to everyone else, so nothing leaks about who applied.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff
from committees.rules import is_committee_facilitator, is_committee_politician

# Read applications in full, see ratings' means, charts and the engine's proposal; export CSV.
rules.add_perm(
    "recruitment.review_call", is_committee_politician | is_committee_facilitator | is_council_staff
)
# Rate applicants, run the engine with pins and exclusions, confirm the selection.
rules.add_perm("recruitment.decide_call", is_committee_politician)
