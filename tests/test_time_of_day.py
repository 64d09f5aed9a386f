"""The hours a report sets its incident at, and what two reports hours apart on one day do to the date score."""

from __future__ import annotations

import pytest

from eventledger.extract.time_of_day import hours, hours_apart


@pytest.mark.parametrize(("text", "expected"), [
    ("gunmen opened fire at 9:30 a.m. on Monday", {9}),
    ("the attack began at about 10 p.m.", {22}),
    ("at 22:00 local time", {22}),
    ("militants struck before dawn on Friday", {5}),
    ("marched to parliament in the morning; riots broke out in the afternoon", {9, 15}),
    ("on Sunday night, in the early hours of Monday", {23, 3}),
    ("at midnight", {0}),
])
def test_clock_times_and_parts_of_the_day_are_read_as_hours(text, expected) -> None:
    assert hours(text) == expected


@pytest.mark.parametrize("text", [
    "police said calm was restored by 3 p.m.",
    "clashes lasted until about 2 a.m.",
    "the detainees were released the same afternoon",
    "the fighting went on into the night",
    "a wounded boy died on Wednesday night",
    "a tonight show; a score of 3:1",
])
def test_times_that_end_or_follow_the_incident_are_not_when_it_began(text) -> None:
    assert hours(text) == set()


def test_hours_apart_goes_round_the_clock() -> None:
    assert hours_apart({23}, {1}) == 2
    assert hours_apart({9, 22}, {21}) == 1
    assert hours_apart({9}, {15}) == 6
    assert hours_apart({9}, set()) is None
