"""The balance rules on people already chosen, and the reserve a free seat goes to (pure: no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recruitment.engine.balance import broken_rules, reserve_order, reserve_pick
from recruitment.engine.matching import Candidate, Rules

RULES = Rules(min_gender_share=40, max_per_organisation=1, max_per_district=None)
SCHOOL_BOARD = "skolebestyrelsen på tjørnegårdsskolen"


def person(cid: int, gender: str | None, organisation: str | None = None, district: str | None = None):
    return Candidate(id=cid, preferences=(), gender=gender, organisation=organisation, district=district)


def test_a_mans_decline_goes_to_the_next_man_on_the_list_not_the_first_reserve():
    # Eight seats under 40 %: three men are needed. A man declines; the first reserve is a woman.
    women = [person(i, "woman") for i in range(1, 6)]
    men = [person(i, "man") for i in range(6, 8)]  # the third man declined
    held = {1: women + men}
    reserves = [person(20, "woman"), person(21, "other"), person(22, "man"), person(23, "man")]

    assert reserve_pick(rules=RULES, held=held, profile_id=1, reserves=reserves) == (22,)
    order = reserve_order(RULES, women + men, reserves)
    assert [s.candidate.id for s in order] == [22, 23, 20, 21]
    assert [s.breaks for s in order] == [(), (), ("gender",), ("gender",)]


def test_a_second_member_of_the_same_organisation_is_passed_over():
    held = {1: [person(1, "woman", SCHOOL_BOARD), person(2, "man")], 2: [person(3, "woman")]}
    reserves = [person(10, "man", SCHOOL_BOARD), person(11, "man", "idrætsforeningen")]
    assert reserve_pick(rules=RULES, held=held, profile_id=2, reserves=reserves) == (11,)
    assert reserve_order(RULES, [c for cs in held.values() for c in cs], reserves)[1].breaks == (
        "organisation",
    )


def test_when_no_reserve_keeps_the_rules_nobody_is_picked():
    held = {1: [person(1, "woman", SCHOOL_BOARD), person(2, "man"), person(3, "woman")]}
    reserves = [person(10, "woman", SCHOOL_BOARD), person(11, "man", SCHOOL_BOARD)]
    assert reserve_pick(rules=RULES, held=held, profile_id=1, reserves=reserves) == ()
    assert reserve_pick(rules=RULES, held=held, profile_id=1, reserves=[]) == ()
    assert all(not s.keeps_rules for s in reserve_order(RULES, held[1], reserves))


def test_a_newcomer_may_mend_a_rule_the_held_break():
    held = {1: [person(1, "woman"), person(2, "woman"), person(3, "woman")]}  # four seats need a man
    reserves = [person(10, "woman"), person(11, "man")]
    assert broken_rules(RULES, held[1]) == ("gender",)
    assert reserve_pick(rules=RULES, held=held, profile_id=1, reserves=reserves) == (11,)


def test_the_gender_rule_rounds_down_as_the_engine_does():
    assert broken_rules(RULES, [person(1, "woman")]) == ()  # one seat may go to anyone
    assert broken_rules(RULES, [person(1, "woman"), person(2, "woman")]) == ()  # floor(0.8) = 0
    assert broken_rules(RULES, [person(i, "woman") for i in range(3)]) == ("gender",)  # floor(1.2) = 1
    unstated = [person(1, "woman"), person(2, "man"), person(3, None), person(4, "other"), person(5, None)]
    assert broken_rules(RULES, unstated) == ("gender",)  # five need two of each
    assert broken_rules(Rules(0, 2, 1), [person(1, None, "a", "x"), person(2, None, "a", "y")]) == ()
    assert broken_rules(Rules(0, 1, 1), [person(1, None, "a", "x"), person(2, None, "a", "x")]) == (
        "organisation",
        "district",
    )


# --- any held committee, any reserve list: the engine's pick is the first on the list who keeps the rules.


@st.composite
def people(draw, first_id: int, size: tuple[int, int]) -> list[Candidate]:
    count = draw(st.integers(*size))
    return [
        person(
            first_id + k,
            draw(st.sampled_from(["woman", "man", "other", None])),
            draw(st.sampled_from([None, None, "a", "b"])),
            draw(st.sampled_from([None, "x", "y"])),
        )
        for k in range(count)
    ]


@st.composite
def situations(draw):
    rules = Rules(
        min_gender_share=draw(st.sampled_from([0, 30, 40, 50])),
        max_per_organisation=draw(st.sampled_from([None, 1, 2])),
        max_per_district=draw(st.sampled_from([None, 2, 3])),
    )
    held_a = draw(people(1, (0, 4)))
    held_b = draw(people(100, (0, 3)))
    reserves = draw(people(200, (0, 6)))
    return rules, {1: held_a, 2: held_b}, reserves


@given(situations(), st.sampled_from([1, 2]))
def test_the_engine_picks_the_first_reserve_on_the_list_who_keeps_every_rule(situation, profile_id):
    rules, held, reserves = situation
    everyone = [c for cs in held.values() for c in cs]
    picked = reserve_pick(rules=rules, held=held, profile_id=profile_id, reserves=reserves)
    keepers = [s.candidate.id for s in reserve_order(rules, everyone, reserves) if s.keeps_rules]
    assert picked == tuple(keepers[:1])
    for cid in picked:
        newcomer = next(r for r in reserves if r.id == cid)
        assert broken_rules(rules, [*everyone, newcomer]) == ()
    order = reserve_order(rules, everyone, reserves)
    assert sorted(s.candidate.id for s in order) == sorted(r.id for r in reserves)
