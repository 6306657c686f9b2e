"""Who reaches the committee's review pages of a call, and how its balance rules read on them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from recruitment.models import Call
from recruitment.review import selectors as review_selectors

REVIEW = "recruitment.review_call"
DECIDE = "recruitment.decide_call"


def call_for(request: HttpRequest, pk: int, *, decide: bool = False) -> Call:
    """The call, if the user may review it (else 404); deciding needs more (else 403)."""
    call = review_selectors.call_for_review(pk)
    if not request.user.has_perm(REVIEW, call):
        raise Http404
    if decide and not request.user.has_perm(DECIDE, call):
        raise PermissionDenied
    return call


def proposal_key(call: Call) -> str:
    """Where the session keeps the last proposal a person ran, for the dashboard's balance charts."""
    return f"recruitment.proposal.{call.pk}"


def rule_text(rule: str, call: Call) -> str:
    mandate = call.mandate
    texts = {
        "pins": _("the pins you set"),
        "gender": _("at least %(share)s %% of each gender") % {"share": mandate.min_gender_share},
        "organisation": _("at most %(count)s per organisation") % {"count": mandate.max_per_organisation},
        "district": _("at most %(count)s per district") % {"count": mandate.max_per_district},
    }
    return texts.get(rule, rule)
