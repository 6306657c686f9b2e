"""Filters for the review pages' rows, where a tag per button costs: the dashboard shows 250 rows."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def score_label(reference: str, score: int) -> str:
    """The accessible name of a score button: "3: give A7K2 the score 3"."""
    return gettext("%(score)s: give %(reference)s the score %(score)s") % {
        "score": score,
        "reference": reference,
    }
