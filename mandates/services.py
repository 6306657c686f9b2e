"""Writes to mandates: the lifecycle (one table of allowed moves) and copying last year's mandate."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.services import log
from mandates.models import (
    CompetenceProfile,
    Mandate,
    MandateTask,
    MandateTransition,
    PoliticalBody,
    ReceivingBody,
)

S = Mandate.State

# The whole lifecycle (DESIGN.md §3). A returned delivery goes back to the committee, which works
# on and delivers again; matching may reopen recruiting for a second round of calls.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.ADOPTED}),
    S.ADOPTED: frozenset({S.RECRUITING}),
    S.RECRUITING: frozenset({S.MATCHING}),
    S.MATCHING: frozenset({S.ACTIVE, S.RECRUITING}),
    S.ACTIVE: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset({S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.ENDORSED, S.RETURNED, S.REJECTED}),
    S.RETURNED: frozenset({S.ACTIVE}),
    S.ENDORSED: frozenset({S.IMPLEMENTING, S.CLOSED}),
    S.REJECTED: frozenset({S.CLOSED}),
    S.IMPLEMENTING: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


def allowed_moves(mandate: Mandate) -> list[str]:
    """The states this mandate may move to now, in lifecycle order."""
    return [state for state in S.values if state in ALLOWED_MOVES[mandate.state]]


def mandate_adoption_problems(mandate: Mandate) -> list[str]:
    """What must be in place before the Council's adoption can be recorded, in words staff act on."""
    problems = []
    if not (mandate.starts_on and mandate.ends_on):
        problems.append(_("Set the time frame: when the committee starts and when it ends."))
    if not mandate.tasks.exists():
        problems.append(_("Add at least one task: what the committee shall propose."))
    if not mandate.profiles.exists():
        problems.append(_("Add at least one competence profile."))
    route = list(mandate.receiving_bodies.select_related("body"))
    if not route:
        problems.append(_("Add the bodies that receive the delivery, ending with the City Council."))
    elif route[-1].body.kind != PoliticalBody.Kind.CITY_COUNCIL:
        problems.append(_("The route of the delivery must end with the City Council."))
    if not (mandate.adopted_by_id and mandate.adopted_on):
        problems.append(_("Fill in the adoption record: which body adopted the mandate, and on which date."))
    return problems


Prerequisite = Callable[[Mandate], Iterable[str]]
# What must hold before a mandate enters a state, whichever door moves it (a service or the admin).
_prerequisites: dict[str, list[Prerequisite]] = {S.ADOPTED: [mandate_adoption_problems]}


def prerequisite_register(*, to: str, check: Prerequisite) -> None:
    """An app above adds what must hold before a mandate moves to `to` (from its AppConfig.ready()): `check`
    gets the locked mandate, still in its old state, and returns the problems in words staff act on."""
    checks = _prerequisites.setdefault(to, [])
    if check not in checks:
        checks.append(check)


@transaction.atomic
def mandate_transition(
    *, mandate: Mandate, to: str, by, note: str = "", more_problems: Iterable[str] = ()
) -> MandateTransition:
    """Move a mandate to another state, if the table allows it and the data is complete."""
    locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if to not in ALLOWED_MOVES[locked.state]:
        raise ValidationError(
            _("A mandate cannot move from “%(from)s” to “%(to)s”."),
            params={"from": S(locked.state).label, "to": S(to).label if to in S.values else to},
            code="move_not_allowed",
        )
    problems = [*(p for check in _prerequisites.get(to, ()) for p in check(locked)), *more_problems]
    if problems:
        raise ValidationError(problems, code="incomplete")
    transition = MandateTransition.objects.create(
        mandate=locked, from_state=locked.state, to_state=to, by=by, note=note
    )
    log(locked, "mandate.moved", by=by, data={"from": transition.from_state, "to": to, "note": note})
    locked.state = mandate.state = to
    locked.save(update_fields=["state", "updated_at"])
    return transition


def _free_slug(base: str) -> str:
    slug, n = base[:190], 2
    while Mandate.objects.filter(slug=slug).exists():
        slug, n = f"{base[:185]}-{n}", n + 1
    return slug


@transaction.atomic
def mandate_copy_as_draft(*, mandate: Mandate) -> Mandate:
    """Last year's mandate as a new draft: text, tasks, profiles, route and balance rules.

    The time frame, the adoption record, the meeting plan, members and documents belong to the
    old committee and are not copied.
    """
    copy = Mandate(
        title=_("%(title)s (copy)") % {"title": mandate.title},
        slug=_free_slug(slugify(f"{mandate.slug}-copy")),
        problem=mandate.problem,
        background=mandate.background,
        existing_policies=mandate.existing_policies,
        delivery_kind=mandate.delivery_kind,
        expected_delivery=mandate.expected_delivery,
        politicians_target=mandate.politicians_target,
        citizens_target=mandate.citizens_target,
        administrators_target=mandate.administrators_target,
        min_gender_share=mandate.min_gender_share,
        max_per_organisation=mandate.max_per_organisation,
        max_per_district=mandate.max_per_district,
    )
    copy.full_clean()
    copy.save()
    MandateTask.objects.bulk_create(
        MandateTask(mandate=copy, text=t.text, order=t.order) for t in mandate.tasks.all()
    )
    CompetenceProfile.objects.bulk_create(
        CompetenceProfile(
            mandate=copy, title=p.title, description=p.description, seats=p.seats, order=p.order
        )
        for p in mandate.profiles.all()
    )
    ReceivingBody.objects.bulk_create(
        ReceivingBody(mandate=copy, body_id=r.body_id, order=r.order) for r in mandate.receiving_bodies.all()
    )
    return copy
