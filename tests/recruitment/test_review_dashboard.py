"""The committee's review of a call: who may see what, the dashboard's filters, warnings and charts,
rating applicants, the CSV export and a query count that does not grow with the pool."""

from __future__ import annotations

import csv
import io
import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from recruitment.models import Call, ExportLog, Rating
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, RatingFactory, call_with_committee
from tests.recruitment.review_factories import (
    bulk_applications,
    close,
    facilitator,
    politicians,
)
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def call():
    return call_with_committee(profiles=3, seats=1, meetings=3, politicians=2)


@pytest.fixture
def application(call, citizen):
    profiles = list(call.mandate.profiles.all())
    return ApplicationFactory(
        call=call,
        applicant=citizen,
        profiles=profiles[:2],
        motivation="Jeg kender skolen indefra.\nOg meget mere.",
        organisation="Gentofte Ungdomsråd",
        takes_part_as_individual=True,
        gender="woman",
        district="Hellerup",
    )


def urls(call, application) -> dict[str, tuple[str, str]]:
    """Each review URL with the method the matrix uses on it."""
    return {
        "dashboard": ("get", reverse("recruitment:dashboard", args=[call.pk])),
        "application": (
            "get",
            reverse("recruitment:review_application", args=[call.pk, application.reference]),
        ),
        "matching": ("get", reverse("recruitment:matching", args=[call.pk])),
        "export": ("get", reverse("recruitment:export", args=[call.pk])),
        "rate": ("post", reverse("recruitment:rate", args=[call.pk, application.reference])),
        "confirm": ("post", reverse("recruitment:matching", args=[call.pk])),
    }


def person(role: str, call, application, staff, citizen):
    other_call = call_with_committee(profiles=1, politicians=1)
    return {
        "politician": politicians(call)[0],
        "politician_elsewhere": politicians(other_call)[0],
        "facilitator": facilitator(call),
        "staff": staff,
        "applicant": application.applicant,
        "other_citizen": UserFactory(full_name="Ole Udenfor"),
        "anonymous": None,
    }[role]


READERS = {"politician", "facilitator", "staff"}
OUTSIDERS = {"politician_elsewhere", "applicant", "other_citizen"}


@pytest.mark.parametrize("role", ["politician", "politician_elsewhere", "facilitator", "staff", "applicant",
                                  "other_citizen", "anonymous"])  # fmt: skip
@pytest.mark.parametrize("page", ["dashboard", "application", "matching", "export", "rate", "confirm"])
def test_the_permission_matrix_gives_the_data_only_to_the_committee_and_staff(
    client, call, application, staff, citizen, role, page
):
    close(call)
    user = person(role, call, application, staff, citizen)
    if user:
        client.force_login(user)
    method, url = urls(call, application)[page]
    profile = application.choices.first().profile_id
    data = {"profile": profile, "score": 4, "rationale": ""} if method == "post" else {}
    response = getattr(client, method)(url, data)
    body = response.content.decode(errors="replace")
    assert "Jeg kender skolen indefra." not in body or role in READERS
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in OUTSIDERS:
        assert response.status_code == 404
    elif method == "get":
        assert response.status_code == 200
        assert application.reference in body or page == "matching"
    elif role == "politician" and page == "rate":
        assert response.status_code == 302  # rated, back to the page
    elif role == "politician":
        assert response.status_code == 200  # refused for want of a rationale: the page, with what was typed
        assert "Say briefly why this selection" in body or "Begrund kort udvælgelsen" in body
    else:
        assert response.status_code == 403  # facilitators and staff read, never rate or confirm
    if page == "rate":
        assert Rating.objects.exists() == (role == "politician")


def profile_section(html: str, profile) -> str:
    return html.split(f'id="profile-{profile.pk}-heading"', 1)[1].split("</section>", 1)[0]


def preference_shown(section: str, application) -> int | None:
    """The preference in the applicant's row: the cell after name and motivation."""
    pattern = (
        rf">{application.reference}</a>.*?</th>\s*<td>.*?</td>\s*"
        r'<td class="motivation">.*?</td>\s*<td>(\d)</td>'
    )
    found = re.search(pattern, section, re.DOTALL)
    return int(found.group(1)) if found else None


def test_the_dashboard_groups_applicants_under_each_profile_they_chose_with_their_preference(
    client, call, application
):
    client.force_login(facilitator(call))
    html = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    first, second, third = call.mandate.profiles.all()
    assert preference_shown(profile_section(html, first), application) == 1
    assert preference_shown(profile_section(html, second), application) == 2
    assert preference_shown(profile_section(html, third), application) is None
    assert "Jeg kender skolen indefra." in html and "Og meget mere." not in html  # the first line only
    assert "Ida Jensen" in html


def references(client, call, query: str) -> set[str]:
    html = client.get(reverse("recruitment:dashboard", args=[call.pk]) + query).content.decode()
    return {a.reference for a in call.applications.all() if a.reference in html}


def test_the_filters_narrow_the_applicants(client, call):
    meetings = list(call.mandate.committee.meetings.all())
    p1, p2, _p3 = call.mandate.profiles.all()
    woman = ApplicationFactory(
        call=call, gender="woman", district="Hellerup", age_band="18_24", profiles=[p1]
    )
    man = ApplicationFactory(call=call, gender="man", district="Vangede", age_band="50_64", profiles=[p2])
    silent = ApplicationFactory(call=call, gender="", district="", age_band="", profiles=[p1, p2])
    woman.available_meetings.set(meetings)
    man.available_meetings.set(meetings[:1])
    client.force_login(politicians(call)[0])
    assert references(client, call, "") == {woman.reference, man.reference, silent.reference}
    assert references(client, call, "?gender=woman") == {woman.reference}
    assert references(client, call, "?gender=unknown") == {silent.reference}
    assert references(client, call, "?district=Vangede") == {man.reference}
    assert references(client, call, "?age_band=18_24") == {woman.reference}
    assert references(client, call, "?availability=all") == {woman.reference}
    assert references(client, call, "?availability=misses") == {man.reference, silent.reference}
    assert references(client, call, f"?profile={p2.pk}") == {man.reference, silent.reference}
    assert references(client, call, f"?profile={p1.pk}&gender=woman") == {woman.reference}


def test_filter_input_that_does_not_fit_is_left_out_not_an_error(client, call, application):
    client.force_login(politicians(call)[0])
    response = client.get(reverse("recruitment:dashboard", args=[call.pk]) + "?profile=banana&gender=robot")
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be used" in html and application.reference in html


def test_the_filter_form_is_labelled_and_works_without_javascript(client, call, application):
    client.force_login(politicians(call)[0])
    html = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    assert 'method="get"' in html
    for name in ("profile", "availability", "district", "gender", "age_band"):
        assert f'<label class="form-label" for="id_{name}">' in html
    assert html.count("<h1") == 1


def test_warnings_name_missed_meetings_and_shared_organisations(client, call, application):
    meetings = list(call.mandate.committee.meetings.all())
    application.available_meetings.set(meetings[:1])
    ApplicationFactory(call=call, organisation="  gentofte   UNGDOMSRÅD ", takes_part_as_individual=True)
    ApplicationFactory(call=call, organisation="Gentofte Ungdomsråd", takes_part_as_individual=True)
    client.force_login(politicians(call)[0])
    html = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    assert "Can't attend 2 meetings" in html
    assert "with 2 other applicants" in html
    detail = client.get(reverse("recruitment:review_application", args=[call.pk, application.reference]))
    assert "Shares an organisation with 2 other applicants" in detail.content.decode()


def test_the_pool_charts_are_accessible_svg_with_a_table_of_the_same_numbers(client, call, application):
    ApplicationFactory(call=call, gender="man", district="Vangede")
    client.force_login(politicians(call)[0])
    html = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    assert html.count('role="img"') == 4
    assert 'aria-label="Applicants by gender: Woman 1 (50 %), Man 1 (50 %)."' in html
    assert "<title>Applicants by gender</title>" in html
    assert "Applicants by gender, as numbers</caption>" in html
    assert "style=" not in html.split("<main", 1)[1]  # the CSP allows no inline style
    assert "css/review.css" in html


def test_the_application_page_shows_everything_the_applicant_gave(client, call, application):
    meetings = list(call.mandate.committee.meetings.all())
    application.available_meetings.set(meetings[1:])
    client.force_login(facilitator(call))
    html = client.get(
        reverse("recruitment:review_application", args=[call.pk, application.reference])
    ).content.decode()
    for text in ("Ida Jensen", "ida@example.dk", "Og meget mere.", "Gentofte Ungdomsråd", "Hellerup", "2820"):
        assert text in html
    assert html.count("<td>Yes</td>") == 2 and "No</strong>" in html
    assert 'name="score"' not in html  # facilitators read, they do not rate


def rate(client, call, application, profile_id, score, note="", **headers):
    url = reverse("recruitment:rate", args=[call.pk, application.reference])
    return client.post(url, {"profile": profile_id, "score": score, "note": note}, **headers)


def test_a_politician_rates_then_changes_the_rating(client, call, application):
    anne = politicians(call)[0]
    profile = application.choices.first().profile_id
    client.force_login(anne)
    response = rate(client, call, application, profile, 3, "Stærk motivation.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#rating-{profile}")
    rate(client, call, application, profile, 5, "Endnu bedre ved samtalen.")
    rating = Rating.objects.get()
    assert (rating.politician, rating.score, rating.note) == (anne, 5, "Endnu bedre ved samtalen.")
    page = client.get(reverse("recruitment:review_application", args=[call.pk, application.reference]))
    html = page.content.decode()
    assert "Your rating is saved." in html
    assert "Mean rating 5.0 from 1 politician." in html
    assert "Endnu bedre ved samtalen." in html
    assert 'value="5" id="score-' in html and "checked" in html


def test_the_mean_and_count_are_shown_but_another_politicians_note_never_is(client, call, application):
    anne, bo = politicians(call)
    profile = application.choices.first().profile
    RatingFactory(
        application=application, profile=profile, politician=anne, score=2, note="Annes hemmelighed"
    )
    RatingFactory(application=application, profile=profile, politician=bo, score=5, note="Bos egen note")
    client.force_login(bo)
    html = client.get(
        reverse("recruitment:review_application", args=[call.pk, application.reference])
    ).content.decode()
    assert "Mean rating 3.5 from 2 politicians." in html
    assert "Bos egen note" in html and "Annes hemmelighed" not in html
    dashboard = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    assert "3.5 (2 ratings)" in dashboard and "Annes hemmelighed" not in dashboard
    client.force_login(facilitator(call))
    html = client.get(
        reverse("recruitment:review_application", args=[call.pk, application.reference])
    ).content.decode()
    assert "Mean rating 3.5 from 2 politicians." in html
    assert "Annes hemmelighed" not in html and "Bos egen note" not in html


def test_rating_with_htmx_returns_the_updated_panel_only(client, call, application):
    profile = application.choices.first().profile_id
    client.force_login(politicians(call)[0])
    response = rate(client, call, application, profile, 4, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<section id="rating-{profile}"')
    assert "Mean rating 4.0 from 1 politician." in html and "Your rating is saved." in html
    assert "<html" not in html


def test_a_rating_out_of_range_or_for_a_profile_not_chosen_is_refused_with_a_message(
    client, call, application
):
    client.force_login(politicians(call)[0])
    profile = application.choices.first().profile_id
    not_chosen = call.mandate.profiles.last().pk
    follow = rate(client, call, application, profile, 9, follow=True)
    assert "Give a score from 1 to 5." in follow.content.decode()
    follow = rate(client, call, application, not_chosen, 3, follow=True)
    assert "The applicant did not apply for that profile." in follow.content.decode()
    assert not Rating.objects.exists()


def test_rating_after_the_selection_is_confirmed_is_refused_with_a_message(client, call, application):
    Call.objects.filter(pk=call.pk).update(state=Call.State.SELECTED)
    client.force_login(politicians(call)[0])
    follow = rate(client, call, application, application.choices.first().profile_id, 4, follow=True)
    html = follow.content.decode()
    assert "Ratings are closed: the selection is confirmed." in html
    assert 'name="score"' not in html
    assert not Rating.objects.exists()


def test_rating_a_get_request_is_not_allowed(client, call, application):
    client.force_login(politicians(call)[0])
    assert client.get(reverse("recruitment:rate", args=[call.pk, application.reference])).status_code == 405


def test_the_csv_export_is_logged_with_its_row_count_and_never_cached(client, call, application):
    ApplicationFactory(call=call, organisation='=HYPERLINK("http://evil")', takes_part_as_individual=True)
    withdrawn = ApplicationFactory(call=call, state="withdrawn")
    RatingFactory(application=application, politician=politicians(call)[0], score=4)
    staff_user = facilitator(call)
    client.force_login(staff_user)
    response = client.get(reverse("recruitment:export", args=[call.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference" and len(rows) == 3
    ida = next(r for r in rows if r[0] == application.reference)
    first, second, _ = call.mandate.profiles.all()
    assert ida[1:4] == ["Ida Jensen", "ida@example.dk", f"{first.title}; {second.title}"]
    assert ida[9] == "0" and ida[10] == f"{first.title}: 4.00 (1)"
    assert withdrawn.reference not in response.content.decode()
    assert any(r[8].startswith("'=HYPERLINK") for r in rows)  # no formula runs in a spreadsheet
    log = ExportLog.objects.get()
    assert (log.call, log.by, log.rows, log.what) == (call, staff_user, 2, "applications.csv")
    client.get(reverse("recruitment:export", args=[call.pk]))
    assert ExportLog.objects.count() == 2


def test_the_dashboard_costs_as_many_queries_for_2000_applications_as_for_20(client, call):
    started = time.monotonic()
    bulk_applications(call, 20)
    client.force_login(politicians(call)[0])
    url = reverse("recruitment:dashboard", args=[call.pk])
    small = queries_for_page(client, url, savepoints=False)
    bulk_applications(call, 1980, start=20)
    assert call.applications.count() == 2000
    large = queries_for_page(client, url, savepoints=False)
    assert large == small <= 12, (small, large)
    html = client.get(url).content.decode()
    assert "Show all" in html  # the unfiltered page shows the best-rated of each profile, not 2,000 rows
    assert time.monotonic() - started < 20
