"""The event taxonomy of `TAXONOMY.md`: ACLED event/sub-event types, our short labels, PLOVER and CAMEO."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventClass:
    label: str  # short code used in benchmarks, e.g. "ARMED_CLASH"
    event_type: str  # ACLED event type, or the non-ACLED class name
    sub_event_type: str  # ACLED sub-event type
    disorder_type: str | None
    plover: str | None
    cameo: str | None
    acled: bool = True


_PV = "Political violence"
_DEM = "Demonstrations"
_SD = "Strategic developments"
_PV_DEM = "Political violence; Demonstrations"

CLASSES: tuple[EventClass, ...] = (
    EventClass("ARMED_CLASH", "Battles", "Armed clash", _PV, "ASSAULT", "19"),
    EventClass("GOV_REGAINS_TERIT", "Battles", "Government regains territory", _PV, "ASSAULT", "19"),
    EventClass("NON_STATE_ACTOR_OVERTAKES_TER", "Battles", "Non-state actor overtakes territory", _PV,
               "ASSAULT", "19"),
    EventClass("CHEM_WEAP", "Explosions/Remote violence", "Chemical weapon", _PV, "ASSAULT", "20"),
    EventClass("AIR_STRIKE", "Explosions/Remote violence", "Air/drone strike", _PV, "ASSAULT", "19"),
    EventClass("SUIC_BOMB", "Explosions/Remote violence", "Suicide bomb", _PV, "ASSAULT", "18"),
    EventClass("ART_MISS_ATTACK", "Explosions/Remote violence", "Shelling/artillery/missile attack", _PV,
               "ASSAULT", "19"),
    EventClass("REM_EXPLOS", "Explosions/Remote violence", "Remote explosive/landmine/IED", _PV, "ASSAULT",
               "18"),
    EventClass("GRENADE", "Explosions/Remote violence", "Grenade", _PV, "ASSAULT", "18"),
    EventClass("SEX_VIOL", "Violence against civilians", "Sexual violence", _PV, "ASSAULT", "18"),
    EventClass("ATTACK", "Violence against civilians", "Attack", _PV, "ASSAULT", "18"),
    EventClass("ABDUCT_DISSAP", "Violence against civilians", "Abduction/forced disappearance", _PV,
               "ASSAULT", "18"),
    EventClass("PEACE_PROTEST", "Protests", "Peaceful protest", _DEM, "PROTEST", "14"),
    EventClass("PROTEST_WITH_INTER", "Protests", "Protest with intervention", _DEM, "PROTEST", "14"),
    EventClass("FORCE_AGAINST_PROTEST", "Protests", "Excessive force against protesters", _PV_DEM, "ASSAULT",
               "18"),
    EventClass("VIOL_DEMONSTR", "Riots", "Violent demonstration", _DEM, "PROTEST", "14"),
    EventClass("MOB_VIOL", "Riots", "Mob violence", _PV, "ASSAULT", "18"),
    EventClass("AGREEMENT", "Strategic developments", "Agreement", _SD, "AGREE", "05/06"),
    EventClass("ARREST", "Strategic developments", "Arrests", _SD, "COERCE", "17"),
    EventClass("CHANGE_TO_GROUP_ACT", "Strategic developments", "Change to group/activity", _SD, "MOBILIZE",
               "15"),
    EventClass("DISR_WEAP", "Strategic developments", "Disrupted weapons use", _SD, "COERCE", "17"),
    EventClass("HQ_ESTABLISHED", "Strategic developments", "Headquarters or base established", _SD,
               "MOBILIZE", "15"),
    EventClass("PROPERTY_DISTRUCT", "Strategic developments", "Looting/property destruction", _SD, "ASSAULT",
               "18"),
    EventClass("NON_VIOL_TERRIT_TRANSFER", "Strategic developments", "Non-violent transfer of territory", _SD,
               "RETREAT", "08"),
    EventClass("OTHER", "Strategic developments", "Other", _SD, None, None),
    # Outside ACLED: kept so that they are not mistaken for political violence.
    EventClass("NATURAL_DISASTER", "NATURAL_DISASTER", "Natural disaster", None, None, None, acled=False),
    EventClass("MAN_MADE_DISASTER", "MAN_MADE_DISASTER", "Man-made disaster", None, None, None, acled=False),
    EventClass("ORG_CRIME", "ORG_CRIME", "Organised crime", None, None, None, acled=False),
    EventClass("ATTRIB", "ATTRIB", "Attribution of responsibility", None, None, None, acled=False),
    EventClass("DIPLO", "DIPLO", "Diplomatic measure", None, "DIPLO", None, acled=False),
)

BY_LABEL: dict[str, EventClass] = {c.label: c for c in CLASSES}
# The ACLED event types of political violence (the others are demonstrations and strategic developments).
VIOLENT_TYPES: tuple[str, ...] = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Labels that tell of an incident rather than type it: a claim of responsibility, a catch-all development.
TOLD_LABELS = frozenset({"ATTRIB", "OTHER"})
BY_SUB_EVENT: dict[str, EventClass] = {c.sub_event_type.lower(): c for c in CLASSES}
LABELS: tuple[str, ...] = tuple(c.label for c in CLASSES)

# ACLED "inter" codes for actor types.
INTER_CODES = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}


def lookup(label_or_sub_event: str) -> EventClass:
    """Find a class by short label ("ARMED_CLASH") or ACLED sub-event name ("Armed clash")."""
    key = label_or_sub_event.strip()
    found = BY_LABEL.get(key.upper()) or BY_SUB_EVENT.get(key.lower())
    if found is None:
        raise KeyError(f"unknown event class {label_or_sub_event!r}; expected one of {', '.join(LABELS)}")
    return found


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, smaller first (e.g. 12); a lone actor gives 10*inter."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
