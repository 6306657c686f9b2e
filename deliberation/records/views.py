"""The facilitators' meeting record: attendance, notes, decisions, ideas, the decision summary and its
publication, action items and attachments.

The committee's facilitators and council staff write; its other active members read everything,
internal notes included (403 when they try to write); anyone else, signed in or not, gets 404.
The forms are in forms.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import deliberation.records.rules  # noqa: F401  (registers the permissions used below)
from committees.models import Meeting
from core.limits import accepts_uploads
from core.signed_in_pages import kept_per_session
from deliberation.form_errors import add_service_errors
from deliberation.models import ActionItem, MeetingAttachment, MeetingRecord
from deliberation.records.forms import ActionItemForm, AttachmentForm, RecordForm
from deliberation.records.services import (
    action_item_add,
    action_item_set_done,
    attachment_add,
    record_save,
    recording_refused,
    summary_publish,
)
from mandates.documents import pdf_download

READ = "deliberation.read_internal"
WRITE = "deliberation.record_meeting"


def _meeting_for(request: HttpRequest, slug: str, number: int, *, write: bool = False) -> Meeting:
    """The meeting, if the user may read its record (else 404); writing needs more (else 403)."""
    meeting = (
        Meeting.objects.select_related("committee__mandate")
        .filter(committee__mandate__slug=slug, number=number)
        .first()
    )
    if meeting is None or not request.user.has_perm(READ, meeting):
        raise Http404
    if write and not request.user.has_perm(WRITE, meeting):
        raise PermissionDenied
    return meeting


# --- The page.


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    record_form: RecordForm | None = None,
    item_form: ActionItemForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> HttpResponse:
    record = MeetingRecord.objects.filter(meeting=meeting).first() or MeetingRecord(meeting=meeting)
    can_edit = request.user.has_perm(WRITE, meeting)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "mandate": meeting.committee.mandate,
        "record": record,
        "can_edit": can_edit,
        "not_yet": recording_refused(meeting) if can_edit and not record.pk else None,
        "action_items": list(meeting.action_items.select_related("owner__user")),
        "attachments": list(meeting.attachments.order_by("uploaded_at", "pk")),
    }
    if can_edit:
        present = list(record.present.values_list("pk", flat=True)) if record.pk else []
        context["record_form"] = record_form or RecordForm(
            meeting=meeting,
            record=record,
            initial={
                "present": present,
                "internal_notes": record.internal_notes,
                "decisions": record.decisions,
                "ideas": record.ideas,
                "summary": record.summary,
            },
        )
        context["item_form"] = item_form or ActionItemForm(meeting=meeting)
        context["attachment_form"] = attachment_form or AttachmentForm()
    elif record.pk:
        context["present"] = list(record.present.select_related("user").order_by("role", "user__full_name"))
    return render(request, "deliberation/records/record.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@kept_per_session
def record(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting_for(request, slug, number, write=request.method == "POST")
    if request.method != "POST":
        return _page(request, meeting)
    existing = MeetingRecord.objects.filter(meeting=meeting).first() or MeetingRecord(meeting=meeting)
    form = RecordForm(request.POST, meeting=meeting, record=existing)
    publish = "publish" in request.POST
    if form.is_valid():
        data = form.cleaned_data
        try:
            # Saving and publishing stand or fall together, so a refused publication keeps nothing half done.
            with transaction.atomic():
                saved = record_save(
                    meeting=meeting,
                    by=request.user,
                    present_ids=[m.pk for m in data["present"]],
                    internal_notes=data["internal_notes"],
                    decisions=data["decisions"],
                    ideas=data["ideas"],
                    summary=data["summary"],
                )
                already_published = saved.summary_published_at is not None
                if publish:
                    summary_publish(meeting=meeting, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if publish and not already_published:
                messages.success(request, _("The decision summary is published and the members are told."))
            else:
                messages.success(request, _("The record is saved."))
            return redirect("deliberation:record", slug=slug, number=number)
    return _page(request, meeting, record_form=form)


@require_POST
def action_item_create(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting_for(request, slug, number, write=True)
    form = ActionItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            action_item_add(
                meeting=meeting,
                by=request.user,
                text=data["text"],
                owner_id=data["owner"].pk if data["owner"] else None,
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action item is added."))
            return redirect("deliberation:record", slug=slug, number=number)
    return _page(request, meeting, item_form=form)


@require_POST
def action_item_done(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, slug, number, write=True)
    item = ActionItem.objects.filter(meeting=meeting, pk=pk).first()
    if item is None:
        raise Http404
    item.meeting = meeting
    done = request.POST.get("done") == "1"
    action_item_set_done(item=item, by=request.user, done=done)
    if done:
        messages.success(request, _("The action item is marked as done."))
    else:
        messages.success(request, _("The action item is marked as not done."))
    return redirect("deliberation:record", slug=slug, number=number)


@accepts_uploads
@require_POST
def attachment_create(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting_for(request, slug, number, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                meeting=meeting,
                by=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attachment is added."))
            return redirect("deliberation:record", slug=slug, number=number)
    if form.errors:
        messages.error(request, _("The attachment was not added: see the message by the form."))
    return _page(request, meeting, attachment_form=form)


@require_GET
def attachment_download(request: HttpRequest, slug: str, number: int, pk: int) -> FileResponse:
    meeting = _meeting_for(request, slug, number)
    attachment = MeetingAttachment.objects.filter(meeting=meeting, pk=pk).first()
    if attachment is None:
        raise Http404
    return pdf_download(attachment.file, title=attachment.title, fallback="attachment")
