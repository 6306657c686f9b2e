"""What the citizens' tests build: the answers a citizen types, and an invitation with a reserve behind it."""

from __future__ import annotations

from committees.models import Membership
from recruitment.models import Application, Call, Invitation, Placement, Selection
from recruitment.offers import invitation_send, invitation_token
from tests.recruitment.factories import ApplicationFactory


def answers(call: Call, **changes) -> dict:
    """A complete, valid form as a browser posts it: the 2nd profile first, then the 1st; two meetings.
    A change to None leaves the field out, as an unticked box or an untouched field is left out."""
    profiles = list(call.mandate.profiles.all())
    meetings = list(call.mandate.committee.meetings.all())
    data = {
        "choice_1": profiles[1].pk,
        "choice_2": profiles[0].pk,
        "choice_3": "",
        "motivation": "Jeg går i 9. klasse og vil gerne være med til at skrive ungepolitikken.",
        "experience": "Elevrådsformand.",
        "available_meetings": [meetings[0].pk, meetings[2].pk],
        "tie": "lives",
        "postal_code": "2820",
        "other_tie": "",
        "organisation": "",
        "gender": "woman",
        "age_band": "under_18",
        "district": "Hellerup",
        "phone": "+45 12 34 56 78",
        "consent": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def invitation_with_reserve(call: Call) -> tuple[Invitation, Application]:
    """The call closed and selected: one applicant seated and invited for the first profile, one reserve."""
    Call.objects.filter(pk=call.pk).update(state=Call.State.SELECTED)
    profile = call.mandate.profiles.first()
    seated = ApplicationFactory(call=call, profiles=[profile])
    reserve = ApplicationFactory(call=call, profiles=[profile], state=Application.State.RESERVE)
    politician = Membership.objects.filter(
        committee__mandate=call.mandate, role=Membership.Role.POLITICIAN
    ).first()
    selection = Selection.objects.create(
        call=call, confirmed_by=politician.user, rationale="De passer bedst."
    )
    Placement.objects.create(
        selection=selection, application=seated, profile=profile, kind=Placement.Kind.SEAT
    )
    Placement.objects.create(
        selection=selection, application=reserve, profile=profile, kind=Placement.Kind.RESERVE, position=1
    )
    return invitation_send(application=seated, profile_id=profile.pk), reserve


def token_of(invitation: Invitation) -> str:
    return invitation_token(invitation)
