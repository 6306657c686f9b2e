"""The addresses of the pages this floor owns, for the models below it (settings.ABSOLUTE_URL_OVERRIDES).

A mandate or a call links to its public page through `get_absolute_url()` without naming a page above
its own floor: the link is made here and handed down through the settings.
"""

from __future__ import annotations

from django.urls import reverse


def committee_url(mandate) -> str:
    return reverse("portal:committee", args=[mandate.slug])


def call_url(call) -> str:
    return reverse("portal:call", args=[call.pk])


def progress_url(action) -> str:
    """An implementation action is followed on its mandate's progress page."""
    return reverse("portal:progress", args=[action.mandate.slug])
