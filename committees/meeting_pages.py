"""Where a member reads a meeting: the page is served by an app above this one (deliberation), which
says so from its AppConfig.ready(), so the calendar files and the mails link to it without this app
naming a page above its floor."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from committees.models import Meeting

_meeting_path: Callable[[Meeting], str] | None = None


def meeting_page_register(path_of: Callable[[Meeting], str]) -> None:
    """`path_of(meeting)` is the path of the members' page of that meeting."""
    global _meeting_path
    _meeting_path = path_of


def meeting_page_url(meeting: Meeting) -> str:
    """The members' page of the meeting; the committee's public page while no app serves one."""
    mandate = meeting.committee.mandate
    path = _meeting_path(meeting) if _meeting_path is not None else mandate.get_absolute_url()
    return settings.SITE_URL + path
