"""One application in full, as the committee reviews it: its choices, the meetings it can attend, how many
others applied from the same organisation, its history, and whether it applied through an exception."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from committees.models import Meeting
from recruitment.applications import is_exception
from recruitment.models import Application, ApplicationChoice, ApplicationEvent, Call
from recruitment.review.selection import _normalised as normalised_organisation


def application_for_review(call: Call, reference: str) -> Application:
    return get_object_or_404(
        call.applications.select_related("applicant", "privacy_notice"), reference=reference.upper()
    )


@dataclass
class ApplicationDetail:
    application: Application
    choices: list[ApplicationChoice]
    meetings: list[tuple[Meeting, bool]]
    organisation_peers: int
    events: list[ApplicationEvent]
    exception: bool  # applied through another real connection where the call has a rule


def application_detail(call: Call, application: Application) -> ApplicationDetail:
    choices = list(application.choices.select_related("profile").order_by("rank"))
    attends = Application.available_meetings.through.objects.filter(
        application_id=application.pk, meeting_id=OuterRef("pk")
    )
    meetings = [
        (m, m.available)
        for m in Meeting.objects.filter(committee__mandate_id=call.mandate_id)
        .exclude(state=Meeting.State.CANCELLED)
        .annotate(available=Exists(attends))
    ]
    organisation = normalised_organisation(application.organisation)
    peers = 0
    if organisation:
        others = (
            call.applications.exclude(state=Application.State.WITHDRAWN)
            .exclude(pk=application.pk)
            .exclude(organisation="")
            .values_list("organisation", flat=True)
        )
        peers = sum(normalised_organisation(o) == organisation for o in others)
    events = list(application.events.all())
    return ApplicationDetail(application, choices, meetings, peers, events, is_exception(call, application))
