"""One door for the committee's pages: load the object and check the permission in one step; anyone the
permission leaves out gets 404, so nothing tells an outsider what exists."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from committees.models import TaskCommittee
from consultations.models import Consultation, DialogueMeeting


def committee_for(request: HttpRequest, slug: str, permission: str) -> TaskCommittee:
    committee = TaskCommittee.objects.select_related("mandate").filter(mandate__slug=slug).first()
    if committee is None or not request.user.has_perm(permission, committee):
        raise Http404("No committee of yours with that address.")
    return committee


def consultation_for(request: HttpRequest, pk: int, permission: str) -> Consultation:
    consultation = Consultation.objects.select_related("committee__mandate").filter(pk=pk).first()
    if consultation is None or not request.user.has_perm(permission, consultation):
        raise Http404("No consultation of yours with that number.")
    return consultation


def meeting_for(request: HttpRequest, pk: int, permission: str) -> DialogueMeeting:
    meeting = DialogueMeeting.objects.select_related("committee__mandate").filter(pk=pk).first()
    if meeting is None or not request.user.has_perm(permission, meeting):
        raise Http404("No dialogue meeting of yours with that number.")
    return meeting
