"""The dashboard's rows, rendered once and kept until an application or a rating of the call changes.

Rendering 250 rows, each with a rating form of five buttons, was most of the dashboard's time. A row shows
the application and the committee's ratings (the pool's version, recruitment.review.pool_version, and the
public pages' version, as the kept pool), and of the viewer only their own score; the rating form also
carries the viewer's CSRF token and the filters to return to. So the rows are kept per call, language,
viewer's powers and filters, each under its profile, application, preference and own score, with a
placeholder where the token goes: politicians who gave a row the same score share it, and each request
puts its own token in.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from core.cache import PLACEHOLDER as PAGE_PLACEHOLDER
from recruitment.models import Call
from recruitment.review.pool_cache import POOL_SECONDS
from recruitment.review.pool_version import pool_versions
from recruitment.review.selectors import ProfileGroup, Row

TEMPLATE = "recruitment/review/_dashboard_row.html"
PLACEHOLDER = PAGE_PLACEHOLDER.decode()  # where the token goes, as in the public pages' kept copies


def _key(call: Call, *, can_decide: bool, can_rate: bool, back: str) -> str | None:
    versions = pool_versions(call.pk)
    if versions is None:  # no cache to keep them in
        return None
    filters = hashlib.sha256(back.encode()).hexdigest()[:24]
    language = translation.get_language()
    powers = f"{can_decide:d}{can_rate:d}"
    return f"recruitment:dashboard-rows:{call.pk}:{versions}:{language}:{powers}:{filters}"


def _row_key(group: ProfileGroup, row: Row) -> tuple:
    return (group.profile.pk, row.application.pk, row.rank, row.own is not None and row.own.score)


def rows_render(request, call: Call, groups: list[ProfileGroup], *, context: dict) -> None:
    """Sets each group's `rows_html`: its rows as the dashboard's template shows them. `context` holds
    what a row reads besides the row itself (call, can_decide, can_rate, scores, back)."""
    token = get_token(request)
    key = _key(call, can_decide=context["can_decide"], can_rate=context["can_rate"], back=context["back"])
    kept: dict = (cache.get(key) if key else None) or {}
    template, added = get_template(TEMPLATE), 0
    for group in groups:
        parts = []
        for row in group.rows:
            html = kept.get(_row_key(group, row))
            if html is None:
                shown = {**context, "group": group, "row": row, "csrf_token": token}
                html = template.render(shown).replace(token, PLACEHOLDER)
                kept[_row_key(group, row)] = html
                added += 1
            parts.append(html)
        group.rows_html = mark_safe("".join(parts).replace(PLACEHOLDER, token))  # rendered above
    if added and key:
        cache.set(key, kept, timeout=POOL_SECONDS)
