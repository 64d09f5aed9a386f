"""Word lists the counts stage reads the parse with: what happened (verbs, adjectives, nouns), who counts as
people, and the cues of context figures. Kept apart so that the lists can grow without touching the logic."""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventledger.models import CountKind

# Verbs whose object (or passive subject) is the people counted.
TRANSITIVE: dict[str, CountKind] = {
    "kill": "killed", "murder": "killed", "execute": "killed", "behead": "killed", "massacre": "killed",
    "slay": "killed", "shoot": "killed", "claim": "killed", "lynch": "killed", "assassinate": "killed",
    "bury": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "arrest": "arrested", "detain": "arrested", "capture": "arrested", "catch": "arrested",
    "recapture": "arrested", "apprehend": "arrested", "round": "arrested", "nab": "arrested",
    "seize": "arrested", "jail": "arrested",
    "abduct": "abducted", "kidnap": "abducted", "snatch": "abducted",
    "displace": "displaced", "uproot": "displaced", "evacuate": "displaced", "expel": "displaced",
    "hold": "held", "house": "held", "imprison": "held", "contain": "held", "host": "held", "keep": "held",
}
# Verbs whose subject is the people counted.
INTRANSITIVE: dict[str, CountKind] = {
    "die": "killed", "perish": "killed", "drown": "killed", "succumb": "killed", "escape": "escaped",
    "flee": "displaced",
    "disappear": "missing", "vanish": "missing",
}
# Adjectives and nouns that say what happened ("five dead", "40 deaths", "89 escapees").
ADJECTIVES: dict[str, CountKind] = {
    "dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "missing": "missing", "unaccounted": "missing", "displaced": "displaced", "homeless": "displaced",
    "detained": "arrested", "arrested": "arrested", "abducted": "abducted", "kidnapped": "abducted",
    "imprisoned": "held", "jailed": "held", "incarcerated": "held",
}
NOUNS: dict[str, CountKind] = {
    "death": "killed", "fatality": "killed", "body": "killed", "corpse": "killed", "dead": "killed",
    "killing": "killed", "murder": "killed", "massacre": "killed",
    "injury": "injured", "wounded": "injured", "arrest": "arrested", "detention": "arrested",
    "hostage": "abducted", "abductee": "abducted", "escapee": "escaped", "fugitive": "escaped",
    "refugee": "displaced", "idp": "displaced", "evacuee": "displaced",
    "inmate": "held", "prisoner": "held", "detainee": "held", "captive": "held",
}
TOLL_VERBS = {"rise", "climb", "reach", "stand", "increase", "jump", "hit", "mount", "grow", "be", "put", "place",
              "raise", "revise", "estimate"}
PRISON_WORDS = {"prison", "jail", "gaol", "detention", "custody", "camp", "cell", "facility", "centre", "center"}
PRISONER_WORDS = {"inmate", "prisoner", "detainee", "jihadist", "convict", "captive", "escapee", "suspect"}
# Nouns for people: a number of these with no casualty verb is a context figure; other nouns are not counted.
PEOPLE = {
    "people", "person", "civilian", "soldier", "troop", "fighter", "militant", "inmate", "prisoner", "jihadist",
    "child", "woman", "man", "member", "police", "officer", "policeman", "policemen", "protester",
    "demonstrator", "resident", "villager", "student", "worker", "citizen", "foreigner", "refugee", "migrant",
    "attacker", "gunman", "gunmen", "insurgent", "rebel", "guard", "personnel", "official", "journalist",
    "family", "supporter", "worshipper", "passenger", "pilgrim", "farmer", "herder", "miner", "other",
    "detainee", "suspect", "escapee", "hostage", "body", "victim", "recruit", "volunteer", "militiaman",
    "militiamen", "combatant", "trooper", "marine", "commander", "employee", "staff", "teacher", "doctor",
    "nurse", "patient", "baby", "girl", "boy", "teenager", "youth", "adult", "elder", "tourist", "national",
    "activist", "opponent", "individual", "casualty", "assailant", "kidnapper", "bandit", "terrorist",
    "extremist", "separatist", "paramilitary", "mercenary", "cadet", "conscript", "displaced", "dead",
    "wounded", "injured", "household", "convict", "militia", "force", "unit", "police officer",
}
PEOPLE |= {"follower", "leader", "smuggler", "trader", "driver", "shopper", "voter", "mourner", "bystander",
           "rioter", "looter", "hunter", "fisherman", "fishermen", "peacekeeper", "defender", "reporter", "player",
           "settler", "fighters", "prisoners", "jihadi", "insurgent", "partisan", "loyalist", "guardsman", "guerrilla",
           "policewoman", "bodyguard", "deputy", "lawmaker", "minister", "chief", "senator", "mayor", "governor",
           "elder", "pupil", "relative", "parent", "son", "daughter", "brother", "wife", "husband", "friend",
           "sympathizer", "sympathiser", "crew", "sailor", "pilot", "agent", "spy", "informant", "defector",
           "deserter", "crowd", "group", "gang", "community", "tribesman", "tribesmen", "clergy", "priest", "imam",
           "monk", "nun", "aid worker", "humanitarian", "medic", "paramedic", "firefighter", "engineer",
           "councillor", "councilor", "politician", "candidate", "judge", "prosecutor", "lawyer", "cleric",
           "preacher", "chieftain", "headman", "businessman", "businessmen", "vendor", "shepherd",
           "contractor", "guide", "ranger", "warden", "jailer", "inspector", "sergeant", "colonel", "general",
           "captain", "lieutenant", "major", "officer", "gendarme", "customs officer", "man", "woman",
           "infant", "toddler", "schoolgirl", "schoolboy", "seminarian", "missionary", "volunteer", "survivor",
           "traveller", "traveler", "motorist", "pedestrian", "commuter", "hiker", "truck driver", "teen",
           "thief", "robber", "criminal", "gangster", "poacher", "dealer", "trafficker", "pirate", "islamist",
           "militiaman", "fighter", "soldier", "conscript", "reservist", "veteran"}
NOT_PEOPLE = {"degrees", "fees", "trees", "committees", "guarantees", "specimen", "omens", "abdomen",
              "amens", "lists", "twists", "mists", "fists", "wrists"}
# Running totals over a long period are context, not the toll of one event.
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_CONFLICT = r"(?:the )?(?:war|conflict|fighting|crisis|uprising|insurgency|revolution|violence|offensive|invasion)"
CUMULATIVE = re.compile(
    rf"\b(?:between|from) (?:{_MONTHS})\w*(?: \d{{4}})? (?:and|to|until) (?:{_MONTHS})|"
    rf"\bsince (?:the (?:start|beginning|outbreak) of {_CONFLICT}|(?:\w+ )?(?:19|20)\d\d|{_CONFLICT} "
    rf"(?:began|started|broke out|erupted))|\bso far this year\b|\b(?:this|last|the past) year\b|"
    r"\bin total\b|\b(?:in|during|over) the (?:first|second|third|fourth|last|past) (?:quarter|half|"
    r"(?:\w+ )?(?:months|years))\b", re.I)
# Verbs whose objects are people whatever the noun ("killed two suspected thieves"), so an unknown noun is kept.
HUMAN_VERBS = {"kill", "murder", "execute", "behead", "massacre", "slay", "lynch", "assassinate", "wound", "injure",
               "maim", "arrest", "detain", "abduct", "kidnap", "die", "perish", "apprehend", "jail", "imprison"}
ANIMALS = {"cattle", "cow", "goat", "sheep", "camel", "livestock", "animal", "donkey", "horse", "chicken", "dog",
           "head"}
RELEASE_VERBS = {"free", "release", "rescue", "liberate", "exchange", "swap", "pardon", "repatriate", "return"}
POPULATION_VERBS = {"serve", "house", "host", "shelter", "live", "accommodate", "hold", "contain", "number",
                    "reside", "inhabit", "employ"}
REPORT_LEMMAS = {"say", "report", "tell", "announce", "confirm", "state", "claim", "add"}


def lemma_of(token: Token) -> str:
    """The token's lemma, lower-cased."""
    return token.lemma_.lower()


def is_person(noun: Token | None) -> bool:
    """Whether a noun stands for people (list, compound, NORP entity or a people-forming suffix)."""
    if noun is None:
        return False
    lemma, lower = lemma_of(noun), noun.lower_
    if lemma in PEOPLE or lower in PEOPLE or noun.ent_type_ == "NORP":
        return True
    compounds = " ".join(c.lower_ for c in noun.children if c.dep_ == "compound")
    if f"{compounds} {lemma}".strip() in PEOPLE:
        return True
    # agent nouns the list misses ("loyalists", "Syrians", "evacuees", "tribesmen", "cameraman")
    return bool(re.search(r"(?:ists|ians|ees|men|[^u]man)$", lower)) and lower not in NOT_PEOPLE
