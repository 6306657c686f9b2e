"""Who may download which document (django-rules; autodiscovered).

The mandate: anyone once it is public (as its print view); a draft only council staff, who bring it to the
Council for adoption. The case document follows the deliverable's confidentiality: the committee, council
staff and (while it is before the bodies) the politicians read the current submission; everyone else only
once a political body has dealt with that very submission. Views answer 404 to everyone else.
"""

from __future__ import annotations

import rules

import deliberation.deliverables.rules  # noqa: F401 - registers the deliverable's permissions used here
from accounts.rules import is_council_staff
from deliberation.deliverables.selectors import public_version


@rules.predicate
def is_public_mandate(user, mandate) -> bool:
    return mandate is not None and mandate.is_public


@rules.predicate
def is_submitted(user, deliverable) -> bool:
    return deliverable is not None and deliverable.submitted_version_id is not None


@rules.predicate
def reads_the_submission(user, deliverable) -> bool:
    return user.has_perm("deliberation.read_submitted_deliverable", deliverable)


@rules.predicate
def submission_is_public(user, deliverable) -> bool:
    """A political body has dealt with the submission the document shows (not only an earlier one)."""
    shown = public_version(deliverable)
    return shown is not None and shown.pk == deliverable.submitted_version_id


rules.add_perm("case_documents.download_mandate", is_public_mandate | is_council_staff)
rules.add_perm(
    "case_documents.download_case_document", is_submitted & (reads_the_submission | submission_is_public)
)
