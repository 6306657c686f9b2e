"""Who may apply is data staff edit on the call: postal codes, "lives, works or studies here", or anyone.
The form and the call page say which applies, and someone the rule refuses may still apply with another
real connection, explained, which the committee sees and the audit trail records."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Entry
from recruitment.models import Application, Call
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import politicians

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def with_rule(rule: str, codes: str = "2820, 2900, 2920, 2930") -> Call:
    call = call_with_committee(profiles=2, meetings=3)
    Call.objects.filter(pk=call.pk).update(eligibility=rule, eligible_postal_codes=codes)
    call.refresh_from_db()
    return call


def apply(client, call, **changes):
    return client.post(reverse("recruitment:apply", args=[call.pk]), answers(call, **changes))


def test_dyssegaard_is_refused_by_postal_code_with_the_way_in_and_then_applies_with_another_connection(
    client, citizen
):
    call = with_rule(Call.Eligibility.POSTAL_CODES)
    client.force_login(citizen)

    refused = apply(client, call, postal_code="2870").content.decode()

    assert "2870 is not among this call&#x27;s postal codes (2820, 2900, 2920, 2930)" in refused
    assert "choose “another real connection” and explain it in a sentence" in refused
    assert 'value="2870"' in refused and "Elevrådsformand." in refused  # nothing typed is lost
    assert not Application.objects.exists()

    explanation = "Jeg bor i Dyssegård, på den side af Vangedevej der hører til Gentofte."
    assert apply(client, call, tie="other", postal_code="2870", other_tie=explanation).status_code == 302

    application = Application.objects.get(applicant=citizen)
    assert (application.tie, application.other_tie) == ("other", explanation)
    entry = Entry.objects.get(action="application.eligibility_exception")
    assert entry.actor == citizen and entry.data["connection"] == explanation
    assert entry.data["rule"] == "postal_codes"
    client.force_login(politicians(call)[0])
    page = client.get(
        reverse("recruitment:review_application", args=[call.pk, application.reference])
    ).content.decode()
    assert explanation in page and "the committee judges whether it counts" in page
    dashboard = client.get(reverse("recruitment:dashboard", args=[call.pk])).content.decode()
    assert "Applied through another real connection" in dashboard


def test_staff_add_a_postal_code_and_it_counts_as_living_here(client, citizen):
    call = with_rule(Call.Eligibility.POSTAL_CODES, codes="2820 2870,2900")
    assert call.postal_codes == ["2820", "2870", "2900"]
    client.force_login(citizen)
    assert apply(client, call, postal_code="2870").status_code == 302
    assert Application.objects.get().tie == "lives"
    assert not Entry.objects.filter(action="application.eligibility_exception").exists()


def test_lives_works_or_studies_here_asks_no_postal_code_and_the_form_says_so(client, citizen):
    call = with_rule(Call.Eligibility.LIVES_WORKS_STUDIES)
    client.force_login(citizen)
    form = client.get(reverse("recruitment:apply", args=[call.pk])).content.decode()
    assert "You may apply if you live, work or study in the municipality" in form
    for option in ("I live in the municipality", "I work in the municipality", "I study in the municipality"):
        assert option in form
    assert 'name="postal_code"' not in form

    assert apply(client, call, tie="works", postal_code=None).status_code == 302
    assert (Application.objects.get().tie, Application.objects.get().postal_code) == ("works", "")
    public = client.get(reverse("portal:call", args=[call.pk])).content.decode()
    assert "You may apply if you live, work or study in the municipality" in public


def test_where_anyone_may_apply_the_form_asks_nothing_about_a_connection(client, citizen):
    call = with_rule(Call.Eligibility.ANYONE)
    client.force_login(citizen)
    form = client.get(reverse("recruitment:apply", args=[call.pk])).content.decode()
    assert 'name="tie"' not in form and 'name="postal_code"' not in form and 'name="other_tie"' not in form
    assert apply(client, call, tie=None, postal_code=None).status_code == 302
    assert Application.objects.get().tie == ""
    assert "Anyone may apply." in client.get(reverse("portal:call", args=[call.pk])).content.decode()


def test_postal_codes_staff_write_are_checked(staff):
    call = with_rule(Call.Eligibility.POSTAL_CODES, codes="2820, 287O")
    with pytest.raises(ValidationError, match="fire cifre"):
        call.full_clean()
    call.eligible_postal_codes = ""
    with pytest.raises(ValidationError, match="fire cifre"):
        call.full_clean()
    call.eligibility = Call.Eligibility.ANYONE
    call.full_clean()  # no codes needed where anyone may apply


def test_staff_choose_the_rule_on_the_call_in_the_admin(client, staff):
    call = with_rule(Call.Eligibility.POSTAL_CODES)
    client.force_login(staff)
    html = client.get(reverse("admin:recruitment_call_change", args=[call.pk])).content.decode()
    assert 'name="eligibility"' in html and 'type="radio"' in html
    assert 'name="eligible_postal_codes"' in html and "2820, 2900, 2920, 2930" in html
