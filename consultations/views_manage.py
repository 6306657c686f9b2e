"""The committee's pages for running its work with the public: the overview of its consultations and
dialogue meetings, a consultation's form (questions, draft sections, period), publishing it, and writing
"what we heard"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.access import committee_for, consultation_for
from consultations.forms import add_problems
from consultations.forms_committee import (
    ConsultationForm,
    QuestionFormSet,
    ReportForm,
    consultation_initial,
    questions_from,
)
from consultations.models import Contribution
from consultations.reports import report_save
from consultations.selectors import with_seats
from consultations.setup import consultation_create, consultation_publish, consultation_update
from deliberation.deliverables.selectors import current_draft

MANAGE = "consultations.manage_consultation"


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The committee's consultations (drafts too) and dialogue meetings, for its members and staff."""
    committee = committee_for(request, slug, "consultations.read_contributions")
    sent = Q(contributions__state__in=Contribution.SUBMITTED_STATES)
    consultations = committee.consultations.annotate(
        sent_count=Count("contributions", filter=sent),
        pending_count=Count("contributions", filter=Q(contributions__state=Contribution.State.PENDING)),
    ).order_by("-starts_at", "-pk")
    return render(
        request,
        "consultations/committee/overview.html",
        {
            "committee": committee,
            "mandate": committee.mandate,
            "consultations": consultations,
            "meetings": with_seats(committee.dialogue_meetings.all()).order_by("-starts_at", "-pk"),
            "can_manage": request.user.has_perm(MANAGE, committee),
            "can_manage_meetings": request.user.has_perm("consultations.manage_meeting", committee),
        },
    )


def _form_page(request, committee, form, questions, consultation=None, status=200) -> HttpResponse:
    response = render(
        request,
        "consultations/committee/consultation_form.html",
        {
            "committee": committee,
            "mandate": committee.mandate,
            "form": form,
            "questions": questions,
            "consultation": consultation,
            "items_fixed": consultation is not None and consultation.published_at is not None,
        },
    )
    response.status_code = status
    return response


@login_required
def consultation_new(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, MANAGE)
    draft = current_draft(committee)
    data = request.POST if request.method == "POST" else None
    form = ConsultationForm(data, draft=draft)
    questions = QuestionFormSet(data, prefix="questions")
    if data is None:
        return _form_page(request, committee, form, questions)
    if form.is_valid() and questions.is_valid():
        try:
            consultation = consultation_create(
                committee=committee,
                by=request.user,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                questions=questions_from(questions),
                section_keys=form.cleaned_data.get("sections", []),
            )
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The consultation is saved. Read it through, then publish it."))
            return redirect(consultation)
    return _form_page(request, committee, form, questions, status=400)


@login_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for(request, pk, MANAGE)
    committee = consultation.committee
    fixed = consultation.published_at is not None
    initial, question_rows = consultation_initial(consultation)
    data = request.POST if request.method == "POST" else None
    form = ConsultationForm(
        data, draft=None if fixed else current_draft(committee), items_fixed=fixed, initial=initial
    )
    questions = QuestionFormSet(data, prefix="questions", initial=question_rows)
    if data is None:
        return _form_page(request, committee, form, questions, consultation)
    if form.is_valid() and (fixed or questions.is_valid()):
        try:
            consultation_update(
                consultation=consultation,
                by=request.user,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                questions=None if fixed else questions_from(questions),
                section_keys=None if fixed else form.cleaned_data.get("sections", []),
            )
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(consultation)
    return _form_page(request, committee, form, questions, consultation, status=400)


@login_required
@require_POST
def consultation_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for(request, pk, MANAGE)
    try:
        consultation_publish(consultation=consultation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consultation is published."))
    return redirect(consultation)


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """'What we heard': the summary, how each question's or section's input was used, linked meetings."""
    consultation = consultation_for(request, pk, MANAGE)
    items = list(consultation.items.all())
    data = request.POST if request.method == "POST" else None
    initial = {"summary": consultation.summary, "meetings": list(consultation.dialogue_meetings.all())}
    form = ReportForm(data, consultation=consultation, items=items, initial=initial)
    status = 200
    if data is not None and form.is_valid():
        publishing = request.POST.get("action") == "publish" and consultation.report_published_at is None
        try:
            report_save(
                consultation=consultation,
                by=request.user,
                summary=form.cleaned_data["summary"],
                how_used=form.how_used(),
                meeting_ids=[m.pk for m in form.cleaned_data.get("meetings", [])],
                publish=publishing,
            )
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("What we heard is published, and the contributors are told.")
                if publishing
                else _("Your changes are saved."),
            )
            return redirect("consultations:report", pk=consultation.pk)
    if data is not None:
        status = 400
    response = render(
        request,
        "consultations/committee/report.html",
        {"consultation": consultation, "committee": consultation.committee, "form": form, "items": items},
    )
    response.status_code = status
    return response
