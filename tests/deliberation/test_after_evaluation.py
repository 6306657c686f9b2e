"""The members' evaluation survey: anonymous, once per member, and public only once it has closed (on its
closing date, or when every member invited has answered) and only from five answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import Entry
from deliberation.follow_up.evaluation import evaluation_answer, evaluation_closing_set, evaluation_invite
from deliberation.follow_up.survey_selectors import published_results, survey_of
from deliberation.models import EvaluationAnswer, EvaluationParticipation, EvaluationSurvey
from mandates.models import Mandate
from notifications.models import Notification
from tests.committees.factories import MembershipFactory, committee_with_everything
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATEMENTS = EvaluationAnswer.STATEMENTS


@pytest.fixture
def committee():
    """Concluded, with its survey open (the Council's decision opens it) and one politician who never
    answers, so the survey does not close by everyone having answered unless a test wants it to."""
    committee = committee_with_everything(members=0, state=Mandate.State.IMPLEMENTING, slug="ungepolitik")
    MembershipFactory(committee=committee)
    evaluation_invite(mandate=committee.mandate, by=None)
    return committee


def close(committee) -> None:
    evaluation_closing_set(survey=survey_of(committee.mandate), closes_at=timezone.now(), by=None)


def citizen_of(committee, **fields) -> User:
    return MembershipFactory(committee=committee, citizen=True, **fields).user


def scores(*values: int) -> dict[str, int]:
    return dict(zip(STATEMENTS, values, strict=True))


def answer(committee, values=(4, 4, 4, 4, 4), free_text: str = "", **fields) -> User:
    user = citizen_of(committee, **fields)
    evaluation_answer(mandate=committee.mandate, user=user, answers=scores(*values), free_text=free_text)
    return user


def survey_url() -> str:
    return reverse("deliberation:evaluation", args=["ungepolitik"])


def test_an_answer_holds_no_person_and_the_participation_holds_no_answer(committee):
    user = answer(committee, values=(5, 4, 3, 2, 1), free_text="Godt forløb.")

    answer_fields = {f.name for f in EvaluationAnswer._meta.get_fields()}
    assert answer_fields == {"id", "mandate", *STATEMENTS, "free_text", "answered_on"}
    assert not any(f.is_relation and f.related_model is User for f in EvaluationAnswer._meta.get_fields())
    assert {f.name for f in EvaluationParticipation._meta.get_fields()} == {"id", "mandate", "user"}

    row = EvaluationAnswer.objects.get()
    assert [getattr(row, s) for s in STATEMENTS] == [5, 4, 3, 2, 1]
    assert isinstance(row.answered_on, date) and row.free_text == "Godt forløb."
    assert EvaluationParticipation.objects.get().user == user


def test_a_member_answers_once(committee):
    user = answer(committee)
    with pytest.raises(ValidationError) as error:
        evaluation_answer(mandate=committee.mandate, user=user, answers=scores(1, 1, 1, 1, 1))
    assert error.value.code == "answered"
    assert EvaluationAnswer.objects.count() == EvaluationParticipation.objects.count() == 1


def test_a_former_member_may_answer(committee):
    answer(committee, joined_on=date(2026, 1, 1), left_on=date(2026, 2, 1))
    assert EvaluationAnswer.objects.count() == 1


def test_outsiders_facilitators_and_incomplete_answers_are_refused(committee):
    facilitator = MembershipFactory(committee=committee, facilitator=True).user
    other_committee = committee_with_everything(members=0, state=Mandate.State.IMPLEMENTING)
    elsewhere = MembershipFactory(committee=other_committee, citizen=True).user
    for user in (UserFactory(), facilitator, elsewhere):
        with pytest.raises(ValidationError):
            evaluation_answer(mandate=committee.mandate, user=user, answers=scores(3, 3, 3, 3, 3))
    member = citizen_of(committee)
    with pytest.raises(ValidationError):
        evaluation_answer(mandate=committee.mandate, user=member, answers={"learned": 3})
    with pytest.raises(ValidationError):
        evaluation_answer(mandate=committee.mandate, user=member, answers=scores(3, 3, 3, 3, 6))
    assert not EvaluationAnswer.objects.exists() and not EvaluationParticipation.objects.exists()


def test_results_need_five_answers_and_count_each_score_with_the_mean(committee):
    for values in [(5, 4, 1, 5, 2), (4, 4, 2, 5, 2), (5, 3, 3, 5, 2), (3, 2, 4, 4, 2)]:
        answer(committee, values=values)
    answer(committee, values=(5, 1, 5, 5, 1), free_text="Hemmelig kommentar")
    close(committee)
    results = published_results(committee.mandate)

    assert results["answers"] == 5
    learned = results["statements"]["learned"]
    assert learned["counts"] == {1: 0, 2: 0, 3: 1, 4: 1, 5: 3}
    assert learned["mean"] == 4.4
    assert results["statements"]["ideas_used"]["counts"] == {1: 1, 2: 1, 3: 1, 4: 2, 5: 0}
    assert results["statements"]["ideas_used"]["mean"] == 2.8
    assert results["statements"]["politicians_listened"]["counts"] == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    assert results["statements"]["more_interested"]["mean"] == 1.8
    assert "Hemmelig kommentar" not in str(results)


def test_results_count_only_this_committee(committee):
    other = committee_with_everything(members=0, state=Mandate.State.IMPLEMENTING)
    evaluation_invite(mandate=other.mandate, by=None)
    for _ in range(5):
        answer(other)
    close(committee)
    assert published_results(committee.mandate) is None


def test_results_are_not_published_while_the_survey_is_open_however_many_answer(client, committee, english):
    """Published answer by answer, the page before and after one member's answer showed that answer."""
    page = reverse("portal:committee", args=["ungepolitik"])
    for n in range(7):
        answer(committee, values=(n % 5 + 1,) * 5)
        assert published_results(committee.mandate) is None
    html = client.get(page).content.decode()
    assert 'role="img"' not in html
    assert "open until" in html and "Results are published only when the survey has closed" in html


def test_results_are_published_once_every_member_invited_has_answered(committee):
    for _ in range(5):
        answer(committee)
    assert published_results(committee.mandate) is None
    last = committee.memberships.get(role="politician").user
    evaluation_answer(mandate=committee.mandate, user=last, answers=scores(2, 2, 2, 2, 2))
    assert published_results(committee.mandate)["answers"] == 6


def test_results_are_published_after_the_closing_date_and_later_answers_are_refused(committee):
    for _ in range(5):
        answer(committee)
    late = citizen_of(committee)
    closes_at = survey_of(committee.mandate).closes_at

    with time_machine.travel(closes_at + timedelta(minutes=1)):
        assert published_results(committee.mandate)["answers"] == 5
        with pytest.raises(ValidationError):
            evaluation_answer(mandate=committee.mandate, user=late, answers=scores(1, 1, 1, 1, 1))
        assert published_results(committee.mandate)["answers"] == 5


def test_fewer_than_five_answers_are_never_published_and_the_page_says_why(client, committee, english):
    for _ in range(4):
        answer(committee)
    close(committee)
    assert published_results(committee.mandate) is None
    html = client.get(reverse("portal:committee", args=["ungepolitik"])).content.decode()
    assert 'role="img"' not in html and "Fewer than five members answered" in html


def test_staff_move_the_closing_date_while_open_but_never_reopen_a_closed_survey(committee, staff):
    survey = survey_of(committee.mandate)
    later = survey.closes_at + timedelta(days=7)
    evaluation_closing_set(survey=survey, closes_at=later, by=staff)
    assert survey_of(committee.mandate).closes_at == later
    assert Entry.objects.filter(action="evaluation.closing_set", actor=staff).count() == 1

    close(committee)
    with pytest.raises(ValidationError):
        evaluation_closing_set(survey=survey, closes_at=later, by=staff)
    assert survey_of(committee.mandate).closes_at <= timezone.now()


def test_the_survey_opens_with_a_closing_date_from_the_settings(settings):
    settings.EVALUATION_SURVEY_DAYS = 21
    concluded = committee_with_everything(members=0, state=Mandate.State.IMPLEMENTING)
    evaluation_invite(mandate=concluded.mandate, by=None)
    survey = EvaluationSurvey.objects.get(mandate=concluded.mandate)
    assert abs(survey.closes_at - (timezone.now() + timedelta(days=21))) < timedelta(minutes=1)


def test_the_committee_page_shows_charts_and_tables_from_five_answers_but_no_free_text(client, committee):
    for n in range(5):
        answer(committee, values=(5, 4, 3, 2, 1), free_text=f"Fortroligt svar {n}")
    close(committee)
    html = client.get(reverse("portal:committee", args=["ungepolitik"])).content.decode()

    assert 'id="evaluation-heading"' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 5
    assert html.count('role="img" aria-label="') == 5
    assert html.count('<table class="table table-sm table-stack">') == 5
    assert "Fortroligt svar" not in html
    assert " style=" not in html[html.index('id="evaluation-heading"') : html.index('id="history-heading"')]


def test_a_member_answers_the_survey_and_is_thanked(client, committee):
    user = citizen_of(committee)
    client.force_login(user)

    page = client.get(survey_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<fieldset") == 5 and html.count("<legend") == 5
    assert html.count('type="radio"') == 25 and "<textarea" in html

    response = client.post(survey_url(), {**scores(5, 4, 3, 2, 1), "free_text": "Tak for nu."}, follow=True)

    assert response.redirect_chain[-1][0] == survey_url()
    assert "deliberation/after/evaluation_answered.html" in [t.name for t in response.templates]
    assert len(list(response.context["messages"])) == 1
    row = EvaluationAnswer.objects.get()
    assert (row.learned, row.more_interested, row.free_text) == (5, 1, "Tak for nu.")


def test_answering_twice_shows_that_you_have_answered(client, committee):
    user = answer(committee)
    client.force_login(user)
    response = client.post(survey_url(), scores(1, 1, 1, 1, 1))
    assert response.status_code == 200
    assert "deliberation/after/evaluation_answered.html" in [t.name for t in response.templates]
    assert EvaluationAnswer.objects.count() == 1
    assert EvaluationAnswer.objects.get().learned == 4


def test_an_incomplete_survey_is_shown_again_with_the_errors(client, committee):
    client.force_login(citizen_of(committee))
    response = client.post(survey_url(), {"learned": "4"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not EvaluationAnswer.objects.exists()


def test_the_survey_is_404_for_outsiders_and_before_the_committee_concludes(client, committee):
    client.force_login(UserFactory())
    assert client.get(survey_url()).status_code == 404
    client.force_login(MembershipFactory(committee=committee, facilitator=True, user__totp=True).user)
    assert client.get(survey_url()).status_code == 404

    active = committee_with_everything(members=0, state=Mandate.State.ACTIVE, slug="i-gang")
    client.force_login(citizen_of(active))
    assert client.get(reverse("deliberation:evaluation", args=["i-gang"])).status_code == 404


def test_a_member_who_comes_after_the_survey_closed_is_told_so(client, committee, english):
    member = citizen_of(committee)
    client.force_login(member)
    close(committee)

    shown = client.get(survey_url())
    sent = client.post(survey_url(), scores(3, 3, 3, 3, 3), follow=True)

    assert shown.status_code == 200 and "The survey has closed" in shown.content.decode()
    assert "The survey has closed" in sent.content.decode()
    assert not EvaluationAnswer.objects.exists()


def test_the_survey_asks_anonymous_visitors_to_sign_in(client, committee):
    response = client.get(survey_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_invitation_goes_once_to_every_current_and_former_citizen_and_politician(committee):
    citizen = citizen_of(committee)
    former = citizen_of(committee, joined_on=date(2026, 1, 1), left_on=date(2026, 2, 1))
    politician = committee.memberships.get(role="politician").user  # the fixture's
    MembershipFactory(committee=committee, facilitator=True)

    assert evaluation_invite(mandate=committee.mandate, by=None) == 3
    evaluation_invite(mandate=committee.mandate, by=None)

    invited = Notification.objects.filter(kind="evaluation_invitation")
    assert sorted(invited.values_list("recipient", flat=True)) == sorted(
        [citizen.pk, former.pk, politician.pk]
    )
    assert invited.first().context["survey_url"].endswith(survey_url())


def test_the_invitation_email_links_to_the_survey(committee):
    from notifications.emails import render_message

    citizen = citizen_of(committee)
    evaluation_invite(mandate=committee.mandate, by=None)
    message = render_message(Notification.objects.get(kind="evaluation_invitation", recipient=citizen))
    assert survey_url() in message.body and survey_url() in message.alternatives[0][0]


def test_no_invitation_before_the_committee_concludes():
    active = committee_with_everything(members=1, state=Mandate.State.ACTIVE)
    with pytest.raises(ValidationError):
        evaluation_invite(mandate=active.mandate, by=None)
    assert not Notification.objects.exists()


def test_staff_read_answers_in_the_admin_but_cannot_change_them(client, staff, committee):
    answer(committee, free_text="Til forvaltningen.")
    client.force_login(staff)
    row = EvaluationAnswer.objects.get()
    assert client.get(reverse("admin:deliberation_evaluationanswer_changelist")).status_code == 200
    page = client.get(reverse("admin:deliberation_evaluationanswer_change", args=[row.pk]))
    assert page.status_code == 200 and "Til forvaltningen." in page.content.decode()
    assert client.get(reverse("admin:deliberation_evaluationanswer_add")).status_code == 403


def test_staff_close_a_survey_in_the_admin_and_its_date_is_then_fixed(client, staff, committee):
    survey = survey_of(committee.mandate)
    client.force_login(staff)
    changelist = reverse("admin:deliberation_evaluationsurvey_changelist")
    assert client.get(changelist).status_code == 200

    client.post(changelist, {"action": "close_now", "_selected_action": [survey.pk]})

    survey.refresh_from_db()
    assert survey.closes_at <= timezone.now()
    page = client.get(reverse("admin:deliberation_evaluationsurvey_change", args=[survey.pk]))
    assert "closes_at" not in page.context["adminform"].form.fields
    assert client.get(reverse("admin:deliberation_evaluationsurvey_add")).status_code == 403
