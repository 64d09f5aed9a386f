"""Actor normalisation: the words a report uses for who acted ("IS fighters", "Iraqi soldiers", "gunmen") to an
ACLED-style actor name and its ACLED 'inter' code (1 state forces ... 8 external forces).

Named groups are matched first (aliases, case-sensitive for short acronyms such as "IS"); otherwise the head noun
says what kind of actor it is and the name is a template localised later with the event's country
("Military Forces of {country}", "Civilians ({country})"). A nationality adjective in the mention ("Iraqi
soldiers") fixes the country at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventledger.models import Actor, Evidence

COUNTRY = "{country}"


@dataclass(frozen=True)
class KnownActor:
    name: str
    inter: int
    aliases: tuple[str, ...]  # lower-case phrases
    acronyms: tuple[str, ...] = ()  # matched case-sensitively as whole words
    country: str | None = None  # ISO alpha-2 of a state actor


# ACLED-style names of frequently reported organised armed groups and forces.
KNOWN_ACTORS: tuple[KnownActor, ...] = (
    KnownActor("Islamic State", 2, ("islamic state", "isis", "isil", "daesh", "da'esh", "islamic state group"),
               ("IS", "ISIS", "ISIL")),
    KnownActor("Islamic State (West Africa)", 2, ("islamic state west africa", "iswap"), ("ISWAP",)),
    KnownActor("Islamic State (Sahel)", 2, ("islamic state sahel", "islamic state in the greater sahara"),
               ("ISGS",)),
    KnownActor("Al Shabaab", 2, ("al-shabaab", "al shabaab", "al-shabab", "al shabab", "shabaab", "shabab")),
    KnownActor("Al Qaeda", 2, ("al-qaeda", "al qaeda", "al-qaida", "al qaida"), ("AQ",)),
    KnownActor("AQAP: Al Qaeda in the Arabian Peninsula", 2, ("al-qaeda in the arabian peninsula",), ("AQAP",)),
    KnownActor("JNIM: Group for Support of Islam and Muslims", 2,
               ("group for support of islam and muslims", "jama'at nasr al-islam wal muslimin"), ("JNIM",)),
    KnownActor("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, ("boko haram",), ("JAS",)),
    KnownActor("Taliban", 2, ("taliban",)),
    KnownActor("TTP: Tehreek-i-Taliban Pakistan", 2, ("tehreek-i-taliban", "pakistani taliban"), ("TTP",)),
    KnownActor("Hamas Movement", 2, ("hamas",)),
    KnownActor("Hezbollah", 2, ("hezbollah", "hizbollah", "hizballah")),
    KnownActor("Houthi Movement", 2, ("houthi", "houthis", "ansar allah")),
    KnownActor("SDF: Syrian Democratic Forces", 2, ("syrian democratic forces", "kurdish-arab sdf"), ("SDF",)),
    KnownActor("YPG: People's Protection Units", 2, ("people's protection units",), ("YPG",)),
    KnownActor("PKK: Kurdistan Workers Party", 2, ("kurdistan workers party", "kurdistan workers' party"), ("PKK",)),
    KnownActor("HTS: Hayat Tahrir al Sham", 2, ("hayat tahrir al-sham", "hayat tahrir al sham", "tahrir al-sham"),
               ("HTS",)),
    KnownActor("ADF: Allied Democratic Forces", 2, ("allied democratic forces",), ("ADF",)),
    KnownActor("M23: March 23 Movement", 2, ("march 23 movement",), ("M23",)),
    KnownActor("RSF: Rapid Support Forces", 2, ("rapid support forces",), ("RSF",)),
    KnownActor("Military Forces of Sudan", 1, ("sudanese armed forces",), ("SAF",), "SD"),
    KnownActor("Wagner Group", 8, ("wagner group", "wagner mercenaries", "wagner")),
    KnownActor("ELN: National Liberation Army", 2, ("national liberation army",), ("ELN",)),
    KnownActor("Baloch Liberation Army", 2, ("baloch liberation army",), ("BLA",)),
    KnownActor("Fano Militia", 4, ("fano",)),
    KnownActor("Ambazonian Separatists", 2, ("ambazonian", "amba boys")),
    KnownActor("NDF: National Defence Forces", 3, ("national defence forces", "national defense forces"), ("NDF",)),
    KnownActor("Popular Mobilization Forces", 1, ("popular mobilization forces", "popular mobilisation forces",
                                                 "hashd al-shaabi"), ("PMF",), "IQ"),
    KnownActor("NATO: North Atlantic Treaty Organization", 8, ("north atlantic treaty organization",), ("NATO",)),
    KnownActor("International Coalition", 8, ("anti-is coalition", "us-led coalition", "international coalition")),
)

# Head nouns (lemmas) of generic actor mentions: (name template, inter).
GENERIC_ACTORS: dict[str, tuple[str, int]] = {}
for _words, _template in (
    (("soldier", "troop", "army", "military", "armed forces", "marine", "paratrooper", "commando", "serviceman",
      "servicemen", "garrison", "infantry", "navy", "air force", "regiment", "battalion", "brigade"),
     (f"Military Forces of {COUNTRY}", 1)),
    (("police", "policeman", "policemen", "policewoman", "gendarme", "gendarmerie", "constable", "riot police",
      "police officer", "officer"), (f"Police Forces of {COUNTRY}", 1)),
    (("security forces", "security force", "security", "guard", "guards", "border guard", "forces", "force"),
     (f"Military Forces of {COUNTRY}", 1)),
    (("government", "authorities", "authority", "ministry", "junta", "regime", "state"),
     (f"Government of {COUNTRY}", 1)),
    (("gunman", "gunmen", "assailant", "attacker", "militant", "insurgent", "jihadist", "fighter", "terrorist",
      "extremist", "bandit", "armed men", "armed group", "kidnapper", "abductor", "bomber", "raider",
      "perpetrator"), (f"Unidentified Armed Group ({COUNTRY})", 3)),
    (("rebel", "separatist", "guerrilla", "guerilla"), (f"Rebel Group ({COUNTRY})", 2)),
    (("militia", "militiaman", "militiamen", "vigilante", "herder", "herdsman", "herdsmen", "clansman"),
     (f"Unidentified Communal Militia ({COUNTRY})", 4)),
    (("protester", "protestor", "demonstrator", "marcher", "striker", "activist", "student protester"),
     (f"Protesters ({COUNTRY})", 6)),
    (("rioter", "mob", "crowd", "looter", "youth"), (f"Rioters ({COUNTRY})", 5)),
    (("inmate", "prisoner", "detainee", "escapee", "convict", "fugitive"), (f"Prisoners ({COUNTRY})", 7)),
    (("civilian", "villager", "resident", "people", "person", "farmer", "child", "children", "woman", "women",
      "man", "men", "worshipper", "student", "journalist", "passenger", "family", "teacher", "trader", "worker",
      "shepherd", "fisherman", "doctor", "nurse", "pupil", "boy", "girl", "driver", "priest", "imam", "mourner",
      "refugee", "migrant", "bystander", "shopper", "pilgrim", "teenager", "elder", "chief", "official",
      "politician", "candidate", "councillor", "mayor", "lawmaker"), (f"Civilians ({COUNTRY})", 7)),
):
    for _word in _words:
        GENERIC_ACTORS[_word] = _template

_ACRONYM_RE = {
    actor.name: re.compile(r"\b(?:" + "|".join(re.escape(a) for a in actor.acronyms) + r")\b")
    for actor in KNOWN_ACTORS if actor.acronyms
}


@lru_cache(maxsize=8192)
def known_actor(text: str) -> KnownActor | None:
    """The named group a phrase mentions, if any ('fighters from the terrorist militia Islamic State (IS)')."""
    lowered = f" {text.lower()} "
    best: tuple[int, KnownActor] | None = None
    for actor in KNOWN_ACTORS:
        positions = [m.start() for alias in actor.aliases
                     if (m := re.search(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", lowered))]
        if actor.name in _ACRONYM_RE and (m := _ACRONYM_RE[actor.name].search(text)):
            positions.append(m.start() + 1)
        if positions and (best is None or min(positions) < best[0]):
            best = (min(positions), actor)
    return best[1] if best else None


def _generic(token: Token) -> tuple[str, int] | None:
    """The generic actor type of a noun, looking at two-word forms first ('security forces')."""
    for left in token.lefts:
        pair = f"{left.lower_} {token.lemma_.lower()}"
        if pair in GENERIC_ACTORS:
            return GENERIC_ACTORS[pair]
        pair = f"{left.lower_} {token.lower_}"
        if pair in GENERIC_ACTORS:
            return GENERIC_ACTORS[pair]
    return GENERIC_ACTORS.get(token.lemma_.lower()) or GENERIC_ACTORS.get(token.lower_)


def _nationality(phrase: Span) -> str | None:
    """A nationality adjective in the phrase ('Iraqi soldiers'), as written."""
    for token in phrase:
        if (token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound", "nmod")) or (
                token.tag_ == "JJ" and token.ent_type_ == "NORP"):
            return token.text
    return None


def phrase_of(head: Token) -> Span:
    """The noun phrase of a head token, without relative clauses and trailing participles."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "advcl") or (
                child.dep_ == "prep" and child.lower_ not in ("from", "of")):
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def actor_from(head: Token, article_id: str | None = None) -> Actor | None:
    """The Actor a noun phrase refers to, or None when it does not name an actor (a building, a number)."""
    phrase = phrase_of(head)
    if phrase.start > 0 and (before := phrase.doc[phrase.start - 1]).is_upper and known_actor(before.text):
        phrase = phrase.doc[phrase.start - 1:phrase.end]  # "IS fighters", where the tagger read "IS" as a verb
    text = phrase.text.strip()
    if not text:
        return None
    evidence = [Evidence(start=phrase.start_char, end=phrase.end_char, text=phrase.text, field="actor",
                         article_id=article_id)]
    named = known_actor(text)
    if named is not None:
        return Actor(name=named.name, mention=text, inter=named.inter, country=named.country, evidence=evidence)
    generic = _generic(head)
    if generic is None:
        # a conjunction lists several kinds ('inmates, attackers, security forces and civilians'): the first counts
        for token in phrase:
            if token.pos_ in ("NOUN", "PROPN") and (generic := _generic(token)):
                break
    if generic is None:
        return None
    name, inter = generic
    nationality = _nationality(phrase)
    aliases = [nationality] if nationality else []
    return Actor(name=name, mention=text, inter=inter, aliases=aliases, evidence=evidence)


def localise(actor: Actor, country_name: str | None) -> Actor:
    """Fill the '{country}' slot of a generic actor name; without a country the slot is dropped."""
    if COUNTRY not in actor.name:
        return actor
    if country_name:
        name = actor.name.replace(COUNTRY, country_name)
    else:
        name = actor.name.replace(f" of {COUNTRY}", "").replace(f" ({COUNTRY})", "").replace(COUNTRY, "")
    return actor.model_copy(update={"name": name})
