"""The facilitators' pages for a dialogue meeting: create and change it (publish, cancel), the printable
participant list with access needs (the committee's facilitators only), attendance, the public summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultations.access import committee_for, meeting_for
from consultations.dialogue import (
    attendance_record,
    meeting_cancel,
    meeting_create,
    meeting_publish,
    meeting_update,
    summary_save,
)
from consultations.forms import add_problems
from consultations.forms_committee import (
    AttendanceForm,
    CancelMeetingForm,
    MeetingForm,
    SummaryForm,
    meeting_initial,
)
from consultations.models import DialogueMeeting, Registration

MANAGE = "consultations.manage_meeting"
R = Registration.State


def _render(request, template: str, context: dict, *, failed: bool) -> HttpResponse:
    response = render(request, f"consultations/committee/{template}", context)
    response.status_code = 400 if failed else 200
    return response


@login_required
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, MANAGE)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, initial={"kind": DialogueMeeting.Kind.DIALOGUE})
    if data is not None and form.is_valid():
        try:
            meeting = meeting_create(
                committee=committee,
                by=request.user,
                data=form.data_for_service,
                publish=request.POST.get("action") == "publish",
            )
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("The meeting is published.")
                if meeting.is_published
                else _("The meeting is saved as a draft."),
            )
            return redirect(meeting)
    context = {"committee": committee, "mandate": committee.mandate, "form": form, "meeting": None}
    return _render(request, "meeting_form.html", context, failed=data is not None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, MANAGE)
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "save") if data is not None else ""
    form = MeetingForm(data if action in ("save", "publish") else None, initial=meeting_initial(meeting))
    cancel_form = CancelMeetingForm(data if action == "cancel" else None)
    try:
        if action in ("save", "publish") and form.is_valid():
            meeting = meeting_update(meeting=meeting, by=request.user, data=form.data_for_service)
            if action == "publish":
                meeting_publish(meeting=meeting, by=request.user)
            messages.success(request, _("Your changes are saved."))
            return redirect(meeting)
        if action == "cancel" and cancel_form.is_valid():
            meeting_cancel(meeting=meeting, by=request.user, reason=cancel_form.cleaned_data["reason"])
            messages.success(request, _("The meeting is cancelled, and everyone registered is told."))
            return redirect(meeting)
    except ValidationError as error:
        add_problems(cancel_form if action == "cancel" else form, error)
    context = {
        "committee": meeting.committee,
        "mandate": meeting.committee.mandate,
        "form": form,
        "cancel_form": cancel_form,
        "meeting": meeting,
        "editable": meeting.state != DialogueMeeting.State.CANCELLED and not meeting.has_started,
    }
    return _render(request, "meeting_form.html", context, failed=data is not None)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant list to print: people with a seat and their access needs, then the waiting list."""
    meeting = meeting_for(request, pk, "consultations.see_participants")
    registrations = list(meeting.registrations.select_related("user").order_by("created_at", "pk"))
    seated = [r for r in registrations if r.state == R.CONFIRMED]
    needs: dict[str, int] = {}
    for registration in seated:
        for label in registration.access_need_labels:
            needs[label] = needs.get(label, 0) + 1
    return render(
        request,
        "consultations/committee/participants.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "seated": seated,
            "offered": [r for r in registrations if r.state == R.OFFERED],
            "waiting": sorted(
                (r for r in registrations if r.state == R.WAITING), key=lambda r: (r.waiting_since, r.pk)
            ),
            "needs": sorted(needs.items()),
        },
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "consultations.see_participants")
    seated = list(meeting.registrations.filter(state=R.CONFIRMED).order_by("name", "pk"))
    data = request.POST if request.method == "POST" else None
    initial = {"present": [str(r.pk) for r in seated if r.attended]}
    form = AttendanceForm(data, seated=seated, initial=initial)
    if data is not None and form.is_valid():
        try:
            count = attendance_record(meeting=meeting, by=request.user, present=form.present_ids())
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("Attendance is saved: %(count)s came.") % {"count": count})
            return redirect("consultations:attendance", pk=meeting.pk)
    context = {"meeting": meeting, "committee": meeting.committee, "form": form, "seated": seated}
    return _render(request, "attendance.html", context, failed=data is not None)


@login_required
def meeting_summary(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, MANAGE)
    data = request.POST if request.method == "POST" else None
    form = SummaryForm(data, initial={"summary": meeting.summary})
    if data is not None and form.is_valid():
        try:
            meeting = summary_save(
                meeting=meeting,
                by=request.user,
                summary=form.cleaned_data["summary"],
                publish=request.POST.get("action") == "publish",
            )
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The summary is saved."))
            return redirect("consultations:meeting_summary", pk=meeting.pk)
    context = {"meeting": meeting, "committee": meeting.committee, "form": form}
    return _render(request, "meeting_summary.html", context, failed=data is not None)
