"""Rating in the dashboard's row: a score per button, the own and mean score answered in place for htmx,
the politician's progress, the private note kept, and a pool of 200 rated to the end at a fixed cost."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from committees.models import Membership
from recruitment.models import Rating
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, RatingFactory, call_with_committee
from tests.recruitment.review_factories import bulk_applications, close, facilitator, politicians

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def call():
    return call_with_committee(profiles=3, seats=1, meetings=3, politicians=2)


def dashboard(call, query: str = "") -> str:
    return reverse("recruitment:dashboard", args=[call.pk]) + query


def rate_in_row(client, call, application, profile_id: int, score: int, *, headers=HTMX, back: str = ""):
    return client.post(
        reverse("recruitment:rate", args=[call.pk, application.reference]),
        {"profile": profile_id, "score": score, "view": "row", "back": back},
        headers=headers,
    )


def test_each_row_a_politician_may_rate_has_the_five_scores_and_takes_focus(client, call):
    application = ApplicationFactory(call=call, profiles=list(call.mandate.profiles.all()[:2]))
    client.force_login(politicians(call)[0])
    html = client.get(dashboard(call)).content.decode()
    for profile in call.mandate.profiles.all()[:2]:
        row = re.search(rf'<tr id="row-{profile.pk}-{application.reference}"[^>]*>', html).group(0)
        assert 'tabindex="0"' in row and "data-rate-row" in row and "data-unrated" in row
        cell = html.split(f'id="own-{profile.pk}-{application.reference}"', 1)[1].split("</td>", 1)[0]
        assert cell.count('name="score"') == 5
        assert f"3: give {application.reference} the score 3" in cell
    assert "You have rated 0 of 2 profile choices." in html
    assert "type the digit" in html and "js/rate-rows.js" in html


def test_a_score_in_the_row_comes_back_as_the_own_and_mean_score_in_place(client, call):
    application = ApplicationFactory(call=call, profiles=list(call.mandate.profiles.all()[:2]))
    anne, bo = politicians(call)
    profile = application.choices.first().profile
    RatingFactory(application=application, profile=profile, politician=bo, score=2)
    RatingFactory(application=application, profile=profile, politician=anne, score=1, note="Min egen note")
    client.force_login(anne)

    response = rate_in_row(client, call, application, profile.pk, 5)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    own = html.split(f'<td id="own-{profile.pk}-{application.reference}"', 1)[1].split("</td>", 1)[0]
    assert 'data-own-score="5"' in own
    assert re.search(r'value="5" class="btn btn-primary" aria-pressed="true"', own)
    mean = html.split(f'<td id="mean-{profile.pk}-{application.reference}" hx-swap-oob="true">', 1)[1]
    assert mean.startswith("3.5 (2 ratings)")
    assert 'id="rating-progress"' in html and "You have rated 1 of 2 profile choices." in html
    assert (
        f"Saved: {application.reference}, {profile.title}: your score 5. Mean 3.5 from 2 politicians." in html
    )
    rating = Rating.objects.get(politician=anne)
    assert (rating.score, rating.note) == (5, "Min egen note")  # the row has no note: the page's stays


def test_without_htmx_the_row_returns_to_the_dashboard_at_the_row_with_its_filters(client, call):
    application = ApplicationFactory(call=call, gender="woman")
    profile = application.choices.first().profile
    client.force_login(politicians(call)[0])
    response = rate_in_row(client, call, application, profile.pk, 4, headers={}, back="gender=woman&evil=1")
    assert response.status_code == 302
    assert response["Location"] == dashboard(call, f"?gender=woman#row-{profile.pk}-{application.reference}")
    assert Rating.objects.get().score == 4


def test_a_score_out_of_range_in_the_row_says_so_in_the_row(client, call):
    application = ApplicationFactory(call=call)
    profile = application.choices.first().profile
    client.force_login(politicians(call)[0])
    html = rate_in_row(client, call, application, profile.pk, 9).content.decode()
    assert "Give a score from 1 to 5." in html and 'data-own-score=""' in html
    assert not Rating.objects.exists()


def test_readers_and_a_confirmed_call_show_no_buttons(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(facilitator(call))
    html = client.get(dashboard(call)).content.decode()
    assert 'name="score"' not in html and "data-rate-row" not in html
    client.force_login(politicians(call)[0])
    close(call)
    call.state = "selected"
    call.save(update_fields=["state"])
    html = client.get(dashboard(call)).content.decode()
    assert application.reference in html and 'name="score"' not in html


def _unrated_rows(html: str) -> list[tuple[int, str]]:
    return [(int(p), ref) for p, ref in re.findall(r'<tr id="row-(\d+)-(\w+)"[^>]*data-unrated', html)]


def test_a_politician_rates_a_pool_of_200_in_the_rows_to_the_end_at_a_fixed_cost(client, call):
    bulk_applications(call, 200)
    newcomer = UserFactory(roles=[roles.POLITICIAN], totp=True)
    Membership.objects.create(
        committee=call.mandate.committee, user=newcomer, role=Membership.Role.POLITICIAN
    )
    client.force_login(newcomer)
    references = dict(call.applications.values_list("reference", "pk"))
    applications = {a.reference: a for a in call.applications.all()}
    html = client.get(dashboard(call)).content.decode()
    total = int(re.search(r"You have rated 0 of (\d+) profile choices", html).group(1))
    costs = set()
    rated = 0
    pages = [dashboard(call)]
    # The unfiltered page shows each profile's first rows; "Show all" leads to the rest of a profile.
    pages += [
        link.replace("&amp;", "&") for link in re.findall(r'<a href="([^"]+)" data-more-unrated>', html)
    ]
    for url in pages:
        html = client.get(url if url.startswith("/") else dashboard(call, url)).content.decode()
        for profile_id, reference in _unrated_rows(html):
            if Rating.objects.filter(
                politician=newcomer, application_id=references[reference], profile_id=profile_id
            ).exists():
                continue  # listed on both pages
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                response = rate_in_row(client, call, applications[reference], profile_id, 1 + rated % 5)
            assert response.status_code == 200
            costs.add(sum(not q["sql"].startswith(("SAVEPOINT", "RELEASE")) for q in captured))
            rated += 1
    assert rated == total == Rating.objects.filter(politician=newcomer).count()
    assert f"You have rated {total} of {total} profile choices." in response.content.decode()
    assert len(costs) == 1, f"each rating in a row costs the same queries: {costs}"
    final = client.get(dashboard(call)).content.decode()
    assert not _unrated_rows(final) and "data-more-unrated" not in final


def test_the_application_page_leads_on_to_the_next_applicant_not_yet_rated(client, call):
    first, second, third = (ApplicationFactory(call=call) for _ in range(3))
    anne = politicians(call)[0]
    RatingFactory(application=second, profile=second.choices.get().profile, politician=anne, score=3)
    client.force_login(anne)

    def next_link(application) -> str | None:
        url = reverse("recruitment:review_application", args=[call.pk, application.reference])
        html = client.get(url).content.decode()
        found = re.search(r'<a href="/calls/\d+/applications/(\w+)/">Next applicant you have not rated', html)
        return found and found.group(1)

    assert next_link(first) == third.reference  # the second is rated already
    assert next_link(third) == first.reference  # round to the start
    RatingFactory(application=first, profile=first.choices.get().profile, politician=anne, score=3)
    RatingFactory(application=third, profile=third.choices.get().profile, politician=anne, score=3)
    assert next_link(first) is None
