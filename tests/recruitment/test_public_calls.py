"""The public side of a call: its page, its poster, the feed of open calls, and where the home page and
the committee page point to it. Anonymous visitors; nothing of a planned call or a draft mandate leaks."""

from __future__ import annotations

import itertools
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mandates.models import Mandate
from recruitment.engine import lottery
from recruitment.models import Call, Selection
from recruitment.public.views import QR_SCALE
from tests.committees.factories import CompetenceProfileFactory, MeetingFactory, TaskCommitteeFactory
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, CallFactory, call_with_committee
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def copenhagen(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.get_current_timezone())


def in_english(client) -> None:
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def call_page(client, call) -> str:
    return get(client, reverse("portal:call", args=[call.pk]))


def poster(client, call) -> str:
    return get(client, reverse("recruitment:poster", args=[call.pk]))


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def mandate(**fields) -> Mandate:
    fields = {"state": Mandate.State.RECRUITING, **fields}
    return TaskCommitteeFactory(**{f"mandate__{k}": v for k, v in fields.items()}).mandate


@pytest.fixture
def youth_call():
    """An open call for the youth-policy committee, with a deadline far enough ahead to stay open."""
    call = call_with_committee(
        profiles=0,
        meetings=0,
        mandate=mandate(title="Ny ungepolitik", slug="ny-ungepolitik"),
        deadline=copenhagen(2099, 3, 12, 23, 59),
        intro="Vi søger unge og forældre, der vil skrive ungepolitikken.",
    )
    CompetenceProfileFactory(mandate=call.mandate, title="En elev i udskolingen", seats=2, order=1)
    CompetenceProfileFactory(mandate=call.mandate, title="En forælder til en ung", seats=3, order=2)
    committee = call.mandate.committee
    MeetingFactory(
        committee=committee,
        number=1,
        starts_at=copenhagen(2099, 4, 2, 17),
        ends_at=copenhagen(2099, 4, 2, 20),
        place="Rådhuset, mødesal 1",
        agenda="Hemmelig dagsorden",
    )
    MeetingFactory(
        committee=committee,
        number=2,
        starts_at=copenhagen(2099, 5, 7, 17),
        ends_at=copenhagen(2099, 5, 7, 20),
    )
    return call


class Outline(HTMLParser):
    """The parts of a page that accessibility and the CSP care about."""

    def __init__(self):
        super().__init__()
        self.headings, self.images, self.scripts, self.inline_styles = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(attrs)
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if tag == "style" or "style" in attrs:
            self.inline_styles += 1


def outline(html: str) -> Outline:
    parsed = Outline()
    parsed.feed(html)
    return parsed


# Who sees a call


@pytest.mark.parametrize("name", ["portal:call", "recruitment:poster"])
def test_a_planned_call_is_not_public(client, name):
    call = call_with_committee(state=Call.State.PLANNED)
    assert client.get(reverse(name, args=[call.pk])).status_code == 404


@pytest.mark.parametrize("name", ["portal:call", "recruitment:poster"])
def test_a_call_on_a_draft_mandate_is_not_public(client, name):
    call = CallFactory(mandate=mandate(state=Mandate.State.DRAFT))
    assert client.get(reverse(name, args=[call.pk])).status_code == 404


def test_an_unknown_call_is_not_found(client):
    assert client.get(reverse("portal:call", args=[999999])).status_code == 404


@pytest.mark.parametrize("state", [Call.State.OPEN, Call.State.CLOSED, Call.State.SELECTED])
def test_open_closed_and_decided_calls_stay_public(client, state):
    call = call_with_committee(state=state, mandate=mandate(title="Ny ungepolitik"))
    assert "Ny ungepolitik" in call_page(client, call)
    assert "Ny ungepolitik" in poster(client, call)


# The call page


def test_the_open_call_page_shows_the_mandate_the_profiles_with_seats_and_the_meetings(client, youth_call):
    in_english(client)
    html = call_page(client, youth_call)
    assert "Vi søger unge og forældre, der vil skrive ungepolitikken." in html
    assert "Unge mistrives, og politikken er skrevet af voksne." in html  # the problem
    assert "Policy proposal" in html and "Jan. 1, 2026 to Oct. 31, 2026" in html
    assert '<a href="/committees/ny-ungepolitik/">' in html
    profiles = section(html, "profiles-heading")
    assert re.search(r'En elev i udskolingen</th>.*?<td class="text-end"[^>]*>2</td>', profiles, re.S)
    assert re.search(r'En forælder til en ung</th>.*?<td class="text-end"[^>]*>3</td>', profiles, re.S)
    meetings = section(html, "meetings-heading")
    assert "April 2, 2099" in meetings and "May 7, 2099" in meetings and "Rådhuset, mødesal 1" in meetings
    assert "Hemmelig dagsorden" not in html


def test_the_open_call_page_shows_the_deadline_and_the_apply_button(client, youth_call):
    in_english(client)
    html = call_page(client, youth_call)
    assert '<time datetime="2099-03-12T23:59:00+01:00">March 12, 2099, 11:59 p.m.</time>' in html
    assert f'href="{reverse("recruitment:apply", args=[youth_call.pk])}"' in html
    assert "The call is closed" not in html


def test_the_deadline_is_shown_in_danish_by_default(client, youth_call):
    html = call_page(client, youth_call)
    assert '<html lang="da">' in html
    assert "12. marts 2099 23:59" in html


def test_the_call_page_says_who_may_apply_and_links_the_privacy_notice(client, youth_call):
    in_english(client)
    html = call_page(client, youth_call)
    who = section(html, "who-heading")
    assert ", ".join(settings.RECRUITMENT_POSTAL_CODES) in who
    assert "another real connection" in who and "as an individual" in who
    assert f'<a href="{reverse("privacy")}">privacy notice</a>' in section(html, "privacy-heading")


@pytest.mark.parametrize("state", [Call.State.CLOSED, Call.State.SELECTED])
def test_a_closed_call_says_so_and_offers_no_apply_link(client, state):
    call = call_with_committee(state=state)
    in_english(client)
    html = call_page(client, call)
    assert "The call is closed" in html
    assert reverse("recruitment:apply", args=[call.pk]) not in html


def test_an_open_call_past_its_deadline_is_closed_before_the_beat_task_gets_to_it(client):
    call = call_with_committee(
        opens_at=timezone.now() - timedelta(days=10), deadline=timezone.now() - timedelta(minutes=1)
    )
    in_english(client)
    html = call_page(client, call)
    assert "The call is closed" in html
    assert reverse("recruitment:apply", args=[call.pk]) not in html


def test_an_open_call_that_has_not_reached_its_opening_says_when_it_opens(client):
    call = call_with_committee(opens_at=copenhagen(2099, 1, 5, 9), deadline=copenhagen(2099, 2, 1, 12))
    in_english(client)
    html = call_page(client, call)
    assert "The call opens for applications on Jan. 5, 2099, 9 a.m." in html
    assert reverse("recruitment:apply", args=[call.pk]) not in html


@pytest.mark.parametrize("name", ["portal:call", "recruitment:poster"])
def test_the_call_pages_have_one_h1_headings_in_order_and_nothing_inline(client, youth_call, name):
    youth_call.draw_public_value_source = "Lottotallene 12. december 2099"
    youth_call.save()
    html = get(client, reverse(name, args=[youth_call.pk]))
    page = outline(html)
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(page.headings)), page.headings
    assert page.inline_styles == 0  # the CSP allows no <style> and no style=""
    assert all(src and src.startswith("/static/") for src in page.scripts)
    assert all(img.get("alt") for img in page.images)
    assert '<main id="main"' in html and "<header" in html and "<footer" in html


def test_the_call_page_in_english(client, youth_call):
    in_english(client)
    html = call_page(client, youth_call)
    assert '<html lang="en">' in html
    for text in [
        "Call for citizens to join a task committee",
        "Deadline for applications:",
        "Who may apply",
        "Apply",
    ]:
        assert text in html


# The draw


def test_the_draw_section_names_the_source_of_the_public_value_before_anything_is_drawn(client, youth_call):
    youth_call.draw_public_value_source = "Lottotallene 12. december 2099"
    youth_call.save()
    in_english(client)
    draw = section(call_page(client, youth_call), "draw-heading")
    assert "Lottotallene 12. december 2099" in draw
    assert "published here when the politicians have confirmed the selection" in draw
    assert "python -m recruitment.lottery" not in draw


def test_a_call_without_a_public_value_source_has_no_draw_section(client, youth_call):
    assert 'id="draw-heading"' not in call_page(client, youth_call)


def test_the_confirmed_draw_publishes_its_inputs_and_anyone_can_re_run_it(client, youth_call):
    references = sorted(ApplicationFactory(call=youth_call).reference for _ in range(5))
    value = "7 12 19 23 31 34 / 4"
    Call.objects.filter(pk=youth_call.pk).update(
        state=Call.State.SELECTED, draw_public_value_source="Lotto 12. december 2099", draw_public_value=value
    )
    Selection.objects.create(
        call=youth_call,
        confirmed_by=UserFactory(),
        rationale="Bredde i profilerne.",
        draw_order=lottery.draw(references, value),
    )
    in_english(client)
    draw = section(call_page(client, youth_call), "draw-heading")

    published_inputs = re.findall(
        r"<code>(\w+)</code>", re.search(r'class="draw-candidates".*?</ol>', draw, re.S)[0]
    )
    published_result = re.findall(
        r"<code>(\w+)</code>", re.search(r'class="draw-result".*?</ol>', draw, re.S)[0]
    )
    assert published_inputs == references
    assert f'<code class="draw-value">{value}</code>' in draw
    assert f'<code class="draw-algorithm">{lottery.ALGORITHM_VERSION}</code>' in draw
    assert f"python -m recruitment.lottery &quot;{value}&quot; {' '.join(references)}" in draw
    assert f'<code class="draw-seed">{lottery.seed_from_public_value(value).hex()}</code>' in draw
    # Re-running the draw from what the page published gives what the page published.
    assert lottery.draw(published_inputs, value) == published_result
    assert sorted(published_result) == references
    # And so does the published command, run as a visitor would run it.
    command = shlex.split(unescape(re.search(r'<code class="draw-command">(.*?)</code>', draw)[1]))
    assert command[:3] == ["python", "-m", "recruitment.lottery"]
    run = subprocess.run(
        [sys.executable, *command[1:]],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert [
        line.split()[1] for line in run.stdout.splitlines() if not line.startswith("#")
    ] == published_result


# The poster


def qr_image(html: str) -> dict:
    (image,) = [img for img in outline(html).images if img.get("class") == "poster-qr"]
    return image


def test_the_poster_asks_the_question_and_lists_profiles_deadline_meetings_and_the_short_url(
    client, youth_call
):
    in_english(client)
    html = poster(client, youth_call)
    assert "Would you like to join the task committee on Ny ungepolitik?" in html
    assert "En elev i udskolingen</strong> (2 seats)" in html
    assert "En forælder til en ung</strong> (3 seats)" in html
    assert "March 12, 2099, 11:59 p.m." in html
    assert "April 2, 2099" in html and "May 7, 2099" in html
    short = settings.SITE_URL.split("://", 1)[1].removeprefix("www.") + f"/calls/{youth_call.pk}"
    assert f'<p class="poster-url">{short}</p>' in html
    # Typed without the final slash, the short URL still reaches the call.
    assert client.get(f"/calls/{youth_call.pk}")["Location"] == youth_call.get_absolute_url()


def test_the_poster_has_its_own_stylesheet_linked_for_screen_and_paper(client, youth_call):
    html = poster(client, youth_call)
    assert re.search(r'<link rel="stylesheet" href="/static/css/poster.css">', html)


def test_the_poster_qr_code_is_a_data_svg_of_the_absolute_call_url(client, youth_call):
    url = settings.SITE_URL + reverse("portal:call", args=[youth_call.pk])
    image = qr_image(poster(client, youth_call))
    header, _, payload = image["src"].partition(",")
    assert header.startswith("data:image/svg+xml")
    svg = unquote(payload)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [
        element for element in root.iter() if "style" in element.attrib or element.tag.endswith("style")
    ]
    expected = segno.make(url, error="m").svg_data_uri(scale=QR_SCALE, dark="#000")
    assert unquote(expected.partition(",")[2]) == svg
    assert url in image["alt"]


# The feed


def test_the_feed_is_atom_and_lists_only_the_open_calls(client, youth_call):
    call_with_committee(state=Call.State.PLANNED, mandate=mandate(title="Planlagt kald"))
    call_with_committee(state=Call.State.CLOSED, mandate=mandate(title="Lukket kald"))
    CallFactory(mandate=mandate(title="Hemmeligt udkast", state=Mandate.State.DRAFT))
    response = client.get(reverse("recruitment:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Ny ungepolitik"]
    (entry,) = entries
    call_url = settings.SITE_URL + reverse("portal:call", args=[youth_call.pk])
    assert entry.find(f"{ATOM}link").get("href") == call_url
    assert entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}published")
    summary = entry.findtext(f"{ATOM}summary")
    assert "Vi søger unge og forældre" in summary and "12. marts 2099 23:59" in summary


# The home page and the committee page


def test_the_home_page_lists_an_open_call_with_its_deadline_and_not_a_planned_one(client, youth_call):
    call_with_committee(state=Call.State.PLANNED, mandate=mandate(title="Planlagt kald"))
    in_english(client)
    html = get(client, reverse("home"))
    calls = section(html, "calls-heading")
    assert f'href="{youth_call.get_absolute_url()}">Ny ungepolitik</a>' in calls
    assert "March 12, 2099, 11:59 p.m." in calls
    assert "Planlagt kald" not in calls  # its committee may still be among the active ones
    # The open calls come before the active committees, right below the introduction.
    assert html.index('id="calls-heading"') < html.index('id="active-heading"')


def test_the_home_page_announces_the_feed_and_has_no_calls_section_without_open_calls(client):
    html = get(client, reverse("home"))
    assert f'<link rel="alternate" type="application/atom+xml" href="{reverse("recruitment:feed")}"' in html
    assert 'id="calls-heading"' not in html


def test_the_committee_page_points_to_its_open_call(client, youth_call):
    in_english(client)
    html = get(client, reverse("portal:committee", args=["ny-ungepolitik"]))
    banner = section(html, "call-banner-heading")
    assert f'<a href="{youth_call.get_absolute_url()}">Read the call and apply</a>' in banner
    assert "March 12, 2099, 11:59 p.m." in banner


def test_the_committee_page_has_no_banner_once_the_call_is_closed(client, youth_call):
    Call.objects.filter(pk=youth_call.pk).update(state=Call.State.CLOSED)
    html = get(client, reverse("portal:committee", args=["ny-ungepolitik"]))
    assert 'id="call-banner-heading"' not in html


# Query counts


def test_the_call_page_and_poster_need_the_same_queries_however_many_profiles_and_meetings(client):
    small = call_with_committee(profiles=1, meetings=1, draw_public_value_source="Lotto")
    large = call_with_committee(profiles=12, meetings=12, draw_public_value_source="Lotto")
    for name in ["portal:call", "recruitment:poster"]:
        few = queries_for_page(client, reverse(name, args=[small.pk]))
        many = queries_for_page(client, reverse(name, args=[large.pk]))
        assert few == many, (name, few, many)
        assert few <= 3, (name, few)  # the call with its mandate, committee and selection; profiles; meetings


def test_the_feed_and_the_home_page_need_the_same_queries_however_many_calls_are_open(client):
    call_with_committee()
    feed_one = queries_for_page(client, reverse("recruitment:feed"))
    home_one = queries_for_page(client, reverse("home"))
    for _ in range(6):
        call_with_committee()
    assert queries_for_page(client, reverse("recruitment:feed")) == feed_one
    assert queries_for_page(client, reverse("home")) == home_one


def test_the_published_command_quotes_a_public_value_the_shell_would_expand():
    from recruitment.review.draws import PublishedDraw

    draw = PublishedDraw(
        algorithm_version="v", public_value='$HOME "7"', seed="", candidates=["A1", "B2"], result=["B2", "A1"]
    )
    assert shlex.split(draw.command) == ["python", "-m", "recruitment.lottery", '$HOME "7"', "A1", "B2"]
    assert draw.command.startswith("python -m recruitment.lottery '")
