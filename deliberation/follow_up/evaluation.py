"""The members' evaluation survey: invitations, anonymous answers and the closing date (its reads are in
survey_selectors).

Anonymity rests on four things: the answer row holds no person and only a date; the participation
row (that someone answered) holds no answer; the answer's id is random, so the order of ids cannot
pair an answer with a participation written in the same moment; and the results are published only
once the survey has closed (its closing date has passed, or every member invited has answered) and
then never change, so nobody can read one member's answer off the difference it makes to the page.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import log
from deliberation.follow_up.survey_selectors import (
    SCORES,
    SURVEY_ROLES,
    committee_people,
    is_concluded,
    is_open,
    is_surveyed,
)
from deliberation.models import EvaluationAnswer, EvaluationParticipation, EvaluationSurvey
from mandates.models import Mandate
from notifications.services import notification_schedule


@transaction.atomic
def evaluation_invite(*, mandate: Mandate, by: User | None) -> int:
    """Open the survey and invite every current and former citizen and politician member; inviting again
    sends nothing new and keeps the closing date."""
    if not is_concluded(mandate):
        raise ValidationError(_("The survey opens when the committee has concluded."), code="not_concluded")
    closes_at = timezone.now() + timedelta(days=settings.EVALUATION_SURVEY_DAYS)
    survey, created = EvaluationSurvey.objects.get_or_create(
        mandate=mandate, defaults={"closes_at": closes_at}
    )
    if created:
        log(survey, "evaluation.opened", by=by, data={"closes_at": survey.closes_at})
    url = settings.SITE_URL + reverse("deliberation:evaluation", args=[mandate.slug])
    people = committee_people(mandate, roles=SURVEY_ROLES)
    for user in people:
        notification_schedule(
            recipient=user,
            kind="evaluation_invitation",
            key=f"evaluation_invitation:{mandate.pk}:{user.pk}",
            context={"title": mandate.title, "survey_url": url, "closes_at": survey.closes_at},
        )
    return len(people)


def _scores(answers: dict[str, Any]) -> dict[str, int]:
    scores = {}
    for statement in EvaluationAnswer.STATEMENTS:
        try:
            score = int(answers[statement])
        except (KeyError, TypeError, ValueError):
            score = 0
        if score not in SCORES:
            raise ValidationError(_("Answer every statement with a number from 1 to 5."), code="incomplete")
        scores[statement] = score
    return scores


@transaction.atomic
def evaluation_answer(*, mandate: Mandate, user: User, answers: dict[str, Any], free_text: str = "") -> None:
    """Store one anonymous answer and, apart from it, that `user` has answered. Once per person."""
    if not is_surveyed(mandate=mandate, user=user):
        raise ValidationError(_("Only the committee's members answer its survey."), code="not_member")
    if not is_open(mandate):
        raise ValidationError(_("The survey has closed; it no longer takes answers."), code="closed")
    answer = EvaluationAnswer(
        mandate=mandate, free_text=free_text.strip(), answered_on=timezone.localdate(), **_scores(answers)
    )
    answer.full_clean()
    try:
        with transaction.atomic():
            EvaluationParticipation.objects.create(mandate=mandate, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already answered the survey."), code="answered") from None
    _save_with_random_id(answer)


def _save_with_random_id(answer: EvaluationAnswer) -> None:
    for _attempt in range(5):
        answer.pk = secrets.randbelow(2**31 - 1) + 1
        try:
            with transaction.atomic():
                answer.save(force_insert=True)
            return
        except IntegrityError:  # the id was taken: draw again
            continue
    raise IntegrityError("Could not find a free id for the evaluation answer.")


@transaction.atomic
def evaluation_closing_set(*, survey: EvaluationSurvey, closes_at: datetime, by: User) -> EvaluationSurvey:
    """Move the closing date (a time already past closes the survey now). Once closed it stays closed:
    reopening would let a later answer change published results."""
    survey = EvaluationSurvey.objects.select_for_update().get(pk=survey.pk)
    now = timezone.now()
    if survey.closes_at <= now:
        raise ValidationError(
            _("The survey has closed; its closing date can no longer be moved."), code="closed"
        )
    survey.closes_at = max(closes_at, now)
    survey.save(update_fields=["closes_at"])
    log(survey, "evaluation.closing_set", by=by, data={"closes_at": survey.closes_at})
    return survey
