"""Plausibility checks before anything is stored: a figure no report can mean for one event (more people than
live on Earth, "9,999,999,999 killed") is never stored as a count, and never overflows an integer column.

The figure is not silently deleted: its Count keeps the words and evidence, loses its value, and the event is
tagged, so an analyst sees what was written and why it is not counted.
"""

from __future__ import annotations

from eventledger.models import Count, Event, Extraction

# One event: more than a million people killed, injured, arrested... is not an event-level figure (the largest
# single attacks and battles ACLED codes are far below). Displacement and people held can be larger; context
# facts ("has displaced 12 million since 2011") at most everyone alive.
EVENT_LIMITS = {"displaced": 100_000_000, "held": 100_000_000, "other": 100_000_000}
EVENT_LIMIT = 1_000_000
FACT_LIMIT = 8_200_000_000
TAG = "implausible-count"


def _implausible(count: Count, limit: int) -> bool:
    return any(v is not None and not 0 <= v <= limit for v in (count.value, count.low, count.high))


def _neutralise(count: Count, limit: int) -> Count:
    note = f"not counted: outside 0..{limit:,}"
    return count.model_copy(update={"value": None, "low": None, "high": None, "bound": "vague",
                                    "subject": f"{count.subject} ({note})" if count.subject else note})


def check_event(event: Event) -> list[str]:
    """Neutralise implausible counts of one event in place; return what was changed, in plain words."""
    changes: list[str] = []
    for i, count in enumerate(event.counts):
        limit = FACT_LIMIT if count.is_context else EVENT_LIMITS.get(count.kind, EVENT_LIMIT)
        if _implausible(count, limit):
            event.counts[i] = _neutralise(count, limit)
            changes.append(f"{count.kind} figure {count.text or count.value!r} is implausible for one event")
    if event.fatalities is not None and not 0 <= event.fatalities <= EVENT_LIMIT:
        kept = [c.value for c in event.counts if c.kind == "killed" and not c.is_context and c.value is not None]
        changes.append(f"fatalities {event.fatalities:,} is implausible for one event")
        event.fatalities = min(kept) if kept else None
        event.fatalities_bound = None if not kept else next(
            c.bound for c in event.counts if c.kind == "killed" and c.value == event.fatalities)
    if changes and TAG not in event.tags:
        event.tags.append(TAG)
    return changes


def plausible(extraction: Extraction) -> Extraction:
    """A copy of the extraction that is safe to store; what was neutralised is listed in `warnings`."""
    checked = extraction.model_copy(deep=True)
    for event in checked.events:
        checked.warnings += check_event(event)
    for i, fact in enumerate(checked.facts):
        if _implausible(fact, FACT_LIMIT):
            checked.facts[i] = _neutralise(fact, FACT_LIMIT)
            checked.warnings.append(f"context figure {fact.text or fact.value!r} is implausible")
    return checked
