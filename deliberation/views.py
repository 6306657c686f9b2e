"""Members' pages: their committees, each meeting (with the facilitators' tools to move, cancel and
publish the agenda), the mandate's documents, and the personal calendar feed.

Committee meetings are not public: a meeting page exists only for the committee's active members
and council staff; everyone else gets 404, so nothing leaks. Members who may read but not manage get
403 when they try to change something.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import is_council_staff
from committees.calendar import local, meeting_calendar, meeting_event
from committees.meetings import (
    agenda_publish,
    calendar_feed_for,
    calendar_feed_revoke,
    meeting_cancel,
    meeting_reschedule,
)
from committees.models import CalendarFeed, Meeting, Membership
from committees.rules import seat_of
from committees.selectors import in_committee_order
from committees.services import membership_choose_naming
from core import panels
from core.signed_in_pages import kept_per_session
from deliberation.forms import AgendaForm, CancelForm, RescheduleForm
from deliberation.models import MeetingRecord
from mandates.documents import pdf_download
from mandates.models import MandateDocument

# --- forms -------------------------------------------------------------------------------------


def _add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            name = form.SERVICE_FIELDS.get(key)
            for message in messages_:
                form.add_error(name, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- access ------------------------------------------------------------------------------------


@dataclass
class MeetingAccess:
    meeting: Meeting
    can_manage: bool


def _meeting_for_user(request: HttpRequest, slug: str, number: int) -> MeetingAccess:
    """The meeting if the user may read it (an active member of any role, or council staff); 404
    for everyone else."""
    meeting = (
        Meeting.objects.select_related("committee__mandate")
        .filter(committee__mandate__slug=slug, number=number)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    seat = seat_of(request.user, meeting)
    staff = is_council_staff(request.user)
    if seat is None and not staff:
        raise Http404("No such meeting.")
    return MeetingAccess(meeting=meeting, can_manage=staff or seat.role == Membership.Role.FACILITATOR)


def _published_summary(meeting: Meeting) -> MeetingRecord | None:
    return (
        MeetingRecord.objects.filter(meeting=meeting, summary_published_at__isnull=False)
        .only("summary", "summary_published_at", "meeting_id")
        .first()
    )


# --- my committees -----------------------------------------------------------------------------


@dataclass
class CommitteeOverview:
    membership: Membership
    members: list[Membership]
    meetings: list[Meeting]
    next_meeting: Meeting | None
    summaries: list[tuple[Meeting, MeetingRecord]] = field(default_factory=list)
    documents: list[MandateDocument] = field(default_factory=list)
    panels: SafeString = field(default_factory=SafeString)  # what apps above show here (core.panels)


def _overviews(request: HttpRequest) -> list[CommitteeOverview]:
    """Each committee the user is an active member of; a fixed number of queries however many
    committees, meetings and documents there are."""
    meetings = Meeting.objects.select_related("record").defer(
        "record__internal_notes", "record__decisions", "record__ideas"
    )
    memberships = (
        Membership.objects.effective()
        .filter(user=request.user)
        .select_related("committee__mandate")
        .prefetch_related(
            Prefetch("committee__meetings", queryset=meetings, to_attr="plan"),
            Prefetch("committee__mandate__documents", to_attr="all_documents"),
            Prefetch(
                "committee__memberships",
                queryset=Membership.objects.active().select_related("user", "profile"),
                to_attr="current_members",
            ),
        )
        .order_by("committee__name", "pk")
    )
    now = timezone.now()
    overviews = []
    for membership in memberships:
        plan = membership.committee.plan
        upcoming = [m for m in plan if m.state == Meeting.State.PLANNED and m.ends_at >= now]
        summaries = []
        for meeting in plan:
            record = meeting.record if _has_record(meeting) else None
            if record is not None and record.summary_published_at:
                summaries.append((meeting, record))
        overviews.append(
            CommitteeOverview(
                membership=membership,
                members=in_committee_order(membership.committee.current_members),
                meetings=plan,
                next_meeting=upcoming[0] if upcoming else None,
                summaries=summaries,
                documents=membership.committee.mandate.all_documents,
                panels=panels.panels_html(panels.MY_COMMITTEE, request, membership.committee),
            )
        )
    return overviews


def _has_record(meeting: Meeting) -> bool:
    try:
        meeting.record  # noqa: B018  (loaded by select_related; missing raises)
    except MeetingRecord.DoesNotExist:
        return False
    return True


@login_required
@kept_per_session
def my_committees(request: HttpRequest) -> HttpResponse:
    return render(request, "deliberation/members/my_committees.html", {"overviews": _overviews(request)})


@login_required
@require_POST
def member_naming(request: HttpRequest, slug: str) -> HttpResponse:
    """A citizen member chooses whether the committee's public page names them; anyone else gets 404."""
    membership = (
        Membership.objects.active()
        .filter(committee__mandate__slug=slug, user=request.user, role=Membership.Role.CITIZEN)
        .first()
    )
    if membership is None:
        raise Http404("No such membership.")
    choice = request.POST.get("show_name")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose whether your name is shown."))
    else:
        membership_choose_naming(membership=membership, by=request.user, shown=choice == "yes")
        if choice == "yes":
            messages.success(request, _("The committee's public page now shows your name."))
        else:
            messages.success(request, _("The committee's public page no longer shows your name."))
    return redirect(reverse("deliberation:my_committees") + f"#committee-{membership.committee_id}")


# --- one meeting -------------------------------------------------------------------------------

ACTIONS = {
    "reschedule": RescheduleForm,
    "cancel": CancelForm,
    "agenda": AgendaForm,
}


def _initial_forms(meeting: Meeting) -> dict[str, forms.Form]:
    starts, ends = local(meeting.starts_at), local(meeting.ends_at)
    return {
        "reschedule": RescheduleForm(
            prefix="reschedule",
            initial={
                "day": starts.date(),
                "starts": starts.time(),
                "ends": ends.time(),
                "place": meeting.place,
            },
        ),
        "cancel": CancelForm(prefix="cancel"),
        "agenda": AgendaForm(prefix="agenda", initial={"agenda": meeting.agenda}),
    }


def _do(action: str, form: forms.Form, meeting: Meeting, by) -> str:
    data = form.cleaned_data
    if action == "reschedule":
        meeting_reschedule(
            meeting=meeting, starts_at=data["starts_at"], ends_at=data["ends_at"], place=data["place"], by=by
        )
        return _("The meeting has been moved and the members told.")
    if action == "cancel":
        meeting_cancel(meeting=meeting, by=by, reason=data["reason"])
        return _("The meeting has been cancelled and the members told.")
    agenda_publish(meeting=meeting, agenda=data["agenda"], by=by)
    return _("The agenda has been published and the members told.")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    access = _meeting_for_user(request, slug, number)
    meeting = access.meeting
    forms_ = _initial_forms(meeting) if access.can_manage else {}
    status = 200
    if request.method == "POST":
        if not access.can_manage:
            raise PermissionDenied(
                _("Only the committee's facilitators and council staff manage its meetings.")
            )
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return HttpResponseBadRequest(_("Unknown action."))
        form = ACTIONS[action](request.POST, prefix=action)
        forms_[action] = form
        if meeting.state == Meeting.State.PLANNED and form.is_valid():
            try:
                done = _do(action, form, meeting, request.user)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(request.path)
        status = 400
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "mandate": meeting.committee.mandate,
        "record": _published_summary(meeting),
        "can_manage": access.can_manage,
        "is_planned": meeting.state == Meeting.State.PLANNED,
        "forms": forms_,
        "failed": request.POST.get("action") if status == 400 else "",
    }
    return render(request, "deliberation/members/meeting.html", context, status=status)


@login_required
def member_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """Members read all the mandate's documents, internal ones too; outsiders get 404."""
    document = MandateDocument.objects.filter(pk=pk, mandate__slug=slug).select_related("mandate").first()
    if document is None:
        raise Http404("No such document.")
    member = seat_of(request.user, document) is not None
    if not (member or is_council_staff(request.user)):
        raise Http404("No such document.")
    return pdf_download(document.file, title=document.title, fallback=f"document-{document.pk}")


# --- the personal calendar feed ----------------------------------------------------------------


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    # Creating the address on first view is idempotent (get or create); nothing else changes on GET.
    feed = calendar_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("deliberation:calendar_feed", args=[feed.token]))
    return render(request, "deliberation/members/calendar_settings.html", {"feed_url": feed_url})


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    return redirect("deliberation:calendar_settings")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's meetings across all their committees; the secret address is the only key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404("No such calendar.")
    meetings = (
        Meeting.objects.filter(
            committee__in=Membership.objects.effective().filter(user=feed.user).values("committee")
        )
        .select_related("committee__mandate")
        .defer("agenda")
        .order_by("starts_at", "pk")
    )
    stamp = timezone.now()
    # Calendar apps fetch without a session: the summaries are in the member's own language.
    with translation.override(feed.user.preferred_language or settings.LANGUAGE_CODE):
        ics = meeting_calendar(
            [meeting_event(m, stamp=stamp) for m in meetings], name=_("My task committee meetings")
        )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
