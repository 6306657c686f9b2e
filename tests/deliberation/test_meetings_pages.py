"""Members' pages: my committees, a meeting (and the facilitators' forms on it), the personal calendar
feed. Meetings are not public: outsiders get 404; members who may not manage get 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts import roles
from committees.meetings import calendar_feed_for
from committees.models import Meeting, Membership
from notifications.models import Notification
from tests.committees.factories import MandateDocumentFactory, MeetingFactory, MembershipFactory
from tests.deliberation.meeting_factories import (
    MeetingRecordFactory,
    committee_at_work,
    evening,
)
from tests.factories import UserFactory
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def cast():
    cast = committee_at_work(meetings=3, first_in_days=5)
    held = MeetingFactory(
        committee=cast.committee,
        number=10,
        starts_at=evening(-10),
        ends_at=evening(-10, hour=20),
        state=Meeting.State.HELD,
    )
    MeetingRecordFactory(meeting=held, summary="Offentliggjort referat.", summary_published_at=timezone.now())
    unpublished = MeetingFactory(
        committee=cast.committee,
        number=11,
        starts_at=evening(-3),
        ends_at=evening(-3, hour=20),
        state=Meeting.State.HELD,
    )
    MeetingRecordFactory(meeting=unpublished, summary="Kladde til referat.")
    return cast


@pytest.fixture
def other():
    """Another committee, with its own politician and citizen."""
    return committee_at_work(meetings=2, name="Klima i hverdagen", first_in_days=6)


def meeting_url(meeting) -> str:
    return reverse("deliberation:meeting", args=[meeting.committee.mandate.slug, meeting.number])


def publish_agenda(meeting, text="1. Velkomst\n2. Ungepanelets forslag") -> None:
    Meeting.objects.filter(pk=meeting.pk).update(agenda=text, agenda_published_at=timezone.now())


# --- my committees -----------------------------------------------------------------------------


def test_a_member_sees_their_committee_next_meeting_agenda_and_published_summaries(client, cast, other):
    publish_agenda(cast.meetings[0])
    MandateDocumentFactory(mandate=cast.committee.mandate, title="Intern baggrund", public=False)
    client.force_login(cast.citizen)
    response = client.get(reverse("deliberation:my_committees"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Ny ungepolitik" in page
    assert "Klima i hverdagen" not in page
    assert "Rådhuset, mødesal 1" in page
    assert "Ungepanelets forslag" in page
    assert "Offentliggjort referat." in page
    assert "Kladde til referat." not in page
    assert "Interne noter" not in page
    assert "Intern baggrund" in page
    assert meeting_url(cast.meetings[0]) in page
    assert f'href="{reverse("deliberation:my_committees")}"' in page  # the account menu's link


def test_an_unpublished_agenda_is_not_shown(client, cast):
    Meeting.objects.filter(pk=cast.meetings[0].pk).update(agenda="Hemmelig dagsorden")
    client.force_login(cast.citizen)
    page = client.get(reverse("deliberation:my_committees")).content.decode()
    assert "Hemmelig dagsorden" not in page
    assert "The agenda has not been published yet." in page


def test_my_committees_needs_sign_in(client):
    response = client.get(reverse("deliberation:my_committees"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_members_can_download_the_mandates_documents_and_outsiders_cannot(client, cast, other):
    document = MandateDocumentFactory(mandate=cast.committee.mandate, public=False)
    url = reverse("deliberation:member_document", args=[cast.committee.mandate.slug, document.pk])
    client.force_login(cast.citizen)
    assert client.get(url).status_code == 200
    client.force_login(other.citizen)
    assert client.get(url).status_code == 404


def test_my_committees_costs_the_same_queries_however_many_meetings(client, cast):
    client.force_login(cast.citizen)
    url = reverse("deliberation:my_committees")
    few = queries_for_page(client, url)
    for n in range(20, 35):
        meeting = MeetingFactory(
            committee=cast.committee, number=n, starts_at=evening(-40 + n), ends_at=evening(-40 + n, hour=20)
        )
        MeetingRecordFactory(meeting=meeting, summary_published_at=timezone.now())
    MandateDocumentFactory.create_batch(3, mandate=cast.committee.mandate)
    second = committee_at_work(meetings=5, name="Anden komité")
    MembershipFactory(committee=second.committee, citizen=True, user=cast.citizen)
    many = queries_for_page(client, url)
    assert many == few


# --- one meeting -------------------------------------------------------------------------------


def test_a_member_sees_the_meeting_with_its_agenda_and_published_summary(client, cast):
    held = Meeting.objects.get(committee=cast.committee, number=10)
    publish_agenda(held, "Punkt 1: Ungdomsrådet")
    client.force_login(cast.politician)
    response = client.get(meeting_url(held))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Punkt 1: Ungdomsrådet" in page
    assert "Offentliggjort referat." in page
    assert "Interne noter" not in page
    assert 'name="action"' not in page  # no management forms for members


@pytest.mark.parametrize("who", ["facilitator", "citizen"])
def test_members_reach_the_record_and_the_deliverable_by_links_not_by_typing_addresses(client, cast, who):
    # Found by the browser journey: the record and the deliverable were linked from nowhere.
    meeting = cast.meetings[0]
    slug = cast.committee.mandate.slug
    client.force_login(getattr(cast, who))
    record_url = reverse("deliberation:record", args=[slug, meeting.number])
    deliverable_url = reverse("deliberation:deliverable", args=[slug])
    assert f'href="{record_url}"' in client.get(meeting_url(meeting)).content.decode()
    assert f'href="{deliverable_url}"' in client.get(reverse("deliberation:my_committees")).content.decode()
    assert client.get(record_url).status_code == 200
    assert client.get(deliverable_url).status_code == 200


def test_an_unpublished_summary_is_not_on_the_meeting_page(client, cast):
    client.force_login(cast.citizen)
    page = client.get(meeting_url(Meeting.objects.get(committee=cast.committee, number=11))).content.decode()
    assert "Kladde til referat." not in page


def outsiders(other):
    return {
        "other citizen": UserFactory(),
        "citizen of another committee": other.citizen,
        "politician of another committee": other.politician,
        "facilitator of another committee": other.facilitator,
        "former member": None,
    }


@pytest.mark.parametrize(
    "who",
    [
        "other citizen",
        "citizen of another committee",
        "politician of another committee",
        "facilitator of another committee",
        "former member",
    ],
)
def test_outsiders_get_404_on_the_meeting_page_and_its_forms(client, cast, other, who):
    person = outsiders(other)[who]
    if person is None:
        person = MembershipFactory(committee=cast.committee, citizen=True, left_on=timezone.localdate()).user
    client.force_login(person)
    url = meeting_url(cast.meetings[0])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "cancel", "cancel-confirm": "on"}).status_code == 404
    assert Meeting.objects.get(pk=cast.meetings[0].pk).state == Meeting.State.PLANNED


def test_an_unknown_meeting_is_404(client, cast):
    client.force_login(cast.facilitator)
    assert (
        client.get(reverse("deliberation:meeting", args=[cast.committee.mandate.slug, 99])).status_code == 404
    )


@pytest.mark.parametrize("role", ["citizen", "politician"])
@pytest.mark.parametrize(
    "data",
    [
        {"action": "cancel", "cancel-confirm": "on"},
        {"action": "agenda", "agenda-agenda": "1. Velkomst"},
        {
            "action": "reschedule",
            "reschedule-day": "2027-01-10",
            "reschedule-starts": "17:00",
            "reschedule-ends": "19:00",
        },
    ],
)
def test_members_who_do_not_facilitate_get_403_when_they_try_to_manage(client, cast, role, data):
    client.force_login(getattr(cast, role))
    assert client.post(meeting_url(cast.meetings[0]), data).status_code == 403
    meeting = Meeting.objects.get(pk=cast.meetings[0].pk)
    assert (meeting.state, meeting.sequence, meeting.agenda_published_at) == (Meeting.State.PLANNED, 0, None)
    assert not Notification.objects.exists()


def test_a_facilitator_sees_the_forms_and_moves_the_meeting(client, cast):
    client.force_login(cast.facilitator)
    url = meeting_url(cast.meetings[0])
    page = client.get(url).content.decode()
    assert 'for="id_reschedule-day"' in page and 'for="id_agenda-agenda"' in page
    day = timezone.localdate() + timedelta(days=9)
    response = client.post(
        url,
        {
            "action": "reschedule",
            "reschedule-day": day.isoformat(),
            "reschedule-starts": "16:30",
            "reschedule-ends": "18:30",
            "reschedule-place": "Ungdomsskolen",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=cast.meetings[0].pk)
    assert timezone.localtime(meeting.starts_at).date() == day
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "16:30"
    assert meeting.place == "Ungdomsskolen"
    assert meeting.sequence == 1
    assert Notification.objects.filter(kind="meeting_moved").count() == 3


def test_staff_publish_the_agenda_and_members_then_see_it(client, cast, staff):
    client.force_login(staff)
    url = meeting_url(cast.meetings[0])
    response = client.post(url, {"action": "agenda", "agenda-agenda": "1. Velkomst\n2. Budget"})
    assert response.status_code == 302
    assert Notification.objects.filter(kind="agenda_published").count() == 3
    client.force_login(cast.citizen)
    assert "2. Budget" in client.get(url).content.decode()


def test_a_facilitator_cancels_the_meeting(client, cast):
    client.force_login(cast.facilitator)
    url = meeting_url(cast.meetings[0])
    response = client.post(url, {"action": "cancel", "cancel-reason": "Sygdom", "cancel-confirm": "on"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=cast.meetings[0].pk).state == Meeting.State.CANCELLED
    assert Notification.objects.filter(kind="meeting_cancelled").count() == 3
    again = client.post(url, {"action": "cancel", "cancel-confirm": "on"})
    assert again.status_code == 400
    assert "Only a planned meeting can be changed." in again.content.decode()


@pytest.mark.parametrize(
    "day, starts, ends, field",
    [
        ("31-31-2026", "17:00", "19:00", "day"),
        ("not a date", "17:00", "19:00", "day"),
        ("2027-01-10", "25:99", "19:00", "starts"),
        ("2027-01-10", "19:00", "17:00", "ends"),
        ("2099-01-10", "17:00", "19:00", "day"),  # outside the mandate's time frame
        ("2020-01-10", "17:00", "19:00", "day"),  # in the past
        ("99999-01-10", "17:00", "19:00", "day"),
    ],
)
def test_junk_dates_give_a_form_error_and_keep_what_was_typed(client, cast, day, starts, ends, field):
    client.force_login(cast.facilitator)
    response = client.post(
        meeting_url(cast.meetings[0]),
        {"action": "reschedule", "reschedule-day": day, "reschedule-starts": starts, "reschedule-ends": ends},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'href="#id_reschedule-{field}"' in page
    assert f'value="{day}"' in page
    assert 'aria-invalid="true"' in page or "is-invalid" in page
    assert Meeting.objects.get(pk=cast.meetings[0].pk).sequence == 0


def test_an_empty_agenda_and_a_missing_confirmation_are_form_errors(client, cast):
    client.force_login(cast.facilitator)
    url = meeting_url(cast.meetings[0])
    assert (
        'href="#id_agenda-agenda"'
        in client.post(url, {"action": "agenda", "agenda-agenda": " "}).content.decode()
    )
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 400
    assert 'href="#id_cancel-confirm"' in response.content.decode()
    assert client.post(url, {"action": "nonsense"}).status_code == 400


def test_get_never_changes_anything(client, cast):
    client.force_login(cast.facilitator)
    client.get(meeting_url(cast.meetings[0]), {"action": "cancel", "cancel-confirm": "on"})
    assert Meeting.objects.get(pk=cast.meetings[0].pk).state == Meeting.State.PLANNED


# --- the calendar feed -------------------------------------------------------------------------


def feed_events(client, token):
    response = client.get(reverse("deliberation:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_has_the_users_meetings_only_with_status_sequence_and_the_right_instant(client, cast, other):
    Meeting.objects.filter(pk=cast.meetings[1].pk).update(state=Meeting.State.CANCELLED, sequence=2)
    feed = calendar_feed_for(user=cast.citizen)
    client.logout()  # calendar apps have no session: the token is the key
    events = feed_events(client, feed.token)
    by_uid = {str(e["UID"]).split("@")[0]: e for e in events}
    assert set(by_uid) == {f"meeting-{m.pk}" for m in cast.committee.meetings.all()}
    first, cancelled = by_uid[f"meeting-{cast.meetings[0].pk}"], by_uid[f"meeting-{cast.meetings[1].pk}"]
    assert first.decoded("DTSTART") == cast.meetings[0].starts_at
    assert first.decoded("DTSTART").utcoffset() == cast.meetings[0].starts_at.utcoffset()
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2
    assert "Hemmelig" not in str(events)


def test_a_revoked_or_unknown_feed_address_is_404(client, cast):
    old = calendar_feed_for(user=cast.citizen).token
    client.force_login(cast.citizen)
    settings_page = client.get(reverse("deliberation:calendar_settings"))
    assert old in settings_page.content.decode()
    assert client.post(reverse("deliberation:calendar_revoke")).status_code == 302
    new = calendar_feed_for(user=cast.citizen).token
    assert new != old
    assert client.get(reverse("deliberation:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("deliberation:calendar_feed", args=["nonsense"])).status_code == 404
    assert client.get(reverse("deliberation:calendar_feed", args=[new])).status_code == 200


def test_revoking_needs_a_post(client, cast):
    old = calendar_feed_for(user=cast.citizen).token
    client.force_login(cast.citizen)
    assert client.get(reverse("deliberation:calendar_revoke")).status_code == 405
    assert calendar_feed_for(user=cast.citizen).token == old


def test_the_feed_costs_the_same_queries_however_many_meetings(client, cast):
    token = calendar_feed_for(user=cast.citizen).token
    url = reverse("deliberation:calendar_feed", args=[token])
    few = queries_for_page(client, url)
    for n in range(20, 40):
        MeetingFactory(committee=cast.committee, number=n, starts_at=evening(n), ends_at=evening(n, hour=20))
    second = committee_at_work(meetings=5, name="Anden komité")
    MembershipFactory(committee=second.committee, role=Membership.Role.POLITICIAN, user=cast.citizen)
    many = queries_for_page(client, url)
    assert many == few
    assert len(Calendar.from_ical(client.get(url).content).walk("VEVENT")) == 5 + 20 + 5


def test_staff_who_are_not_members_see_meetings_but_have_no_committees_of_their_own(client, cast, staff):
    assert roles.is_council_staff(staff)
    client.force_login(staff)
    assert client.get(meeting_url(cast.meetings[0])).status_code == 200
    assert (
        "You are not a member of a task committee."
        in client.get(reverse("deliberation:my_committees")).content.decode()
    )
