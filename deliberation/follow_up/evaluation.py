"""The members' evaluation survey: invitations, anonymous answers and the published results.

Anonymity rests on four things: the answer row holds no person and only a date; the participation
row (that someone answered) holds no answer; the answer's id is random, so the order of ids cannot
pair an answer with a participation written in the same moment; and the results are published only
once the survey has closed (its closing date has passed, or every member invited has answered) and
then never change, so nobody can read one member's answer off the difference it makes to the page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import log
from committees.models import Membership
from deliberation.follow_up.implementation import committee_people
from deliberation.models import EvaluationAnswer, EvaluationParticipation, EvaluationSurvey
from mandates.models import Mandate
from notifications.services import notification_schedule

S = Mandate.State

# Results are published only from this many answers on, so no single answer can be read off them.
MIN_ANSWERS = 5
SCORES = (1, 2, 3, 4, 5)
SCORE_LABELS = {
    1: gettext_lazy("Strongly disagree"),
    2: gettext_lazy("Disagree"),
    3: gettext_lazy("Neither agree nor disagree"),
    4: gettext_lazy("Agree"),
    5: gettext_lazy("Strongly agree"),
}
# Who the survey is for: the citizens and politicians, not the staff who facilitated.
SURVEY_ROLES = (Membership.Role.CITIZEN, Membership.Role.POLITICIAN)
# The committee has concluded: its delivery has been dealt with.
CONCLUDED = (S.ENDORSED, S.REJECTED, S.IMPLEMENTING, S.CLOSED)


def is_concluded(mandate: Mandate) -> bool:
    return mandate.state in CONCLUDED


def survey_of(mandate: Mandate) -> EvaluationSurvey | None:
    return EvaluationSurvey.objects.filter(mandate=mandate).first()


def is_open(mandate: Mandate) -> bool:
    """Members may answer: the committee has concluded, its survey was opened, and it has not closed."""
    if not is_concluded(mandate):
        return False
    survey = survey_of(mandate)
    return survey is not None and survey.closes_at > timezone.now()


def is_surveyed(*, mandate: Mandate, user: User) -> bool:
    """A current or former citizen or politician member of a concluded committee: the survey is theirs."""
    return (
        is_concluded(mandate)
        and user.is_authenticated
        and Membership.objects.filter(committee__mandate=mandate, user=user, role__in=SURVEY_ROLES).exists()
    )


def may_answer(*, mandate: Mandate, user: User) -> bool:
    """A member the survey is for, while it is open."""
    return is_open(mandate) and is_surveyed(mandate=mandate, user=user)


def has_answered(*, mandate: Mandate, user: User) -> bool:
    return EvaluationParticipation.objects.filter(mandate=mandate, user=user).exists()


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


@dataclass(frozen=True)
class SurveyState:
    """What the public page says about a concluded committee's survey."""

    closes_at: datetime
    closed: bool
    answers: int
    results: dict | None  # set once published

    @property
    def too_few(self) -> bool:
        return self.closed and self.results is None


def answer_aggregates() -> dict[str, Any]:
    """The count of answers, and per statement the mean and the count of each score."""
    aggregates: dict[str, Any] = {"answers": Count("pk")}
    for statement in EvaluationAnswer.STATEMENTS:
        aggregates[f"{statement}__mean"] = Avg(statement)
        for score in SCORES:
            aggregates[f"{statement}__{score}"] = Count("pk", filter=Q(**{statement: score}))
    return aggregates


def _aggregate(mandate: Mandate) -> dict[str, Any]:
    return EvaluationAnswer.objects.filter(mandate=mandate).aggregate(**answer_aggregates())


def survey_state(mandate: Mandate) -> SurveyState | None:
    """None before the committee concluded or before its survey opened; two or three queries after.

    The survey has closed when its closing date has passed or every member invited has answered; the
    results (counts per score and the mean) are published then, from MIN_ANSWERS answers on. Free texts
    are for the administration's learning and are never published.
    """
    if not is_concluded(mandate):
        return None  # no survey yet: spare the committee page the queries
    survey = survey_of(mandate)
    if survey is None:
        return None
    row = _aggregate(mandate)
    answers = row["answers"]
    closed = survey.closes_at <= timezone.now()
    if not closed and answers:
        closed = answers >= len(committee_people(mandate, roles=SURVEY_ROLES))
    results = results_from(row) if closed and answers >= MIN_ANSWERS else None
    return SurveyState(closes_at=survey.closes_at, closed=closed, answers=answers, results=results)


def results_from(row: dict[str, Any]) -> dict:
    """The published results from a row of `answer_aggregates()`."""
    return {
        "answers": row["answers"],
        "statements": {
            statement: {
                "label": str(EvaluationAnswer._meta.get_field(statement).verbose_name),
                "counts": {score: row[f"{statement}__{score}"] for score in SCORES},
                "mean": round(float(row[f"{statement}__mean"]), 2),
            }
            for statement in EvaluationAnswer.STATEMENTS
        },
    }


def evaluation_results(mandate: Mandate) -> dict | None:
    """Per statement the number of each score and the mean, once published; None until then."""
    state = survey_state(mandate)
    return state.results if state else None
