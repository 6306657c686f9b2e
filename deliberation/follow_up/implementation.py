"""After the Council's decision: implementation actions and their dated progress updates.

Everyone who ever sat on the committee is told of each update: implementation is the model's known
weak spot, and the former members are the ones who will notice when it stalls (DESIGN.md §1 step 9).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from deliberation.follow_up.survey_selectors import committee_people
from deliberation.models import ImplementationAction, ProgressUpdate
from mandates.models import Mandate
from notifications.services import notification_schedule

A = ImplementationAction.State
S = Mandate.State
# Actions follow an endorsement; a closed mandate keeps its actions but takes no new ones.
IMPLEMENTABLE = (S.ENDORSED, S.IMPLEMENTING)


@transaction.atomic
def action_add(
    *, mandate: Mandate, title: str, responsible_unit: str, due_on: date | None, by: User | None
) -> ImplementationAction:
    if mandate.state not in IMPLEMENTABLE:
        raise ValidationError(
            _("Actions are added once the City Council has endorsed the delivery."), code="not_endorsed"
        )
    action = ImplementationAction(
        mandate=mandate, title=title, responsible_unit=responsible_unit, due_on=due_on
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def progress_update(
    *, action: ImplementationAction, on: date, text: str, progress: int, by: User | None
) -> ProgressUpdate:
    """Record an update; the action shows the progress of its latest update (by date) from then on."""
    action = ImplementationAction.objects.select_for_update().select_related("mandate").get(pk=action.pk)
    if action.state == A.DROPPED:
        raise ValidationError(_("A dropped action takes no more updates."), code="dropped")
    update = ProgressUpdate(action=action, on=on, text=text, progress=progress, created_by=by)
    update.full_clean()
    update.save()
    # An update entered late for an earlier date must not turn the progress back.
    latest = action.updates.order_by("-on", "-id").first()
    action.progress = latest.progress
    action.state = A.DONE if latest.progress >= 100 else A.IN_PROGRESS
    action.save(update_fields=["progress", "state"])
    _tell_members(update, action)
    return update


def _tell_members(update: ProgressUpdate, action: ImplementationAction) -> None:
    mandate = action.mandate
    url = settings.SITE_URL + action.get_absolute_url()  # the mandate's progress page
    context = {
        "title": mandate.title,
        "action": action.title,
        "progress": update.progress,
        "on": update.on.isoformat(),
        "text": update.text,
        "progress_url": url,
    }
    for user in committee_people(mandate):
        notification_schedule(
            recipient=user,
            kind="progress_updated",
            key=f"progress_updated:{update.pk}:{user.pk}",
            context=context,
        )
