"""The contributor's pages: write to a question or section (signing in on the way, losing nothing), change
or withdraw a contribution until the consultation closes, and see everything one has written and every
meeting one registered for. Someone else's contribution does not exist here (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations import contributing, drafts
from consultations.contributing import contribution_create, contribution_update
from consultations.forms import ContributionForm, add_problems, initial_from
from consultations.models import Consultation, ConsultationItem, Contribution, Registration
from core.models import PrivacyNotice

S = Contribution.State


def _public_item(pk: int, item: int) -> ConsultationItem:
    found = (
        ConsultationItem.objects.select_related("consultation__committee__mandate")
        .filter(pk=item, consultation_id=pk, consultation__in=Consultation.objects.published())
        .first()
    )
    if found is None:
        raise Http404("No public question or section with that number.")
    return found


def _own(request: HttpRequest, pk: int) -> Contribution:
    """The signed-in person's contribution; anyone else's does not exist (404, never 403)."""
    return get_object_or_404(
        Contribution.objects.select_related("consultation__committee__mandate", "item"),
        pk=pk,
        author=request.user,
    )


def _draft_key(item: ConsultationItem) -> str:
    return f"consultations:contribution-draft:{item.pk}"


def _form_page(request: HttpRequest, form: ContributionForm, item: ConsultationItem, **extra) -> HttpResponse:
    consultation = item.consultation
    return render(
        request,
        "consultations/contributor/contribute.html",
        {
            "consultation": consultation,
            "item": item,
            "form": form,
            "closed": consultation.has_ended,
            "not_yet_open": consultation.phase() == Consultation.Phase.UPCOMING,
            **extra,
        },
    )


def _sent_message(request: HttpRequest, contribution: Contribution) -> None:
    if contribution.state == S.DRAFT:
        messages.success(request, _("Your draft is saved. Only you can see it until you send it."))
    elif contribution.state == S.PUBLISHED:
        messages.success(request, _("Thank you! Your contribution is published."))
    else:
        messages.success(
            request,
            _("Thank you! Your contribution is received. It is published once the moderators have read it."),
        )


def _refused(
    request: HttpRequest, form: ContributionForm, error: ValidationError, item, **extra
) -> HttpResponse:
    """A service said no: the page says why, and the text stays in the form."""
    add_problems(form, error)
    return drafts.with_status(
        _form_page(request, form, item, **extra), 400 if error.code != "closed" else 200
    )


def contribute(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Anyone may write; sending needs an account, and the text waits in the session meanwhile."""
    item = _public_item(pk, item)
    if request.user.is_authenticated:
        existing = (
            Contribution.objects.filter(item=item, author=request.user).exclude(state=S.WITHDRAWN).first()
        )
        if existing is not None:
            messages.info(request, _("You have already written to this. Here is what you wrote."))
            return redirect("consultations:contribution_edit", pk=existing.pk)
    notice = PrivacyNotice.objects.current()
    key = _draft_key(item)
    if request.method != "POST":
        return _form_page(request, ContributionForm(drafts.kept(request, key), notice=notice), item)
    form = ContributionForm(request.POST, request.FILES, notice=notice)
    if drafts.too_many(request):
        return drafts.with_status(_form_page(request, form, item), 429)
    if not request.user.is_authenticated:
        drafts.keep(request, key, form)
        if form.is_valid():
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        return _form_page(request, form, item)
    if not form.is_valid():
        return _form_page(request, form, item)
    try:
        contribution = contribution_create(
            item=item,
            by=request.user,
            data=form.data_for_service,
            send=request.POST.get("action") != "draft",
            notice=notice,
        )
    except ValidationError as error:
        if error.code == "duplicate":
            return redirect("consultations:contribute", pk=pk, item=item.pk)
        return _refused(request, form, error, item)
    except PermissionDenied as denied:
        raise Http404 from denied
    drafts.forget(request, key)
    _sent_message(request, contribution)
    return redirect("consultations:mine")


@login_required
def contribution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _own(request, pk)
    item = contribution.item
    consultation = contribution.consultation
    if contribution.state == S.WITHDRAWN or consultation.has_ended:
        return render(
            request,
            "consultations/contributor/contribution.html",
            {"contribution": contribution, "consultation": consultation, "item": item},
        )
    notice = PrivacyNotice.objects.current()
    data = request.POST if request.method == "POST" else None
    form = ContributionForm(
        data,
        request.FILES if data is not None else None,
        notice=notice,
        contribution=contribution,
        initial=initial_from(contribution),
    )
    extra = {"contribution": contribution}
    if data is None:
        return _form_page(request, form, item, **extra)
    if drafts.too_many(request):
        return drafts.with_status(_form_page(request, form, item, **extra), 429)
    if not form.is_valid():
        return _form_page(request, form, item, **extra)
    try:
        contribution = contribution_update(
            contribution=contribution,
            by=request.user,
            data=form.data_for_service,
            send=request.POST.get("action") != "draft",
            notice=notice,
        )
    except ValidationError as error:
        return _refused(request, form, error, item, **extra)
    _sent_message(request, contribution)
    return redirect("consultations:mine")


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _own(request, pk)
    if request.method == "POST":
        try:
            contributing.contribution_withdraw(contribution=contribution, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your contribution is withdrawn. Only you can still see it."))
        return redirect("consultations:mine")
    return render(
        request,
        "consultations/contributor/withdraw.html",
        {"contribution": contribution, "consultation": contribution.consultation},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Everything the person wrote (drafts and withdrawn texts too: theirs alone) and every registration."""
    contributions = (
        Contribution.objects.filter(author=request.user)
        .select_related("consultation", "item")
        .order_by("-consultation__starts_at", "consultation_id", "item__order", "pk")
    )
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
    )
    return render(
        request,
        "consultations/contributor/mine.html",
        {"contributions": contributions, "registrations": registrations},
    )
