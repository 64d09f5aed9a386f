"""One incident told twice in an article becomes one event.

The mentions stage starts a new event when a sentence tells the incident again in other words ('A crowd attacked
Coptic homes ...' then 'young men armed with sticks set fire to ...'), and the two records then meet other
reports of the incident apart. Two events of one article are folded into one when they have the same dates (the
same day, or the same span of days), the same place, and the same ACLED label (any labels of one type for
demonstrations: ACLED codes one demonstration per place and day), and nothing sets them apart: two different death
tolls, two different named perpetrators, or times of day hours apart ('doctors marched in the morning; youths
threw stones at 7 p.m.'). A demonstration and a clash or an attack told in one sentence ('a crowd barricaded the
highway, looted shops and attacked the police post') are one demonstration too, with or without a place, unless
an armed group is a side of the fight.
"""

from __future__ import annotations

from eventledger.extract.time_of_day import HOURS_APART, event_hours, hours_apart
from eventledger.models import Event

CROWD_TYPES = frozenset({"Protests", "Riots"})
GROUND_FIGHT = frozenset({"ARMED_CLASH", "ATTACK"})


def _named(event: Event) -> str | None:
    return event.actor1.name if event.actor1 and event.actor1.named else None


def same_incident(a: Event, b: Event) -> bool:
    """Whether two events of one article are one incident told twice (rules in the module docstring)."""
    if not (a.event_date and a.event_date == b.event_date and a.end_date == b.end_date
            and a.time_precision == b.time_precision):
        return False
    told_together = _crowd_and_fight(a, b) and bool({(x.start, x.end) for x in a.sentences} &
                                                     {(x.start, x.end) for x in b.sentences})
    same_place = bool(a.place and b.place and a.place.geonameid and a.place.geonameid == b.place.geonameid)
    if not (same_place or (told_together and a.place is None and b.place is None)):
        return False
    if not told_together and (a.event_type != b.event_type or (a.label != b.label and
                                                                a.event_type not in CROWD_TYPES)):
        return False
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False
    if (named := _named(a)) and (other := _named(b)) and named != other:
        return False
    apart = hours_apart(event_hours(a), event_hours(b))
    return apart is None or apart < HOURS_APART


def _crowd_and_fight(a: Event, b: Event) -> bool:
    """A demonstration and a clash or an attack ('a crowd barricaded the highway, looted shops and attacked the
    police post'): told in one sentence, one riot that the mentions stage split by its verbs."""
    if a.event_type in CROWD_TYPES and b.label in GROUND_FIGHT:
        return not _armed_group(b)
    if b.event_type in CROWD_TYPES and a.label in GROUND_FIGHT:
        return not _armed_group(a)
    return False


def _armed_group(event: Event) -> bool:
    """A rebel group, militia or foreign force is a side (the Islamic State's assault on the prison, told with the
    inmates' uprising, is an incident of its own)."""
    return any(actor is not None and actor.inter in (2, 3, 4, 8) for actor in (event.actor1, event.actor2))


def fold(base: Event, other: Event) -> None:
    """Add what `other` tells to `base`."""
    spans = {(s.start, s.end) for s in base.sentences}
    base.sentences = sorted(base.sentences + [s for s in other.sentences if (s.start, s.end) not in spans],
                            key=lambda s: s.start)
    base.counts += [c for c in other.counts if not any(
        c.kind == k.kind and c.value == k.value and c.subject == k.subject for k in base.counts)]
    claim_ids = {c.id for c in base.claims}
    base.claims += [c for c in other.claims if c.id not in claim_ids]
    base.date_evidence += [e for e in other.date_evidence if e not in base.date_evidence]
    base.sources += [s for s in other.sources if s not in base.sources]
    base.tags = sorted(set(base.tags) | set(other.tags))
    crowd = other.event_type in CROWD_TYPES and base.event_type not in CROWD_TYPES
    if crowd or ((other.confidence or 0) > (base.confidence or 0) and not (
            base.event_type in CROWD_TYPES and other.event_type not in CROWD_TYPES)):
        # the label read with more confidence: how the store weighs it against other reports' labels
        # (a demonstration's label wins: ACLED codes one demonstration, its clash with the police included)
        for attr in ("label", "event_type", "sub_event_type", "disorder_type", "plover", "cameo", "confidence"):
            setattr(base, attr, getattr(other, attr))
    if base.fatalities is None and other.fatalities is not None:
        base.fatalities, base.fatalities_bound = other.fatalities, other.fatalities_bound
    for role in ("actor1", "actor2"):
        mine, theirs = getattr(base, role), getattr(other, role)
        if theirs is not None and (mine is None or (not _named(base) and role == "actor1" and _named(other))):
            setattr(base, role, theirs)


def fold_repeats(events: list[Event]) -> list[Event]:
    """The events with each incident told twice folded into the record told at more length (first on a tie)."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if same_incident(k, event)), None)
        if twin is None:
            kept.append(event)
        elif len(event.sentences) > len(twin.sentences):
            fold(event, twin)
            kept[kept.index(twin)] = event
        else:
            fold(twin, event)
    return kept
