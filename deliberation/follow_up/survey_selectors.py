"""Reads of the members' evaluation survey: who it is for, whether it is open, and its results once
published (the rule is in `survey_state`; deliberation/follow_up/evaluation.py writes the survey and
says why the results wait for its close)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from committees.models import Membership
from deliberation.models import EvaluationAnswer, EvaluationParticipation, EvaluationSurvey
from mandates.models import Mandate

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


def committee_people(mandate: Mandate, roles: tuple[str, ...] | None = None) -> list[User]:
    """Everyone who is or was a member of the mandate's committee, each once."""
    # One filter() call, so both conditions hold for the same membership.
    conditions = {"committee_memberships__committee__mandate": mandate}
    if roles is not None:
        conditions["committee_memberships__role__in"] = roles
    return list(User.objects.filter(**conditions).distinct().order_by("pk"))


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


def published_results(mandate: Mandate) -> dict | None:
    """Per statement the number of each score and the mean, once published; None until then."""
    state = survey_state(mandate)
    return state.results if state else None
