"""The citizen's pages: apply (signing in on the way, losing nothing), follow, change or withdraw an
application, download all their data, and answer an invitation by its signed link."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from committees.models import Meeting
from core.cache import public_value
from core.models import PrivacyNotice
from core.signed_in_pages import kept_per_session
from mandates.models import Mandate
from recruitment import applications as services
from recruitment.citizen.invitations import invitation_accept, invitation_decline
from recruitment.models import Application, Call, Invitation
from recruitment.offers import invitation_from_token, invitation_token
from recruitment.public.forms import ApplicationForm, draft_of, empty_fields, initial_from, rendered_fields

WITHDRAWABLE = (Application.State.SUBMITTED, Application.State.RESERVE)


def _public_call(pk: int) -> Call:
    """A call the public may know about; a planned call or a draft mandate does not exist yet. Its
    mandate, committee, profiles and meetings are public rows, read once and kept until public data
    changes (the form shows them to every applicant alike; sending it locks the call and reads it again)."""
    call = public_value(f"application-call:{pk}", lambda: _read_public_call(pk))
    if call is None:
        raise Http404
    return call


def _read_public_call(pk: int) -> Call | None:
    return (
        Call.objects.select_related("mandate__committee")
        .prefetch_related("mandate__profiles", "mandate__committee__meetings")  # for the form and the page
        .exclude(state=Call.State.PLANNED)
        .exclude(mandate__state=Mandate.State.DRAFT)
        .filter(pk=pk)
        .first()
    )


def _own_application(request: HttpRequest, reference: str) -> Application:
    """The signed-in person's application; anyone else's does not exist (404, never 403)."""
    return get_object_or_404(
        Application.objects.select_related("call__mandate__committee", "privacy_notice"),
        reference=reference,
        applicant=request.user,
    )


def _closed(request: HttpRequest, call: Call) -> HttpResponse:
    return render(
        request,
        "recruitment/citizen/closed.html",
        {"call": call, "mandate": call.mandate, "not_yet": call.opens_at > timezone.now()},
    )


# The application kept for someone who is signing in: {"call": pk, "title": …}. The sign-in pages read it
# (templates/includes/kept_for_sign_in.html) to say that the application waits and will be sent.
KEPT = "application_kept_for_sign_in"


def _draft_key(call: Call) -> str:
    return f"recruitment:application-draft:{call.pk}"


def _form_page(request: HttpRequest, form: ApplicationForm, application: Application | None = None):
    return _page(request, form.call, form=form, fields=rendered_fields(form), application=application)


def _empty_form_page(request: HttpRequest, call: Call, notice: PrivacyNotice | None) -> HttpResponse:
    """The form as it first shows: its fields come from their kept copy, and no form is built."""
    return _page(request, call, form=None, fields=empty_fields(call, notice))


def _page(request: HttpRequest, call: Call, *, form, fields: str, application=None) -> HttpResponse:
    return render(
        request,
        "recruitment/citizen/apply.html",
        {"call": call, "mandate": call.mandate, "form": form, "fields": fields, "application": application},
    )


@kept_per_session
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may fill in the form; sending it needs an account, and the draft waits in the session.

    A valid form sent before signing in is kept with a note that it waits (KEPT, which the sign-in pages
    read to say so); the first visit here once signed in sends it, and says it was sent.
    """
    call = _public_call(pk)
    key = _draft_key(call)
    if request.user.is_authenticated:
        existing = Application.objects.filter(call=call, applicant=request.user).first()
        if existing is not None:
            _forget_draft(request, key)
            messages.info(request, _("You have already applied to this call. Here is your application."))
            return redirect("recruitment:application", reference=existing.reference)
    if not call.is_open_for_applications:
        return _closed(request, call)
    notice = PrivacyNotice.objects.current_kept()
    if request.method != "POST":
        draft = request.session.get(key)
        if not draft:
            return _empty_form_page(request, call, notice)
        form = ApplicationForm(MultiValueDict(draft), call=call, notice=notice)
        kept = request.session.get(KEPT) or {}
        if request.user.is_authenticated and kept.get("call") == call.pk:
            request.session.pop(KEPT, None)
            return _send(request, form, after_sign_in=True)
        return _form_page(request, form)
    form = ApplicationForm(request.POST, call=call, notice=notice)
    if not request.user.is_authenticated:
        if _limited(request):
            return _wait(request, form)
        request.session[key] = draft_of(form)  # lives as long as the session (privacy notice)
        if form.is_valid():
            request.session[KEPT] = {"call": call.pk, "title": call.mandate.title}
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        return _form_page(request, form)
    return _send(request, form)


def _forget_draft(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)
    request.session.pop(KEPT, None)


def _limited(request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return not ratelimit.consume(request, action="apply", user=request.user)
    return not ratelimit.consume(request, action="apply_anonymous")


def _wait(request: HttpRequest, form: ApplicationForm) -> HttpResponse:
    """What was typed stays in the form; the person is asked to wait a little."""
    messages.error(
        request, _("You have sent the form many times in a short while. Please wait a few minutes.")
    )
    response = _form_page(request, form)
    response.status_code = 429
    return response


def _send(request: HttpRequest, form: ApplicationForm, *, after_sign_in: bool = False) -> HttpResponse:
    """Submit the application of the signed-in person; problems come back on the form, nothing lost."""
    call = form.call
    if _limited(request):
        return _wait(request, form)
    if form.is_valid():
        try:
            application = services.application_submit(
                call=call, applicant=request.user, data=form.application_data, notice=form.notice
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "duplicate":
                return redirect("recruitment:apply", pk=call.pk)  # shows the first application
            if getattr(error, "code", None) == "closed":
                return _closed(request, call)
            form.add_problems(error)
        else:
            _forget_draft(request, _draft_key(call))
            text = _("Thank you! We have received your application. Its reference is %(reference)s.")
            if after_sign_in:
                text = _(
                    "You are signed in, and your application is sent. Its reference is %(reference)s. "
                    "We have emailed you a receipt."
                )
            messages.success(request, text % {"reference": application.reference})
            return redirect("recruitment:application", reference=application.reference)
    if after_sign_in:
        messages.warning(
            request,
            _("You are signed in, but your application is not sent yet: look at what is marked below."),
        )
    return _form_page(request, form)


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("call__mandate")
        .order_by("-submitted_at", "-pk")
    )
    return render(request, "recruitment/citizen/my_applications.html", {"applications": applications})


@login_required
def my_data(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        services.personal_data_export(user=request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    add_never_cache_headers(response)  # Cache-Control: no-store: it is everything we hold about them
    return response


@login_required
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    pending = application.invitations.filter(
        state=Invitation.State.PENDING, answer_by__gt=timezone.now()
    ).first()
    return render(
        request,
        "recruitment/citizen/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "mandate": application.call.mandate,
            "choices": application.choices.select_related("profile"),
            "meetings": application.available_meetings.all(),
            "events": application.events.all(),
            "can_withdraw": application.state in WITHDRAWABLE,
            "invitation_url": pending and reverse("recruitment:invitation", args=[invitation_token(pending)]),
        },
    )


@login_required
def application_edit(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    call = application.call
    if not call.is_open_for_applications:
        return _closed(request, call)
    if application.state != Application.State.SUBMITTED:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("recruitment:application", reference=reference)
    notice = PrivacyNotice.objects.current_kept()
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, call=call, notice=notice, initial=initial_from(application))
    if data is not None and form.is_valid():
        try:
            services.application_update(application=application, data=form.application_data, by=request.user)
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _closed(request, call)
            form.add_problems(error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("recruitment:application", reference=reference)
    return _form_page(request, form, application)


@login_required
def application_withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    if application.state not in WITHDRAWABLE:
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("recruitment:application", reference=reference)
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application is withdrawn. Thank you for your interest."))
        return redirect("recruitment:application", reference=reference)
    return render(
        request,
        "recruitment/citizen/withdraw.html",
        {"application": application, "mandate": application.call.mandate},
    )


@never_cache  # it shows a person's invitation to whoever holds the link: no browser or proxy keeps it
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link is the credential: no sign-in needed. GET only shows, since mail scanners follow
    links; the answer is a POST, and answering twice shows the first outcome."""
    found = invitation_from_token(token)
    if found is None:
        raise Http404
    error = ""
    confirm_decline = False
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                invitation_accept(invitation=found)
            elif answer == "decline":
                # A seat given away cannot be taken back: "No, thank you" asks once more first.
                confirm_decline = True
            elif answer == "decline-confirmed":
                invitation_decline(invitation=found)
            else:
                error = _("Choose “Yes, I accept” or “No, thank you”.")
        except ValidationError as problem:
            error = " ".join(problem.messages)
        if not (error or confirm_decline):
            return redirect(request.path)
        found.refresh_from_db()
    mandate = found.application.call.mandate
    applicant_id = found.application.applicant_id
    return render(
        request,
        "recruitment/citizen/invitation.html",
        {
            "invitation": found,
            "mandate": mandate,
            "error": error,
            "confirm_decline": confirm_decline,
            "is_open": found.state == Invitation.State.PENDING and found.answer_by > timezone.now(),
            "meetings": Meeting.objects.filter(committee__mandate=mandate).exclude(
                state=Meeting.State.CANCELLED
            ),
            "someone_else": request.user.is_authenticated and request.user.pk != applicant_id,
        },
    )
