"""Stage "dates": `event_date`, `end_date`, `time_precision` and `date_evidence` for every event.

Date expressions are spaCy DATE/TIME entities in the event's sentences (adjacent ones merged, so "Friday" +
"night" and "Monday" + "to" + "Wednesday" are one expression), plus date words the NER missed. Each one is
resolved against the publication date (`date_expressions.normalise`): dateparser does the calendar work
(explicit dates, "yesterday", "last week", "in November", "two days ago", with `RELATIVE_BASE` = publication
and `PREFER_DATES_FROM='past'`); we add what news convention needs on top:

- a bare weekday is the most recent such day *on or before* publication ("Friday" in a Friday paper is that
  day; dateparser would go a week back); "last Friday" in a Friday paper is a week earlier;
- "the night of Thursday to Friday" is dated to the day the night ends (Friday): such attacks happen after
  midnight and are reported as "the night to Friday"; "Friday night" is Friday;
- week/month/year answers become ranges (Monday..Sunday, 1st..last day) cut at the publication date;
  "the weekend", seasons and "early/mid/late <month>" are ranges too; durations ("for years") are not dates;
- nothing after publication is ever returned: "next week" is dropped, not guessed, and so is a date in a
  future-tense clause ("talks will be held on Friday", "elections are due in March");
- anaphoric dates ("the previous day", "a day later") are relative to another event, not to publication, and
  are left out rather than mis-resolved.

Each expression has a *role* read from the parse: `report` (it dates the reporting verb: "said on Friday"),
`continuation` ("fighting continued on Friday", "was not over on Friday"), `start` ("began Thursday",
"since Tuesday"), `background` (the start in a relative clause: "an offensive that began on 27 November"),
`other_event` (a date inside a noun given as a cause: "arrested over the May 1 bombing"), `cause` (a date
after what a purpose clause is about: "gathered to protest against the death of a woman last week"; ignored),
`future` (ignored) or `event`. Background dates are used only when the sentence has no event/start date, and
other-event dates only when it has no date of its own at all. An event's date is the most precise event/start expression
(several distinct days -> the range, precision 2); continuations extend `end_date`. Precision: 1 a day, 2 a
week or range of days, 3 a month or vaguer. An event that began on a known day and continued keeps precision 1
with an `end_date`.

Events whose sentences carry no usable date inherit (documented rule, tagged on the event):
0. an event that "continued" (or was "not over") started at the last dated event/start expression before it in
   its paragraph or the one before, and ran until the latest date of its paragraph
   (`date:inherited-continuation`);
1. the nearest date expression before the event in the same paragraph (`date:inherited-paragraph`); a
   reporting date gives precision 2 at best, as the event happened on or before it;
2. else the publication date with precision 2 (`date:publication`): the report says when it was written, not
   when the event happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

import spacy.util
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventledger.extract.date_expressions import HOLIDAYS, MONTHS, WEEKDAYS, Resolved, normalise
from eventledger.extract.datelines import datelines
from eventledger.extract.spans import event_spans
from eventledger.models import Event, Evidence, Extraction
from eventledger.registry import stages

Role = Literal["event", "start", "continuation", "report", "future", "background", "other_event", "since",
               "cause"]
# Prepositions that tie another event to this one as its cause or antecedent ("arrested over the May 1 bombing").
CAUSE_PREPS = {"over", "for", "after", "following", "since", "before", "with"}
# Who or what an incident leaves behind: a date of the incident they are 'of' is not that of what befalls them.
AFTERMATH_NOUNS = {"victim", "burial", "funeral", "survivor", "relative", "mourner", "widow", "orphan", "anniversary"}
# What a crowd does against another incident ('marching to protest against yesterday's killing'): that one is its cause.
PROTEST_LEMMAS = {"protest", "demonstrate", "march", "rally", "riot", "strike"}
# What answers an earlier incident: 'revenge for a fight that left eight dead on Saturday' dates that fight.
REPRISAL_NOUNS = {"revenge", "retaliation", "reprisal", "payback", "vengeance", "response", "reaction"}
FUTURE_HEADS = {"plan", "due", "expect", "intend", "schedule", "set", "aim", "hope", "vow", "threaten", "promise"}

REPORT_VERBS = {"say", "report", "tell", "announce", "confirm", "state", "claim", "add", "circulate", "publish",
                "release", "quote", "write", "tweet", "post", "note", "deny", "accuse", "reveal", "disclose",
                "show", "update", "brief"}
START_VERBS = {"begin", "start", "erupt", "launch", "commence", "break", "open", "ignite", "kick"}
CONTINUE_VERBS = {"continue", "persist", "rage", "resume", "drag"}
# verbs that continue only with a span of time or a particle: "entered its third day", "went on", "carried on"
SPAN_VERBS = {"enter", "stretch", "extend", "last"}
TOLL_VERBS = {"rise", "climb", "reach", "increase", "jump", "hit", "mount", "grow", "stand"}
PERPETRATORS = {"gang", "gunman", "gunmen", "militant", "rebel", "attacker", "assailant", "fighter", "insurgent",
                "militia", "bandit", "jihadist", "terrorist", "faction", "cartel", "raider", "group"}
CONTINUE_WORDS = {"still", "ongoing", "again", "continuing", "second", "third", "another"}

# Gap between two DATE/TIME entities that makes them one expression ("Friday" "night", "Monday to Wednesday").
_JOIN_GAP = re.compile(r"^\s*(?:of|to|into|and|until|till|through|-|–|,)?\s*$", re.I)
# (the words between are the source, not a clause of its own: not ', contradicting police who said')
_SOURCE_AFTER = re.compile(r"^\s*,\s*(?!\w+ing\b)(?:(?!(?:who|which|that)\b)[\w'’-]+\s+){1,5}?"
                           r"(?:said|says|told|reported|added|confirmed)\b")
_STATEMENT_BEFORE = re.compile(r"\b(?:statement|briefing|interview|conference|speech|communiqu[eé]|post|message|"
                               r"remarks)\s+(?:\w+\s+)?(?:on|late on|early on)?\s*$", re.I)
# Words before an entity that belong to the expression.
_LEAD_WORDS = {"from", "between", "since", "until", "till", "last", "early", "late", "earlier", "later", "mid",
               "overnight", "night"}
@dataclass(frozen=True)
class DateMention:
    """A resolved date expression, with its character offsets in the parsed text and its role."""

    start_char: int
    end_char: int
    text: str
    value: Resolved
    role: Role


@dataclass
class DateResolution:
    """An event's dates and how they were found."""

    event_date: date | None = None
    end_date: date | None = None
    time_precision: int | None = None
    mentions: list[DateMention] = field(default_factory=list)  # the expressions used
    inherited: str | None = None  # None, "continuation", "paragraph" or "publication"


# -- finding expressions and their roles in a parse -------------------------------------------------------

_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab: Vocab) -> Matcher:
    """Date words the small NER model sometimes misses ("in the past fortnight", a lone "Thursday", a police
    statement's "on 29/03/2026")."""
    if id(vocab) not in _MATCHERS:
        matcher = Matcher(vocab)
        matcher.add("PAST_N", [[{"LOWER": {"IN": ["past", "last", "previous"]}}, {"LIKE_NUM": True, "OP": "?"},
                                {"LEMMA": {"IN": ["day", "week", "fortnight", "month", "year"]}}]])
        matcher.add("DAY", [[{"LOWER": {"IN": [*WEEKDAYS, "yesterday", "today", "overnight", "tonight"]}}]])
        matcher.add("MONTH", [[{"LOWER": {"IN": [m for m in MONTHS if m != "may"]}, "IS_TITLE": True},
                               {"LIKE_NUM": True, "OP": "?"}]])
        matcher.add("NUMERIC", [[{"TEXT": {"REGEX": r"^\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d$"}}]])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def _split_days(ent: Span) -> list[Span]:
    """'Tuesday of Sunday' (the model's one entity for 'accounts on Tuesday of Sunday's attack'): two days."""
    cut = next((t.i for t in ent if t.lower_ == "of" and any(w.lower_ in WEEKDAYS for w in ent.doc[ent.start:t.i])
                and any(w.lower_.removesuffix("'s") in WEEKDAYS for w in ent.doc[t.i + 1:ent.end])), None)
    return [ent] if cut is None else [ent.doc[ent.start:cut], ent.doc[cut + 1:ent.end]]


def _expressions(span: Span) -> list[tuple[int, int]]:
    """Token ranges (doc indices) of the date expressions in a span: merged DATE/TIME entities, plus date words
    the NER missed."""
    doc = span.doc
    ents = [e for e in span.ents if e.label_ in ("DATE", "TIME") or (
        e.label_ == "EVENT" and any(name in e.text.lower() for name in HOLIDAYS)) or (
        # '4th August, 2026': the model tags the day as an ordinal apart from the month
        e.label_ == "ORDINAL" and e.end < len(doc) and doc[e.end].lower_ in MONTHS)]
    ents = [part for e in ents for part in _split_days(e)]
    # not inside other names ('May' of a person's); a number the model took for a count may be a date
    in_ents = {i for e in span.ents if e.label_ != "CARDINAL" for i in range(e.start, e.end)}
    found = [doc[start:end] for _, start, end in _matcher(doc.vocab)(span, as_spans=False)]
    extra = [m for m in spacy.util.filter_spans(found) if not any(i in in_ents for i in range(m.start, m.end))]
    ents = sorted([*ents, *extra], key=lambda e: e.start)
    merged: list[list[int]] = []
    for ent in ents:
        gap = doc[merged[-1][1]:ent.start].text if merged and merged[-1][1] < ent.start else ""
        comma_ok = "," not in gap or bool(re.match(r"\d|(?:" + "|".join(MONTHS) + r")\b", ent.text, re.I))
        two_days = gap.strip().lower() == "of" and any(t.lower_ in WEEKDAYS for t in doc[merged[-1][0]:merged[-1][1]]) \
            if merged else False  # 'on Tuesday of Sunday's attack': the report's day, then the attack's
        if merged and comma_ok and not two_days and _JOIN_GAP.match(gap):
            merged[-1][1] = ent.end
        else:
            merged.append([ent.start, ent.end])
    out = []
    for start, end in merged:
        while start > span.start and doc[start - 1].lower_ in _LEAD_WORDS:
            start -= 1
        if start > span.start + 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "night":
            start -= 2
            if start > span.start and doc[start - 1].lower_ == "the":
                start -= 1
        out.append((start, end))
    return out


def _role(doc: Doc, start: int, end: int) -> Role:
    """What the expression doc[start:end] dates, read from the verb it hangs on (see the module docstring)."""
    role = _parsed_role(doc, start, end)
    # "rebels opened fire on a road project on Tuesday, police said": a date before the source and its verb dates
    # what they said happened, though the parser hangs it on 'said' (not "in a statement on Thursday, the army said")
    if role == "report" and _SOURCE_AFTER.match(doc.text[doc[end - 1].idx + len(doc[end - 1]):]) and \
            not _STATEMENT_BEFORE.search(doc.text[max(0, doc[start].idx - 40):doc[start].idx]):
        return "event"
    return role


def aftermath_of(token: Token) -> bool:
    """Whether the token is the incident that those a sentence names only as where or when something else
    happened were left by: 'attack' of 'at the burial of victims of last night's attack' (not of 'a third victim of
    the attack died', the attack's own toll)."""
    holder = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ == "of" and holder.lemma_.lower() in AFTERMATH_NOUNS and \
        holder.dep_ == "pobj"


def _cause(noun: Token) -> bool:
    """Whether a noun is what something else was done over or in answer to ('arrested six over the May 1 bombing',
    'payback for Saturday's fight')."""
    prep = noun.head
    # (and what a crowd protests against: 'marching to protest against yesterday's killing of farmers')
    against = prep.lower_ == "against" and prep.head.lemma_.lower() in PROTEST_LEMMAS
    return noun.dep_ == "pobj" and (prep.lower_ in CAUSE_PREPS or against) and (
        prep.head.pos_ in ("VERB", "AUX") or prep.head.lemma_.lower() in REPRISAL_NOUNS)


def _parsed_role(doc: Doc, start: int, end: int) -> Role:
    expr = doc[start:end]
    before = doc[start - 1].lower_ if start > 0 else ""
    if expr[0].lower_ == "since" or before == "since":
        return "start"
    # "said on Monday they had arrested...": the parser often hangs the date on the reported clause
    previous = start - 1 if before != "on" else start - 2
    # (not the day of what was reported: 'reported Monday's attack')
    possessive = end < len(doc) and doc[end].tag_ == "POS"
    if previous >= 0 and doc[previous].pos_ == "VERB" and doc[previous].lemma_.lower() in REPORT_VERBS and \
            not possessive:
        return "report"
    core = [t for t in expr if t.lower_ not in _LEAD_WORDS] or list(expr)
    head = doc[core[0].i:core[-1].i + 1].root  # the entity's own root, not a lead word like "from"
    if head.dep_ == "case":
        head = head.head  # the possessive of "last night's attack": the day it marks
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        if verb.dep_ in ("ccomp", "relcl", "advcl"):
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "event"
    if verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ in CAUSE_PREPS | {"against", "about"} and c.right_edge.i + 1 == start
            for c in verb.children):
        # 'gathered to protest against the death of a young woman last week': the date right after what a
        # purpose clause is about dates that, not the gathering
        return "cause"
    lemma = verb.lemma_.lower()
    children = {c.lower_ for c in verb.children}
    if verb.dep_ == "relcl" and _cause(verb.head) and verb.head.head.head.lemma_.lower() in REPRISAL_NOUNS:
        return "other_event"  # 'in revenge for a tribal fight that left eight dead on Saturday'
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in PERPETRATORS and any(
            c.dep_ == "nsubj" and c.lower_ in ("that", "who", "which") for c in verb.children):
        # 'men accused of spying for the gangs that attacked the town on Monday were beaten this afternoon': the
        # relative clause says who the perpetrators are; it dates the event only when nothing else does (not 'the
        # bomb that injured four on Friday', which is the event)
        return "background"
    since = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "since"), None)
    state = verb.head.lemma_.lower() in ("be", "remain", "stay", "miss") or verb.head.lower_ == "missing" or (
        since is not None and since.i > 0 and doc[since.i - 1].lower_ in ("missing", "held", "detained", "jailed"))
    if since is not None and not state:
        # "have fled since the city fell on October 26": from then until publication ("missing since the boat
        # was attacked on 2 June" dates the attack)
        return "since"
    if children & {"will", "'ll", "shall"} or (verb.dep_ in ("xcomp", "ccomp") and (
            verb.head.lemma_.lower() in FUTURE_HEADS or any(c.lower_ == "due" for c in verb.head.children))):
        return "future"  # "talks will be held on Friday", "elections are due to take place in March"
    if lemma in START_VERBS and not (lemma == "break" and "out" not in children):
        # "after an offensive that began on November 27": the start of something else, unless nothing else
        return "background" if verb.dep_ in ("relcl", "acl") else "start"
    spans_time = lemma in SPAN_VERBS and any(t.lemma_.lower() in ("day", "week", "month", "hour", "night")
                                              for t in verb.subtree)
    if lemma in CONTINUE_VERBS or spans_time or (lemma in ("go", "carry", "keep") and "on" in children):
        return "continuation"
    if children & CONTINUE_WORDS or ({"over"} <= children and children & {"not", "n't", "never"}):
        return "continuation"
    if head.dep_ in ("poss", "compound", "amod", "nmod", "nummod"):
        # it dates a noun: the event itself ("the toll from Sunday's bombing", "Thursday's attack killed"), or
        # another event given as a cause ("arrested six over the May 1 bombing")
        noun = head.head
        while noun.dep_ in ("pobj", "prep", "conj", "appos") and noun.head.i != noun.i:
            if _cause(noun):
                return "other_event"
            if aftermath_of(noun):
                # 'abducted mourners at the burial of victims of last night's attack': the attack is another event
                return "other_event"
            noun = noun.head
        return "event"
    if lemma in TOLL_VERBS and any(c.dep_ == "nsubj" and c.lemma_.lower() in ("toll", "tally", "number")
                                   for c in verb.children):
        return "report"  # "the toll rose to 21 on Wednesday" dates the update, not the event
    if lemma in REPORT_VERBS and head.dep_ in ("npadvmod", "pobj", "nmod", "advmod", "prep", "compound") \
            and expr.root.head.dep_ not in ("ccomp",):
        return "report"
    return "event"


def find_dates(span: Span, published: date) -> list[DateMention]:
    """Every resolvable date expression in `span`, with its role."""
    doc = span.doc
    mentions = []
    filed = datelines(doc.text)
    for start, end in _expressions(span):
        text = doc[start:end].text
        following = doc[end] if end < len(doc) else None
        if end - start == 1 and text.lower() in MONTHS and following is not None and following.is_title and \
                following.is_alpha and following.lower_ not in MONTHS and following.lower_ not in WEEKDAYS:
            continue  # a month's name in a place's: 'March Pen Road', 'August Town'
        value = normalise(text, published)
        while value is None and end - start > 1:
            start += 1  # 'midnight last night': the part that names a day
            text = doc[start:end].text
            value = normalise(text, published)
        if value is None:
            continue
        role = _role(doc, start, end)
        if any(a <= doc[start].idx < b for a, b, _, _ in filed):
            role = "report"  # 'LATAKIA, Syria, 14 July (OPA) -': the day the report was filed
        if role == "since":
            role = "start"
            if published > value.start:
                value = Resolved(value.start, max(value.end or value.start, published), value.precision)
        mentions.append(DateMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), text, value, role))
    return mentions


def combine(mentions: list[DateMention]) -> DateResolution:
    """An event's dates from the expressions in its sentences (rule in the module docstring)."""
    anchors = [m for m in mentions if m.role in ("event", "start")]
    continuations = [m for m in mentions if m.role == "continuation"]
    if not anchors:  # "clashes that began on Sunday continued into Tuesday": the relative clause is the start
        anchors = [m for m in mentions if m.role == "background"]
    reports = [m for m in mentions if m.role == "report"]
    if not anchors and continuations:
        anchors, continuations = continuations[:1], continuations[1:]
    if not anchors and not reports:  # only the date of another event ("over the May 1 bombing")
        anchors = [m for m in mentions if m.role == "other_event"]
    if not anchors:
        if not reports:
            return DateResolution()
        first = min(reports, key=lambda m: m.value.start)
        return DateResolution(first.value.start, None, max(2, first.value.precision), [first])
    best = min(m.value.precision for m in anchors)
    used = [m for m in anchors if m.value.precision == best]
    start = min(m.value.start for m in used)
    ends = [m.value.end or m.value.start for m in used]
    end: date | None = max(ends)
    precision = best
    if end == start:
        end = None
    elif best == 1 and len({m.value.start for m in used}) > 1:
        precision = 2  # several days named for one event: a range of days
    for cont in continuations:
        cont_day = cont.value.end or cont.value.start
        if cont_day > (end or start):
            end = cont_day
            used.append(cont)
    return DateResolution(start, end, precision, used)


def resolve_dates(text: str | Doc, published: date, nlp: Language | None = None) -> DateResolution:
    """Dates of the event described by `text` (one or more sentences, or their parse), relative to `published`.

    Only the text itself is read (no paragraph inheritance); `benchmarks/fields.py` scores it.
    """
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise ValueError(f"resolve_dates needs the publication date (a datetime.date), got {published!r}")
    if isinstance(text, Doc):
        doc = text
    else:
        if nlp is None:
            from eventledger.nlp import get_nlp

            nlp = get_nlp()
        doc = nlp(text)
    return combine(find_dates(doc[:], published))


# -- the pipeline stage ----------------------------------------------------------------------------------

def _continues(span: Span) -> bool:
    """Whether a sentence says an event went on ("fighting continued", "was not over"). A bare "still" is not
    enough: "they are still present" describes a state."""
    for token in span:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in ("continue", "persist", "rage", "resume", "drag"):
            return True
        if token.lower_ == "over" and any(c.lower_ in ("not", "n't") for c in token.head.children):
            return True
    return False


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


# doc.user_data key under which the stage "mentions" leaves (published, find_dates(doc[:], published)).
DOC_DATES_KEY = "eventledger.dates"
HISTORY_DAYS = 31  # a date ending this long before publication is history, not the incident reported


def dates_trigger(mention: DateMention, trigger_start: int) -> bool:
    """A date read as another event's that dates the trigger starting at `trigger_start` ('after Tuesday's
    demonstration', 'after Sunday night's dispersal'): where that trigger is the event's own, it is the event's
    date."""
    return mention.role == "other_event" and 0 <= trigger_start - mention.end_char <= 3


def _own(mention: DateMention, event: Event) -> DateMention:
    if event.trigger is not None and dates_trigger(mention, event.trigger.start):
        return replace(mention, role="event")
    return mention


def _lead_day(mentions: list[DateMention], spans: list[Span], event: Event) -> list[DateMention]:
    """The expressions that date the event. When the sentence that tells it ('opened fire this afternoon on the
    market') names its day, the later sentences that refer back to it add only how long it went on: their other
    days are of what they also tell ('the road has been closed since Friday', 'soldiers hurt in Friday's
    fighting')."""
    if event.trigger is None:
        return mentions
    lead = next((s for s in spans if s.start_char <= event.trigger.start < s.end_char), None)
    if lead is None:
        return mentions
    own = [m for m in mentions if lead.start_char <= m.start_char < lead.end_char]
    if not any(m.role in ("event", "start") and m.value.precision == 1 for m in own):
        return mentions
    return own + [m for m in mentions if m not in own and m.role == "continuation"]


class DatesStage:
    """Sets each event's date fields from its sentences, else from its paragraph, else from publication."""

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        published = extraction.article.published
        if published is None:
            if extraction.events:
                extraction.warnings.append("dates: the article has no publication date; event dates not resolved")
            return extraction
        # The stage "mentions" found the article's dates already (same doc, same publication date): reuse them.
        found = doc.user_data.get(DOC_DATES_KEY)
        if found is None or found[0] != published:
            found = (published, find_dates(doc[:], published))
        article_mentions = sorted(found[1], key=lambda m: m.start_char)
        for event in extraction.events:
            spans = event_spans(doc, event)
            inside = [_own(m, event) for m in article_mentions
                      if any(s.start_char <= m.start_char and m.end_char <= s.end_char for s in spans)]
            resolution = combine(_lead_day(inside, spans, event))
            if resolution.event_date is None and spans:
                resolution = self._inherit(doc.text, min(s.start_char for s in spans), article_mentions, published,
                                           continues=any(_continues(s) for s in spans))
            self._apply(event, resolution, extraction.article.id, doc.text)
        return extraction

    @staticmethod
    def _inherit(text: str, offset: int, mentions: list[DateMention], published: date,
                 continues: bool = False) -> DateResolution:
        paragraph = _paragraph_start(text, offset)
        before = [m for m in mentions if paragraph <= m.start_char < offset and m.role not in ("future", "cause")]
        # the start of what continued is looked for in this paragraph and the one before, no further back
        end_of_previous = paragraph - 1
        while end_of_previous > 0 and text[end_of_previous - 1] in "\n\r \t":  # skip blank lines
            end_of_previous -= 1
        previous = _paragraph_start(text, end_of_previous) if end_of_previous > 0 else 0
        anchors = [m for m in mentions if previous <= m.start_char < offset and m.role in ("event", "start")]
        if continues and anchors:
            # "the fighting continued": it began at the last dated start before it and ran at least until the
            # latest date of its paragraph
            start = anchors[-1]
            latest = max((m.value.end or m.value.start for m in before), default=None)
            end = latest if latest and latest > start.value.start else None
            used = [start, *([before[-1]] if end else [])]
            return DateResolution(start.value.start, end, start.value.precision, used, inherited="continuation")
        if before:
            # the nearest date, unless it is history told in passing ('besieged for months in 2020'): an undated
            # sentence tells the report's incident
            recent = [m for m in before if (m.value.end or m.value.start) >= published - timedelta(days=HISTORY_DAYS)]
            # nor how long a state has lasted ('the blockade, held since last week'): the day of what happened
            happened = [m for m in (recent or before) if not m.text.lower().startswith("since")]
            near = (happened or recent or before)[-1]
            precision = near.value.precision if near.role != "report" else max(2, near.value.precision)
            day = near.value.end if near.role == "continuation" and near.value.end else near.value.start
            return DateResolution(day, None, precision, [near], inherited="paragraph")
        return DateResolution(published, None, 2, [], inherited="publication")

    @staticmethod
    def _apply(event: Event, resolution: DateResolution, article_id: str, text: str) -> None:
        event.event_date = resolution.event_date
        event.end_date = resolution.end_date
        event.time_precision = resolution.time_precision
        event.date_evidence = [Evidence.from_text(text, m.start_char, m.end_char, field="date",
                                                  article_id=article_id) for m in resolution.mentions]
        event.tags = [t for t in event.tags if not t.startswith("date:")]
        if resolution.inherited:
            event.tags.append("date:publication" if resolution.inherited == "publication"
                              else f"date:inherited-{resolution.inherited}")


@stages.register("dates")
def make_dates_stage() -> DatesStage:
    """Factory for the pipeline."""
    return DatesStage()
