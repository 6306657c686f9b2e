"""The main pages of every role are valid HTML by the Nu Html Checker (the W3C's validator), their headings
never skip a level, and every <time datetime> is a valid HTML date or date-time in whole seconds."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from accounts.models import User
from tests.support.demo_world import ACTIVE, CLIMATE, FINISHED, RECRUITING, email, seed
from tests.support.html_validator import validate, why_html_cannot_be_validated

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(why_html_cannot_be_validated()), reason=why_html_cannot_be_validated() or "-"),
]

DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")


def pages_by_role(world: dict) -> dict[str | None, list[str]]:
    call, reference = world["call"], world["reference"]
    return {
        None: [
            "/",
            "/committees/",
            f"/committees/{RECRUITING}/",
            f"/committees/{FINISHED}/",
            f"/committees/{ACTIVE}/",
            f"/committees/{CLIMATE}/",
            f"/calls/{call}/",
            f"/calls/{call}/poster/",
            f"/committees/{RECRUITING}/mandate/print/",
            f"/committees/{FINISHED}/progress/",
            f"/committees/{FINISHED}/deliverable/",
            "/privacy/",
            "/accessibility/",
            f"/invitations/{world['invitation']}/",
            "/accounts/login/",
            "/accounts/login/code/",
            "/accounts/signup/",
        ],
        "borger2": [
            "/applications/",
            f"/applications/{reference}/",
            f"/applications/{reference}/edit/",
            "/my/committees/",
            f"/my/committees/{ACTIVE}/meetings/1/",
            f"/my/committees/{FINISHED}/meetings/7/record/",
            "/my/calendar/",
        ],
        "borger1": [f"/calls/{call}/apply/"],
        "politiker1": [
            f"/calls/{call}/applications/",
            f"/calls/{call}/applications/{reference}/",
            f"/calls/{call}/matching/",
            f"/committees/{ACTIVE}/deliverable/",
            f"/my/committees/{FINISHED}/evaluation/",
        ],
        "facilitator1": [
            f"/my/committees/{ACTIVE}/meetings/1/record/",
            f"/my/committees/{ACTIVE}/meetings/6/",
            f"/committees/{ACTIVE}/deliverable/",
            f"/committees/{ACTIVE}/deliverable/diff/",
            f"/committees/{RECRUITING}/deliverable/edit/",
        ],
    }


class _Outline(HTMLParser):
    """The headings in order, and every <time datetime>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []
        self.datetimes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        elif tag == "time" and "datetime" in dict(attrs):
            self.datetimes.append(dict(attrs)["datetime"])


def outline_problems(html: str) -> list[str]:
    outline = _Outline()
    outline.feed(html)
    problems = []
    levels = outline.levels
    if levels[:1] != [1]:
        problems.append(f"the first heading is h{levels[0] if levels else '-'}, not h1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"h{before} is followed by h{after}")
    problems += [f"<time datetime={value!r}>" for value in outline.datetimes if not DATETIME.match(value)]
    return problems


def test_the_main_pages_of_every_role_are_valid_html_with_headings_in_order():
    world = seed()
    fetched: dict[str, str] = {}
    for person, paths in pages_by_role(world).items():
        client = Client()
        if person:
            client.force_login(User.objects.get(email=email(person)))
        for language in ("da", "en"):
            client.cookies["django_language"] = language
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200, f"{person or 'anonymous'} {path}: {response.status_code}"
                fetched[f"{person or 'anonymous'} {language} {path}"] = response.content.decode()

    problems = validate(fetched)
    for name, html in fetched.items():
        if outlined := outline_problems(html):
            problems.setdefault(name, []).extend(outlined)
    assert not problems, f"{len(problems)} of {len(fetched)} pages have problems:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in sorted(problems.items())
    )
