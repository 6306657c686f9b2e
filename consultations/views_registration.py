"""Registering for a dialogue meeting (signing in on the way, losing nothing), and one's own registration:
cancel it, or answer the offer of a seat from the waiting list. Someone else's registration does not exist
here (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations import drafts
from consultations.forms import RegistrationForm, add_problems
from consultations.models import DialogueMeeting, Registration
from consultations.registrations import offer_accept, offer_decline, registration_cancel, registration_create
from consultations.selectors import public_meeting
from core.models import PrivacyNotice

R = Registration.State


def _form_page(request: HttpRequest, form: RegistrationForm, meeting: DialogueMeeting, status: int = 200):
    response = render(
        request,
        "consultations/contributor/register.html",
        {
            "meeting": meeting,
            "form": form,
            "full": meeting.seats_taken >= meeting.capacity or meeting.waiting > 0,
            "closed": not meeting.is_published or meeting.has_started,
        },
    )
    return drafts.with_status(response, status)


def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = public_meeting(pk)
    if request.user.is_authenticated:
        existing = meeting.registrations.filter(
            user=request.user, state__in=Registration.ACTIVE_STATES
        ).first()
        if existing is not None:
            messages.info(request, _("You are already registered for this meeting."))
            return redirect(existing)
    notice = PrivacyNotice.objects.current()
    key = f"consultations:registration-draft:{meeting.pk}"
    if request.method != "POST":
        initial = {"name": request.user.full_name} if request.user.is_authenticated else {}
        return _form_page(
            request, RegistrationForm(drafts.kept(request, key), notice=notice, initial=initial), meeting
        )
    form = RegistrationForm(request.POST, notice=notice)
    if drafts.too_many(request):
        return _form_page(request, form, meeting, 429)
    if not request.user.is_authenticated:
        drafts.keep(request, key, form)
        if form.is_valid():
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        return _form_page(request, form, meeting)
    if not form.is_valid():
        return _form_page(request, form, meeting)
    try:
        registration = registration_create(
            meeting=meeting, by=request.user, data=form.data_for_service, notice=notice
        )
    except ValidationError as error:
        if error.code == "duplicate":
            return redirect("consultations:register", pk=pk)
        add_problems(form, error)
        return _form_page(request, form, meeting, 400)
    except PermissionDenied as denied:
        raise Http404 from denied
    drafts.forget(request, key)
    if registration.state == R.CONFIRMED:
        messages.success(request, _("You have a seat. We have emailed you the details and a calendar file."))
    else:
        messages.success(
            request,
            _("The meeting is full, so you are on the waiting list. We email you if a seat comes free."),
        )
    return redirect(registration)


ACTIONS = {"cancel": registration_cancel, "accept": offer_accept, "decline": offer_decline}


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("meeting__committee__mandate"), pk=pk, user=request.user
    )
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Choose what you want to do."))
            return redirect(registration)
        try:
            registration = action(registration=registration, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                {
                    R.CONFIRMED: _("You have a seat. We have emailed you the details and a calendar file."),
                    R.CANCELLED: _("Your registration is cancelled. Thank you for letting us know."),
                }.get(registration.state, _("Saved.")),
            )
        return redirect(registration)
    meeting = registration.meeting
    position = None
    if registration.state == R.WAITING:
        position = meeting.registrations.filter(
            state=R.WAITING, waiting_since__lte=registration.waiting_since
        ).count()
    return render(
        request,
        "consultations/contributor/registration.html",
        {
            "registration": registration,
            "meeting": meeting,
            "position": position,
            "can_cancel": registration.is_active and not meeting.has_started,
        },
    )
