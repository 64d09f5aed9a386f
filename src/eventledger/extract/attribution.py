"""Stage "attribution": who says each thing the events are built from, how strongly, and through whom.

Every sentence of the article gets its *attribution*: the source (the subject of a reporting verb such as
"reported", "said", "claimed", "confirmed", "denied"; the object of "according to"), the verb as written, its
strength, and the chain of sources ("the observatory, which gets its information from activists on the ground"
-> via activists). Pronouns ("he claimed") refer to the last person who spoke. A sentence without a reporting
verb continues the reported speech of the sentence before it in the same paragraph (news style: the source is
named once, then its account goes on), else of the sentence after it ("... were killed. The governor said ...");
failing both it is the article's own statement (`unattributed`). Hedging adverbs ("allegedly", "reportedly",
"apparently") make a claim `alleged`.

Each event sentence becomes a Claim linked to the event and its evidence, with what it is about: a count
("fatalities": "40"), a status ("under control" / "ongoing"; hostages freed / still held; "taken" when the
attacked position fell), a perpetrator
("actor1": a group that claims or denies the attack is its own source, a group blamed is named by the sentence's
source), or the event itself. Status and perpetrator statements in sentences no event was built from go to the
article's main event (an article reports one main incident). Counts get their `source`. Within-article
contradictions follow `eventledger.resolve.contradictions`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventledger.extract.actors import known_actor
from eventledger.extract.counts import ADDED, SUBSET
from eventledger.extract.paragraphs import paragraph_numbers
from eventledger.models import Claim, Event, Evidence, Extraction, Strength
from eventledger.registry import stages
from eventledger.resolve.contradictions import find_contradictions

REPORT_VERBS: dict[str, Strength] = {
    "confirm": "confirmed", "report": "reported", "say": "said", "tell": "said", "state": "said", "add": "said",
    "announce": "said", "explain": "said", "write": "said", "tweet": "said", "post": "said", "note": "said",
    "claim": "claimed", "insist": "claimed", "assert": "claimed", "maintain": "claimed", "boast": "claimed",
    "allege": "alleged", "accuse": "claimed", "deny": "denied", "reject": "denied", "dismiss": "denied",
    "circulate": "claimed", "publish": "reported", "warn": "said", "estimate": "said", "document": "reported",
    "record": "reported", "quote": "reported", "cite": "reported", "show": "reported",
}
HEDGES = {"allegedly", "reportedly", "apparently", "purportedly", "supposedly", "seemingly", "ostensibly"}
PRONOUNS = {"he", "she", "they", "it", "we"}
STATUS_ONGOING = re.compile(r"\b((?:fighting|clashes|battles?|attacks?|siege|shelling|gunfire|violence|hostilities|"
                            r"standoff|unrest|protests?|negotiations|shooting|blasts|explosions|confrontations|"
                            r"exchanges of fire)\b[^.;]{0,40}?\bcontinu\w*|continu\w* (?:to )?"
                            r"(?:fight|clash|attack|shell|battle|hold)\w*|"
                            r"not over|isn[’']t over|is not over|was not over|still (?:raging|going|"
                            r"ongoing|underway)|ongoing|raging|persist\w*|haven[’']t got\b.*\bunder control|"
                            r"not (?:yet )?(?:been )?(?:brought )?under control|"
                            # hostages, captives: the abduction is not over while anyone is held
                            r"still (?:being )?(?:held|missing|in captivity|holding out|detained|in (?:\w+ )?custody|"
                            r"in detention|in jail|in prison|behind bars|in the hands of)|"
                            r"remain(?:s|ed)? (?:in captivity|missing|in (?:\w+ )?custody|in detention|behind bars|"
                            r"on the outskirts)|"
                            r"still (?:not )?(?:be |being |been )?(?:fired|heard|seen|found|located)|\bno calm\b|"
                            # a search, a strike, a blockade or demolitions not over
                            r"(?:demolitions?|bulldozing|raids|bombardment|air ?strikes|pursuit|sit-in|blockade|strike)"
                            r"\b[^.;]{0,40}?\b(?:were|was|is|are) continuing|"
                            r"(?:gunfire|fighting|shooting|shelling|clashes|firing)\b[^.;]{0,30}?\b(?:had|has|have) "
                            r"not stopped|still (?:camped|conducting|enforcing|idle|there\b)|"
                            r"(?:remained|remains|remain|still) (?:halted|idle|suspended)|"
                            r"(?:broke out|erupted|marched|blocked|took to the streets)\b[^.;]{0,40}?\bagain\b|"
                            r"not (?:yet )?(?:been )?(?:released|freed|rescued)|"
                            r"(?:clashes|fighting|gunfire|shelling|shooting|firing|explosions) (?:resumed|went on)|"
                            # fighting told again later than another source says it ended ('exchanged fire again on
                            # Sunday', 'fans fought near the bridge until after midnight', 'back in the square')
                            r"(?:exchanged fire|fought|clashed|gunfire|shooting)\b[^.;]{0,40}?\bagain\b|"
                            r"\bagain on (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                            r"(?:fought|faced each other|clashed)\b[^.;]{0,60}?\buntil "
                            r"(?:about |around |well |shortly )?(?:past|after)\b|"
                            r"back in the (?:square|streets?|road)\b|"
                            # "confrontations ... until past 1 a.m.": it went on after the time another source gives
                            r"(?:fighting|clashes|confrontations|exchanges of fire|gunfire|shelling)\b[^.;]{0,80}?"
                            r"\buntil (?:past|after|dawn|daybreak|late|the early)|"
                            # a crowd, a blockade, looting that went on until later than another source says
                            r"(?:stayed|remained|lasted|held|kept|went on|continued)\b[^.;]{0,60}?\buntil "
                            r"(?:about |around |well |shortly )?(?:past |after |before )?(?:dawn|daybreak|midnight|"
                            r"nightfall|night|the early|morning|\d{1,2}(?::\d\d)?\s?[ap]\.?m|"
                            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
                            r"(?:looting|charges|firing|rioting|barricades|blockade|sit-in)\b[^.;]{0,40}?\b(?:went on|"
                            r"continued|resumed|did not stop|held)|"
                            r"still (?:sitting|blocking|up|in place|on the (?:road|streets?|avenue))|"
                            # a search or a cordon not over ('soldiers are still combing the slopes')
                            r"still (?:not )?(?:lifted|combing|searching|surrounding|sealed)|"
                            r"(?:search|manhunt|cordon|operation)s? (?:is |was |are )?(?:continuing|still under way)|"
                            r"came back (?:during|in|later|overnight|that night)|"
                            r"(?:chased|regrouped|beat)\b[^.;]{0,60}?\buntil (?:well |shortly |about |around )?(?:past|"
                            r"after|into|midnight|dawn|late|\d)|(?:went on|continued|lasted) until well into|"
                            # the crowd back at it later ('youths rebuilt barricades on Friday morning')
                            r"rebuilt (?:the |their )?barricades|(?:burn(?:ed|t)|burning) tyres again|"
                            r"(?:running battles|battles|clashes|fighting)\b[^.;]{0,80}?\bcontinued until|"
                            r"traffic (?:had |has )?not (?:yet )?(?:resumed|been restored))\b", re.I)
STATUS_CONTROL = re.compile(r"\b(?:brought|got|is|was|been|now|back|fully|remains?) (?:\w+ )?under control\b|"
                            r"\b(?:exercises?|exercising|has|have|took|in) full control\b|"
                            r"\bremains? under the control of\b|\bnormalcy (?:was |has been |had been |is )?restored\b|"
                            r"\b(?:was|has been|had been) completed\b|\bcrowds? had dispersed\b|\bopen again\b|"
                            r"\b(?:work|business|activities|traffic) (?:is |was |went on |has |had )?(?:proceeding |"
                            r"resumed |continued )?normally\b|"
                            # a street protest or riot over: order, traffic, the road back
                            r"\brestored (?:public )?order\b|\border restored\b|"
                            r"\btraffic (?:was |had been |has been |is )?(?:restored|resumed|flowing normally)\b|"
                            r"\b(?:reopened|open again|opened again) to traffic\b|\bcleared (?:with)?in \w+ minutes\b|"
                            r"\b(?:calm|quiet) by (?:nightfall|the evening|evening|the morning|morning)\b|"
                            r"\bnormal (?:activities|life) (?:had |has )?resumed\b|"
                            r"\bsituation (?:had |has |was )?(?:stabili[sz]ed|normali[sz]ed)\b|"
                            r"\b(?:order|calm) (?:was|has been|had been|is) (?:\w+ )?restored\b|"
                            r"\bcalm (?:has |had )?returned\b|\b(?:back|returned) to normal\b|"
                            r"\bsituation (?:is|was|remains|remained) [\"“']?(?:completely |totally |fully |now )?"
                            r"(?:calm|normal)\b|"
                            r"\b(?:ceasefire|truce)\b[^.;]{0,80}?\b(?:is|was) holding\b|"
                            # the state back in a town, an operation or a strike over, work again
                            r"\b(?:retook|retaken|recaptured|regained (?:full )?control)\b|"
                            r"\boperations?\b[^.;]{0,30}?\b(?:concluded|completed)\b|\bconcluded the operation\b|"
                            r"\b(?:production|work|classes|lectures|flights|pumping|gas flow) (?:has |had )?resumed\b|"
                            r"\blifted (?:their|the|its) (?:sit-in|blockade|siege|curfew)\b|"
                            r"\b(?:sit-in|blockade|siege|curfew)\b[^.;]{0,40}?\b(?:has been|had been|was) lifted\b|"
                            r"\b(?:roads?|routes?|area|town|city|village|municipality|district) (?:had been |has been |"
                            r"have been |had been |was |were |is |are )?(?:cleared|reopened|secured)\b|"
                            r"\bsituation (?:is|was|remains|remained) (?:\w+ )?(?:stable|calm)\b|"
                            r"\bended\b|\b(?:is|was) over\b|"
                            r"\b(?:repelled|repulsed) (?:the|an|their) (?:attack|assault|attackers)\b|"
                            r"\b(?:attack|assault) (?:had been |has been |was )?(?:repelled|repulsed)\b|"
                            r"\b(?:have|had|has) (?:all )?been (?:rescued|freed|released)\b|"
                            r"\b(?:were|was) (?:all )?(?:rescued|freed|released)\b|"
                            # the detained let go ('all detainees released by 02:00', 'the three were freed')
                            r"\b(?:detainees|detained|hostages|captives|all|everyone|both|\w+ of them|abductees)"
                            r"\s+(?:\w+\s+)?(?:released|freed)\b(?! a\b| an\b| the\b| its\b| their\b)", re.I)
# The attacked position fell ("overran the camp", "took control of the town"): the other outcome of an attack
# that another source says was repelled.
_POSITION = r"(?:camp|base|barracks|post|outpost|garrison|checkpoint|positions?|town|village|city)\b"
STATUS_TAKEN = re.compile(
    r"\b(?:overran|overrun|conquered|captured|seized|took (?:full )?control of)\W+(?:(?!(?:in|at|near|from|of|on|"
    r"and|with)\b)[\w'’-]+\W+){0,3}?" + _POSITION + r"|\b(?:took (?:full )?control of|seized control of|overran) "
    r"(?-i:[A-Z])|\b" + _POSITION + r"(?: \w+){0,3}? fell to\b|"
    # the attackers still hold ground ("its fighters still controlled the Golweyn road")
    r"\bstill (?:controls?|controlled|holds?|held|in control of) (?:the|several|parts?|much|most)\b", re.I)
# Who publishes what a group says ('carried by the group's Amaq news agency'): not the group that did it.
MEDIA_NOUNS = {"agency", "outlet", "channel", "newspaper", "television", "radio", "website", "account", "media"}
# Words for an armed or criminal group that a capitalised name opens ('the One Order gang').
GROUP_NOUNS = {"gang", "group", "militia", "faction", "cartel", "movement", "brigade", "brigades", "front", "clan",
               "syndicate", "sindicato", "alliance", "army"}
# Who did it, as sources put it: "X claimed responsibility", "police blamed X", "X denied any involvement".
INCIDENT_NOUNS = {"responsibility", "attack", "bombing", "blast", "killing", "killings", "assault", "abduction",
                  "kidnapping", "strike", "ambush", "raid", "explosion", "shelling", "massacre", "operation",
                  "involvement", "murder", "shooting", "attacks", "role", "part", "hand", "credit", "raids",
                  "strikes", "bombardment"}
CLAIM_LEMMAS = {"claim"}
DENY_LEMMAS = {"deny", "reject"}
BLAME_LEMMAS = {"blame"}
RELATIVES = {"that", "which", "whom", "who"}
NAMING_VERBS = {"call", "know", "name"}
# What is claimed or denied, not done: 'X carried out the attack' names X, 'X played a role' does not.
CLAIMED_NOUNS = {"responsibility", "involvement", "role", "part", "hand", "credit"}
# Verbs whose subject is who says who did it ('police blamed X'), not who did it ('the killers came from Y').
ACCUSING_LEMMAS = BLAME_LEMMAS | {"accuse", "attribute", "point", "link", "tie", "hold", "suspect"}
# Who did it, as sources call them before saying who they were ('the gunmen were members of the Seakhi gang').
PERPETRATOR_NOUNS = {"gunman", "gunmen", "attacker", "assailant", "killer", "perpetrator", "kidnapper", "bomber",
                     "raider", "shooter"}
AGENT_VERBS = {"carry", "attack", "commit", "perpetrate", "stage", "launch", "orchestrate", "burn", "torch"}
# A source denying that anyone died: a toll of none, against the others ("police denied any protester was killed").
DENIED_DEATHS = re.compile(r"\bden(?:y|ies|ied|ying)\b(?: that)? (?:any|anyone|anybody|any of the)\b[^.;]{0,40}?\b"
                           r"(?:was|were|had been|has been|have been) (?:killed|shot dead)|\bden(?:y|ies|ied|ying) "
                           r"(?:any|that there were any) (?:deaths|fatalities|casualties)\b", re.I)
NOT_GROUPS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "FAC", "QUANTITY"}


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: str  # monitor, state_media, media, official, armed_group, activists, unnamed, ngo, witnesses
    pattern: re.Pattern[str]


def _source(name: str, kind: str, pattern: str) -> KnownSource:
    return KnownSource(name, kind, re.compile(pattern, re.I))


KNOWN_SOURCES: tuple[KnownSource, ...] = (
    # ('the observatory' alone is the Syrian one, as the seed article calls it; 'the Sahel Civic Space Observatory'
    # is not)
    _source("Syrian Observatory for Human Rights", "monitor",
            r"\b(syrian observatory|sohr)\b|^(?:the\s+)?(?:[\w-]+-based\s+)?(?:war\s+)?observatory\b"),
    _source("SANA", "state_media", r"\b(sana|syrian arab news agency)\b"),
    _source("ACLED", "monitor", r"\bacled\b"),
    _source("United Nations", "ngo", r"\b(united nations|un|ocha|unhcr|unicef|un mission|monusco|unama)\b"),
    _source("ICRC", "ngo", r"\b(red cross|icrc|red crescent)\b"),
    _source("Human Rights Watch", "ngo", r"\bhuman rights watch\b"),
    _source("Amnesty International", "ngo", r"\bamnesty\b"),
    _source("Doctors Without Borders", "ngo", r"\b(msf|doctors without borders|medecins sans frontieres)\b"),
    _source("Reuters", "media", r"\breuters\b"),
    _source("AFP", "media", r"\b(afp|agence france-presse)\b"),
    _source("AP", "media", r"\b(associated press|ap)\b"),
    _source("Al Jazeera", "media", r"\bal jazeera\b"),
    _source("BBC", "media", r"\bbbc\b"),
    _source("Activists", "activists", r"\bactivists?\b"),
    _source("Witnesses", "witnesses", r"\b(witness|witnesses|residents?|locals?|eyewitness\w*)\b"),
    _source("Medical sources", "unnamed", r"\b(medical sources?|hospital (?:sources?|officials?)|doctors?|medics?)\b"),
    _source("Security sources", "unnamed", r"\b(security sources?|a security source|security officials?|"
                                           r"military sources?|police sources?|a source)\b"),
)
OFFICIAL_WORDS = {"spokesman", "spokeswoman", "spokesperson", "governor", "minister", "ministry", "official",
                  "officials", "police", "army", "military", "commander", "mayor", "president", "government",
                  "authorities", "chief", "statement", "office", "prosecutor", "agency"}


@dataclass
class Attribution:
    source: str
    source_type: str | None
    verb: str | None
    strength: Strength
    via: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None  # the source phrase in the article
    is_person: bool = False
    inherited: bool = False


ARTICLE = Attribution("the article", "media", None, "unattributed")


def _trim(phrase: Span) -> Span:
    """The source phrase without relative clauses, appositive clauses and trailing punctuation."""
    doc = phrase.doc
    end = phrase.end
    for token in phrase:
        if (token.dep_ in ("relcl", "acl") and token.head.i < token.i) or token.text in (",", "(", "—", "–"):
            end = min(end, token.left_edge.i if token.dep_ in ("relcl", "acl") else token.i)
    start = phrase.start
    while start < end and doc[start].dep_ in ("det", "punct") and doc[start].lower_ in ("the", "a", "an", ","):
        start += 1
    return doc[start:end] if end > start else phrase


def _chain(head: Token) -> list[str]:
    """Where a source gets its information: 'which gets its information from activists on the ground'."""
    via = []
    for token in head.subtree:
        if token.lower_ in ("from", "citing", "quoting") and token.i > head.i:
            objects = [c for c in token.children if c.dep_ in ("pobj", "dobj")] or [
                c for c in token.subtree if c.dep_ in ("pobj", "dobj")]
            for obj in objects[:1]:
                via.append(obj.doc[obj.left_edge.i:obj.right_edge.i + 1].text)
    return via


def normalise_source(phrase: Span) -> tuple[str, str | None, bool]:
    """(canonical name, source type, names a person) for a source phrase."""
    text = phrase.text.strip(" ,.")
    for known in KNOWN_SOURCES:
        if known.pattern.search(text):
            return known.name, known.kind, False
    people = [e for e in phrase.ents if e.label_ == "PERSON"]
    lowered = {t.lower_ for t in phrase}
    role = " ".join(t.text for t in phrase if t.lower_ in OFFICIAL_WORDS or (t.dep_ == "compound" and t.head.lower_
                    in OFFICIAL_WORDS and t.ent_type_ != "PERSON"))
    group = known_actor(text)
    kind = "armed_group" if group is not None and group.inter != 1 else "official" if lowered & OFFICIAL_WORDS \
        else None
    if people:
        person = people[0].text
        label = f"{person} ({role})" if role else person
        return label, kind or "person", True
    if group is not None:
        return group.name, kind, False
    name = text[0].upper() + text[1:] if text else text
    return name, kind or "unnamed", bool(lowered & OFFICIAL_WORDS & {"spokesman", "spokeswoman", "spokesperson",
                                                                      "governor", "minister", "commander",
                                                                      "mayor", "president", "chief"})


def _reporting_verbs(sent: Span) -> list[tuple[Token, Strength]]:
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in REPORT_VERBS and (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")):
            if lemma == "show" and not any(c.dep_ == "nsubj" and c.lemma_.lower() in ("footage", "video", "image",
                                                                                    "photo", "data", "record")
                                           for c in token.children):
                continue
            found.append((token, REPORT_VERBS[lemma]))
        elif token.lower_.endswith("that") and token.lower_[:-4] and (stem := token.lower_[:-4]) and any(
                stem.startswith(v[:5]) for v in REPORT_VERBS if len(v) >= 5):
            verb = next(v for v in REPORT_VERBS if len(v) >= 5 and stem.startswith(v[:5]))
            found.append((token, REPORT_VERBS[verb]))  # "confirmedthat": words run together in bad copy
    # the verb the sentence hangs on first: in 'police chased them until 8 p.m., long after the force said calm had
    # returned, a rights group said', the rights group tells it; the force is what it tells of
    return sorted(found, key=lambda item: item[0].dep_ != "ROOT")


def _subject_of(verb: Token) -> Token | None:
    if any(c.dep_ == "auxpass" for c in verb.children) and verb.lemma_.lower() not in ("quote", "cite"):
        # what 'was reported' is what was said, not who said it ('No deaths were reported, police said'): the
        # agent, if any ('was reported by the monitor')
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return agent
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # the subject nearest the verb: "Inmates have fled the prison, the observatory said"
        before = [c for c in subjects if c.i < verb.i]
        return max(before, key=lambda c: c.i) if before else subjects[0]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "the Syrian Observatory for Human Rights reported" parsed as a modifier
    return None


def attribute_sentence(sent: Span) -> Attribution | None:
    """The attribution a sentence states itself, or None."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                phrase = _trim(token.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1])
                name, kind, person = normalise_source(phrase)
                return Attribution(name, kind, "according to", "reported", _chain(objects[0]),
                                   (phrase.start_char, phrase.end_char), person)
    for verb, strength in _reporting_verbs(sent):
        if verb.lemma_.lower() not in REPORT_VERBS:
            # a run-together "confirmedthat" has no parse of its own: the source is what comes before it
            phrase = _trim(sent[0:verb.i - sent.start])
            if len(phrase) and phrase[0].lower_ not in PRONOUNS:
                name, kind, person = normalise_source(phrase)
                return Attribution(name, kind, verb.text[:-4], strength, [], (phrase.start_char, phrase.end_char),
                                   person)
            continue
        subject = _subject_of(verb)
        if subject is None:
            continue
        if subject.lower_ in PRONOUNS:
            return Attribution(subject.lower_, None, verb.text, strength, [], (subject.idx, subject.idx + len(subject)))
        left = subject.left_edge.i
        for other in verb.children:  # "The state news agency Sana" parsed as two subjects side by side
            if other.dep_ == "nsubj" and other.right_edge.i + 1 == left:
                left = other.left_edge.i
        phrase = _trim(subject.doc[left:subject.right_edge.i + 1])
        if subject.dep_ not in ("nsubj", "nsubjpass", "pobj"):  # the modifier reading: the phrase ends at the verb
            phrase = _trim(subject.doc[subject.left_edge.i:verb.i])
        name, kind, person = normalise_source(phrase)
        return Attribution(name, kind, verb.text, strength, _chain(subject), (phrase.start_char, phrase.end_char),
                           person)
    return None


def attribute_article(doc: Doc) -> dict[int, Attribution]:
    """Attribution of every sentence, by sentence start offset (rules in the module docstring)."""
    sentences = list(doc.sents)
    own: list[Attribution | None] = []
    last_person: Attribution | None = None
    last_source: Attribution | None = None
    for sent in sentences:
        found = attribute_sentence(sent)
        if found is not None and found.source in PRONOUNS:
            antecedent = last_person if found.source in ("he", "she") else last_source
            if antecedent is not None:
                found = Attribution(antecedent.source, antecedent.source_type, found.verb, found.strength,
                                    antecedent.via, found.span, antecedent.is_person)
            else:
                found = None
        if found is not None:
            last_source = found
            if found.is_person:
                last_person = found
        own.append(found)
    # reported speech goes on only within one line of text: a source is never carried across a line break
    paragraph = paragraph_numbers(doc.text, sentences, blank_line_only=False)
    result: dict[int, Attribution] = {}
    for i, sent in enumerate(sentences):
        found = own[i]
        if found is None:
            previous = own[i - 1] if i > 0 and paragraph[i - 1] == paragraph[i] else None
            following = own[i + 1] if i + 1 < len(sentences) and paragraph[i + 1] == paragraph[i] else None
            inherited = previous or following
            found = (Attribution(inherited.source, inherited.source_type, inherited.verb, inherited.strength,
                                 inherited.via, None, inherited.is_person, inherited=True)
                     if inherited else ARTICLE)
        if any(t.lower_ in HEDGES for t in sent) and found.strength not in ("denied",):
            found = Attribution(found.source, found.source_type, found.verb, "alleged", found.via, found.span,
                                found.is_person, found.inherited)
        result[sent.start_char] = found
    return result


# -- claims ------------------------------------------------------------------------------------------------------

# What a source says against another's statement ('despite police statements that the attack was repelled',
# 'Contrary to the authorities' claims,'): the other source's status, not this one's.
_AGAINST = re.compile(r"\b(?:despite|contrary to|contradicting|disputing|rejecting|although|(?:long )?after the "
                      r"\w+ (?:had )?said)\b[^,;]*(?:,\s*(?:who|which)\b[^,;]*)?", re.I)
# ('contrary to the authorities, who say ...,', 'long after the force said calm had returned')


# A conflict going on for years is not the state of one incident ('fighting has continued since 2017').
_LONG_RUNNING = re.compile(r"\bsince (?:19|20)\d\d\b|\bfor (?:years|decades|months)\b", re.I)


def _status(text: str) -> str | None:
    text = _AGAINST.sub("", text)
    if _LONG_RUNNING.search(text):
        return None
    if STATUS_TAKEN.search(text):
        return "taken"
    if STATUS_ONGOING.search(text):
        return "ongoing"
    if STATUS_CONTROL.search(text):
        return "under control"
    return None


def _claim_id(article_id: str, start: int, field_name: str | None) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{field_name}".encode()).hexdigest()[:12]


def group_name(phrase: Span) -> str | None:
    """The named group a phrase designates ("the Pakistani Taliban (TTP)", "a spokesman for Jamaat-ul-Ahrar"), or
    None for unnamed ones ("gunmen", "the attackers")."""
    text = phrase.text
    if phrase.root.lemma_.lower() in MEDIA_NOUNS:
        return None  # 'carried by the group's Amaq news agency': who published it, not who did it
    known = known_actor(text)
    if known is not None:
        return known.name
    # capitalised words right before a word for a group, which the tagger may not call proper nouns: 'the Klansman
    # gang', 'the rival One Order gang' ('One' read as a number)
    before_group = None
    for token in phrase:
        if token.lemma_.lower() in GROUP_NOUNS and token.i > phrase.start:
            first = token.i
            while first > phrase.start and phrase.doc[first - 1].text[:1].isupper() and \
                    phrase.doc[first - 1].pos_ not in ("DET", "PRON") and \
                    phrase.doc[first - 1].ent_type_ not in ("DATE", "TIME", "GPE"):
                first -= 1
            if first < token.i:
                before_group = phrase.doc[first:token.i].text
                break
    # runs of proper nouns, hyphenated names whole ("Tehreek-e-Taliban Pakistan", "Jamaat-ul-Ahrar")
    words: list[list[Token]] = [[]]
    for token in phrase:
        if token.is_punct and token.text != "-":
            words.append([])
            continue
        words[-1].append(token)
        if token.whitespace_:
            words.append([])
    runs: list[list[Token]] = [[]]
    for word in filter(None, words):
        hyphenated = len(word) > 2 and word[0].text[:1].isupper() and any(t.text == "-" for t in word)
        proper = any(t.pos_ == "PROPN" for t in word) and (bool(runs[-1]) or word[0].ent_type_ not in NOT_GROUPS)
        if hyphenated or proper:
            runs[-1] += word
        elif runs[-1]:
            runs.append([])
    best = max(runs, key=len)
    name = best[0].doc[best[0].i:best[-1].i + 1].text if best else None
    if before_group and (name is None or before_group not in name):  # ('Santa Rosa de Lima' keeps its 'de')
        return before_group
    return name


def _negated(token: Token) -> bool:
    """"Nobody claimed the attack", "no group has claimed it", "did not claim"."""
    return any(c.dep_ == "neg" for c in token.children) or any(
        (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("no", "nobody", "none", "no one")) or
        any(d.lower_ in ("no", "nobody") and d.dep_ == "det" for d in c.children)
        for c in token.children)


def _phrase(token: Token) -> Span:
    """The token's subtree, widened over words glued to it: a hyphenated name is often parsed in pieces."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        # not what follows the name: 'a Mai-Mai faction that uses the forest ..., rather than the ADF', 'the
        # Islamic State's Sahel branch, known locally as EIGS'
        # (but 'a group calling itself Arm na Poblachta' is named by what follows)
        if child.i > token.i and (child.dep_ in ("relcl", "acl", "appos", "cc", "conj") or child.text in ",(" or
                                  child.lower_ in ("than", "rather")) and child.lemma_.lower() not in NAMING_VERBS:
            end = min(end, child.left_edge.i)
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in ",;:(":
        start = doc[start - 1].left_edge.i if doc[start - 1].left_edge.i < start - 1 else start - 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in ",;:.)":
        end += 1
    return doc[start:end]


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


# Perpetrators a source describes as criminals rather than an armed group with a cause: a perpetrator of their own,
# which disagrees with a named group ('the army blamed the BRN; a police investigator said it may have been revenge by
# a drug network').
CRIMINALS = "criminals (no political motive given)"
CRIMINAL_WORDS = {"criminal", "criminals", "bandit", "bandits", "robber", "robbers", "thief", "thieves", "drug",
                  "traffickers", "smugglers", "extortionists"}
MOTIVE_NOUNS = {"revenge", "attempt", "extortion", "robbery", "reprisal", "retaliation", "settling"}


def _criminal(phrase: Span) -> bool:
    return any(t.lower_ in CRIMINAL_WORDS for t in phrase)


def perpetrator_statements(sent: Span) -> list[tuple[str, str, Token]]:
    """(group, "named" | "claimed" | "denied", trigger) for every statement of the sentence about who did it."""
    found: list[tuple[str, str, Token]] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in CLAIM_LEMMAS and token.pos_ == "NOUN" and (by := next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)) is not None:
            # 'published a claim by Ansar al-Furqan saying its men had carried out the assault'
            found += [(name, "claimed", token) for who in _conjuncts(_child(by, "pobj"))
                      if (name := group_name(_phrase(who)))]
            continue
        if token.pos_ not in ("VERB", "AUX", "ADJ", "ADP") or _negated(token):
            continue
        subject = _subject_of(token) if token.pos_ in ("VERB", "AUX") else None
        obj = _child(token, "dobj")
        # "claimed the attack", "denied any involvement", "denied carrying out the attack"
        about_incident = (obj is not None and obj.lemma_.lower() in INCIDENT_NOUNS) or any(
            c.dep_ in ("xcomp", "pcomp", "ccomp") and c.lemma_.lower() in ("carry", "be", "stage")
            for c in token.children)
        group: Span | None = None
        kind = "named"
        if lemma in CLAIM_LEMMAS and about_incident and subject is not None:
            # 'the Houthis and the government have claimed the attack'; 'two groups have claimed the attack: Jaish
            # al-Adl ... and Ansar al-Furqan'
            named = [who for who in _conjuncts(subject) if group_name(_phrase(who))]
            if not named and obj is not None:
                named = [who for appos in obj.children if appos.dep_ == "appos" for who in _conjuncts(appos)
                         if group_name(_phrase(who))]
            found += [(name, "claimed", token) for who in named[1:] if (name := group_name(_phrase(who)))]
            group, kind = (_phrase(named[0]) if named else _phrase(subject)), "claimed"
        elif lemma in DENY_LEMMAS and about_incident and subject is not None:
            group, kind = _phrase(subject), "denied"
        elif lemma in BLAME_LEMMAS and obj is not None:
            target = obj
            if obj.lemma_.lower() in INCIDENT_NOUNS or obj.lower_ in RELATIVES:
                # "blamed the attack on X"; "a raid that residents blame on soldiers"
                on = next((c for c in (*token.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "on"),
                          None)
                target = _child(on, "pobj") if on is not None else None
                if target is None and obj.lower_ in RELATIVES and token.dep_ == "relcl":
                    target = token.head  # "Gran Grif, which residents have blamed"
            group = _phrase(target) if target is not None else None
        elif lemma == "suspect" and token.pos_ == "VERB" and obj is not None and subject is not None:
            group = _phrase(obj)  # 'officials said they suspected the Barisan Revolusi Nasional'
        elif lemma in AGENT_VERBS and token.pos_ == "VERB" and obj is not None and \
                obj.lemma_.lower() in INCIDENT_NOUNS - CLAIMED_NOUNS and subject is not None and \
                subject.dep_ == "nsubj" and subject.lower_ not in PRONOUNS | RELATIVES:
            group = _phrase(subject)  # 'secessionist fighters disguised as soldiers carried out the killings'
        elif lemma == "accuse" and obj is not None and any(c.dep_ == "prep" and c.lower_ == "of"
                                                            for c in token.children):
            group = _phrase(obj)  # 'the army accused the BRN of carrying out the attack'
        elif lemma in ("attribute", "point", "link", "tie") and (to := next((
                c for c in (*token.children, *(obj.children if obj is not None else ()))
                if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)) is not None:
            # "attributed the massacre to the Santa Rosa de Lima group", "the evidence pointed to a CJNG cell"
            target = _child(to, "pobj")
            group = _phrase(target) if target is not None and (lemma == "point" or obj is None or
                                                               obj.lemma_.lower() in INCIDENT_NOUNS) else None
        elif lemma == "hold" and obj is not None and any(t.lower_ == "responsible" for t in sent if t.i > obj.i):
            group = _phrase(obj)  # "we hold the army ... responsible" (often mis-parsed)
        elif lemma == "responsible" and token.head.lemma_.lower() in ("be", "hold"):
            head = token.head
            who = _child(head, "dobj") if head.lemma_.lower() == "hold" else _subject_of(head)
            group = _phrase(who) if who is not None else None
        elif lemma == "behind" and token.head.lemma_.lower() == "be":
            who = _subject_of(token.head)
            group = _phrase(who) if who is not None and who.lower_ not in PRONOUNS else None
        elif token.dep_ == "agent" and token.head.lemma_.lower() in AGENT_VERBS:
            who = _child(token, "pobj")
            group = _phrase(who) if who is not None else None
        elif lemma in ("be", "come") and (who := _subject_of(token)) is not None and \
                who.lemma_.lower() in PERPETRATOR_NOUNS:
            # 'the gunmen were members of the rival Seakhi gang', 'the killers came from the Seakhi faction'
            what = _child(token, "attr") if lemma == "be" else next(
                (_child(c, "pobj") for c in token.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            if what is not None and what.lemma_.lower() in ("member", "fighter", "militant", "part") and (
                    of := next((c for c in what.children if c.dep_ == "prep" and c.lower_ == "of"), None)):
                what = _child(of, "pobj")
            group = _phrase(what) if what is not None else None
        elif lemma == "belong" and (who := _subject_of(token)) is not None and \
                who.lemma_.lower() in PERPETRATOR_NOUNS | {"man"} and (whose := next(
                    (_child(c, "pobj") for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)):
            group = _phrase(whose)  # 'the men belonged to a Mai-Mai faction'
        elif token.lower_ == "by" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in MOTIVE_NOUNS:
            # 'revenge by a drug network', 'an extortion attempt by a criminal gang': who a source thinks did it
            who = _child(token, "pobj")
            group = _phrase(who) if who is not None and _criminal(_phrase(who)) else None
        if group is not None and (name := group_name(group) or (CRIMINALS if _criminal(group) else None)):
            found.append((name, kind, token))
    return found


def _conjuncts(token: Token | None) -> list[Token]:
    """A noun and the nouns coordinated with it ('the Houthis and the government')."""
    return [] if token is None else [token, *token.conjuncts]


def statement_source(trigger: Token) -> Token | None:
    """Who makes a statement about who did it: the subject of the verb that blames ('police blamed the Terene gang')
    or of the reporting verb it hangs on ('the families insist that the killers came from the Seakhi faction')."""
    accuses = trigger.lemma_.lower() in ACCUSING_LEMMAS
    for verb in ((trigger, *trigger.ancestors) if accuses else trigger.ancestors):
        if verb is not trigger and verb.lemma_.lower() not in REPORT_VERBS:
            continue
        subject = _subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            return None if subject.lower_ in PRONOUNS else subject
    return None


def event_claims(event: Event, doc: Doc, attributions: dict[int, Attribution], article_id: str) -> list[Claim]:
    """One claim per (sentence, field) of an event: counts, status, or that the event happened."""
    claims: list[Claim] = []
    text = doc.text
    for sentence in event.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        attribution = attributions.get(sent.start_char, ARTICLE)
        evidence = [Evidence.from_text(text, sentence.start, sentence.end, field="claim", article_id=article_id)]
        if attribution.span:
            evidence.append(Evidence.from_text(text, *attribution.span, field="source", article_id=article_id))
        base = dict(source=attribution.source, source_type=attribution.source_type, verb=attribution.verb,
                    strength=attribution.strength, via=list(attribution.via), article_id=article_id,
                    statement=sentence.text)
        made = False
        for count in event.counts:
            if count.evidence and sentence.start <= count.evidence[0].start < sentence.end:
                count.source = count.source or (attribution.source if attribution is not ARTICLE else None)
                field_name = "fatalities" if count.kind == "killed" else count.kind
                if (count.subject or "").endswith((SUBSET, ADDED)):
                    field_name += "_part"  # "including 6 children", "were also killed": not a rival total
                claims.append(Claim(id=_claim_id(article_id, count.evidence[0].start, field_name), field=field_name,
                                    value=str(count.value) if count.value is not None else count.text,
                                    evidence=[*evidence, *count.evidence], **base))
                made = True
        known = {c.id for c in claims}
        found = [c for c in sentence_claims(sent, attribution, evidence, base, article_id) if c.id not in known]
        claims += found  # (two spans of an event can lie in one sentence: its claims once)
        made = made or bool(found)
        if not made:
            claims.append(Claim(id=_claim_id(article_id, sentence.start, None), field=None, value=None,
                                evidence=evidence, **base))
    return claims


def sentence_claims(sent: Span, attribution: Attribution, evidence: list[Evidence], base: dict,
                    article_id: str) -> list[Claim]:
    """Status and perpetrator claims a sentence makes. A group claiming or denying an attack is its own source;
    a group blamed is named by the sentence's source."""
    claims = []
    status = _status(sent.text)
    if status:
        claims.append(Claim(id=_claim_id(article_id, sent.start_char, "status"), field="status", value=status,
                            evidence=evidence, **base))
    if DENIED_DEATHS.search(sent.text):
        claim = dict(base)
        claim.update(strength="denied")
        claims.append(Claim(id=_claim_id(article_id, sent.start_char, "fatalities-denied"), field="fatalities",
                            value="0", evidence=evidence, **claim))
    for name, kind, trigger in perpetrator_statements(sent):
        claim = dict(base)
        if kind in ("claimed", "denied"):
            claim.update(source=name, source_type="armed_group", verb=trigger.text, strength=kind)
        elif (subject := statement_source(trigger)) is not None:
            # two statements of one sentence, each its own source's ('police blamed X, while the families insist
            # it was Y')
            phrase = _trim(subject.doc[subject.left_edge.i:subject.right_edge.i + 1])
            source, source_type, _ = normalise_source(phrase)
            claim.update(source=source, source_type=source_type)
        claims.append(Claim(id=_claim_id(article_id, trigger.idx, f"actor1:{name}"), field="actor1", value=name,
                            evidence=evidence, **claim))
    return claims


def article_claims(doc: Doc, attributions: dict[int, Attribution], covered: set[int],
                   article_id: str) -> list[Claim]:
    """Status and perpetrator claims of sentences no event was built from: an article reports one main incident,
    so "X claimed the attack" or "calm has returned" further down is about it."""
    claims: list[Claim] = []
    for sent in doc.sents:
        if sent.start_char in covered:
            continue
        attribution = attributions.get(sent.start_char, ARTICLE)
        evidence = [Evidence.from_text(doc.text, sent.start_char, sent.end_char, field="claim",
                                       article_id=article_id)]
        base = dict(source=attribution.source, source_type=attribution.source_type, verb=attribution.verb,
                    strength=attribution.strength, via=list(attribution.via), article_id=article_id,
                    statement=sent.text)
        claims += sentence_claims(sent, attribution, evidence, base, article_id)
    return claims


class AttributionStage:
    """Claims, sources and within-article contradictions for every event."""

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        if not extraction.events:
            return extraction
        attributions = attribute_article(doc)
        article_id = extraction.article.id
        covered: set[int] = set()
        for event in extraction.events:
            event.claims = event_claims(event, doc, attributions, article_id)
            for sentence in event.sentences:
                span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
                if span is not None:
                    covered.add(span[0].sent.start_char)
        # the main event: built from most sentences, the first (usually the lede) on ties
        main = max(extraction.events, key=lambda e: len(e.sentences))
        main.claims += article_claims(doc, attributions, covered, article_id)
        # Who did it is said once per article ("X claimed the attack") but is about the whole incident: every event
        # of the article dated like the main event gets the perpetrator claims (a claim of responsibility is often
        # an event of its own, and the reports it must be compared with merge into the attack).
        perpetrators = {c.id: c for e in extraction.events for c in e.claims if c.field == "actor1"}
        for event in extraction.events:
            if event.event_date == main.event_date:
                have = {c.id for c in event.claims}
                event.claims += [c.model_copy() for cid, c in perpetrators.items() if cid not in have]
        for event in extraction.events:
            sources = []
            for claim in event.claims:
                if claim.source not in sources and claim.source != "the article":
                    sources.append(claim.source)
            event.sources = sources or ([extraction.article.outlet] if extraction.article.outlet else [])
            event.contradictions = find_contradictions(event.claims)
        return extraction


@stages.register("attribution")
def make_attribution_stage() -> AttributionStage:
    """Factory for the pipeline."""
    return AttributionStage()
