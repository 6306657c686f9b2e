"""The draw must come out the same for anyone who re-runs it from the published inputs."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from recruitment.engine.lottery import ALGORITHM_VERSION, draw, seed_from_public_value

REFERENCES = [f"APP-{n:04d}" for n in range(1, 9)]
PUBLIC_VALUE = "Lotto 2025-06-14: 3 11 17 22 28 30 34"


def test_the_draw_gives_the_same_order_every_time_it_is_run():
    assert draw(REFERENCES, PUBLIC_VALUE) == draw(list(REFERENCES), PUBLIC_VALUE)


def test_the_published_example_keeps_its_order_so_a_changed_algorithm_is_caught():
    # Computed once with samskab-draw-1; a new algorithm needs a new ALGORITHM_VERSION and a new value here.
    assert ALGORITHM_VERSION == "samskab-draw-1"
    assert seed_from_public_value(PUBLIC_VALUE).hex() == (
        "b060aebfd10c0ba54993f8397631a56381543848a146a1962916e0fce39ce6a8"
    )
    assert draw(REFERENCES, PUBLIC_VALUE) == [
        "APP-0003",
        "APP-0001",
        "APP-0008",
        "APP-0004",
        "APP-0007",
        "APP-0005",
        "APP-0006",
        "APP-0002",
    ]


def test_a_citizen_can_reimplement_the_draw_from_the_docstring_in_a_few_lines():
    seed = hashlib.sha256(" ".join(PUBLIC_VALUE.split()).encode()).digest()
    remaining, order = list(REFERENCES), []
    for i in range(len(REFERENCES)):
        h = hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        order.append(remaining.pop(int.from_bytes(h, "big") % len(remaining)))
    assert draw(REFERENCES, PUBLIC_VALUE) == order


def test_a_different_public_value_gives_a_different_order():
    assert draw(REFERENCES, PUBLIC_VALUE) != draw(REFERENCES, "Lotto 2025-06-21: 1 5 9 14 20 27 33")


def test_the_published_order_of_the_list_is_part_of_the_draw():
    assert draw(REFERENCES, PUBLIC_VALUE) != draw(list(reversed(REFERENCES)), PUBLIC_VALUE)


def test_spaces_tabs_and_newlines_around_and_inside_the_public_value_do_not_matter():
    messy = "\n  Lotto 2025-06-14:\t3  11 17\n22 28   30 34  "
    assert seed_from_public_value(messy) == seed_from_public_value(PUBLIC_VALUE)
    assert draw(REFERENCES, messy) == draw(REFERENCES, PUBLIC_VALUE)


def test_danish_letters_typed_composed_or_decomposed_give_the_same_seed():
    assert seed_from_public_value("Byrådsmøde 12") == seed_from_public_value("Byra\u030adsmøde 12")


def test_every_candidate_appears_exactly_once():
    candidates = [f"REF-{n}" for n in range(500)]
    order = draw(candidates, PUBLIC_VALUE)
    assert sorted(order) == sorted(candidates)
    assert len(order) == len(candidates)


def test_an_empty_list_draws_nobody_and_one_candidate_draws_themselves():
    assert draw([], PUBLIC_VALUE) == []
    assert draw(["APP-0001"], PUBLIC_VALUE) == ["APP-0001"]


def test_an_empty_public_value_is_refused_because_it_is_guessable():
    with pytest.raises(ValueError):
        draw(REFERENCES, "  \n ")


def test_a_list_naming_someone_twice_is_refused():
    with pytest.raises(ValueError):
        draw(["APP-0001", "APP-0001"], PUBLIC_VALUE)


def test_citizens_can_rerun_the_draw_from_the_command_line():
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-m", "recruitment.lottery", PUBLIC_VALUE, *REFERENCES],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    printed = [line.split()[1] for line in run.stdout.splitlines() if not line.startswith("#")]
    assert printed == draw(REFERENCES, PUBLIC_VALUE)
    assert ALGORITHM_VERSION in run.stdout
