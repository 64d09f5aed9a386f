"""Stage "counts": how many people were killed, injured, arrested, abducted, escaped, displaced, held, missing.

A quantity is a spaCy CARDINAL entity, a number-like token (`like_num`: "Eleven", "3 500") or a vague
quantity word ("dozens", "scores", "hundreds"). Its value comes from text2num (number words) or the digits;
its bound from the words in front ("more than forty" -> 40, more_than). What it counts is read from the parse:
the noun it quantifies ("Eleven Iraqi *soldiers*") is the subject, and the verb that noun depends on gives the
kind, with the victim's role checked ("gunmen killed 5" counts the 5, not the gunmen).

Conventions (ACLED practice where it has one, ours otherwise, always with bound "vague"):
"several"/"many"/"numerous" -> 10 (ACLED), "dozens" -> 12 (ACLED), "hundreds" -> 100 (ACLED),
"a few"/"a handful" -> 3, "scores" -> 20 (a score), "tens" -> 10, "thousands" -> 1000,
"tens of thousands" -> 10,000, "hundreds of thousands" -> 100,000. "a dozen" -> 12 about.
"nearly"/"almost"/"around"/"some"/"an estimated" -> about; "up to"/"as many as" -> at_most;
"between 10 and 15" -> value 10, low 10, high 15, at_least; "two dozen" -> 24 about.
"no one was killed", "no casualties" -> killed 0 (ACLED codes 0, not unknown).

Not counted: perpetrators ("gunmen killed 5": the 5 only; "shot dead by a policeman": not the policeman), the
sources ("two officials said"), people freed or released (unless described as kidnapped or hostages: "rescued
16 kidnapped travellers" -> abducted 16), ages, years, percentages, money and things ("30 houses").

Context figures (`is_context=True`, stored in `extraction.facts`, never counted as casualties; vague ones
below "hundreds" are dropped): people held
("the prison holds 3,500 inmates", "the camp houses 60,000"), population and group sizes with no casualty verb
("2,000 foreigners"), and cumulative tolls ("has killed 500,000 since 2011").

Headline fatalities: killed counts that are subsets ("including 3 children", "among them") are left out;
coordinated counts on one verb ("5 soldiers and 3 civilians were killed") are added; among the remaining
figures the lowest is chosen (the most conservative credible figure) with its bound. A toll that rose is an
update, not a disagreement: "the toll rose to 19 from 12" gives 19 (the highest update), 12 is superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventledger.extract.count_words import (
    ADJECTIVES,
    ANIMALS,
    CUMULATIVE,
    HUMAN_VERBS,
    INTRANSITIVE,
    NOUNS,
    PEOPLE,
    POPULATION_VERBS,
    PRISON_WORDS,
    PRISONER_WORDS,
    RELEASE_VERBS,
    REPORT_LEMMAS,
    TOLL_VERBS,
    TRANSITIVE,
    is_person,
    lemma_of,
)
from eventledger.extract.date_expressions import normalise
from eventledger.extract.mentions import other_incident_tokens
from eventledger.extract.quantities import Quantity, find_quantities, parse_quantity
from eventledger.extract.spans import event_spans
from eventledger.models import Bound, Count, CountKind, Evidence, Extraction
from eventledger.registry import stages

TOLL_REVISIONS = {"rise", "climb", "increase", "jump", "mount", "grow", "raise", "revise", "reach"}

__all__ = ["CountItem", "CountsStage", "count_items", "count_text", "fatality_figure", "find_counts",
           "make_counts_stage", "parse_quantity"]


# -- what a quantity counts --------------------------------------------------------------------------------

Revision = Literal["update", "superseded"]


SIDE_VERBS = {"suffer", "sustain", "incur"}  # "the guerrillas suffered no casualties": whose toll it is


@dataclass
class Reading:
    kind: CountKind | None
    subject: Token | None  # the noun counted
    cue: Token | None  # the word that says what happened
    context: bool = False
    subset: bool = False
    revision: Revision | None = None  # "the toll rose to 19 (update) from 12 (superseded)"


# Marks on a count's subject: a part of a figure given with it ("including 6 children", one side's toll), and people
# counted on top of the figure ("two attackers were also killed"). Neither is a rival figure for the toll.
SUBSET, ADDED = " (subset)", " (also)"


@dataclass(frozen=True)
class CountItem:
    """A count with what the headline rule needs: the verb it hangs on and whether it revises a toll."""

    count: Count
    cue: int | None = None  # token index of the cue word; counts on one verb are different people
    revision: Revision | None = None


def _noun(doc: Doc, q: Quantity) -> tuple[Token, Token | None]:
    """The token that carries the quantity's role in the clause, and the noun it counts (if any)."""
    root = doc[q.start:q.end].root
    if root.dep_ in ("nummod", "det", "poss") or (root.dep_ in ("amod", "quantmod", "compound")
                                           and root.head.pos_ in ("NOUN", "PROPN")):
        return root.head, root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return root, objects[0]
    return root, None


def _is_thing(noun: Token) -> bool:
    """A common noun that is plainly not people (so a count of it is not a casualty count)."""
    if noun.pos_ != "NOUN" or noun.ent_type_ in ("NORP", "PERSON") or is_person(noun):
        return False
    lemma = lemma_of(noun)
    if lemma in NOUNS or lemma in ADJECTIVES or noun.lower_ in ADJECTIVES or lemma in ("casualty", "toll"):
        return False
    # unknown nouns for groups of people ("Yazidis", "Rohingya") are usually tagged NORP/PROPN; the rest of
    # the common nouns (houses, vehicles, towns, aircraft, attacks, rockets ...) are things
    return not (lemma in ("prisoner", "captive", "hostage")
                or any(c.dep_ == "compound" and is_person(c) for c in noun.children))


def _key(token: Token) -> str:
    """The verb's lemma, or its form when the lemmatiser reads it as another verb ("wound" -> "wind")."""
    lemma = lemma_of(token)
    return lemma if lemma in TRANSITIVE or lemma in INTRANSITIVE or token.lower_ not in TRANSITIVE else token.lower_


def _own_kind(holder: Token, noun: Token | None) -> tuple[CountKind | None, Token | None]:
    """What the counted word itself says: "five dead", "19 hurt", "40 deaths", "5 injured in ..."."""
    doc = holder.doc
    after = doc[holder.i + 1] if holder.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ADJECTIVES and after.lower_ not in ("held", "killed") and (
            after.i + 1 >= len(doc) or doc[after.i + 1].pos_ not in ("NOUN", "NUM", "DET", "PROPN")):
        return ADJECTIVES[after.lower_], after  # "17 soldiers dead and another 11 missing", "3 dead, 5 hurt"
    if noun is not None and lemma_of(noun) in ("hostage", "captive", "abductee"):
        return "abducted", noun  # "8 hostages held by the gang" are abduction victims
    children = list(holder.children) + (list(noun.children) if noun is not None and noun is not holder else [])
    for child in children:
        if child.dep_ in ("amod", "acomp", "oprd", "acl", "relcl") and child.lower_ in ADJECTIVES:
            return ADJECTIVES[child.lower_], child
        if child.dep_ == "acl" and child.tag_ == "VBN" and _key(child) in TRANSITIVE:
            return TRANSITIVE[_key(child)], child
        if child.dep_ == "relcl" and _key(child) in TRANSITIVE and any(c.dep_ == "auxpass" for c in child.children):
            return TRANSITIVE[_key(child)], child  # "3,500 jihadists who are being held there"
    if noun is not None and noun.lower_ in ADJECTIVES and noun.lower_ not in PEOPLE | {"dead"}:
        return ADJECTIVES[noun.lower_], noun
    if noun is not None and lemma_of(noun) in NOUNS:
        return NOUNS[lemma_of(noun)], noun
    return None, None


def _complement_kind(verb: Token, depth: int = 0) -> tuple[CountKind, Token] | None:
    """The kind said by a verb's complement: "feared dead", "reported missing", "believed to have been taken
    hostage", "confirmed killed"."""
    for child in verb.children:
        if (child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in ADJECTIVES and child.lower_ != "held") \
                or (child.dep_ == "xcomp" and child.pos_ == "ADJ" and child.lower_ in ADJECTIVES):
            return ADJECTIVES[child.lower_], child
        if lemma_of(child) in ("hostage", "captive") and child.dep_ in ("oprd", "xcomp", "dobj", "attr", "advmod",
                                                                     "npadvmod", "conj"):
            return "abducted", child
        if lemma_of(child) == "prisoner" and child.dep_ in ("oprd", "xcomp", "attr") and lemma_of(verb) == "take":
            return "arrested", child
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and depth < 2:
            if child.tag_ == "VBN" and _key(child) in TRANSITIVE and _key(child) not in POPULATION_VERBS:
                return TRANSITIVE[_key(child)], child
            found = _complement_kind(child, depth + 1)
            if found is not None:
                return found
    return None


def _among(verb: Token) -> tuple[CountKind, Token] | None:
    """'Five children were among the 14 people killed', 'a teenager was among those wounded'."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                kind, cue = _own_kind(pobj, pobj)
                if kind is not None:
                    return kind, cue or pobj
    return None


def read(doc: Doc, q: Quantity) -> Reading:
    """What a quantity counts: kind, subject noun and the cue word; context/subset flags."""
    holder, noun = _noun(doc, q)
    subject = noun
    if noun is not None and lemma_of(noun) in ANIMALS:
        return Reading(None, subject, None)  # "20 cattle": not people
    if noun is None and holder.dep_ == "appos" and holder.head.pos_ in ("PROPN", "NOUN") and q.start > 0 and \
            doc[q.start - 1].text == "," and q.value is not None and q.value < 120:
        return Reading(None, subject, None)  # 'the leader Tomas Caal Choc, 48,': his age
    own_kind, own_cue = _own_kind(holder, noun if noun is not holder or holder.pos_ == "NOUN" else None)
    found = _among(holder)
    if found is not None:  # "three children among the dead"
        return Reading(found[0], subject, found[1], found[0] == "held", True)
    # "six people, among them a child", "of whom two children": part of a figure given just before
    in_apposition = q.start >= 2 and doc[q.start - 1].lower_ in ("them", "whom") and \
        doc[q.start - 2].lower_ in ("among", "including", "of")
    if q.end < len(doc) and doc[q.end].lower_ == "of" and any(
            t.like_num for t in doc[q.end + 1:min(q.end + 4, len(doc))]):
        in_apposition = True  # "12 of the 40 hostages": a part of the 40
    # climb to the governing verb through coordination and prepositions
    token, verb, role, subset = holder, holder, holder.dep_, in_apposition
    via = ""  # the preposition the count hangs on the verb with ("rose *to* 19 *from* 12")
    for _ in range(6):
        if token.dep_ == "conj" and token.head.pos_ == "VERB" and token.pos_ in ("NUM", "NOUN") \
                and own_kind is None:
            if noun is not None and _is_thing(noun):
                return Reading(None, subject, None)  # "eight men were killed and more than 30 houses burnt"
            verb, role = token.head, "dobj"  # "arrested 12 people on Thursday and another 30": parsed as conj
            break
        if token.dep_ in ("conj", "appos"):
            token = token.head
            continue
        if token.dep_ == "pobj":
            prep = token.head
            if prep.dep_ == "agent":  # "shot dead by a policeman": the perpetrator
                return Reading(None, subject, None)
            if prep.lower_ == "including" or lemma_of(prep) == "include":
                subset = True  # "killed 20, including 6 children" ("among the 14 killed" is the whole)
            if lemma_of(prep.head) in ("toll", "tally") and prep.lower_ in ("of", "at"):  # "a death toll of 12"
                return Reading(_toll_noun_kind(prep.head), subject, prep.head, _cumulative(prep.head), subset)
            if prep.lower_ == "to" and lemma_of(prep.head) == "home":  # "home to 80,000 refugees"
                return Reading(own_kind or "other", subject, prep.head, True, subset)
            kind = NOUNS.get(lemma_of(prep.head)) if prep.head.pos_ in ("NOUN", "PROPN") else None
            kind = kind or (ADJECTIVES.get(prep.head.lower_) if prep.head.pos_ in ("ADJ", "NOUN") else None)
            if kind is not None:  # "among the dead", "the deaths of 12 people"
                return Reading(kind, subject, prep.head, kind == "held", subset)
            if prep.head.pos_ in ("VERB", "AUX"):
                verb, role, via = prep.head, "pobj", prep.lower_
                break
            token = prep.head
            continue
        if token.dep_ == "prep":
            token = token.head
            continue
        if token.pos_ in ("VERB", "AUX") and token is holder:
            verb, role = token, "self"
        elif token.dep_ == "ROOT":
            verb, role = token, "ROOT"
        else:
            verb, role = token.head, token.dep_
        break
    if q.value == 0 and own_kind is None and subject is not None and lemma_of(subject) == "casualty":
        own_kind, own_cue = "killed", subject  # "no casualties"
        side = next((c for c in verb.children if c.dep_ == "nsubj" and is_person(c)), None) \
            if lemma_of(verb) in SIDE_VERBS else None
        if side is not None:  # "the guerrillas suffered no casualties": one side's toll, a part of the whole
            return Reading("killed", side, subject, False, True)
    if verb.lower_ in ADJECTIVES and verb.pos_ == "ADJ":
        kind = ADJECTIVES[verb.lower_]
        return Reading(kind, subject, verb, kind == "held", subset)
    # "tried to free", "stormed the prison to free ...": an aim, not a release
    attempted = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if lemma_of(verb) in RELEASE_VERBS and role in ("dobj", "nsubjpass", "pobj") and not attempted:
        # "1,500 detainees were released" is no harm; "rescued 16 kidnapped travellers" still counts the abducted
        if own_kind == "abducted":
            return Reading("abducted", subject, own_cue, False, subset)
        return Reading(None, subject, verb)
    if role == "nsubj" and lemma_of(verb) in REPORT_LEMMAS and _verb_before(doc, q) is None:
        return Reading(None, subject, None)  # "two local officials said": the sources, not a count
    if role == "dobj" and lemma_of(verb) == "include":
        whole = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if whole is not None:
            kind = ("killed" if lemma_of(whole) in ("toll", "tally") else NOUNS.get(lemma_of(whole))
                    or ADJECTIVES.get(whole.lower_) or _own_kind(whole, whole)[0])
            if kind is not None:  # "the toll included four policemen", "the dead include two children"
                return Reading(kind, subject, verb, kind == "held", True)
    complement = _complement_kind(verb) if role in ("nsubj", "nsubjpass", "dobj") else None
    if complement is not None:  # "were feared dead", "believed to have been taken hostage", "left ... dead"
        kind, cue = complement
        return Reading(kind, subject, cue, kind == "held", subset)
    hostage = any(lemma_of(c) in ("hostage", "captive") for c in verb.children)
    if lemma_of(verb) in POPULATION_VERBS and role in ("dobj", "nsubj", "attr", "pobj", "self") and not hostage:
        # "serves 15,000 displaced people", "60,000 people live in the camp": a population, not an event
        if lemma_of(verb) == "number" and verb.dep_ in ("acl", "relcl") and subject is None:
            subject = verb.head
        kind = own_kind or ("held" if lemma_of(verb) in ("hold", "house", "contain") or
                            (subject is not None and lemma_of(subject) in PRISONER_WORDS) else "other")
        return Reading(kind, subject, verb, True, subset)
    if role in ("nsubj", "nsubjpass", "attr") and lemma_of(verb) == "be":
        found = _among(verb)
        if found is not None:
            return Reading(found[0], subject, found[1], found[0] == "held", True)
        for child in verb.children:
            if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in ADJECTIVES:
                kind = ADJECTIVES[child.lower_]  # "eleven miners are still missing"
                return Reading(kind, subject, child, kind == "held", subset)
    if role in ("dobj", "nsubjpass", "attr", "oprd", "dative", "pobj", "npadvmod") or (
            role == "conj" and holder.dep_ == "conj"):
        kind = _transitive_kind(verb, subject)
        revision: Revision | None = None
        if kind is None and role == "pobj":
            kind = _toll_kind(verb)
            if kind is not None and lemma_of(verb) in TOLL_REVISIONS:
                revision = "superseded" if via == "from" else "update" if via in ("to", "at") else None
        if kind is not None:
            return Reading(kind, subject, verb, kind == "held" or _cumulative(verb), subset, revision)
    reduced = verb.tag_ == "VBN" or (verb.dep_ in ("ccomp", "xcomp", "oprd") and lemma_of(verb.head) == "leave")
    if role == "nsubj" and reduced and not any(c.dep_ == "dobj" for c in verb.children):
        kind = _transitive_kind(verb, subject)  # "leaving 3,500 people displaced": a reduced passive
        if kind is not None:
            return Reading(kind, subject, verb, kind == "held" or _cumulative(verb), subset)
    if role in ("nsubj", "self"):
        kind = _intransitive_kind(verb, subject)
        if kind is not None:
            return Reading(kind, subject, verb, kind == "held" or _cumulative(verb), subset)
    before = _verb_before(doc, q)
    if before is not None:  # "have killed at least 687 Palestinians, the ministry said" parsed wrongly
        return Reading(TRANSITIVE[_key(before)], subject, before, _cumulative(before), subset)
    if role in ("ROOT", "relcl", "acl") or verb is holder:
        fallback = _passive_after(holder)
        if fallback is not None:
            kind, cue = fallback
            return Reading(kind, subject, cue, kind == "held" or _cumulative(cue), subset)
    if own_kind is not None:
        return Reading(own_kind, subject, own_cue, own_kind == "held" or _cumulative(own_cue or holder), subset)
    if subject is not None and is_person(subject):
        held = lemma_of(subject) in PRISONER_WORDS
        return Reading("held" if held else "other", subject, None, True, subset)
    return Reading(None, subject, None)


def _verb_before(doc: Doc, q: Quantity) -> Token | None:
    """A casualty verb right before the number ("killed at least 687 ..."), when the parse lost the link."""
    previous = doc[q.start - 1] if q.start > 0 else None
    if previous is not None and previous.pos_ == "VERB" and _key(previous) in TRANSITIVE \
            and _key(previous) not in POPULATION_VERBS and previous.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP"):
        return previous
    return None


def _passive_after(holder: Token) -> tuple[CountKind, Token] | None:
    """When the parse hangs the verb wrongly ("forty inmates, attackers ... were killed" read as a relative
    clause), take the first passive casualty verb after the noun phrase in the same clause."""
    sent = holder.sent
    for token in holder.doc[holder.i + 1:min(sent.end, holder.i + 20)]:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORT_LEMMAS:
            return None
        if token.pos_ == "VERB" and token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
            kind = _transitive_kind(token, None)
            return (kind, token) if kind is not None else None
        if token.pos_ == "VERB" and token.lemma_.lower() in INTRANSITIVE:
            return INTRANSITIVE[token.lemma_.lower()], token
        if token.text in (".", ";", ":"):
            return None
    return None


def _transitive_kind(verb: Token, subject: Token | None) -> CountKind | None:
    lemma = _key(verb)
    if any(c.dep_ == "prep" and c.lower_ == "to" and any(lemma_of(g) == "death" for g in c.children)
           for c in verb.children):
        return "killed"  # "stabbed / beaten / burned to death"
    if lemma in ("force", "drive", "chase", "push") and any(
            lemma_of(t) in ("home", "village", "town", "land") for t in verb.subtree):
        return "displaced"  # "forced from their homes"
    if lemma == "round" and not any(c.lower_ == "up" for c in verb.children):
        return None
    if lemma in ("claim",) and not any(lemma_of(c) in ("life", "live") for c in verb.subtree):
        return None
    if lemma == "shoot" and not any(c.lower_ == "dead" for c in verb.children):
        return "injured"
    if lemma == "bury" and any(c.lower_ in ("under", "beneath", "alive") or lemma_of(c) == "rubble"
                               for c in verb.subtree):
        return None  # people trapped 'under the rubble', not the dead buried
    if lemma in ("hold", "keep", "take") and any(lemma_of(c) in ("hostage", "captive") for c in verb.children):
        return "abducted"
    if lemma in ("take", "hold", "keep") and subject is not None and lemma_of(subject) in ("prisoner", "captive",
                                                                                        "hostage"):
        return "arrested" if lemma_of(subject) == "prisoner" else "abducted"  # "took 90 soldiers prisoner"
    if lemma == "seize" and not is_person(subject):
        return None
    if lemma == "leave":
        for child in verb.children:
            if child.lower_ in ADJECTIVES:
                return ADJECTIVES[child.lower_]
    return TRANSITIVE.get(lemma)


def _intransitive_kind(verb: Token, subject: Token | None) -> CountKind | None:
    lemma = _key(verb)
    if verb.lower_ == "missing":
        return "missing"
    if lemma in ("take", "seek", "find") and any(lemma_of(c) in ("refuge", "shelter", "sanctuary")
                                                 for c in verb.children):
        return "displaced"  # "took refuge in the mission"
    if lemma in ("flee", "escape", "break"):
        if lemma == "break" and not any(c.lower_ == "out" for c in verb.children):
            return None
        places = {lemma_of(t) for t in verb.subtree}
        if places & PRISON_WORDS or (subject is not None and lemma_of(subject) in PRISONER_WORDS):
            return "escaped"
        return "displaced" if lemma == "flee" else "escaped"
    if lemma == "go" and any(c.lower_ == "missing" for c in verb.children):
        return "missing"
    if lemma in ("lose", "sacrifice") and any(lemma_of(c) == "life" for c in verb.children):
        return "killed"
    return INTRANSITIVE.get(lemma)


def _toll_noun_kind(noun: Token) -> CountKind:
    compounds = {c.lower_ for c in noun.children}
    return "injured" if compounds & {"injury", "injured", "wounded"} else "killed"


def _toll_kind(verb: Token) -> CountKind | None:
    """'the death toll rose to 40', 'the toll stood at 12', 'organisers put the toll at 20'."""
    if lemma_of(verb) not in TOLL_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma_of(child) in ("toll", "tally"):
            compounds = {c.lower_ for c in child.children}
            if compounds & {"injury", "injured", "wounded"}:
                return "injured"
            return "killed"
    return None


def _cumulative(verb: Token) -> bool:
    return bool(CUMULATIVE.search(verb.sent.text))


def _listed_nouns(noun: Token) -> list[Token]:
    """Nouns listed after `noun` ("inmates, attackers, Kurdish security forces and civilians"), read linearly
    because the parser often breaks such lists."""
    doc, i, found = noun.doc, noun.i + 1, []
    while i < len(doc) - 1 and doc[i].text in (",", "and", "or") and doc[i].sent == noun.sent:
        j = i + 1
        if doc[j].lower_ in ("and", "or"):
            j += 1
        while j < len(doc) and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and j + 1 < len(doc) \
                and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ") and doc[j + 1].tag_ != "NNP":
            j += 1
        if j >= len(doc) or doc[j].pos_ not in ("NOUN",) or not is_person(doc[j]):
            break
        coordinated = doc[i].lower_ in ("and", "or") or doc[i + 1].lower_ in ("and", "or")
        if not coordinated and j + 1 < len(doc) and doc[j + 1].pos_ in ("VERB", "AUX"):
            break  # ", police said": the subject of the next clause, not one more victim
        found.append(doc[j])
        i = j + 1
    return found


def _has_own_figure(noun: Token) -> bool:
    """'a driver', 'two children', 'his bodyguard' are counted on their own ('their families' is not)."""
    for child in noun.children:
        if child.dep_ == "nummod" and child.like_num:
            return True
        if child.dep_ in ("det", "poss") and noun.tag_ == "NN" and child.lower_ in ("a", "an", "another", "his",
                                                                                  "her", "their"):
            return True
    return False


def _subject_text(subject: Token | None) -> str | None:
    """'inmates, attackers, security forces, civilians' for a coordinated subject."""
    if subject is None or lemma_of(subject) in ("death", "fatality", "injury", "arrest", "detention", "casualty"):
        return None  # "40 deaths", "no injuries": what happened, not to whom
    # conjuncts with their own figure ("3 aid workers and a driver") are counted on their own
    nouns = [subject, *[t for t in (*subject.conjuncts, *_listed_nouns(subject))
                        if t.pos_ in ("NOUN", "PROPN") and is_person(t) and not _has_own_figure(t)]]
    parts = []
    for noun in sorted(set(nouns), key=lambda t: t.i):
        # the whole compound chain: "Islamic State members", "security forces"
        compounds = [t.text for c in noun.children if c.dep_ == "compound" and c.i < noun.i for t in c.subtree]
        parts.append(" ".join([*compounds, noun.text]).lower())
    return ", ".join(dict.fromkeys(parts))


def _long_since(sent: Span, published: date | None) -> bool:
    """Whether the sentence counts "since" a date more than three months before publication ("killed since
    October 7" in a May paper): a running total, not the toll of one event."""
    if published is None:
        return False
    for ent in sent.ents:
        before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if ent.label_ == "DATE" and (before == "since" or ent.text.lower().startswith("since ")):
            value = normalise(ent.text, published)
            if value is not None and (published - value.start).days > 92:
                return True
    return False


def count_items(span: Span, article_id: str | None = None, published: date | None = None) -> list[CountItem]:
    """Every count of people in a span, with what the headline rule needs (`CountItem`). With the publication
    date, counts "since" a date long before it are running totals (context)."""
    doc = span.doc
    items: list[CountItem] = []
    running_total = {sent.start: _long_since(sent, published) for sent in span.sents}
    previous: Reading | None = None
    for q in find_quantities(span):
        reading = read(doc, q)
        elided = q.start > 0 and doc[q.start - 1].lower_ in ("another", "including", "further")
        if previous is not None and previous.kind not in (None, "other") and (reading.kind in (None, "other")) \
                and (elided or reading.subset) and doc[q.start].sent == doc[previous.cue.i if previous.cue
                                                                            else q.start].sent:
            # "arrested 12 on Thursday and another 30 on Friday", "killed 21, including four children"
            reading = Reading(previous.kind, reading.subject, previous.cue, previous.context,
                              reading.subset or doc[q.start - 1].lower_ == "including")
        if reading.kind not in (None, "other", "held") and running_total.get(doc[q.start].sent.start):
            reading.context = True
        if reading.kind not in (None, "other") and not reading.context:
            previous = reading
        if reading.kind is None or (q.singular and (reading.context or reading.kind == "other")):
            continue
        strong = reading.cue is not None and (_key(reading.cue) in HUMAN_VERBS or reading.cue.lower_ in ADJECTIVES)
        if reading.subject is not None and _is_thing(reading.subject) and not strong:
            continue  # "shot down several aircraft", "seized 3 towns": things, not people
        if reading.kind == "other" and q.bound == "vague" and q.value < 100:
            # "a few women and children": too vague to be a context figure; crowd sizes ("hundreds of
            # protesters", as in ACLED's crowd-size tags) are kept
            continue
        phrase_end = q.end
        if reading.subject is not None and reading.subject.i >= q.end and reading.subject.i - q.end <= 4:
            phrase_end = reading.subject.i + 1
        tokens = [doc[q.start], doc[phrase_end - 1]]
        if reading.cue is not None and abs(reading.cue.i - q.start) <= 25:
            tokens.append(reading.cue)
        first, last = min(t.i for t in tokens), max(t.i for t in tokens)
        evidence = Evidence.from_text(doc.text, doc[first].idx, doc[last].idx + len(doc[last]),
                                      field="fatalities" if reading.kind == "killed" else reading.kind,
                                      article_id=article_id)
        subject = _subject_text(reading.subject)
        if reading.subset:
            subject = f"{subject or 'people'}{SUBSET}"
        elif reading.kind == "killed" and reading.cue is not None and any(
                c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in reading.cue.children):
            subject = f"{subject or 'people'}{ADDED}"  # "two attackers were also killed": more dead, not a rival toll
        count = Count(kind=reading.kind, value=q.value, low=q.low, high=q.high, bound=q.bound, subject=subject,
                      text=doc[q.start:phrase_end].text, is_context=reading.context, evidence=[evidence])
        items.append(CountItem(count, reading.cue.i if reading.cue is not None else None, reading.revision))
    return items


def find_counts(span: Span, article_id: str | None = None, published: date | None = None) -> list[Count]:
    """Every count of people in a span (casualty counts and context figures), with evidence."""
    return [item.count for item in count_items(span, article_id, published)]


def fatality_figure(items: list[CountItem]) -> tuple[int, Bound] | None:
    """The most conservative credible killed figure (rule in the module docstring)."""
    killed = [item for item in items if item.count.kind == "killed" and not item.count.is_context
              and item.count.value is not None and not (item.count.subject or "").endswith((SUBSET, ADDED))
              and item.revision != "superseded"]
    added = sum(item.count.value or 0 for item in items if item.count.kind == "killed" and
                not item.count.is_context and (item.count.subject or "").endswith(ADDED))
    updates = [item for item in killed if item.revision == "update"]
    groups: dict[object, list[Count]] = {}
    for n, item in enumerate(updates or killed):
        groups.setdefault(item.cue if item.cue is not None else f"alone-{n}", []).append(item.count)
    totals: list[tuple[int, Bound]] = []
    for counts in groups.values():
        # coordinated counts on one verb ("5 soldiers and 3 civilians were killed") are different people
        value = sum(c.value or 0 for c in counts) + added
        bound = next((c.bound for c in counts if c.bound != "exact"), "exact")
        totals.append((value, bound))
    if not totals:
        return (added, "exact") if added else None
    if updates:  # a toll that rose replaces the earlier figures; the latest (highest) update stands
        return max(totals, key=lambda t: (t[0], t[1] == "exact"))
    return min(totals, key=lambda t: (t[0], t[1] != "exact"))


# -- the pipeline stage ----------------------------------------------------------------------------------

class CountsStage:
    """Counts for every event from its sentences; context figures of the whole article go to facts."""

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        article_id, published = extraction.article.id, extraction.article.published
        facts: dict[int, Count] = {f.evidence[0].start: f for f in extraction.facts if f.evidence}
        for sent in doc.sents:
            for count in find_counts(sent, article_id, published):
                if count.is_context:
                    facts.setdefault(count.evidence[0].start, count)
        for event in extraction.events:
            seen: set[int] = set()
            items: list[CountItem] = []
            for span in event_spans(doc, event):
                # (not the toll of another incident the sentence sets its own by: 'the abduction followed a raid
                # in which nine people were killed')
                aside = other_incident_tokens(span)
                for item in count_items(span, article_id, published):
                    if item.count.is_context or item.count.evidence[0].start in seen or item.cue in aside:
                        continue
                    seen.add(item.count.evidence[0].start)
                    items.append(item)
            event.counts = [item.count for item in items]
            figure = fatality_figure(items)
            event.fatalities, event.fatalities_bound = figure if figure else (None, None)
        extraction.facts = sorted(facts.values(), key=lambda c: c.evidence[0].start)
        return extraction


def count_text(text: str, nlp: Language | None = None, published: date | None = None) -> list[Count]:
    """All counts in a text, parsed with the shared pipeline (a convenience for tests and interactive use)."""
    if nlp is None:
        from eventledger.nlp import get_nlp

        nlp = get_nlp()
    return find_counts(nlp(text)[:], published=published)


@stages.register("counts")
def make_counts_stage() -> CountsStage:
    """Factory for the pipeline."""
    return CountsStage()
