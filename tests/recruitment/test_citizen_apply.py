"""A citizen applies (signing in on the way, losing nothing), follows, changes and withdraws the
application, and downloads their data; junk gets field errors, never a 500; others' applications 404."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import PrivacyNotice
from mandates.models import Mandate
from notifications.models import Notification
from recruitment.models import Application, ApplicationEvent, Call
from tests.committees.factories import CompetenceProfileFactory, MeetingFactory, TaskCommitteeFactory
from tests.factories import UserFactory
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import ApplicationFactory, CallFactory, call_with_committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return call_with_committee(profiles=3, meetings=3)


def apply_url(call) -> str:
    return reverse("recruitment:apply", args=[call.pk])


def in_english(client) -> None:
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def field_errors(response) -> dict:
    return response.context["form"].errors


# --- Signing in on the way ---------------------------------------------------------------------


def test_an_anonymous_visitor_sees_the_form_with_every_field(client, call):
    response = client.get(apply_url(call))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("choice_1", "choice_3", "motivation", "available_meetings", "tie", "postal_code", "consent"):
        assert f'name="{name}"' in html
    assert html.count("<h1") == 1
    assert reverse("privacy") in html
    notice = PrivacyNotice.objects.current()
    assert f"({notice.version})" in html or f"version {notice.version}" in html


def test_an_anonymous_visitor_who_sends_the_form_is_asked_to_sign_in_and_comes_back_to_it(client, call):
    response = client.post(apply_url(call), answers(call))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={apply_url(call)}"
    assert not Application.objects.exists()


def test_after_signing_in_the_kept_application_is_sent_with_everything_they_typed(client, call, citizen):
    typed = answers(call, organisation="Gentofte Ungeråd", takes_part_as_individual="on")
    client.post(apply_url(call), typed)
    client.force_login(citizen)

    response = client.get(apply_url(call), follow=True)

    application = Application.objects.get(applicant=citizen)
    assert response.redirect_chain[-1][0] == reverse("recruitment:application", args=[application.reference])
    assert application.motivation == typed["motivation"]
    assert sorted(m.pk for m in application.available_meetings.all()) == typed["available_meetings"]
    assert [c.profile_id for c in application.choices.order_by("rank")] == [
        typed["choice_1"],
        typed["choice_2"],
    ]
    assert application.organisation == "Gentofte Ungeråd"
    assert "your application is sent" in response.content.decode().replace(
        "din ansøgning er sendt", "your application is sent"
    )


def test_what_an_anonymous_visitor_typed_is_kept_even_when_it_has_errors(client, call, citizen):
    client.post(apply_url(call), answers(call, motivation="", postal_code="28x0"))
    client.force_login(citizen)
    response = client.get(apply_url(call))
    html = response.content.decode()
    assert 'value="28x0"' in html
    assert "Elevrådsformand." in html


def test_the_signed_in_citizen_sends_the_kept_form_and_the_application_is_complete(client, call, citizen):
    typed = answers(call)
    client.post(apply_url(call), typed)
    client.force_login(citizen)

    response = client.get(apply_url(call))  # the first visit once signed in sends what was kept

    application = Application.objects.get(applicant=citizen)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:application", args=[application.reference])
    assert [c.profile_id for c in application.choices.order_by("rank")] == [
        typed["choice_1"],
        typed["choice_2"],
    ]
    assert sorted(m.pk for m in application.available_meetings.all()) == typed["available_meetings"]
    assert application.privacy_notice == PrivacyNotice.objects.current()
    assert application.consented_at is not None
    assert (application.postal_code, application.phone, application.district) == (
        "2820",
        "+45 12 34 56 78",
        "Hellerup",
    )
    assert Notification.objects.filter(recipient=citizen, kind="application_receipt").count() == 1
    assert list(application.events.values_list("kind", flat=True)) == [ApplicationEvent.Kind.SUBMITTED]
    # The draft is gone: the next visit does not offer to send it again.
    assert f"recruitment:application-draft:{call.pk}" not in client.session
    assert "application_kept_for_sign_in" not in client.session


def test_the_whole_way_through_signing_in_by_an_emailed_code_loses_nothing(client, call, citizen):
    typed = answers(call)
    login_page = client.get(client.post(apply_url(call), typed)["Location"]).content.decode()
    code_link = re.search(r'href="(/accounts/login/code/[^"]*)"', login_page).group(1).replace("&amp;", "&")
    confirm = client.post(code_link, {"email": citizen.email})["Location"]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)

    back = client.post(confirm, {"code": code})

    assert back["Location"] == apply_url(call)
    sent = client.get(back["Location"])
    application = Application.objects.get(applicant=citizen)
    assert sent["Location"] == reverse("recruitment:application", args=[application.reference])
    assert application.motivation == typed["motivation"]


def test_a_signed_in_citizen_applies_directly(client, call, citizen):
    client.force_login(citizen)
    assert client.post(apply_url(call), answers(call)).status_code == 302
    assert Application.objects.filter(call=call, applicant=citizen).count() == 1


# --- Bad input -----------------------------------------------------------------------------------


def test_errors_keep_the_typed_input_and_are_explained_in_danish(client, call, citizen):
    client.force_login(citizen)
    response = client.post(apply_url(call), answers(call, motivation="   ", experience="Spejder i 10 år."))
    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(response)["motivation"] == ["Dette felt er påkrævet."]
    assert 'lang="da"' in html
    assert "Spejder i 10 år." in html
    assert 'role="alert"' in html and 'href="#id_motivation"' in html
    assert 'aria-invalid="true"' in html
    assert not Application.objects.exists()


def test_a_postal_code_outside_the_municipality_without_another_tie_is_refused(client, call, citizen):
    client.force_login(citizen)
    response = client.post(apply_url(call), answers(call, postal_code="8000"))
    assert response.status_code == 200
    assert list(field_errors(response)) == ["postal_code"]
    assert 'value="8000"' in response.content.decode()


def test_someone_with_another_tie_may_apply_from_outside_the_municipality(client, call, citizen):
    client.force_login(citizen)
    response = client.post(
        apply_url(call),
        answers(call, tie="other", postal_code="8000", other_tie="Jeg arbejder på Gentofte Hospital."),
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant=citizen)
    assert (application.tie, application.postal_code) == ("other", "")
    assert application.other_tie == "Jeg arbejder på Gentofte Hospital."


def test_another_tie_must_be_explained(client, call, citizen):
    client.force_login(citizen)
    response = client.post(apply_url(call), answers(call, tie="other", postal_code=""))
    assert list(field_errors(response)) == ["other_tie"]


def test_an_organisation_without_the_acknowledgement_is_refused(client, call, citizen):
    client.force_login(citizen)
    response = client.post(apply_url(call), answers(call, organisation="DGI"))
    assert response.status_code == 200
    assert list(field_errors(response)) == ["takes_part_as_individual"]
    assert 'value="DGI"' in response.content.decode()


def other_mandates_profile(call):
    return CompetenceProfileFactory().pk


def other_committees_meeting(call):
    return MeetingFactory(committee=TaskCommitteeFactory()).pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda call: {"motivation": "x" * 3000}, "motivation"),
        (lambda call: {"experience": "x" * 3000}, "experience"),
        (lambda call: {"choice_1": other_mandates_profile(call)}, "choice_1"),
        (lambda call: {"choice_1": "DROP TABLE"}, "choice_1"),
        (lambda call: {"choice_2": answers(call)["choice_1"]}, "choice_2"),
        (lambda call: {"choice_1": ""}, "choice_1"),
        (lambda call: {"available_meetings": [other_committees_meeting(call)]}, "available_meetings"),
        (lambda call: {"available_meetings": ["first"]}, "available_meetings"),
        (lambda call: {"postal_code": "28a0"}, "postal_code"),
        (lambda call: {"postal_code": "٢٨٢٠"}, "postal_code"),  # Arabic-Indic digits are not four digits
        (lambda call: {"postal_code": "28200"}, "postal_code"),
        (lambda call: {"postal_code": ""}, "postal_code"),
        (lambda call: {"tie": "neighbour"}, "tie"),
        (lambda call: {"tie": None}, "tie"),
        (lambda call: {"other_tie": "x" * 301, "tie": "other"}, "other_tie"),
        (lambda call: {"organisation": "x" * 201, "takes_part_as_individual": "on"}, "organisation"),
        (lambda call: {"gender": "robot"}, "gender"),
        (lambda call: {"age_band": "200"}, "age_band"),
        (lambda call: {"district": "Aarhus C"}, "district"),
        (lambda call: {"phone": "ring mig"}, "phone"),
        (lambda call: {"phone": "12+34"}, "phone"),
        (lambda call: {"phone": "1" * 31}, "phone"),
        (lambda call: {"consent": None}, "consent"),
    ],
)
def test_junk_gets_a_field_error_and_never_a_server_error(client, call, citizen, change, field):
    client.force_login(citizen)
    response = client.post(apply_url(call), answers(call, **change(call)))
    assert response.status_code == 200
    assert field in field_errors(response)
    assert not Application.objects.exists()


def test_whitespace_is_tidied_and_line_breaks_are_kept(client, call, citizen):
    client.force_login(citizen)
    client.post(
        apply_url(call),
        answers(
            call,
            motivation="  Første linje.\r\nAnden linje.  ",
            organisation="  Ungdoms   skolen ",
            takes_part_as_individual="on",
        ),
    )
    application = Application.objects.get(applicant=citizen)
    assert application.motivation == "Første linje.\nAnden linje."
    assert application.organisation == "Ungdoms skolen"


def test_a_motivation_of_the_maximum_length_with_windows_line_breaks_is_accepted(client, call, citizen):
    client.force_login(citizen)
    motivation = ("x" * 99 + "\r\n") * 20  # 2,000 characters as the browser counts them
    assert client.post(apply_url(call), answers(call, motivation=motivation)).status_code == 302


def test_a_privacy_notice_published_while_filling_in_asks_for_consent_again(client, call, citizen):
    client.force_login(citizen)
    shown = PrivacyNotice.objects.current().version
    PrivacyNotice.objects.create(version="99", body_da="Ny tekst.", published_at=timezone.now())

    response = client.post(apply_url(call), answers(call, notice_version=shown))

    assert list(field_errors(response)) == ["consent"]
    assert response.context["form"]["notice_version"].value() == "99"
    assert client.post(apply_url(call), answers(call, notice_version="99")).status_code == 302
    assert Application.objects.get(applicant=citizen).privacy_notice.version == "99"


# --- One application per call; open and closed calls -------------------------------------------


def test_a_second_application_to_the_same_call_leads_to_the_first(client, call, citizen):
    first = ApplicationFactory(call=call, applicant=citizen)
    client.force_login(citizen)
    for response in (client.get(apply_url(call)), client.post(apply_url(call), answers(call))):
        assert response.status_code == 302
        assert response["Location"] == reverse("recruitment:application", args=[first.reference])
    assert Application.objects.filter(applicant=citizen).count() == 1


def test_after_the_deadline_the_apply_page_is_a_friendly_closed_page_without_a_form(client, call, citizen):
    with time_machine.travel(call.deadline + timedelta(minutes=1)):
        client.force_login(citizen)  # in the future, so the session has not run out
        get = client.get(apply_url(call))
        post = client.post(apply_url(call), answers(call))
    for response in (get, post):
        assert response.status_code == 200
        assert "form" not in response.context
        assert call.mandate.get_absolute_url() in response.content.decode()
    assert not Application.objects.exists()


def test_a_closed_call_shows_the_closed_page(client):
    call = call_with_committee(state=Call.State.CLOSED)
    response = client.get(apply_url(call))
    assert response.status_code == 200
    assert "form" not in response.context


@pytest.mark.parametrize(
    "make",
    [
        lambda: CallFactory(state=Call.State.PLANNED),
        lambda: CallFactory(mandate=TaskCommitteeFactory(mandate__state=Mandate.State.DRAFT).mandate),
    ],
    ids=["planned call", "draft mandate"],
)
def test_a_call_not_yet_public_does_not_exist(client, make):
    assert client.get(apply_url(make())).status_code == 404


# --- Following, changing, withdrawing ------------------------------------------------------------


@pytest.fixture
def application(call, citizen):
    profiles = list(call.mandate.profiles.all())
    return ApplicationFactory(call=call, applicant=citizen, profiles=[profiles[2], profiles[0]])


def test_my_applications_lists_each_with_committee_status_and_deadline(client, citizen, application):
    client.force_login(citizen)
    in_english(client)
    html = client.get(reverse("recruitment:my_applications")).content.decode()
    assert application.call.mandate.title in html
    assert "Submitted" in html
    assert reverse("recruitment:application", args=[application.reference]) in html


def test_my_applications_says_so_when_there_are_none(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("recruitment:my_applications"))
    assert response.status_code == 200
    assert not response.context["applications"]


def test_my_applications_needs_no_more_queries_for_more_applications(
    client, citizen, django_assert_max_num_queries
):
    for _ in range(15):
        ApplicationFactory(applicant=citizen, call=call_with_committee(profiles=1, meetings=1, politicians=0))
    client.force_login(citizen)
    # Session, user, user sessions and groups take about ten; the list itself is one query.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("recruitment:my_applications")).status_code == 200


def test_the_application_page_shows_the_answers_profiles_in_order_and_the_timeline(
    client, citizen, application
):
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.SUBMITTED)
    client.force_login(citizen)
    in_english(client)
    response = client.get(reverse("recruitment:application", args=[application.reference]))
    html = response.content.decode()
    titles = [c.profile.title for c in application.choices.order_by("rank")]
    assert html.index(titles[0]) < html.index(titles[1])
    assert application.motivation in html
    assert "Application submitted" in html
    assert reverse("recruitment:application_edit", args=[application.reference]) in html
    assert reverse("recruitment:application_withdraw", args=[application.reference]) in html


def test_the_citizen_changes_the_application_before_the_deadline(client, call, citizen, application):
    client.force_login(citizen)
    form = client.get(reverse("recruitment:application_edit", args=[application.reference])).context["form"]
    assert form.initial["motivation"] == application.motivation
    assert form.initial["choice_1"] == application.choices.get(rank=1).profile_id

    response = client.post(
        reverse("recruitment:application_edit", args=[application.reference]),
        answers(call, motivation="Nu ved jeg mere."),
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.motivation == "Nu ved jeg mere."
    assert application.events.filter(kind=ApplicationEvent.Kind.UPDATED).exists()


def test_changing_with_junk_keeps_the_old_application(client, call, citizen, application):
    client.force_login(citizen)
    response = client.post(
        reverse("recruitment:application_edit", args=[application.reference]),
        answers(call, postal_code="abcd"),
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.postal_code == "2820"


def test_after_the_deadline_the_application_cannot_be_changed(client, call, citizen, application):
    url = reverse("recruitment:application_edit", args=[application.reference])
    with time_machine.travel(call.deadline + timedelta(seconds=1)):
        client.force_login(citizen)
        for response in (client.get(url), client.post(url, answers(call, motivation="For sent."))):
            assert response.status_code == 200
            assert "form" not in response.context
        detail = client.get(reverse("recruitment:application", args=[application.reference]))
    assert url not in detail.content.decode()
    application.refresh_from_db()
    assert application.motivation != "For sent."


def test_the_citizen_withdraws_after_confirming(client, citizen, application):
    client.force_login(citizen)
    url = reverse("recruitment:application_withdraw", args=[application.reference])

    assert client.get(url).status_code == 200
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED

    response = client.post(url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN
    assert application.events.filter(kind=ApplicationEvent.Kind.WITHDRAWN, by=citizen).exists()
    # Withdrawn is final: no second withdrawal, no change, no new application.
    assert client.post(url).status_code == 302
    assert application.events.filter(kind=ApplicationEvent.Kind.WITHDRAWN).count() == 1


@pytest.mark.parametrize("name", ["application", "application_edit", "application_withdraw"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_citizens_application_does_not_exist_for_them(client, application, name, method):
    client.force_login(UserFactory())
    response = getattr(client, method)(reverse(f"recruitment:{name}", args=[application.reference]))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED


@pytest.mark.parametrize("name", ["my_applications", "my_data"])
def test_personal_pages_ask_an_anonymous_visitor_to_sign_in(client, name):
    response = client.get(reverse(f"recruitment:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_data_is_a_json_download_with_the_application_that_no_one_keeps_a_copy_of(
    client, citizen, application
):
    client.force_login(citizen)
    response = client.get(reverse("recruitment:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert [a["reference"] for a in data["applications"]] == [application.reference]
    assert data["applications"][0]["motivation"] == application.motivation


# --- Languages and the menu ----------------------------------------------------------------------


def test_the_form_works_in_english(client, call, citizen):
    client.force_login(citizen)
    in_english(client)
    response = client.post(apply_url(call), answers(call, motivation=""))
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "This field is required." in html
    assert "I live in one of the postal codes 2820, 2900, 2920, 2930" in html
    assert "Optional: used only to give the committee a varied composition" in html


def test_the_account_menu_links_to_my_applications(client, citizen):
    client.force_login(citizen)
    assert reverse("recruitment:my_applications") in client.get(reverse("privacy")).content.decode()
