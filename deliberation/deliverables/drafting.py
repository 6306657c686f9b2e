"""Drafting the deliverable: the whole text in one form, where sections are added, moved and removed before
one save makes one version.

With scripts (static/js/section-editor.js) a section is added, moved and removed in place. Without them the
form still does it all: "Add another section" sends the form back with what was typed and one more empty
section, each section has a position number, and a box removes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from deliberation.deliverables.forms import SectionFormSet, TitleForm
from deliberation.deliverables.services import deliverable_for, latest_version, version_save
from deliberation.deliverables.views import INTERNALS, committee_for

PREFIX = "sections"
ADD_SECTION = "add_section"


def _with_one_more_section(data):
    """The form as sent, with room for one more section: what was typed stays, nothing is saved."""
    data = data.copy()
    data[f"{PREFIX}-TOTAL_FORMS"] = str(int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0) + 1)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, INTERNALS)
    deliverable = deliverable_for(committee=committee)
    if not request.user.has_perm("deliberation.edit_deliverable", deliverable):
        messages.info(
            request, _("The deliverable can be edited only by its committee's members while it is drafted.")
        )
        return redirect("deliberation:deliverable", slug=slug)
    current = latest_version(deliverable)
    if request.method == "POST" and ADD_SECTION in request.POST:
        title_form = TitleForm(request.POST)
        formset = SectionFormSet(_with_one_more_section(request.POST), prefix=PREFIX)
        # The cursor goes to the new section's heading (the error summary takes it if something is wrong).
        formset.forms[-1].fields["heading"].widget.attrs["autofocus"] = True
    elif request.method == "POST":
        title_form = TitleForm(request.POST)
        formset = SectionFormSet(request.POST, prefix=PREFIX)
        if title_form.is_valid() and formset.is_valid():
            sections = [f.cleaned_data for f in formset.ordered_forms]
            try:
                version = version_save(
                    deliverable=deliverable,
                    by=request.user,
                    title=title_form.cleaned_data["title"],
                    sections=sections,
                )
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
                return redirect("deliberation:deliverable", slug=slug)
    else:
        title_form = TitleForm(initial={"title": current.title if current else committee.mandate.title})
        initial = [{**s, "ORDER": n} for n, s in enumerate(current.sections if current else [], start=1)]
        formset = SectionFormSet(initial=initial, prefix=PREFIX)
    return render(
        request,
        "deliberation/deliverable/edit.html",
        {
            "committee": committee,
            "deliverable": deliverable,
            "version": current,
            "title_form": title_form,
            "formset": formset,
        },
    )
