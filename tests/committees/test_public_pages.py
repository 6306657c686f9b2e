"""The committee page and the mandate's print view: what the public may read, and nothing more."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committees.models import Meeting, Membership
from mandates.models import Mandate, PoliticalBody
from tests.committees.factories import (
    CompetenceProfileFactory,
    MandateDocumentFactory,
    MandateFactory,
    MandateTaskFactory,
    MandateTransitionFactory,
    MeetingFactory,
    MembershipFactory,
    PoliticalBodyFactory,
    ReceivingBodyFactory,
    TaskCommitteeFactory,
    committee_with_everything,
)
from tests.factories import UserFactory
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


def page(client, mandate, name: str = "portal:committee") -> str:
    response = client.get(reverse(name, args=[mandate.slug]))
    assert response.status_code == 200
    return response.content.decode()


def in_english(client) -> None:
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def copenhagen(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def youth_policy():
    """The seed case, with one of everything the committee page shows."""
    council = PoliticalBodyFactory(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL)
    committee = TaskCommitteeFactory(
        name="Opgaveudvalget for ny ungepolitik",
        mandate__title="Ny ungepolitik",
        mandate__slug="ny-ungepolitik",
        mandate__state=Mandate.State.ACTIVE,
        mandate__problem="Unge i kommunen mistrives, og ungepolitikken er skrevet af voksne.",
        mandate__background="Trivselsmålingen fra 2025 viser et fald.",
        mandate__existing_policies="Børne- og ungepolitikken fra 2018.",
        mandate__delivery_kind=Mandate.DeliveryKind.POLICY_PROPOSAL,
        mandate__expected_delivery="Et udkast til en ungepolitik med handlinger.",
        mandate__starts_on=date(2026, 1, 1),
        mandate__ends_on=date(2026, 10, 31),
        mandate__politicians_target=5,
        mandate__citizens_target=11,
        mandate__administrators_target=3,
        mandate__min_gender_share=40,
        mandate__max_per_organisation=1,
        mandate__max_per_district=2,
        mandate__adopted_by=council,
        mandate__adopted_on=date(2025, 12, 10),
    )
    mandate = committee.mandate
    MandateTaskFactory(mandate=mandate, text="Udvalget skal foreslå en vision.", order=2)
    MandateTaskFactory(mandate=mandate, text="Udvalget skal beskrive de unges behov.", order=1)
    ReceivingBodyFactory(mandate=mandate, body__name="Børne- og Skoleudvalget", order=1)
    ReceivingBodyFactory(mandate=mandate, body=council, order=2)
    pupil = CompetenceProfileFactory(mandate=mandate, title="En elev i udskolingen", seats=2, order=1)
    CompetenceProfileFactory(mandate=mandate, title="En forælder til en ung", seats=3, order=2)
    MeetingFactory(
        committee=committee,
        number=1,
        starts_at=copenhagen(2026, 3, 12, 17),
        ends_at=copenhagen(2026, 3, 12, 20),
        place="Rådhuset, mødesal 1",
        agenda="Hemmelig dagsorden for medlemmer",
        state=Meeting.State.HELD,
    )
    MeetingFactory(
        committee=committee,
        number=2,
        starts_at=copenhagen(2026, 4, 16, 17),
        ends_at=copenhagen(2026, 4, 16, 20),
        place="Ungdomsskolen",
        state=Meeting.State.CANCELLED,
    )
    MembershipFactory(committee=committee, user__full_name="Anne Holm", position=Membership.Position.CHAIR)
    MembershipFactory(committee=committee, user__full_name="Bo Berg", position=Membership.Position.VICE_CHAIR)
    MembershipFactory(committee=committee, user__full_name="Frida Madsen", facilitator=True)
    MembershipFactory(
        committee=committee,
        citizen=True,
        profile=pupil,
        user__full_name="Ida Jensen",
        show_name_publicly=True,
    )
    MembershipFactory(
        committee=committee,
        citizen=True,
        profile=pupil,
        user__full_name="Hemmelige Hans",
        user__email="hans@example.dk",
        show_name_publicly=False,
    )
    MembershipFactory(
        committee=committee,
        citizen=True,
        profile=pupil,
        user__full_name="Tidligere Tove",
        show_name_publicly=True,
        joined_on=date(2026, 1, 1),
        left_on=date(2026, 2, 1),
    )
    MandateTransitionFactory(
        mandate=mandate, from_state="draft", to_state="adopted", at=copenhagen(2025, 12, 10, 12)
    )
    MandateTransitionFactory(
        mandate=mandate,
        from_state="adopted",
        to_state="recruiting",
        note="Opslaget er offentliggjort.",
        at=copenhagen(2026, 1, 5, 9),
    )
    # A move into draft would not happen in the lifecycle; if one ever exists, it stays hidden.
    MandateTransitionFactory(
        mandate=mandate,
        from_state="adopted",
        to_state="draft",
        note="Intern rettelse",
        at=copenhagen(2025, 12, 11),
    )
    MandateDocumentFactory(mandate=mandate, title="Kommissorium (vedtaget)")
    MandateDocumentFactory(mandate=mandate, title="Internt notat", public=False)
    return mandate


@pytest.mark.parametrize("name", ["portal:committee", "committees:print", "committees:calendar"])
def test_a_draft_is_not_found_on_any_public_page(client, name):
    draft = TaskCommitteeFactory(mandate__state=Mandate.State.DRAFT).mandate
    assert client.get(reverse(name, args=[draft.slug])).status_code == 404


def test_a_document_of_a_draft_is_not_found_even_when_marked_public(client):
    draft = MandateFactory(state=Mandate.State.DRAFT)
    document = MandateDocumentFactory(mandate=draft, public=True)
    url = reverse("committees:document", args=[draft.slug, document.pk])
    assert client.get(url).status_code == 404


def test_an_unknown_committee_is_not_found(client):
    assert client.get(reverse("portal:committee", args=["findes-ikke"])).status_code == 404


def test_the_committee_page_shows_the_mandate_in_full(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    for text in [
        "Ny ungepolitik",
        "Unge i kommunen mistrives",
        "Trivselsmålingen fra 2025",
        "Børne- og ungepolitikken fra 2018",
        "Policy proposal",
        "Et udkast til en ungepolitik med handlinger.",
        "Jan. 1, 2026 to Oct. 31, 2026",
        "Each gender makes up at least 40 % of the citizens.",
        "At most 1 member from the same organisation.",
        "At most 2 members from the same district.",
        "Adopted by Kommunalbestyrelsen on Dec. 10, 2025",
        "Active",
    ]:
        assert text in html, text
    tasks = re.search(r'<ol class="mandate-tasks"[^>]*>(.*?)</ol>', html, re.S).group(1)
    assert tasks.index("beskrive de unges behov") < tasks.index("foreslå en vision")
    composition = re.search(r'id="composition-heading".*?</dl>', html, re.S).group(0)
    assert re.search(r"<dt>Citizens</dt><dd>11</dd>", composition)


def test_the_committee_page_lists_the_competence_profiles_with_their_seats(client, youth_policy):
    html = page(client, youth_policy)
    seats = r'.*?<td class="text-end"[^>]*>{}</td>'
    assert re.search(r'<th scope="row">En elev i udskolingen</th>' + seats.format(2), html, re.S)
    assert re.search(r'<th scope="row">En forælder til en ung</th>' + seats.format(3), html, re.S)


def test_the_committee_page_shows_the_meeting_plan_but_never_an_agenda(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    assert "Rådhuset, mødesal 1" in html and "Ungdomsskolen" in html
    assert "March 12, 2026" in html and "5 p.m." in html and "8 p.m." in html
    assert "Cancelled" in html and "Held" in html
    assert "Hemmelig dagsorden" not in html


def test_politicians_and_facilitators_are_named_with_role_and_position(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    members = re.search(r'id="members-heading".*?</section>', html, re.S).group(0)
    assert re.search(r"Anne Holm</th>\s*<td[^>]*>Politician</td>\s*<td[^>]*>Chair</td>", members)
    assert re.search(r"Bo Berg</th>\s*<td[^>]*>Politician</td>\s*<td[^>]*>Vice-chair</td>", members)
    assert re.search(r"Frida Madsen</th>\s*<td[^>]*>Facilitator</td>", members)
    # The chair comes first, then the vice-chair.
    assert members.index("Anne Holm") < members.index("Bo Berg") < members.index("Frida Madsen")


def test_a_citizen_who_agreed_is_named_and_one_who_did_not_is_only_counted(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    assert re.search(r"Ida Jensen</th>\s*<td[^>]*>Citizen</td>", html)
    assert "Hemmelige Hans" not in html and "hans@example.dk" not in html
    assert "In addition, 1 citizen who has not chosen to be named here." in html


def test_a_citizen_who_left_the_committee_is_neither_named_nor_counted(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    assert "Tidligere Tove" not in html
    assert "In addition, 1 citizen " in html


def test_without_named_members_the_page_gives_only_the_number_of_citizens(client):
    committee = TaskCommitteeFactory()
    MembershipFactory.create_batch(3, committee=committee, citizen=True, show_name_publicly=False)
    in_english(client)
    html = page(client, committee.mandate)
    assert "3 citizens, who have not chosen to be named here." in html
    assert "Members of the committee" not in html


def test_no_email_address_is_shown_for_a_member_without_a_name(client):
    committee = TaskCommitteeFactory()
    MembershipFactory(committee=committee, user__full_name="", user__email="navnlos@example.dk")
    MembershipFactory(
        committee=committee,
        citizen=True,
        user__full_name="",
        user__email="anonym@example.dk",
        show_name_publicly=True,
    )
    html = page(client, committee.mandate)
    assert "navnlos@example.dk" not in html and "anonym@example.dk" not in html


def test_public_documents_are_linked_and_others_are_not(client, youth_policy):
    html = page(client, youth_policy)
    assert "Kommissorium (vedtaget)" in html
    assert "Internt notat" not in html


def test_a_public_document_downloads_as_a_pdf_named_after_its_title(client, youth_policy):
    document = youth_policy.documents.get(public=True)
    response = client.get(reverse("committees:document", args=[youth_policy.slug, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kommissorium-vedtaget.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_danish_title_gives_a_readable_ascii_file_name(client):
    document = MandateDocumentFactory(title='Bilag: "Trivsel" blandt unge i Gentofte, Ærø & Ålborg/../')
    response = client.get(reverse("committees:document", args=[document.mandate.slug, document.pk]))
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="bilag-trivsel-blandt-unge-i-gentofte-aeroe-aalborg.pdf"'


def test_a_document_that_is_not_public_is_not_found(client, youth_policy):
    document = youth_policy.documents.get(public=False)
    url = reverse("committees:document", args=[youth_policy.slug, document.pk])
    assert client.get(url).status_code == 404


def test_a_document_is_not_found_under_another_committees_address(client, youth_policy):
    other = MandateFactory()
    document = youth_policy.documents.get(public=True)
    assert client.get(reverse("committees:document", args=[other.slug, document.pk])).status_code == 404


def test_the_history_shows_the_public_moves_with_dates_and_notes_but_none_into_draft(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    history = re.search(r'id="history-heading".*?</section>', html, re.S).group(0)
    assert "Dec. 10, 2025" in history and "Jan. 5, 2026" in history
    assert "Recruiting" in history and "Opslaget er offentliggjort." in history
    assert "Intern rettelse" not in history and "Dec. 11, 2025" not in history


def test_the_route_of_the_delivery_is_shown_in_order(client, youth_policy):
    html = page(client, youth_policy)
    route = re.search(r'<ol class="mandate-route">(.*?)</ol>', html, re.S).group(1)
    assert route.index("Børne- og Skoleudvalget") < route.index("Kommunalbestyrelsen")


def test_an_old_mandate_without_a_committee_row_still_has_a_page_without_meetings_or_members(client):
    mandate = MandateFactory(state=Mandate.State.CLOSED)
    in_english(client)
    html = page(client, mandate)
    assert "No meetings have been planned yet." in html
    assert "The members have not been found yet." in html
    assert client.get(reverse("committees:calendar", args=[mandate.slug])).status_code == 200


def test_the_committee_page_has_open_graph_tags(client, youth_policy, settings):
    settings.SITE_URL = "https://deltag.gentofte.dk"
    youth_policy.problem = "Unge mistrives. " * 30
    youth_policy.save()
    html = page(client, youth_policy)
    assert '<meta property="og:title" content="Ny ungepolitik">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:url" content="https://deltag.gentofte.dk/committees/ny-ungepolitik/">' in html
    description = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
    assert description.startswith("Unge mistrives. Unge mistrives.")
    assert 150 < len(description) <= 200


def test_the_committee_page_is_danish_by_default_with_danish_dates(client, youth_policy):
    html = page(client, youth_policy)
    assert '<html lang="da">' in html
    assert "12. marts 2026" in html


def test_the_committee_page_reads_in_english_when_chosen(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy)
    assert '<html lang="en">' in html
    for heading in ["The problem", "Competence profiles", "Meeting plan", "Members", "History", "Documents"]:
        assert f">{heading}</h2>" in html, heading
    assert "March 12, 2026" in html


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize("name", ["portal:committee", "committees:print"])
def test_the_pages_have_one_h1_headings_in_order_and_tables_with_captions(client, youth_policy, name):
    html = page(client, youth_policy, name)
    levels = headings(html)
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels)), levels
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert tables
    for table in tables:
        assert "<caption>" in table
        assert all('scope="' in th for th in re.findall(r"<th(?:\s[^>]*)?>", table))
    assert " style=" not in html and "<script>" not in html


def test_the_print_view_is_the_mandate_as_a_document_with_a_print_stylesheet(client, youth_policy):
    in_english(client)
    html = page(client, youth_policy, "committees:print")
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert '<article class="document"' in html
    assert "Mandate for a task committee" in html
    for text in [
        "Unge i kommunen mistrives",
        "En elev i udskolingen",
        "Ungdomsskolen",
        "Børne- og Skoleudvalget",
    ]:
        assert text in html, text
    # A mandate says who is wanted, not who was chosen; and never what the agendas say.
    assert "Ida Jensen" not in html and "Hemmelig dagsorden" not in html


def test_the_print_stylesheet_sets_a4_a_serif_body_hides_the_chrome_and_keeps_rows_together(client):
    response = client.get("/static/css/print.css")
    css = b"".join(response.streaming_content).decode()
    assert "size: A4" in css
    assert "serif" in css
    assert re.search(r"\.site-header,\s*\.site-footer", css) and "display: none" in css
    assert "break-inside: avoid" in css and "break-after: avoid" in css


def test_the_main_menu_links_to_the_committees_and_marks_where_you_are(client, youth_policy):
    list_url = reverse("committees:list")
    html = page(client, youth_policy)
    assert f'<a class="nav-link" href="{list_url}" aria-current="true">' in html
    html = client.get(list_url).content.decode()
    assert f'<a class="nav-link" href="{list_url}" aria-current="page">' in html
    html = client.get(reverse("home")).content.decode()
    assert f'<a class="nav-link" href="{list_url}">' in html


def detail_queries(client, mandate) -> int:
    return queries_for_page(client, reverse("portal:committee", args=[mandate.slug]))


def test_the_committee_page_needs_the_same_queries_however_many_members_and_meetings(client):
    committee = committee_with_everything(profiles=1, meetings=1, members=1)
    small = detail_queries(client, committee.mandate)

    profiles = CompetenceProfileFactory.create_batch(9, mandate=committee.mandate)
    for number in range(2, 12):
        MeetingFactory(committee=committee, number=number)
    for profile in profiles:
        MembershipFactory(committee=committee, citizen=True, profile=profile, show_name_publicly=True)
        MembershipFactory(committee=committee, citizen=True, profile=profile)
        MembershipFactory(committee=committee, user__full_name=f"Politiker {profile.pk}")
        MandateDocumentFactory(mandate=committee.mandate)
        MandateTransitionFactory(mandate=committee.mandate, from_state="active", to_state="delivered")

    assert detail_queries(client, committee.mandate) == small
    # Mandate, profiles, meetings, members, documents, history, summaries, deliverable (none here), and the
    # session: a fixed cost that must not grow with the data.
    assert 0 < small <= 14


def test_a_signed_in_member_sees_the_same_public_page(client, youth_policy):
    client.force_login(UserFactory())
    html = page(client, youth_policy)
    assert "Hemmelig dagsorden" not in html and "Hemmelige Hans" not in html
