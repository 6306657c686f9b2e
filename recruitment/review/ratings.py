"""Politicians rate how well an applicant fits a profile."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from recruitment.models import Application, Call, Rating
from recruitment.review.pool_version import review_pool_changed


@transaction.atomic
def rating_set(
    *, application: Application, profile_id: int, politician, score: int, note: str | None = ""
) -> Rating:
    """Set the politician's score (and private note; None keeps the note they had)."""
    call = application.call
    if not politician.has_perm("recruitment.decide_call", call):
        raise PermissionDenied
    if call.state not in (Call.State.OPEN, Call.State.CLOSED):
        raise ValidationError(_("Ratings are closed: the selection is confirmed."))
    if not application.choices.filter(profile_id=profile_id).exists():
        raise ValidationError(_("The applicant did not apply for that profile."))
    if not 1 <= score <= 5:
        raise ValidationError(_("Give a score from 1 to 5."))
    rating, _created = Rating.objects.update_or_create(
        application=application,
        profile_id=profile_id,
        politician=politician,
        defaults={"score": score} if note is None else {"score": score, "note": note.strip()},
    )
    review_pool_changed(call.pk)
    return rating
