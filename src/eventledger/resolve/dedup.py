"""Deduplication: the same incident reported by many articles becomes one event with many sources.

The store calls the resolver for every new event, inside the write transaction:

1. `block(event)` says which stored events are candidates: event dates within `WINDOW_DAYS` of each other, and
   the same country, a neighbouring one (a border incident is placed on either side) or an unknown one; any
   country when the country of one rests on a doubtful read (`Place.uncertain`: a word that may not be a place,
   or a small town abroad of all the article says, as often a village missing from the gazetteer). Not the
   type: reports of one incident are typed differently (an attack, a clash, a claim of it, the arrests after
   it, the protest it ended), so the type is scored, not blocked on (on our gold streams, blocking on related
   types kept the main events of 38 of the 373 pairs of articles about one incident from ever meeting).
2. `match(event, candidates)` scores each candidate on date distance (on one day, the hours the reports set
   their incidents at: a march at 9 a.m. and riots at 7 p.m.), place (same place; the same name read as two
   namesakes; two towns by their distance; same district; a town and its province), type, actors, the fatality
   figure, the wording of the two reports (cosine of their sentence embeddings, the shared offline static model)
   and their specifics (names, numbers, what was hit; nationality words, country and province names are not
   specifics); the best candidate above `THRESHOLD` is a match, with a reason in plain words. Evidence against a
   match: two detailed reports with no specific in common, or naming different targets (a hotel, an airport, even
   when they share some other word), are about different victims or sites; in a big city, the same day is not
   enough for reports typed and told differently; two towns of one province more than `FAR_KM` apart count
   against; two demonstrations whose reports name different groups as the demonstrators (doctors, pensioners)
   have nothing in common. Vetoes keep apart what must stay apart: two exact places more than `MAX_KM` apart,
   events of one article (an article's own events are already resolved by the "mentions" stage), a violent
   incident a report sets a time after another ('a day after an ambush') and an earlier violent record, two
   distinct towns (or spots near them) two or more days apart. Different
   named perpetrators lower the score: sources disagreeing on who did it is a contradiction to record, not a
   reason to split.
3. `merge(existing, incoming, match)` unions sources, claims, counts, evidence, associated actors and articles;
   keeps the most precise date and place; and recomputes contradictions and the headline fatality figure (most
   conservative credible figure, alternatives kept; see `eventledger.resolve.contradictions`). The reason goes to
   `merge_log`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from unidecode import unidecode

from eventledger.extract.time_of_day import HOURS_APART, event_hours, hours_apart
from eventledger.geo.containment import lies_in
from eventledger.geo.distance import km
from eventledger.geo.gazetteer import get_gazetteer, neighbours
from eventledger.geo.names import name_key
from eventledger.models import UNNAMED_ACTORS, Contradiction, Count, Event
from eventledger.resolve.contradictions import CONSERVATIVE_RULE, find_contradictions, merge_contradictions
from eventledger.taxonomy import BY_LABEL, TOLD_LABELS, VIOLENT_TYPES

WINDOW_DAYS = 3
# Two reports of one day that set their incidents `HOURS_APART` or more apart ('at 9 a.m.', 'in the evening'): the
# date scores about as little as two days apart would.
APART_SCORE = 0.4
THRESHOLD = 0.6
MAX_KM = 60.0
NEAR_KM = 25.0
FAR_KM = 2 * MAX_KM
BIG_CITY = 1_000_000
SIZEABLE_TOWN = 20_000  # two towns this size are two places, however near
UNLIKE_WORDING = 0.5  # wording score below which two reports do not read as one story
ALIKE_WORDING = 0.7  # ... and from which they read alike
PLACE_UNCERTAIN = "place uncertain (the country of one rests on a doubtful read)"
FEATURES = ("date", "place", "type", "actors", "fatalities", "text", "details", "conflict", "busy_city")
# Cosine of two reports' sentence embeddings: unrelated conflict reports sit near 0.3, paraphrases near 0.8.
EMBED_FLOOR, EMBED_CEIL = 0.3, 0.8
# Specifics each report needs before having none in common counts against a match, and what it then scores.
DETAILED = 3
DISJOINT_DETAILS = -1.0
# Labels the reports of an attack are often given too: a claim of responsibility, a foiled or unclear attack, the
# territory changing hands, mob violence (vigilantes or a crowd killing people is also told as an attack), the
# property the attackers burned or looted, a gang's killing told as crime ('a criminal gang shot eleven miners').
# Scored as half a type match with the violent types.
WEAK_LABELS = frozenset({"ATTRIB", "OTHER", "DISR_WEAP", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER",
                         "MOB_VIOL", "PROPERTY_DISTRUCT", "ORG_CRIME"})
WEAK_TYPE = 0.5
# An armed clash and an attack on civilians: reports of one shooting disagree on whether the victims were armed.
GROUND_FIGHT = frozenset({"ARMED_CLASH", "ATTACK"})
# Arrests told on their own ('14 people were arrested'): at a protest or riot they are its intervention (ACLED codes
# one protest event), so they score as half a type match with protests and riots.
CROWD_ARRESTS = frozenset({"ARREST"})
# ... and so are a crowd's burning and looting ('rioters torched the governor's office', told as property destruction)
# and the catch-all label.
CROWD_WEAK_LABELS = frozenset({"OTHER", "PROPERTY_DISTRUCT"})
# A man taken by armed men in plain clothes: an abduction to his family, an arrest to the police.
TAKEN_AWAY = frozenset({"ARREST", "ABDUCT_DISSAP"})
MAIN_RECORD_BONUS = 0.03  # per report already merged (up to 3), to rank candidates that both match
# What was hit says which incident it is: two reports of one bombing name the same market or minibus.
TARGET_NOUNS = {"market", "mosque", "church", "school", "hospital", "hotel", "bus", "minibus", "convoy", "checkpoint",
                "base", "camp", "prison", "wedding", "funeral", "university", "stadium", "restaurant", "bank",
                "village", "farm", "mine", "border", "bridge", "station", "airport", "port", "office", "embassy",
                "journalist", "student", "students", "schoolgirls", "pupils", "farmers", "worshippers",
                "patrol", "truck", "vehicle", "car", "home", "house", "homes", "apartment", "apartments", "shops",
                "parliament"}
# Words for one kind of target ("his home", "the house"): compared as the kind. Not vehicles: a gunman's car and a
# victim's truck are not one target.
TARGET_KINDS = {**{w: "home" for w in ("home", "house", "homes", "apartment", "apartments")},
                **{w: "school" for w in ("school", "university", "student", "students", "schoolgirls", "pupils")},
                "shops": "market", "farmers": "farm", "worshippers": "mosque",
                # an eatery is a 'hotel' in East African English
                "restaurant": "hotel"}
TARGET_PEOPLE = frozenset({"journalist", "student", "students", "schoolgirls", "pupils", "farmers", "worshippers"})
# Vehicles named by kind; 'vehicle' may be any of them.
VEHICLES = frozenset({"bus", "minibus", "truck", "car"})
# Targets a perpetrator names as what it hit ('a terrorist camp'), where others may name a village or a school.
MILITARY_TARGETS = frozenset({"base", "camp", "checkpoint", "patrol", "convoy"})
# Targets that are sites: two reports that each name one, and not the same, are about two places, whatever else
# they share (a 'car wash' near the airport and a 'car bomb' at a hotel).
SITES = {"market", "mosque", "church", "school", "hospital", "hotel", "prison", "stadium", "restaurant", "bank",
         "airport", "port", "embassy", "parliament", "university", "bridge", "mine"}
COMMON_CAPITALS = {"the", "a", "an", "on", "in", "at", "police", "army", "government", "monday", "tuesday",
                   "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
                   "may", "june", "july", "august", "september", "october", "november", "december", "he", "she",
                   "they", "it", "his", "her", "their", "residents", "officials", "witnesses", "security", "state"}
# Words of place and organisation names that say nothing specific ("Moi Avenue", "Tom Mboya Street").
GENERIC_NAME_WORDS = {"street", "avenue", "road", "square", "district", "province", "region", "county", "city",
                      "town", "area", "neighbourhood", "neighborhood", "central", "north", "south", "east", "west",
                      "northern", "southern", "eastern", "western", "national", "new", "old"}
_CARED_FOR = re.compile(r"\b(?:died|dies|die|succumbed|succumbs|taken|rushed|admitted|treated|evacuated|transferred|"
                        r"brought|carried|ferried|flown|airlifted|treatment|recovering)\s+(?:\w+\s+){0,3}?(?:in|to|at)\s+"
                        r"(?:\S+\s+){0,3}?hospitals?\b|"
                        r"\bhospitals?\b(?:\s+\S+){0,4}?\s+(?:received|receives|admitted|treated|took\s+in|"
                        r"pronounced\s+(?:them\s+|him\s+|her\s+)?dead)\b")
# A target noun naming who tells it ('a hospital official', 'prison sources', 'hospital staff said').
_TELLER = re.compile(r"\b[a-z]+\s+(?=(?:officials?|sources?|spokes(?:man|woman|person)|directors?|authorities|"
                     r"administrators?|management|staff|nurses?|doctors?|employees|personnel)\b)|"
                     # 'a nurse at the Bawku Presbyterian Hospital said'
                     r"\b(?:nurses?|doctors?|medics?|staff|officials?|sources?|spokes(?:man|woman|person)|directors?)"
                     r"\s+(?:at|of|from)\s+(?:the\s+)?(?:\S+\s+){0,3}?hospitals?\b")
# Where the arrested were held ('in custody at Harare Remand Prison', 'taken to a police cell'): not what was hit.
# A hospital's or clinic's own name ('the Albert Schweitzer hospital', 'Getulio Vargas Hospital'): where the wounded
# were cared for, which one report names and another does not, not a specific of the incident.
_CARE_NAME = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,4})(?:[Hh]ospital|[Cc]linic|[Mm]edical [Cc]ent(?:re|er)|"
                        r"[Hh]ealth [Cc]ent(?:re|er))\b")
_HELD_IN = re.compile(r"\b(?:custody|remanded|held|detained|jailed|locked\s+up|taken|transferred|sent|moved)\s+"
                      r"(?:\w+\s+){0,3}?(?:in|to|at|into)\s+(?:\S+\s+){0,3}?(?:prisons?|jails?|cells?)\b")
_NAME_WITH_TARGET = re.compile(r"\b(?:[A-Z][\w'’-]+\s+)+(?:Bank|Port|Market|Station|Bridge|Border)\b|"
                               r"\b(?:Port|Bank|Market)\s+(?:[A-Z][\w'’-]+\b)")
_BURIAL = re.compile(r"\b(?:buried|burial|laid to rest|funerals? (?:was |were )?held|funerals? (?:of|for) the)\b")
_STATION = re.compile(r"\b(?:police|bus|train|railway|rail|metro|petrol|gas|fuel|filling|service|power|fire|"
                      r"pumping|relay|substation)\s+stations?\b")
# ('X community' only after a preposition of place and no article: 'attack on Ruwi community', not 'the Teke
# community', a people)
_VILLAGE = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:village|hamlet)\b|"
                      r"\b(?:in|on|at|of|near)\s+([A-Z][\w'’-]+)\s+community\b|"
                      r"\b(?:village|community|hamlet)\s+of\s+([A-Z][\w'’-]+)|"
                      # 'in Potrerito, a rural corregimiento of Jamundí', 'the Villacolombia area of Jamundí'
                      r"\b([A-Z][\w'’-]+),\s+an?\s+(?:[a-z]+\s+)?(?:village|hamlet|corregimiento|settlement|locality)"
                      r"\s+of\b|\bthe\s+([A-Z][\w'’-]+)\s+(?:area|corregimiento|sector|locality)\s+of\b")
# A one-word name right after a preposition of place or a word for a locality ('near Quiterajo', 'in Mucojo', 'the
# market of Kokorou'), not a longer name nor a facility's ('held at Ofer military prison').
_LOCAL_NAME = re.compile(r"\b(?:near|in|at|outside|(?:market|town|commune|locality) of)\s+([A-Z][a-z][\w'’-]+)\b"
                         r"(?![\s-]+[A-Z])(?!\s+(?:[a-z]+\s+)?"
                         r"(?:prison|jail|hospital|clinic|camp|base|barracks|airport|market|school|university|mosque|"
                         r"church|station|hotel|stadium|court)s?\b)")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")

GROUPS: tuple[tuple[str, ...], ...] = (VIOLENT_TYPES, ("Protests", "Riots"))


@dataclass(frozen=True)
class Block:
    """Which stored events may be the same incident: a date window and a country with its land neighbours (or an
    unknown country). Not the type: reports of one incident are typed differently, so the type is scored."""

    start: date | None
    end: date | None
    country_code: str | None
    countries: frozenset[str] | None


@dataclass(frozen=True)
class PairModel:
    """How the features of a pair become a score: bias + weights . features, through a sigmoid when `logistic`
    (a probability, from `benchmarks/pair_model.py`); a pair matches from `threshold` on."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    logistic: bool = True

    @classmethod
    def from_dict(cls, data: dict) -> PairModel:
        return cls(weights={f: float(data["weights"][f]) for f in FEATURES}, bias=float(data["bias"]),
                   threshold=float(data["threshold"]), logistic=bool(data.get("logistic", True)))

    def score(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[f] * features[f] for f in FEATURES)
        return 1 / (1 + math.exp(-z)) if self.logistic else z


# The weights and threshold in use, set by hand; `benchmarks/pair_model.py` finds learnt ones no better.
HAND_MODEL = PairModel(weights={"date": 0.2, "place": 0.2, "type": 0.2, "actors": 0.05, "fatalities": 0.05,
                                "text": 0.1, "details": 0.2, "conflict": -0.1, "busy_city": -0.1},
                       threshold=THRESHOLD, logistic=False)


@dataclass(frozen=True)
class Match:
    event_id: str
    score: float
    reason: str


def related_labels(label: str | None) -> frozenset[str] | None:
    if label not in BY_LABEL:
        return None
    event_type = BY_LABEL[label].event_type
    for group in GROUPS:
        if event_type in group:
            return frozenset(c.label for c in BY_LABEL.values() if c.event_type in group)
    return frozenset(c.label for c in BY_LABEL.values() if c.event_type == event_type)


def _km(a: Event, b: Event) -> float | None:
    pa, pb = a.place, b.place
    if not pa or not pb or None in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return None
    return km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)


@lru_cache(maxsize=4096)
def _embed(text: str) -> np.ndarray:
    from eventledger.classify.embed import embed

    return embed([text])[0]


def _shared(a: set[str], b: set[str]) -> int:
    """Details in common; a longer form of a name counts ("Iskander" / "Iskander-M", "Shabaab" / "Shabaab's")."""
    exact = a & b
    loose = {x for x in a - exact for y in b - exact if min(len(x), len(y)) >= 5 and (x.startswith(y) or
                                                                                      y.startswith(x))}
    return len(exact) + len(loose)


def _targets(text: str) -> set[str]:
    """What was hit, as written ("market", "minibus"); not the start of a name ("Port-au-Prince"), nor where the
    wounded were taken ("died in hospital"), nor who tells it ("a hospital official"), nor a funeral for the dead."""
    # a target word inside a name of several capitalised words is the name's ('West Bank', 'Port Sudan')
    text = _NAME_WITH_TARGET.sub(" ", text)
    text = _CARED_FOR.sub(" ", text.lower())
    text = _HELD_IN.sub(" ", text)
    text = _TELLER.sub(" ", text)
    found = {TARGET_KINDS.get(w, w) for w in re.findall(r"\b[a-z]+\b(?![-’'])", text) if w in TARGET_NOUNS}
    if "funeral" in found and _BURIAL.search(text):
        found.discard("funeral")  # the victims' funeral ('were buried in a collective funeral'), not one attacked
    if "station" in found and not _STATION.search(text):
        found.discard("station")  # 'told our station', 'sent to this station': the outlet, not what was hit
    return found


def _words(text: str) -> list[str]:
    """Lower-case words without possessives, brackets or accents, apostrophes and hyphens inside folded away
    ("Somalia's" -> "somalia", "N'Gouboua" -> "ngouboua", "Bédaya" -> "bedaya")."""
    words = (re.sub(r"[’']s$", "", w) for w in re.findall(r"[\w'’-]+", unidecode(text).lower()))
    return [folded for w in words if (folded := re.sub(r"[’'-]", "", w))]


@lru_cache(maxsize=1)
def _country_keys() -> tuple[tuple[str, str], ...]:
    try:
        from eventledger.geo.context import country_keys
        from eventledger.geo.gazetteer import get_gazetteer

        return country_keys(get_gazetteer().countries)
    except Exception:  # no gazetteer: nationality words then count as details, nothing worse
        return ()


@lru_cache(maxsize=4096)
def _nationality(word: str) -> bool:
    """A country name or nationality adjective ('russian', 'somalia'): says where, not which incident."""
    from eventledger.geo.context import demonym_country

    keys = _country_keys()
    return any(word == key for _, key in keys) or demonym_country(word, keys) is not None


# Non-state armed groups described rather than named ('gunmen', 'Maoist rebels', 'a clan militia').
UNNAMED_GROUPS = ("Unidentified Armed Group", "Unidentified Communal Militia", "Rebel Group")


def _named(actor_name: str | None) -> bool:
    return bool(actor_name) and not actor_name.startswith(UNNAMED_ACTORS)


class Resolver:
    """Blocking, matching and merging of events across articles (rules in the module docstring)."""

    def __init__(self, model: PairModel = HAND_MODEL, window_days: int = WINDOW_DAYS) -> None:
        self.model = model
        self.threshold = model.threshold
        self.window = timedelta(days=window_days)

    # -- blocking ----------------------------------------------------------------------------------------------

    def block(self, event: Event) -> Block:
        start = event.event_date - self.window if event.event_date else None
        last = event.end_date or event.event_date
        end = last + self.window if last else None
        country = event.place.country_code if event.place else None
        if event.place and event.place.uncertain:
            return Block(start, end, country, None)
        # A border incident is placed on either side by different reports, and a village missing from the
        # gazetteer is read as a namesake next door.
        countries = frozenset({country}) | neighbours().get(country, frozenset()) if country else None
        return Block(start, end, country, countries)

    # -- scoring -----------------------------------------------------------------------------------------------

    def _date_score(self, a: Event, b: Event) -> float:
        gap = _days_apart(a, b)
        if gap is None:
            return 0.4
        vague = max(a.time_precision or 1, b.time_precision or 1) > 1
        if gap == 0 and not vague:
            apart = hours_apart(event_hours(a), event_hours(b))
            if apart is not None and apart >= HOURS_APART:
                return APART_SCORE
        if gap == 0:
            return 0.8 if vague else 1.0
        # ACLED codes one event per day: a day apart is often one incident dated from two publication days;
        # two or three days apart, mostly another incident (on our streams, 16 of the 24 main reports merged
        # across two days went to another incident's record)
        return {1: 0.75, 2: 0.3, 3: 0.15}.get(gap, 0.0)

    def _place_score(self, a: Event, b: Event) -> tuple[float, str]:
        pa, pb = a.place, b.place
        if not pa or not pb:
            return 0.4, "place unknown"
        if pa.geonameid and pa.geonameid == pb.geonameid:
            return 1.0, f"same place ({pa.name})"
        if (pa.uncertain or pb.uncertain) and pa.country_code != pb.country_code:
            # one country rests on a doubtful read ('a Toyota Hiace bus' read as Japan's Toyota): the place is
            # unknown, not different (`features` asks for more in common across a border)
            return 0.4, PLACE_UNCERTAIN
        if pa.country_code == pb.country_code and pa.mention and pb.mention and \
                name_key(pa.mention) == name_key(pb.mention):
            # the same name as written, read as two namesakes (the two Bijapur districts of India): which one the
            # geocoder chose is the doubt, not the place the reports name
            return 0.8, f"same name ({pa.mention}), read as two namesakes"
        km = _km(a, b)
        precise = (pa.geo_precision or 3) == 1 and (pb.geo_precision or 3) == 1
        # Two towns: their distance says it, whatever the admin borders (a town 10 km away across a provincial
        # line is nearer than one 50 km away in the same province).
        if km is not None and precise:
            if km > MAX_KM:
                return -1.0, f"{km:.0f} km apart"
            if km <= NEAR_KM:
                if _two_sizeable_towns(a, b):
                    # two towns of their own, not a village and the town beside it: two places, however near
                    # (Kostiantynivka and Druzhkivka, 17 km apart)
                    return 0.5, f"two towns {km:.0f} km apart"
                return 0.8, f"{km:.0f} km apart"
        if km is not None and km > MAX_KM and pa.feature_class == pb.feature_class == "P":
            # a town and a place near another town, far apart ('near Djibo' and Arbinda, 80 km, both in Soum): the
            # same district says nothing more; much farther, it counts against (Rask and a track near Jaleq, 200
            # km): not a veto, one of the two may be a namesake read by mistake, nor when one is a doubtful read (a
            # dateline taken for a village missing from the gazetteer)
            far = km > FAR_KM and not (pa.uncertain or pb.uncertain)
            return (-0.5 if far else 0.0), f"{km:.0f} km apart"
        if pa.admin2 and pa.admin2 == pb.admin2:
            return 0.85, f"same district ({pa.admin2})"
        # one report names the town, the other only the province (or the province is the place itself): that is
        # the same place said vaguely
        coarse = max(pa.geo_precision or 1, pb.geo_precision or 1) > 1 or "A" in (pa.feature_class, pb.feature_class)
        if pa.feature_class == pb.feature_class == "P" and km is not None and km > NEAR_KM:
            coarse = False  # two towns far apart, one of them named vaguely ('near Nabatieh', 'Bint Jbeil district')
        if pa.admin1 and pa.admin1 == pb.admin1:
            return (0.8 if coarse else 0.5), f"same province ({pa.admin1})"
        if coarse and pa.country_code == pb.country_code and (pa.name in (pb.admin1, pb.admin2) or
                                                             pb.name in (pa.admin1, pa.admin2)):
            return 0.8, f"same province ({pa.name if pa.name in (pb.admin1, pb.admin2) else pb.name})"
        if km is not None and km <= NEAR_KM:
            return 0.8, f"{km:.0f} km apart"
        if pa.country_code and pa.country_code == pb.country_code:
            country_only = pa.admin1 is None or pb.admin1 is None
            return (0.5 if country_only else 0.1), f"same country ({pa.country_code})"
        return 0.0, "different places"

    @staticmethod
    def _type_score(a: Event, b: Event) -> float:
        if a.label and a.label == b.label:
            return 1.0
        if a.event_type and a.event_type == b.event_type:
            return 0.75
        if a.label is None or b.label is None:
            return 0.5
        if {a.label, b.label} & WEAK_LABELS and (a.event_type in VIOLENT_TYPES or b.event_type in VIOLENT_TYPES):
            return WEAK_TYPE
        if {a.label, b.label} & CROWD_ARRESTS and {a.event_type, b.event_type} & set(GROUPS[1]):
            return WEAK_TYPE
        if {a.label, b.label} & CROWD_WEAK_LABELS and {a.event_type, b.event_type} & set(GROUPS[1]):
            return WEAK_TYPE
        if {a.label, b.label} == TAKEN_AWAY:
            return WEAK_TYPE
        if _crowds(a, b):
            return 0.75  # a protest that turned violent is one demonstration, told as a march or as a riot
        if {a.label, b.label} == GROUND_FIGHT:
            return WEAK_TYPE  # who was armed decides clash or attack, and reports of one shooting disagree on it
        related = related_labels(a.label)
        return 0.3 if related and b.label in related else 0.0

    @staticmethod
    def _actor_score(a: Event, b: Event) -> tuple[float, bool]:
        """Similarity of the actors, and whether two different named perpetrators are given."""
        a1, b1 = (a.actor1.name if a.actor1 else None), (b.actor1.name if b.actor1 else None)
        conflict = _named(a1) and _named(b1) and fuzz.token_set_ratio(a1, b1) < 70
        # 'Maoist rebels' in one report and 'the Communist Party of India (Maoist)' in another: a group described,
        # not named, is no other group than the one named
        if a1 and b1 and a1.startswith(UNNAMED_GROUPS) and _named(b1) and b.actor1.inter in (2, 3, 4):
            a1 = b1
        elif a1 and b1 and b1.startswith(UNNAMED_GROUPS) and _named(a1) and a.actor1.inter in (2, 3, 4):
            b1 = a1
        names_a = " ".join(x for x in (a1, a.actor2.name if a.actor2 else None) if x)
        names_b = " ".join(x for x in (b1, b.actor2.name if b.actor2 else None) if x)
        if not names_a or not names_b:
            return 0.5, conflict
        return fuzz.token_set_ratio(names_a, names_b) / 100, conflict

    @staticmethod
    def _fatality_score(a: Event, b: Event) -> float:
        if a.fatalities is None or b.fatalities is None:
            return 0.5
        high = max(a.fatalities, b.fatalities)
        if min(a.fatalities, b.fatalities) == 0 < high:
            return 0.5  # 'nobody was killed', say the police; 'one of ours was shot dead', says the party: disputed
        return 1.0 if high == 0 else min(a.fatalities, b.fatalities) / high

    @staticmethod
    def _text_score(a: Event, b: Event) -> float:
        """How alike the two reports' sentences read: cosine of their sentence embeddings (the shared static
        model, offline), rescaled so that unrelated conflict reports (~0.3) score 0 and paraphrases (~0.8) 1."""
        ta = " ".join(s.text for s in a.sentences[:4])
        tb = " ".join(s.text for s in b.sentences[:4])
        if not ta or not tb:
            return 0.3
        va, vb = _embed(ta), _embed(tb)
        cosine = float(va @ vb)
        return min(1.0, max(0.0, (cosine - EMBED_FLOOR) / (EMBED_CEIL - EMBED_FLOOR)))

    @staticmethod
    def _details(event: Event) -> set[str]:
        """Specific words of the reports: names (not of the event's place, country or actors, nor nationality
        adjectives), numbers, what was hit."""
        general = _actor_words(event)
        for name in (event.place.name if event.place else None, event.place.mention if event.place else None,
                     event.place.admin1 if event.place else None, event.place.admin2 if event.place else None,
                     event.place.country if event.place else None):
            general |= set(_words(name or ""))
        found: set[str] = set()
        for sentence in event.sentences[:6]:
            text = sentence.text
            general |= {w for match in _CARE_NAME.finditer(text) for w in _words(match.group(1))}
            # (what was hit is read from the text below, not from names: 'Mandera County Referral Hospital', where
            # a wounded man died, is no target)
            for match in _CAPITALISED.finditer(text):
                found.update(w for w in _words(match.group())
                             if w not in COMMON_CAPITALS and w not in general and w not in GENERIC_NAME_WORDS
                             and w not in TARGET_NOUNS and not _nationality(w))
            # figures, not years ("since 2015" is background; the event date is compared on its own)
            found.update(n for n in (m.replace(",", "") for m in _NUMBER.findall(text)) if not _YEAR.fullmatch(n))
            found.update(_targets(text))
            if _CARED_FOR.search(text.lower()):
                found.add("in hospital")  # shared by toll updates, but not what was hit
        # a site that names who told it ('the provincial governor's office said') is no target; a word before it
        # is ('border troops said'), and so are people ('students said' they were attacked)
        heads = {words[-1] for source in event.sources if (words := _words(source))}
        found -= {w for w in heads if w in TARGET_NOUNS and w not in TARGET_PEOPLE}
        return found

    def _detail_score(self, a: Event, b: Event) -> float:
        """Shared specifics; two detailed reports that share none are about different victims or sites."""
        # the other report's actors are no specific either ('the Rapid Support Forces' named as the perpetrator by
        # one report, and as the side that was shelled by the other)
        da, db = self._details(a) - _actor_words(b), self._details(b) - _actor_words(a)
        if not da or not db:
            return 0.4
        # 'a passenger vehicle' in one report is 'a passenger truck' in another: the generic word is the other's
        for x, y in ((da, db), (db, da)):
            if "vehicle" in x and (specific := y & VEHICLES):
                x.discard("vehicle")
                x |= specific
        if "Battles" in (a.event_type, b.event_type):
            # the army post that was attacked is its 'camp' to one report and its 'base' to another
            for x in (da, db):
                if "camp" in x:
                    x.discard("camp")
                    x.add("base")
        shared = _shared(da, db)
        kinds = TARGET_NOUNS | set(TARGET_KINDS.values())
        targets_a, targets_b = da & kinds, db & kinds
        # what was hit is named by both and differs (a hotel, an airport): two sites, even with few details. Not
        # for demonstrations: ACLED codes one event per place and day, whichever streets the reports name.
        protests = _crowds(a, b)
        # figures that differ are sources disagreeing (a contradiction to record), not two incidents: only names
        # and targets count towards having nothing in common
        # nor do the names of who told it (a spokesman, an outlet): each outlet quotes its own; shared, they count
        # nor does where the wounded were cared for: toll updates share it, other reports leave it out
        words_a = {d for d in da if not d[0].isdigit()} - _source_words(a) - {"in hospital"}
        words_b = {d for d in db if not d[0].isdigit()} - _source_words(b) - {"in hospital"}
        # a strike its perpetrator says hit a military target and its victims say hit a village is one strike told
        # two ways, not two strikes: military against civilian targets do not make two incidents by themselves
        # (a strike from afar: who met whom on the ground is not disputed so, a patrol is not a minibus)
        remote = "Explosions/Remote violence" in (a.event_type, b.event_type)
        disputed = remote and (targets_a <= MILITARY_TARGETS) != (targets_b <= MILITARY_TARGETS)
        if not shared and not protests and (min(len(words_a), len(words_b)) >= DETAILED or (
                targets_a and targets_b and not disputed)):
            return DISJOINT_DETAILS
        sites_a, sites_b = targets_a & SITES, targets_b & SITES
        if sites_a and sites_b and not sites_a & sites_b and not protests:
            return DISJOINT_DETAILS
        # two villages named, and not the same ('Ruwi community', 'Mushu village', both in Bokkos LGA): two
        # incidents, however alike the reports read (villages are mostly missing from the gazetteer)
        # (not when either report names the other's village too: 'in Kinama' and 'from Kamenge to Kinama')
        villages_a, villages_b = _villages(a), _villages(b)
        if villages_a and villages_b and not protests and not any(
                fuzz.ratio(x, y) >= 80 for x in villages_a for y in villages_b | db) and not any(
                fuzz.ratio(x, y) >= 80 for x in villages_b for y in da):
            return DISJOINT_DETAILS
        return min(1.0, shared / min(len(da), len(db)))

    def features(self, incoming: Event, candidate: Event) -> tuple[dict[str, float] | None, str]:
        """What the score is made of (`FEATURES`, each in [-1, 1]) and the place in words; None when a veto
        applies (events of one article; an incident set a time after the other; two exact places more than `MAX_KM`
        apart; two towns two or more days apart)."""
        if set(incoming.article_ids) & set(candidate.article_ids):
            return None, "same article"
        if _told_after(incoming, candidate) or _told_after(candidate, incoming):
            return None, "one report sets its incident a time after an earlier one"
        place, place_reason = self._place_score(incoming, candidate)
        if place <= -1.0:  # two exact places too far apart
            return None, place_reason
        if place_reason.endswith("km apart") and (_days_apart(incoming, candidate) or 0) >= 2:
            # two towns (or a town and a spot near another) two or more days apart: ACLED codes an event per place
            # and day, and alike reports from neighbouring towns days apart were another incident 5 times in 6
            # on our streams (an ambush near Jableh on Saturday, an attack on Qardaha's checkpoint on Monday)
            return None, f"{place_reason}, and days apart"
        actors, conflict = self._actor_score(incoming, candidate)
        parts = {
            "date": self._date_score(incoming, candidate), "place": place,
            "type": self._type_score(incoming, candidate), "actors": actors,
            "fatalities": self._fatality_score(incoming, candidate), "text": self._text_score(incoming, candidate),
            "details": self._detail_score(incoming, candidate),
        }
        if place_reason == PLACE_UNCERTAIN and parts["details"] <= 0.4 and parts["text"] < ALIKE_WORDING:
            # across two countries, one of them doubtful: only reports with a specific in common, or that read
            # alike, are about one place
            parts["place"] = 0.0
        # different named perpetrators: merge only on strong other evidence
        parts["conflict"] = float(conflict)
        crowds = _crowds(incoming, candidate)  # one protest per place and day
        if crowds and (who := _who_demonstrated(incoming)) and (other := _who_demonstrated(candidate)) and \
                who != other:
            # doctors marching and pensioners protesting are two demonstrations, whatever else they share
            parts["details"] = DISJOINT_DETAILS
        if crowds and _two_towns(incoming, candidate):
            # ACLED codes a demonstration per location and day: crowds in two named towns are two events, however
            # near (Kathmandu and Patan)
            parts["place"] = min(parts["place"], 0.0)
        # a big city sees several incidents a day: the same city and day are not enough for two reports typed
        # differently, told differently, with nothing specific in common
        parts["busy_city"] = float(place_reason.startswith("same place") and _big_city(incoming) and not crowds
                                   and parts["type"] < 1.0 and parts["text"] < UNLIKE_WORDING
                                   and parts["details"] <= 0.4)
        return parts, place_reason

    def score(self, incoming: Event, candidate: Event) -> tuple[float, str]:
        """A similarity in [0, 1] (0 when a veto applies) and why, in plain words."""
        parts, place_reason = self.features(incoming, candidate)
        if parts is None:
            return 0.0, place_reason
        total = self.model.score(parts)
        reason = (f"score {total:.2f}: {place_reason}; date {parts['date']:.2f}; type {parts['type']:.2f}; "
                  f"actors {parts['actors']:.2f}; wording {parts['text']:.2f}; details {parts['details']:.2f}")
        return total, reason

    def match(self, event: Event, candidates: list[Event]) -> Match | None:
        """The best candidate above the threshold. Among close scores the record more reports already went to
        wins: an article can leave two records of one incident (the attack and a claim of it), and new reports
        belong with the incident's main one."""
        best: Match | None = None
        best_rank = 0.0
        for candidate in candidates:
            total, reason = self.score(event, candidate)
            rank = total + MAIN_RECORD_BONUS * min(len(candidate.article_ids) - 1, 3)
            if total >= self.threshold and (best is None or rank > best_rank):
                best, best_rank = Match(candidate.id, round(total, 3), reason), rank
        return best

    # -- merging -----------------------------------------------------------------------------------------------

    def merge(self, existing: Event, incoming: Event, match: Match) -> Event:
        merged = existing.model_copy(deep=True)
        for article_id in incoming.article_ids:
            if article_id not in merged.article_ids:
                merged.article_ids.append(article_id)
        for source in incoming.sources:
            if source not in merged.sources:
                merged.sources.append(source)
        known_claims = {c.id for c in merged.claims}
        merged.claims += [c for c in incoming.claims if c.id not in known_claims]
        merged.counts += [c for c in incoming.counts if not _same_count(c, merged.counts)]
        merged.sentences += incoming.sentences
        merged.date_evidence += incoming.date_evidence
        if incoming.event_date and (merged.event_date is None or (incoming.time_precision or 3) <
                                    (merged.time_precision or 3)):
            merged.event_date, merged.time_precision = incoming.event_date, incoming.time_precision
            merged.end_date = incoming.end_date  # (the more precise report's span replaces the vaguer one's)
        elif incoming.end_date and (incoming.time_precision or 3) <= (merged.time_precision or 3) and (
                merged.end_date is None or incoming.end_date > merged.end_date):
            # a span only as precise as the record's date widens it: a report that runs 'Saturday's ambush' and
            # 'Monday's attack' together does not stretch a record dated to the day over the next incident
            merged.end_date = incoming.end_date
        if incoming.place and (merged.place is None or ((incoming.place.geo_precision or 3) <
                                                        (merged.place.geo_precision or 3)
                                                        and _refines(incoming, existing))):
            merged.place = incoming.place
        perpetrators = self._perpetrator_contradiction(merged, incoming)
        for role in ("actor1", "actor2"):
            mine, theirs = getattr(merged, role), getattr(incoming, role)
            if theirs and (mine is None or (not _named(mine.name) and _named(theirs.name) and not perpetrators)):
                setattr(merged, role, theirs)
        # (a claim of it or a catch-all development does not retype an incident the record already types: the
        # codebook codes the march or the attack, whoever claims or comments on it)
        told = incoming.label in TOLD_LABELS and merged.label is not None and merged.label not in TOLD_LABELS
        if incoming.label and incoming.confidence and (merged.confidence or 0) + 0.15 < incoming.confidence and \
                not told:
            for attr in ("label", "event_type", "sub_event_type", "disorder_type", "plover", "cameo", "confidence"):
                setattr(merged, attr, getattr(incoming, attr))
        merged.tags = sorted(set(merged.tags) | set(incoming.tags))
        known_assoc = {a.name for a in merged.assoc_actors}
        merged.assoc_actors += [a for a in incoming.assoc_actors if a.name not in known_assoc]
        contradictions = find_contradictions(merged.claims)
        if perpetrators and not any(c.field == "actor1" for c in contradictions):
            contradictions.append(perpetrators)  # what the sources say (claims) is more precise than actor1 fields
        merged.contradictions = merge_contradictions(merged.contradictions, contradictions)
        merged.fatalities, merged.fatalities_bound = self._headline(merged, incoming)
        origin = incoming.article_ids[0][:12] if incoming.article_ids else "?"
        merged.merge_log.append(f"merged a report from article {origin}: {match.reason}")
        return merged

    @staticmethod
    def _perpetrator_contradiction(a: Event, b: Event) -> Contradiction | None:
        a1, b1 = (a.actor1.name if a.actor1 else None), (b.actor1.name if b.actor1 else None)
        if not (_named(a1) and _named(b1)) or fuzz.token_set_ratio(a1, b1) >= 70:
            return None
        return Contradiction(field="actor1", values=[a1, b1], sources=[", ".join(a.sources) or "first report",
                                                                      ", ".join(b.sources) or "new report"],
                             note="reports name different perpetrators",
                             rule="both kept; actor1 shows the first report's perpetrator")

    @staticmethod
    def _headline(merged: Event, incoming: Event) -> tuple[int | None, str | None]:
        for contradiction in merged.contradictions:
            if contradiction.field == "fatalities" and contradiction.chosen is not None and \
                    contradiction.rule == CONSERVATIVE_RULE:
                return int(contradiction.chosen), "at_least"
        figures = [(e.fatalities, e.fatalities_bound) for e in (merged, incoming) if e.fatalities is not None]
        if not figures:
            return None, None
        # the same figure, or a later report with a higher toll and no source disagreeing: the toll rose
        return max(figures, key=lambda f: f[0])


def _days_apart(a: Event, b: Event) -> int | None:
    """Days between the two events' dates (0 when their spans meet); None when one is undated."""
    if not a.event_date or not b.event_date:
        return None
    a_end, b_end = a.end_date or a.event_date, b.end_date or b.event_date
    return max((a.event_date - b_end).days, (b.event_date - a_end).days, 0)


def _told_after(later: Event, earlier: Event) -> bool:
    """Whether a report sets its violent incident a time after another one ('clashed ... a day after an ambush on
    mine workers') and the other record is a violent incident of an earlier day: that is the one it refers to, or
    yet another, not its own. A bomb defused hours after another went off is not that one, even on its day."""
    if "after-other-incident" not in later.tags or earlier.event_type not in VIOLENT_TYPES or \
            later.time_precision != 1 or earlier.time_precision != 1 or \
            later.event_date is None or earlier.event_date is None:
        return False
    if later.label == "DISR_WEAP":
        # a second bomb found 'two hours after the explosion' is never the explosion, even on its day
        return (earlier.end_date or earlier.event_date) <= later.event_date
    return later.event_type in VIOLENT_TYPES and (earlier.end_date or earlier.event_date) < later.event_date


def _who_demonstrated(event: Event) -> str | None:
    """The first group named as the demonstrators ('Health Workers'), without its country."""
    inter = 6 if event.event_type == "Protests" else 5
    return next((a.name.split(" (")[0] for a in event.assoc_actors if a.inter == inter), None)


def _source_words(event: Event) -> set[str]:
    return {w for source in event.sources for w in _words(source)}


def _actor_words(event: Event) -> set[str]:
    """The words of the event's actors' names: who, not which incident."""
    return {w for actor in (event.actor1, event.actor2) if actor for w in _words(actor.name)}


def _villages(event: Event) -> set[str]:
    """Villages the reports name as such ('Mushu village', 'the village of Ruwi', 'Ruwi community'), or as where
    something happened by a name the gazetteer lacks ('clashed with insurgents near Quiterajo'), lower case, other
    than the event's own place."""
    own = {name_key(n) for n in (event.place.name, event.place.mention) if n} if event.place else set()
    found = set()
    for sentence in event.sentences[:6]:
        for match in _VILLAGE.finditer(sentence.text):
            name = name_key(next(g for g in match.groups() if g))
            if name and name not in own and name not in COMMON_CAPITALS:
                found.add(name)
        for match in _LOCAL_NAME.finditer(sentence.text):
            name = name_key(match.group(1))
            if name and name not in own and name not in COMMON_CAPITALS and _unknown_place(name):
                found.add(name)
    return found


@lru_cache(maxsize=20_000)
def _unknown_place(key: str) -> bool:
    """A name no place in the gazetteer goes by: a village or a quarter missing from it."""
    return not get_gazetteer().lookup(key)


def _crowds(a: Event, b: Event) -> bool:
    """Both reports are of demonstrations (protests or riots)."""
    return {a.event_type, b.event_type} <= set(GROUPS[1])


def _two_towns(a: Event, b: Event) -> bool:
    pa, pb = a.place, b.place
    return bool(pa and pb and pa.geo_precision == pb.geo_precision == 1 and pa.feature_class == pb.feature_class == "P"
                and pa.geonameid != pb.geonameid and name_key(pa.name) != name_key(pb.name))


def _two_sizeable_towns(a: Event, b: Event) -> bool:
    pa, pb = a.place, b.place
    return _two_towns(a, b) and min(pa.population or 0, pb.population or 0) >= SIZEABLE_TOWN


def _big_city(event: Event) -> bool:
    place = event.place
    return place is not None and place.feature_class == "P" and (place.population or 0) >= BIG_CITY


def _refines(incoming: Event, existing: Event) -> bool:
    """Whether the incoming report's more precise place lies in the existing one ('Bijapur district' then the
    town of Kutru in it), not somewhere else (the town of another state's Bijapur): only then it replaces it.
    Looser than the geocoder's test: the same place, or a point missing, counts as inside."""
    new, old = incoming.place, existing.place
    return new is not None and old is not None and lies_in(new, old, max_km=NEAR_KM, unknown_distance=True)


def _same_count(count: Count, counts: list[Count]) -> bool:
    return any(c.kind == count.kind and c.value == count.value and c.subject == count.subject for c in counts)
