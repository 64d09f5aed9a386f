"""Parse cues: what the codebook's disambiguation rules look at, read off a spaCy parse.

The embedding says roughly what a sentence is about; the cues answer the questions the ACLED codebook asks to
split close classes: who acted (state forces, armed group, protesters, a crowd), against whom (civilians or armed
men), from the air or the ground, whether the attacker died, whether a grenade was thrown, whether protesters
were violent or met with force, and whether territory changed hands by force or without fighting.

Cue words are matched on lemmas and lower-case forms (`CUE_WORDS`) and on multi-word phrases with spaCy's
`PhraseMatcher` (`CUE_PHRASES`); the argument cues follow dependency arcs. Every cue is 0/1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

# Word cues (lemma or lower-case form), grouped by what they tell the codebook rules.
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "air": ("airstrike", "airstrikes", "warplane", "jet", "aircraft", "helicopter", "gunship", "drone", "uav",
            "airplane", "plane", "aerial", "airpower", "bombing", "bomber-jet"),
    "ground_fire": ("shell", "shelling", "mortar", "artillery", "rocket", "missile", "howitzer", "katyusha",
                    "barrage", "projectile", "bombard", "bombardment", "grad", "shellfire", "launcher"),
    "suicide": ("suicide", "martyrdom", "self-detonating", "kamikaze-bomber"),
    "explosive": ("bomb", "ied", "ieds", "explosive", "explosives", "blast", "explosion", "detonate", "device",
                  "explode", "landmine", "mine", "booby", "booby-trapped", "detonator", "dynamite"),
    "planted": ("plant", "planted", "hide", "hidden", "conceal", "bury", "buried", "roadside", "landmine",
                "remote", "remotely", "booby-trapped", "magnetic", "sticky", "parked", "step"),
    "grenade": ("grenade", "grenades"),
    "throw": ("throw", "hurl", "lob", "toss", "pelt"),
    "chemical": ("chlorine", "sarin", "mustard", "toxic", "chemical", "chemicals", "nerve", "poison", "poisoned",
                 "suffocate", "suffocation", "gas", "choke", "choking", "gasp"),
    "sexual": ("rape", "raped", "sexual", "sexually", "molest", "gang-rape", "gang-raped"),
    "abduct": ("abduct", "abduction", "kidnap", "kidnapping", "kidnapper", "hostage", "disappear",
               "disappearance", "snatch", "ransom", "missing", "whereabouts"),
    "arrest": ("arrest", "detain", "detention", "custody", "apprehend", "capture", "recapture", "nab", "jail",
               "imprison", "handcuff", "detainee", "round", "catch", "caught", "escapee", "fugitive"),
    "protest": ("protest", "protester", "protestor", "demonstration", "demonstrator", "demonstrate", "rally",
                "march", "marcher", "sit-in", "picket", "vigil", "protesting", "rallying", "boycott", "striker",
                "riot", "rioter", "rioting"),
    "intervention": ("disperse", "teargas", "tear-gas", "baton", "cannon", "scatter", "pepper", "truncheon",
                     "rubber"),
    "lethal": ("kill", "dead", "death", "die", "killing", "fatally", "massacre", "murder", "execute", "behead",
               "slaughter", "lethal", "live", "bullet", "critically", "gravely"),
    "riot_act": ("stone", "rock", "torch", "burn", "smash", "loot", "vandalise", "vandalize", "ransack",
                 "molotov", "barricade", "riot", "rioter", "rampage", "storm", "pelt", "ablaze", "petrol",
                 "set"),
    "crowd": ("mob", "lynch", "lynching", "crowd", "vigilante", "villager", "resident", "youth", "youths",
              "community", "communities", "neighbour", "rival"),
    "agreement": ("ceasefire", "cease-fire", "truce", "agreement", "deal", "accord", "pact", "exchange", "swap",
                  "treaty", "memorandum", "reconciliation", "sign", "negotiate", "mediate", "agree"),
    "change_group": ("defect", "defection", "merge", "merger", "formation", "form", "deploy", "deployment",
                     "reinforcement", "redeploy", "split", "dissolve", "surrender", "allegiance", "alliance",
                     "relocate", "mobilise", "mobilize", "integrate", "suspend", "creation", "reinforce"),
    "weapon": ("weapon", "arm", "arms", "ammunition", "rifle", "explosive", "explosives", "cache", "ordnance",
               "munition", "detonator", "depot", "gun", "firearm", "belt", "drone", "missile", "mine", "bomb",
               "device", "grenade", "rocket"),
    "disrupt": ("defuse", "seize", "confiscate", "dismantle", "intercept", "neutralise", "neutralize", "foil",
                "thwart", "discover", "find", "clear", "haul", "demine", "deminer", "down", "recover",
                "shoot"),
    "base": ("headquarters", "base", "camp", "outpost", "office", "post", "centre", "center", "installation",
             "garrison", "barracks", "checkpoint"),
    "establish": ("establish", "set", "open", "build", "turn", "construct", "install", "move"),
    "property": ("loot", "looting", "arson", "arsonist", "burn", "torch", "demolish", "raze", "vandalise",
                 "vandalize", "plunder", "ransack", "destroy", "bulldoze", "sabotage", "fire", "steal"),
    "take_territory": ("capture", "seize", "overrun", "control", "fall", "take", "occupy", "hold", "enter",
                       "overpower", "rout"),
    "retake": ("recapture", "retake", "regain", "reclaim", "liberate", "dislodge", "expel", "clear", "restore",
               "re-enter", "recover", "back", "wrest"),
    "place": ("town", "city", "village", "district", "area", "province", "region", "capital", "territory",
              "airport", "port", "hill", "hilltop", "valley", "crossing", "border", "base", "neighbourhood",
              "township", "settlement", "junction", "road", "highway", "field", "post", "outpost", "garrison",
              "airbase", "airfield", "locality", "commune", "municipality", "suburb", "stronghold",
              "headquarters", "position", "trench", "island", "oilfield", "bridge", "quarter", "county",
              "building", "complex", "compound", "facility", "hub"),
    "withdraw": ("withdraw", "withdrawal", "handover", "pullout", "abandon", "evacuate", "retreat", "desert",
                 "unopposed", "peacefully"),
    "state": ("army", "troop", "troops", "soldier", "military", "police", "policeman", "gendarme", "gendarmerie",
              "officer", "navy", "government", "junta", "federal", "authority", "authorities", "security",
              "commando", "marine", "guard", "force", "forces", "regime"),
    "nonstate": ("rebel", "militant", "insurgent", "jihadist", "fighter", "militia", "militiaman", "gunman",
                 "separatist", "bandit", "terrorist", "extremist", "assailant", "attacker", "guerrilla",
                 "paramilitary", "armed", "faction", "group"),
    "civilian": ("civilian", "villager", "resident", "farmer", "worshipper", "student", "passenger", "child",
                 "children", "woman", "women", "journalist", "teacher", "trader", "family", "shepherd",
                 "fisherman", "unarmed", "displaced", "pupil", "man", "men", "boy", "girl", "vendor", "worker",
                 "mourner", "traveller", "customer", "priest", "doctor", "driver", "activist", "bystander"),
    "armed_target": ("soldier", "troop", "troops", "police", "policeman", "officer", "patrol", "convoy",
                     "checkpoint", "base", "position", "post", "outpost", "barracks", "garrison", "camp",
                     "gendarme", "fighter", "militant", "insurgent", "rebel", "line", "trench"),
    "clash": ("clash", "fight", "battle", "fighting", "gunfight", "firefight", "shootout", "gunbattle",
              "skirmish", "ambush", "repel", "repulse", "engage", "exchange", "confront", "offensive", "assault",
              "counterattack", "gunfire"),
    "kill": ("kill", "shoot", "murder", "execute", "massacre", "behead", "stab", "assassinate", "gun", "hack",
             "slaughter", "torture", "beat", "lynch", "shot"),
    "nature": ("earthquake", "quake", "flood", "flooding", "cyclone", "hurricane", "typhoon", "storm",
               "landslide", "drought", "wildfire", "bushfire", "volcano", "volcanic", "tsunami", "heatwave",
               "avalanche", "rain", "rainfall", "tremor", "monsoon", "lightning", "snowfall", "mudslide",
               "eruption", "erupt"),
    "accident": ("accident", "crash", "collision", "collide", "derail", "capsize", "collapse", "leak",
                 "stampede", "overturn", "malfunction", "failure", "accidentally", "blaze", "plunge", "fault",
                 "trap", "sink"),
    "crime": ("robbery", "rob", "robber", "gang", "cartel", "drug", "trafficking", "trafficker", "smuggle",
              "smuggler", "smuggling", "extortion", "theft", "thief", "heist", "pirate", "fraud", "laundering",
              "rustler", "counterfeit", "cocaine", "heroin", "narcotic", "hijack", "mafia", "criminal"),
    "attribution": ("responsibility", "blame", "accuse", "accusation", "deny", "behind", "hallmark", "credit",
                    "attribute", "responsible", "claim", "suspect", "involvement", "role"),
    "diplo": ("sanction", "ambassador", "envoy", "diplomat", "embassy", "summit", "embargo", "diplomatic",
              "minister", "consultation", "summon", "bloc", "membership", "condolence", "bilateral"),
    "other": ("grave", "curfew", "emergency", "remains", "sentence", "court", "escape", "internet", "exhume",
              "body", "bodies", "release", "free", "freed", "trial", "postpone"),
}

# Multi-word cues (matched on lower-case text).
CUE_PHRASES: dict[str, tuple[str, ...]] = {
    "air": ("air strike", "air raid", "air force", "fighter jet", "barrel bomb", "air attack", "from the air",
            "unmanned aerial vehicle", "air support"),
    "suicide": ("blew himself up", "blew herself up", "blew themselves up", "blow himself up",
                "killing himself", "killing herself", "killing themselves", "killed himself", "killed herself",
                "suicide vest", "suicide belt", "explosive vest", "explosive belt", "bomb belt",
                "strapped to", "died in the blast", "died in the explosion", "dying in the explosion",
                "exploded himself", "detonated himself", "martyrdom operation"),
    "planted": ("roadside bomb", "car bomb", "explosive device", "remote control", "remote-controlled",
                "anti-tank mine", "anti-personnel mine", "left over"),
    "protest": ("on strike", "general strike", "hunger strike", "went on strike"),
    "intervention": ("tear gas", "tear-gas", "tear-gassed", "water cannon", "rubber bullets", "warning shots",
                     "shots in the air", "broke up", "break up", "pepper spray", "into custody", "forcibly removed"),
    "lethal": ("live ammunition", "live rounds", "live fire", "live bullets", "shot dead", "opened fire",
               "open fire", "to death", "lost their lives", "lost his life", "lost her life", "losing their lives"),
    "riot_act": ("set fire", "set on fire", "petrol bomb", "molotov cocktail", "burning tyres", "threw stones",
                 "turned violent", "broke into"),
    "crowd": ("angry crowd", "mob justice", "stoned to death", "beat to death", "beaten to death",
              "burned alive", "burnt alive"),
    "agreement": ("prisoner exchange", "prisoner swap", "peace deal", "peace agreement", "humanitarian pause",
                  "in exchange for"),
    "clash": ("fended off", "fend off", "fought off", "fight off", "beat back", "beaten back", "drove back",
              "driven back"),
    "disrupt": ("shot down", "shoot down", "defused", "bomb disposal", "weapons cache", "arms cache",
                "foiled", "thwarted"),
    "establish": ("set up", "turned into"),
    "take_territory": ("took control", "take control", "taken control", "seized control", "took over",
                       "take over", "taken over", "in control", "now control", "now hold"),
    "retake": ("took back", "take back", "won back", "win back", "seize back", "drove out", "pushed out",
               "fought their way back", "back from"),
    "withdraw": ("without a fight", "without resistance", "without firing a shot", "no fighting",
                 "without clashes", "without any clashes", "handed over", "hand over", "pulled out",
                 "pull out", "moved in", "withdrew from", "unopposed"),
    "state": ("security forces", "government forces", "armed forces", "state forces", "national army",
              "riot police", "anti-riot"),
    "nonstate": ("armed group", "armed men", "unknown gunmen", "armed movement", "armed opposition"),
    "attribution": ("claimed responsibility", "claimed the attack", "denied responsibility", "took credit",
                    "were behind", "was behind", "carried out the attack", "said it carried out",
                    "bore the hallmarks"),
    "diplo": ("foreign ministry", "diplomatic relations", "diplomatic ties", "travel ban", "arms embargo",
              "security council"),
    "other": ("mass grave", "state of emergency", "human remains", "bodies were found", "body was found",
              "bodies of", "body of"),
    "nature": ("magnitude", "torrential rains", "heavy rain", "tropical storm", "flash floods"),
    "accident": ("caught fire", "fire broke out", "electrical fault", "technical failure", "level crossing",
                 "went down"),
}

WORD_CUES: tuple[str, ...] = tuple(CUE_WORDS)

# Cues that need the parse: who did what to whom.
ARGUMENT_CUES: tuple[str, ...] = (
    "agent_state", "agent_nonstate", "agent_protesters", "agent_crowd",
    "victim_civilian", "victim_armed", "victim_protesters",
    "attacker_died", "thrown_explosive", "thrown_objects",
    "protest_violent", "protest_lethal_force", "protest_intervention",
    "territory_by_force", "territory_no_fight", "territory_retaken_by_state",
    "place_taken", "place_retaken", "captured_person", "territory_state_agent", "territory_nonstate_agent",
    "weapons_seized", "weapon_stopped", "base_established", "headline",
)

CUE_NAMES: tuple[str, ...] = WORD_CUES + ARGUMENT_CUES
CUE_INDEX = {name: i for i, name in enumerate(CUE_NAMES)}

_WORD_TAGS: dict[str, frozenset[str]] = {}
for _tag, _words in CUE_WORDS.items():
    for _word in _words:
        _WORD_TAGS[_word] = _WORD_TAGS.get(_word, frozenset()) | {_tag}

_SUBJECT_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_OBJECT_DEPS = {"dobj", "obj", "pobj", "dative", "attr", "oprd"}
_PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "mourner", "striker", "protesting", "rioter"}
_STOP_VERBS = {"intercept", "neutralise", "neutralize", "defuse", "foil", "thwart", "dismantle", "disarm"}
_HARM_VERBS = {"kill", "shoot", "fire", "beat", "wound", "injure", "stab", "hit", "attack", "crush", "die",
               "run", "murder", "gun"}
_INTERVENE_VERBS = {"disperse", "arrest", "detain", "scatter", "break", "tear", "prevent", "remove", "charge",
                    "end", "block", "stop", "seize"}
_REFLEXIVES = {"himself", "herself", "themselves", "itself"}
# An attack that armed defenders repelled or foiled while it was under way is a fight between two armed sides.
_REPEL_VERBS = {"repel", "repulse", "foil", "thwart"}
_FEND_VERBS = {"fend": "off", "fight": "off", "beat": "back"}
_ATTACK_NOUNS = {"attack", "assault", "raid", "incursion", "offensive", "attempt", "advance", "jailbreak"}
_PLANNED = {"plan", "planned", "plot", "planning", "would-be", "intended"}
# People held in custody: an armed group freeing them attacks those who hold them (not a release).
_HELD = {"prisoner", "inmate", "detainee", "convict", "prison", "jail", "imprison", "detain", "jailed"}
_ATTACKERS = {"bomber", "attacker", "assailant", "perpetrator"}
_OVERRIDING_PHRASES = {"withdraw"}
# ('set fire to the station', 'opened fire' set up nothing)
_PHRASE_MASKS = {"intervention": frozenset({"chemical", "lethal", "arrest"}), "riot_act": frozenset({"establish"}),
                 "lethal": frozenset({"establish"})}
# Capitalised month names are dates, not marches ("On 9 March 2024").
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
_OUST_VERBS = {"push", "drive", "force", "chase", "flush", "kick", "oust", "rout"}
_TAKE_VERBS = {"capture", "seize", "overrun", "take", "occupy", "hold", "enter", "control", "storm"}
_RETAKE_VERBS = {"recapture", "retake", "regain", "reclaim", "liberate", "recover", "win", "restore", "re-enter",
                 "wrest", "reconquer", "clear", "dislodge", "expel"}
_PERSON_OBJECTS = {"commander", "leader", "suspect", "member", "militant", "fighter", "soldier", "man", "men",
                   "people", "escapee", "inmate", "prisoner", "civilian", "journalist", "hostage", "activist",
                   "worker", "student", "child", "woman", "villager", "official", "passenger", "person", "trader",
                   "chief", "driver", "engineer", "priest", "teacher", "girl", "boy", "family", "others",
                   "dozen", "dozens"}
# Taking people is an arrest or an abduction, taking weapons a seizure: neither is taking territory.
_NOT_PLACES = _PERSON_OBJECTS | {"weapon", "weapons", "arms", "ammunition", "cache", "explosive", "rifle"}


_NATURE_NOUNS_ONLY = {"storm", "rain", "flood"}  # natural as nouns; the verbs are assaults and shelling ("stormed",
# "shells rained down", "crowds flooded the square")


@lru_cache(maxsize=4)
def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    """One matcher per vocab (the pipeline's shared vocab in practice)."""
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for tag, phrases in CUE_PHRASES.items():
        matcher.add(tag, [tokenizer(p) for p in phrases])
    return matcher


def _tags(token: Token) -> frozenset[str]:
    if token.text in _MONTHS:
        return frozenset()
    tags = _WORD_TAGS.get(token.lemma_.lower(), frozenset()) | _WORD_TAGS.get(token.lower_, frozenset())
    if not tags and token.is_title and token.lemma_ == token.text:
        # a plural the parser took for a name, at the start of a sentence ('Gunmen stormed', 'Militants attacked')
        tags = _WORD_TAGS.get(re.sub(r"men$", "man", re.sub(r"s$", "", token.lower_)), frozenset())
    if token.pos_ == "VERB" and token.lemma_.lower() in _NATURE_NOUNS_ONLY:
        return tags - {"nature"}
    return tags


def _head_verb(token: Token) -> Token:
    """The verb a noun hangs from (through a preposition or a conjunction)."""
    head = token.head
    while head.dep_ in ("prep", "agent", "conj", "appos", "compound") and head.head.i != head.i:
        head = head.head
    return head


def _territory_agent(verb: Token, token_tags: dict[int, frozenset[str]]) -> set[str]:
    """Who took the place: the subject of the verb (or of the verb it is coordinated with)."""
    cues: set[str] = set()
    for head in (verb, verb.head if verb.dep_ == "conj" else verb):
        for child in head.children:
            if child.dep_ in _SUBJECT_DEPS:
                tags = set().union(*(token_tags.get(t.i, frozenset()) for t in child.subtree))
                if "state" in tags:
                    cues.add("territory_state_agent")
                elif "nonstate" in tags:
                    cues.add("territory_nonstate_agent")
    return cues


def _first_noun_after(verb: Token, end: int) -> Token | None:
    for token in verb.doc[verb.i + 1:min(end, verb.i + 6)]:
        if token.pos_ in ("NOUN", "PROPN"):
            if token.lemma_.lower() == "control":
                continue
            return token
        if token.pos_ not in ("DET", "ADJ", "ADV", "ADP", "PART", "NUM"):
            return None
    return None


def _is_headline(span: Span) -> bool:
    letters = [c for c in span.text if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters[:40]) > 0.6 * min(len(letters), 40)


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, or of the verb it completes or is coordinated with ('fighters tried to free')."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS]
        if subjects or node.dep_ not in ("xcomp", "conj", "advcl") or node.head.i == node.i:
            return subjects
        node = node.head
    return []


def _frees_prisoners(token: Token, token_tags: dict[int, frozenset[str]]) -> bool:
    """'Militants tried to free the prisoners': an armed group freeing people held in custody."""
    if token.lemma_.lower() not in ("free", "release") or token.pos_ != "VERB":
        return False
    held = any(t.lemma_.lower() in _HELD or t.lower_ in _HELD for c in token.children if c.dep_ in ("dobj", "obj")
               for t in c.subtree)
    armed = any("nonstate" in token_tags.get(t.i, frozenset()) for s in _subjects(token) for t in s.subtree)
    return held and armed


def repelled_attack(token: Token) -> bool:
    """'the attack was repulsed', 'guards foiled an assault': an attack under way met by armed defenders (an
    attack foiled while only planned is not: 'a planned attack was foiled when police found explosives')."""
    if token.lemma_.lower() not in _REPEL_VERBS or token.pos_ != "VERB":
        return False
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass") and child.lemma_.lower() in _ATTACK_NOUNS:
            return not any(t.lemma_.lower() in _PLANNED or t.lower_ in _PLANNED for t in child.subtree)
    return False


def span_cues(span: Span | Doc) -> np.ndarray:
    """The 0/1 cue vector of one span of a parsed document (a sentence, an event's sentences, a snippet)."""
    vector = np.zeros(len(CUE_NAMES), dtype=np.float32)
    doc = span.doc if isinstance(span, Span) else span
    start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(doc))
    token_tags: dict[int, frozenset[str]] = {}
    for token in doc[start:end]:
        tags = _tags(token)
        if tags:
            token_tags[token.i] = tags
    for match_id, m_start, m_end in _phrase_matcher(doc.vocab)(doc[start:end]):
        tag = doc.vocab.strings[match_id]
        for i in range(m_start, m_end):  # a PhraseMatcher run on a Span gives offsets in its Doc
            # "without a fight" is not fighting; "tear gas" is not a chemical weapon, "rubber bullets" not lethal
            masked = token_tags.get(i, frozenset()) - _PHRASE_MASKS.get(tag, frozenset())
            token_tags[i] = frozenset({tag}) if tag in _OVERRIDING_PHRASES else masked | {tag}
    for token in doc[start:end]:
        if _frees_prisoners(token, token_tags):
            # an armed group freeing prisoners attacks their guards: not the release the "other" cue stands for
            token_tags[token.i] = token_tags.get(token.i, frozenset()) - {"other"}
        if repelled_attack(token) and token.lemma_.lower() in ("foil", "thwart"):
            token_tags[token.i] = (token_tags.get(token.i, frozenset()) - {"disrupt"}) | {"clash"}
        if token.lemma_.lower() in _FEND_VERBS and token.pos_ == "VERB" and any(
                c.dep_ == "prt" and c.lower_ == _FEND_VERBS[token.lemma_.lower()] for c in token.children):
            token_tags[token.i] = token_tags.get(token.i, frozenset()) | {"clash"}  # "guards fended them off"
    found: set[str] = set().union(*token_tags.values()) if token_tags else set()
    found |= _argument_cues(doc, start, end, token_tags, found)
    if _is_headline(doc[start:end]):
        found.add("headline")
    for name in found:
        if name in CUE_INDEX:
            vector[CUE_INDEX[name]] = 1.0
    return vector


def _argument_cues(doc: Doc, start: int, end: int, token_tags: dict[int, frozenset[str]],
                   found: set[str]) -> set[str]:
    """Cues that need dependency arcs: agents and victims of the event verbs, and the codebook's splits."""
    cues: set[str] = set()
    for token in doc[start:end]:
        tags = token_tags.get(token.i, frozenset())
        lemma = token.lemma_.lower()
        verb = _head_verb(token)
        verb_lemma = verb.lemma_.lower()
        is_agent = token.dep_ in _SUBJECT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        is_victim = token.dep_ in _PASSIVE_SUBJECT_DEPS or (token.dep_ in _OBJECT_DEPS and not is_agent)
        protesters = lemma in _PROTESTERS or token.lower_ in _PROTESTERS
        if is_agent:
            if "state" in tags:
                cues.add("agent_state")
            if "nonstate" in tags:
                cues.add("agent_nonstate")
            if protesters:
                cues.add("agent_protesters")
                if token_tags.get(verb.i, frozenset()) & {"riot_act", "property", "throw", "clash"} or \
                        verb_lemma in {"attack", "clash", "throw", "hurl", "burn", "storm", "set", "break"}:
                    cues.add("protest_violent")
            if "crowd" in tags:
                cues.add("agent_crowd")
            if lemma in _ATTACKERS and verb_lemma in {"die", "perish"}:
                cues.add("attacker_died")
        if is_victim:
            harmful = verb_lemma in _HARM_VERBS or "kill" in token_tags.get(verb.i, frozenset())
            if "civilian" in tags and harmful:
                cues.add("victim_civilian")
            if "armed_target" in tags and (harmful or "clash" in token_tags.get(verb.i, frozenset())):
                cues.add("victim_armed")
            if protesters:
                cues.add("victim_protesters")
                if harmful:
                    cues.add("protest_lethal_force" if "lethal" in found else "protest_intervention")
                if verb_lemma in _INTERVENE_VERBS:
                    cues.add("protest_intervention")
            if lemma in _ATTACKERS and verb_lemma == "kill":
                cues.add("attacker_died")
        if token.dep_ in ("dobj", "obj") or (token.dep_ == "pobj" and token.head.lower_ == "of"
                                               and token.head.head.lemma_ == "control"):
            holder = token.head.head.head if token.dep_ == "pobj" else token.head
            holder_lemma = holder.lemma_.lower()
            if (holder_lemma in _TAKE_VERBS or holder_lemma in _RETAKE_VERBS) and lemma != "control":
                if lemma in _PERSON_OBJECTS:
                    cues.add("captured_person")
                elif lemma not in _NOT_PLACES and ("place" in tags or token.pos_ == "PROPN" or any(
                        c.pos_ == "PROPN" for c in token.children if c.dep_ in ("compound", "prep", "appos"))):
                    retaken = holder_lemma in _RETAKE_VERBS or any(
                        c.lower_ == "back" for c in holder.children)
                    cues.add("place_retaken" if retaken else "place_taken")
        if token.pos_ == "VERB" and (lemma in _TAKE_VERBS or lemma in _RETAKE_VERBS):
            # The small parser often misattaches the object; the first noun after the verb is a good fallback.
            taken = _first_noun_after(token, end)
            if taken is not None and taken.lemma_.lower() not in _NOT_PLACES and (
                    taken.pos_ == "PROPN" or "place" in token_tags.get(taken.i, frozenset())):
                prefixed = token.i >= 2 and doc[token.i - 2].lower_ == "re" and doc[token.i - 1].text == "-"
                retaken = lemma in _RETAKE_VERBS or prefixed or any(c.lower_ == "back" for c in token.children)
                cues.add("place_retaken" if retaken else "place_taken")
                cues |= _territory_agent(token, token_tags)
        if token.pos_ == "VERB" and lemma in _OUST_VERBS and any(c.lower_ == "out" for c in token.children) \
                and "place" in found:
            # "pushed the insurgents out of the town": whoever pushes takes the place back
            cues.add("place_retaken")
            cues |= _territory_agent(token, token_tags)
        if (lemma in _STOP_VERBS or (lemma == "shoot" and any(c.lower_ == "down" for c in token.children))) \
                and any(token_tags.get(t.i, frozenset()) & {"weapon", "air", "ground_fire", "explosive"}
                        for t in token.subtree if t.i != token.i):
            # "air defences shot down two drones", "police defused a bomb": a weapon stopped, not used
            cues.add("weapon_stopped")
        if lemma == "die" and not any(c.dep_ in _SUBJECT_DEPS for c in token.children):
            # "the bomber ... set them off among the crowd, dying instantly": the dying one is the clause's subject
            head = token.head
            while head.dep_ == "conj" and not any(c.dep_ in _SUBJECT_DEPS for c in head.children):
                head = head.head
            if any(c.dep_ in _SUBJECT_DEPS and c.lemma_.lower() in _ATTACKERS for c in head.children):
                cues.add("attacker_died")
        if lemma == "fall" and token.pos_ == "VERB":
            # "the district fell to the armed group": a place taken, by whoever it fell to
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"):
                for agent in (c for c in prep.children if c.dep_ == "pobj"):
                    tags = set().union(*(token_tags.get(t.i, frozenset()) for t in agent.subtree))
                    if tags & {"state", "nonstate"}:
                        cues.add("place_taken")
                        cues.add("territory_state_agent" if "state" in tags and "nonstate" not in tags
                                 else "territory_nonstate_agent")
        if token.lower_ in _REFLEXIVES and verb_lemma in {"blow", "detonate", "explode", "kill"}:
            cues.add("attacker_died")
        if "throw" in tags and token.pos_ == "VERB":
            objects = {t.lemma_.lower() for t in token.subtree}
            if objects & {"grenade", "explosive", "device", "bomb"}:
                cues.add("thrown_explosive")
            if objects & {"stone", "rock", "bottle", "brick", "molotov", "petrol", "cocktail"}:
                cues.add("thrown_objects")
    if "suicide" in found:
        cues.add("attacker_died")
    if "protest" in found or "agent_protesters" in cues:
        if "intervention" in found:
            cues.add("protest_intervention")
        if "lethal" in found and ("state" in found or "victim_protesters" in cues):
            cues.add("protest_lethal_force")
        if "riot_act" in found or "thrown_objects" in cues:
            cues.add("protest_violent")
    territory = (bool(found & {"take_territory", "retake", "withdraw"}) and "place" in found) or \
        bool(cues & {"place_taken", "place_retaken"})
    if territory and "withdraw" in found:
        cues.add("territory_no_fight")
    if territory and "clash" in found and found & {"take_territory", "retake"}:
        cues.add("territory_by_force")
    if (("retake" in found and "place" in found) or "place_retaken" in cues) and "agent_state" in cues:
        cues.add("territory_retaken_by_state")
    if "weapon" in found and "disrupt" in found:
        cues.add("weapons_seized")
    if "base" in found and "establish" in found:
        cues.add("base_established")
    return cues


def docs_cues(docs: Iterable[Doc]) -> np.ndarray:
    """Cue vectors of whole snippets (one parsed doc each)."""
    rows = [span_cues(doc) for doc in docs]
    return np.vstack(rows) if rows else np.zeros((0, len(CUE_NAMES)), dtype=np.float32)


def spans_cues(spans: Sequence[Span]) -> np.ndarray:
    """One cue vector for several spans of the same event (logical OR)."""
    vector = np.zeros(len(CUE_NAMES), dtype=np.float32)
    for span in spans:
        np.maximum(vector, span_cues(span), out=vector)
    return vector


def active_cues(vector: np.ndarray) -> list[str]:
    """Names of the cues that fire (for explanations and tests)."""
    return [CUE_NAMES[i] for i in np.flatnonzero(vector)]
