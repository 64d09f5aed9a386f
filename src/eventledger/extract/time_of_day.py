"""The hours of the day a report sets its incident at ('at 9:30 a.m.', 'on Sunday night', 'at dawn').

Two reports of one place and day that set their incidents hours apart (a march in the morning, riots in the
evening) are about two incidents more often than one: the resolver scores the date lower for them, and two records
of one article so far apart stay two events.
"""

from __future__ import annotations

import re

from eventledger.models import Event

# Reports of one day that set their incidents this many hours apart or more are about two incidents more often
# than one.
HOURS_APART = 6
# Hours a part of the day stands for: its middle, so that neighbouring parts ('evening', 'night') stay near.
PARTS = {"dawn": 5, "daybreak": 5, "first light": 5, "early hours": 3, "small hours": 3, "morning": 9,
         "midday": 12, "noon": 12, "lunchtime": 13, "afternoon": 15, "dusk": 19, "sunset": 19, "evening": 20,
         "night": 23, "nightfall": 20, "midnight": 0, "overnight": 1}
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d\d))?\s*([ap])\.?\s?m\b\.?|\b([01]?\d|2[0-3])[:h]([0-5]\d)\b", re.I)
_PART = re.compile(r"\b(" + "|".join(sorted(PARTS, key=len, reverse=True)) + r")\b", re.I)
# Times that end something or follow it ('calm was restored by 3 p.m.', 'clashes lasted until 2 a.m.', 'released
# the same afternoon', 'into the night', 'the boy died on Wednesday night'), not when the incident began.
_NOT_START = re.compile(r"(?:\b(?:by|until|till|into|through|past|throughout|same|following|next|later that)"
                        r"(?:\s+(?:about|around|after|the|early|late|well))*|"
                        r"\b(?:died|dies|succumbed|passed away)(?:\s+\S+){0,3})\s+$", re.I)


def hours(text: str) -> set[int]:
    """Every hour of the day the text names, as 0-23."""
    found = set()
    for match in _CLOCK.finditer(text):
        if _NOT_START.search(text, max(0, match.start() - 40), match.start()):
            continue
        if match.group(3):
            hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        else:
            hour = int(match.group(4))
        if hour <= 23:
            found.add(hour)
    found.update(PARTS[m.group(1).lower()] for m in _PART.finditer(text)
                 if not _NOT_START.search(text, max(0, m.start() - 40), m.start()))
    return found


def hours_apart(a: set[int], b: set[int]) -> int | None:
    """The fewest hours between any time of `a` and any of `b`, round the clock; None when one has none."""
    if not a or not b:
        return None
    return min(min(abs(x - y), 24 - abs(x - y)) for x in a for y in b)


def event_hours(event: Event) -> set[int]:
    """The hours the event's sentences name."""
    return hours(" ".join(s.text for s in event.sentences))
