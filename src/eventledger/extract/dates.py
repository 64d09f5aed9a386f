"""Stage "dates": `event_date`, `end_date`, `time_precision` and `date_evidence` for every event.

Date expressions are spaCy DATE/TIME entities in the event's sentences (adjacent ones merged, so "Friday" +
"night" and "Monday" + "to" + "Wednesday" are one expression). Each expression is resolved against the
publication date (`normalise`): dateparser does the calendar work (explicit dates, "yesterday", "last week",
"in November", "two days ago", with `RELATIVE_BASE` = publication and `PREFER_DATES_FROM='past'`); this module
adds what news convention needs on top:

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
"since Tuesday") or `event`. An event's date is the most precise event/start expression (several distinct days
-> the range, precision 2); continuations extend `end_date`. Precision: 1 a day, 2 a week or range of days,
3 a month or vaguer. An event that began on a known day and continued keeps precision 1 with an `end_date`.

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

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import spacy.util
from dateparser.date import DateDataParser
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventledger.models import Event, Evidence, Extraction
from eventledger.registry import stages

Role = Literal["event", "start", "continuation", "report", "future", "background"]
FUTURE_HEADS = {"plan", "due", "expect", "intend", "schedule", "set", "aim", "hope", "vow", "threaten", "promise"}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
MONTH_ABBR = tuple(m.lower() for m in calendar.month_abbr[1:])
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

REPORT_VERBS = {"say", "report", "tell", "announce", "confirm", "state", "claim", "add", "circulate", "publish",
                "release", "quote", "write", "tweet", "post", "note", "deny", "accuse", "reveal", "disclose",
                "show", "update", "brief"}
START_VERBS = {"begin", "start", "erupt", "launch", "commence", "break", "open", "ignite", "kick"}
CONTINUE_VERBS = {"continue", "persist", "rage", "resume", "drag"}
# verbs that continue only with a span of time or a particle: "entered its third day", "went on", "carried on"
SPAN_VERBS = {"enter", "stretch", "extend", "last"}
TOLL_VERBS = {"rise", "climb", "reach", "increase", "jump", "hit", "mount", "grow", "stand"}
CONTINUE_WORDS = {"still", "ongoing", "again", "continuing", "second", "third", "another"}

# Gap between two DATE/TIME entities that makes them one expression ("Friday" "night", "Monday to Wednesday").
_JOIN_GAP = re.compile(r"^\s*(?:of|to|into|and|until|till|through|-|–|,)?\s*$", re.I)
# Words before an entity that belong to the expression.
_LEAD_WORDS = {"from", "between", "since", "until", "till", "last", "early", "late", "earlier", "later", "mid",
               "overnight", "night"}
_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|\binto\b|\band\b|\buntil\b|\btill\b|\bthrough\b|–|\s-\s|(?<=\d)-(?=\d))\s*",
                          re.I)
_DURATION = re.compile(
    r"^(?:for |over |during |in |within |after |almost |nearly |about |some |more than |at least )*(?:the )?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|a few|"
    r"couple of|a couple of|half a|dozens of|hundreds of)?\s*"
    r"(?:-?(?:hour|day|night|week|month|year|decade|century)s?)(?: long| old)?$", re.I)
# "the past week", "the last three days" (a rolling range); "last week" alone is the calendar week before
_PAST_N = re.compile(r"^(?:in |over |during |for )?(?:the )?(?:(?:past|previous) (?:(\w+) )?|last (\w+) )"
                     r"(day|week|fortnight|month|year)s?$", re.I)
_AGE = re.compile(r"\byear-?old\b|\baged?\b", re.I)
_MODIFIER = re.compile(r"^(?:earl(?:y|ier)|late|later|mid|(?:the )?(?:end|start|beginning|middle) of)[\s-]+"
                       r"(?:on |in )?", re.I)
_PARTS_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|dawn|dusk|noon|midday|midnight|"
                           r"hours|daybreak)\b", re.I)

# Fixed-date holidays news reports date events by (movable feasts such as Easter or Eid are not resolved).
HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "new year": (1, 1), "christmas eve": (12, 24),
            "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
            "valentine's day": (2, 14), "halloween": (10, 31), "international women's day": (3, 8),
            "women's day": (3, 8), "may day": (5, 1), "labour day": (5, 1), "labor day": (5, 1)}
# A date expression names a calendar unit, a relative day, a season or holiday, a year or a numeric date;
# spaCy sometimes tags plain counts ("Between 30 and 40", "40") as DATE.
_DATE_WORD = re.compile(
    r"\b(?:" + "|".join((*WEEKDAYS, *MONTHS, *(m for m in MONTH_ABBR if m != "may"))) + r")\b|"
    r"\b(?:yesterday|today|tonight|overnight|ago|day|days|week|weeks|weekend|fortnight|month|months|year|years|"
    r"night|morning|afternoon|evening|dawn|dusk|noon|midnight|spring|summer|autumn|fall|winter|"
    r"christmas|new year|halloween|eid|easter|ramadan|hours)\b|\b(?:1[89]|20)\d\d\b|\d{1,4}[/.-]\d{1,2}", re.I)

_ANAPHORIC = re.compile(r"\b(?:previous|following|next|same|that) (?:day|night|morning|afternoon|evening)\b|"
                        r"\b(?:days?|nights?|weeks?|hours?) (?:before|after|earlier|later)\b", re.I)

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}


@dataclass(frozen=True)
class Resolved:
    """What one expression means: a day (precision 1) or a range (2 week/days, 3 month or vaguer)."""

    start: date
    end: date | None
    precision: int


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


@lru_cache(maxsize=512)
def _parser(published: date) -> DateDataParser:
    base = datetime(published.year, published.month, published.day, 12, 0)
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"})


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _cut(start: date, end: date | None, precision: int, published: date) -> Resolved | None:
    """Keep what lies on or before publication; a range that starts after it is dropped."""
    if start > published:
        return None
    if end is not None:
        end = min(end, published)
        if end <= start:
            end = None
    return Resolved(start, end, precision)


def _weekday(text: str, published: date) -> Resolved | None:
    words = re.findall(r"[a-z]+", text.lower())
    days = [w for w in words if w in WEEKDAYS]
    if len(days) != 1 or any(w in MONTHS for w in words) or re.search(r"\d", text):
        return None
    if "next" in words or "coming" in words:
        return None  # a future day: not an event date
    week = re.search(r"\b(last|previous|past|this) week\b", text, re.I)
    if week:  # "Monday last week", "on Tuesday of this week"
        monday = published - timedelta(days=published.weekday())
        if week.group(1).lower() != "this":
            monday -= timedelta(days=7)
        return _cut(monday + timedelta(days=WEEKDAYS.index(days[0])), None, 1, published)
    back = (published.weekday() - WEEKDAYS.index(days[0])) % 7
    if back == 0 and ("last" in words or "previous" in words or "past" in words):
        back = 7
    return Resolved(published - timedelta(days=back), None, 1)


def _night_of(text: str, published: date) -> Resolved | None:
    match = re.search(r"night (?:of|from|between) (\w+)(?:'s)? (?:to|into|and) (\w+)(.*)$", text, re.I)
    if not match:
        return None
    # "the night of 27 to 28 October": the day the night ends, with the month written after it
    return _single(match.group(2) + match.group(3), published) or _single(match.group(2), published)


def _weekend(text: str, published: date) -> Resolved | None:
    if not re.search(r"\bweekend\b", text, re.I):
        return None
    back = (published.weekday() - 5) % 7  # days since the last Saturday
    if re.search(r"\b(?:last|previous|past)\b", text, re.I) and back < 2:
        back += 7
    saturday = published - timedelta(days=back)
    return _cut(saturday, saturday + timedelta(days=1), 2, published)


def _season(text: str, published: date) -> Resolved | None:
    words = re.findall(r"[a-z]+", text.lower())
    names = [w for w in words if w in SEASONS]
    if not names:
        return None
    first, last = SEASONS[names[0]]
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
    if years:
        year = years[0]
    else:
        year = published.year if (published.month, published.day) >= (first, 1) else published.year - 1
        if "last" in words and year == published.year:
            year -= 1
    end_year = year + 1 if last < first else year
    return _cut(date(year, first, 1), _month_end(end_year, last), 3, published)


def _past_n(text: str, published: date) -> Resolved | None:
    match = _PAST_N.match(text)
    if not match:
        return None
    number_word, unit = (match.group(1) or match.group(2) or "one").lower(), match.group(3).lower()
    number = int(number_word) if number_word.isdigit() else _NUMBER_WORDS.get(number_word)
    if number is None:
        return None
    days = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}[unit] * number
    return _cut(published - timedelta(days=days), published, 2 if unit in ("day", "week", "fortnight") else 3,
                published)


def _relative_period(text: str, published: date) -> Resolved | None:
    """'this week/month/year' and 'earlier this ...': from the start of the period to publication."""
    match = re.search(r"\bthis (week|month|year)\b", text, re.I)
    if not match:
        return None
    unit = match.group(1).lower()
    if unit == "week":
        return _cut(published - timedelta(days=published.weekday()), published, 2, published)
    if unit == "month":
        return _cut(published.replace(day=1), published, 3, published)
    return _cut(date(published.year, 1, 1), published, 3, published)


def _dateparser(text: str, published: date) -> Resolved | None:
    data = _parser(published).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day, period = data.date_obj.date(), data.period
    if period in ("week", "month", "year") and re.search(r"\bago\b", text, re.I):
        # "a week ago" points at a day, roughly: that day, with the precision of the unit
        return _cut(day, None, 2 if period == "week" else 3, published)
    if period in ("day", "time", "part_of_day"):
        return _cut(day, None, 1, published)
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return _cut(monday, monday + timedelta(days=6), 2, published)
    if period == "month":
        return _cut(day.replace(day=1), _month_end(day.year, day.month), 3, published)
    if period == "year":
        return _cut(date(day.year, 1, 1), date(day.year, 12, 31), 3, published)
    return None


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().strip(",.;:")).strip()
    text = re.sub(r"'s$|’s$", "", text)
    return re.sub(r"^(?:on|in|at|during|by|of|from|between|until|till|the)\s+", "", text, flags=re.I).strip()


def is_date_text(text: str) -> bool:
    """Whether an expression names a date at all (see `_DATE_WORD`)."""
    return bool(_DATE_WORD.search(text)) or text.strip().lower() in ("may",)


def _single(text: str, published: date) -> Resolved | None:
    """One expression that is not a range of two dates."""
    text = _clean(text)
    if not text or _AGE.search(text) or _DURATION.match(text) or not is_date_text(text):
        return None
    low = text.lower()
    holiday = next((day for name, day in HOLIDAYS.items() if re.search(rf"\b{re.escape(name)}\b", low)), None)
    if holiday is not None:
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", low)]
        year = years[0] if years else published.year
        day = date(year, *holiday)
        if day > published and not years:
            day = date(year - 1, *holiday)
        return _cut(day, None, 1, published)
    if re.fullmatch(r"(?:the )?(?:past|present|future|now|recently|recent \w+|years?|decades?|months?|weeks?|"
                    r"days?|nights?|time|the time|these days)", low):
        return None
    if re.search(r"\b(?:next|coming|tomorrow|upcoming)\b", low):
        return None
    if re.fullmatch(r"(?:last|yesterday|previous) (?:night|evening)", low):
        return Resolved(published - timedelta(days=1), None, 1)
    if re.fullmatch(r"(?:overnight|tonight|this (?:morning|afternoon|evening)|(?:earlier|late|early) today)",
                    low):
        return Resolved(published, None, 1)
    if _ANAPHORIC.search(low):
        return None  # "the previous day", "a day later": relative to another event, not to publication
    for handler in (_night_of, _weekday, _past_n, _weekend, _season, _relative_period):
        found = handler(text, published)
        if found is not None:
            return found
    stripped = _MODIFIER.sub("", text)
    if stripped != text:
        found = _single(stripped, published)
        if found is not None:
            return found
    without_part = _PARTS_OF_DAY.sub("", text).strip()
    if without_part and without_part != text:
        text = without_part
    return _dateparser(text, published)


def normalise(text: str, published: date) -> Resolved | None:
    """Resolve one date expression against the publication date; None when it is no (past) date."""
    since = re.match(r"^\s*since\s+", text, re.I)
    if since:  # "since Tuesday": from that day, still going on at publication
        found = normalise(text[since.end():], published)
        return found and _cut(found.start, max(found.end or found.start, published), found.precision, published)
    if re.search(r"\bnight (?:of|from|between)\b", text, re.I):
        return _single(text, published)
    parts = [p for p in _RANGE_SPLIT.split(text) if p.strip()]
    if len(parts) == 2:
        first_text, second_text = _clean(parts[0]), _clean(parts[1])
        second = _single(second_text, published)
        first: Resolved | None = None
        if second is not None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first_text):
            # "between 3 and 5 March": the first day borrows the month (and year) of the second
            try:
                first = Resolved(second.start.replace(day=int(re.sub(r"\D", "", first_text))), None, 1)
            except ValueError:
                first = None
        elif second is not None:
            first = _single(first_text, published)
        elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", second_text):
            first = _single(first_text, published)
            if first is not None and first.precision == 1:  # "January 10-12"
                try:
                    second = Resolved(first.start.replace(day=int(re.sub(r"\D", "", second_text))), None, 1)
                except ValueError:
                    second = None
        if first is not None and second is not None:
            start, end = first.start, second.end or second.start
            if start > end and first.precision == 1 and first_text.lower() in WEEKDAYS:
                start -= timedelta(days=7)  # "from Friday to Monday": the Friday before that Monday
            if start <= end:
                return _cut(start, end, max(2, first.precision, second.precision), published)
    return _single(text, published)


# -- finding expressions and their roles in a parse -------------------------------------------------------

_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab: Vocab) -> Matcher:
    """Date words the small NER model sometimes misses ("in the past fortnight", a lone "Thursday")."""
    if id(vocab) not in _MATCHERS:
        matcher = Matcher(vocab)
        matcher.add("PAST_N", [[{"LOWER": {"IN": ["past", "last", "previous"]}}, {"LIKE_NUM": True, "OP": "?"},
                                {"LEMMA": {"IN": ["day", "week", "fortnight", "month", "year"]}}]])
        matcher.add("DAY", [[{"LOWER": {"IN": [*WEEKDAYS, "yesterday", "today", "overnight", "tonight"]}}]])
        matcher.add("MONTH", [[{"LOWER": {"IN": [m for m in MONTHS if m != "may"]}, "IS_TITLE": True},
                               {"LIKE_NUM": True, "OP": "?"}]])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def _expressions(span: Span) -> list[tuple[int, int]]:
    """Token ranges (doc indices) of the date expressions in a span: merged DATE/TIME entities, plus date words
    the NER missed."""
    doc = span.doc
    ents = [e for e in span.ents if e.label_ in ("DATE", "TIME") or (
        e.label_ == "EVENT" and any(name in e.text.lower() for name in HOLIDAYS))]
    in_ents = {i for e in span.ents for i in range(e.start, e.end)}
    found = [doc[start:end] for _, start, end in _matcher(doc.vocab)(span, as_spans=False)]
    extra = [m for m in spacy.util.filter_spans(found) if not any(i in in_ents for i in range(m.start, m.end))]
    ents = sorted([*ents, *extra], key=lambda e: e.start)
    merged: list[list[int]] = []
    for ent in ents:
        gap = doc[merged[-1][1]:ent.start].text if merged and merged[-1][1] < ent.start else ""
        comma_ok = "," not in gap or bool(re.match(r"\d|(?:" + "|".join(MONTHS) + r")\b", ent.text, re.I))
        if merged and comma_ok and _JOIN_GAP.match(gap):
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
    expr = doc[start:end]
    before = doc[start - 1].lower_ if start > 0 else ""
    if expr[0].lower_ == "since" or before == "since":
        return "start"
    # "said on Monday they had arrested...": the parser often hangs the date on the reported clause
    previous = start - 1 if before != "on" else start - 2
    if previous >= 0 and doc[previous].pos_ == "VERB" and doc[previous].lemma_.lower() in REPORT_VERBS:
        return "report"
    core = [t for t in expr if t.lower_ not in _LEAD_WORDS] or list(expr)
    head = doc[core[0].i:core[-1].i + 1].root  # the entity's own root, not a lead word like "from"
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        if verb.dep_ in ("ccomp", "relcl", "advcl"):
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "event"
    lemma = verb.lemma_.lower()
    children = {c.lower_ for c in verb.children}
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
    if head.dep_ in ("poss", "compound", "amod", "nmod"):
        return "event"  # it dates a noun ("Sunday's bombing"), not the reporting verb
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
    for start, end in _expressions(span):
        text = doc[start:end].text
        value = normalise(text, published)
        if value is None:
            continue
        mentions.append(DateMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), text, value,
                                    _role(doc, start, end)))
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


def resolve_dates(text: str, published: date, nlp: Language | None = None) -> DateResolution:
    """Dates of the event described by `text` (one or more sentences), relative to `published`.

    Only the text itself is read (no paragraph inheritance); used by the benchmark and the CLI.
    """
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise ValueError(f"resolve_dates needs the publication date (a datetime.date), got {published!r}")
    if nlp is None:
        from eventledger.nlp import get_nlp

        nlp = get_nlp()
    doc = nlp(text)
    return combine(find_dates(doc[:], published))


# -- the pipeline stage ----------------------------------------------------------------------------------

def _event_spans(doc: Doc, event: Event) -> list[Span]:
    spans = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in event.sentences]
    spans = [s for s in spans if s is not None and len(s)]
    if not spans and event.trigger is not None:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trigger is not None and len(trigger):
            spans = [trigger.sent]
    return spans


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


class DatesStage:
    """Sets each event's date fields from its sentences, else from its paragraph, else from publication."""

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        published = extraction.article.published
        if published is None:
            if extraction.events:
                extraction.warnings.append("dates: the article has no publication date; event dates not resolved")
            return extraction
        article_mentions = sorted(find_dates(doc[:], published), key=lambda m: m.start_char)
        for event in extraction.events:
            spans = _event_spans(doc, event)
            inside = [m for m in article_mentions
                      if any(s.start_char <= m.start_char and m.end_char <= s.end_char for s in spans)]
            resolution = combine(inside)
            if resolution.event_date is None and spans:
                resolution = self._inherit(doc.text, min(s.start_char for s in spans), article_mentions, published,
                                           continues=any(_continues(s) for s in spans))
            self._apply(event, resolution, extraction.article.id, doc.text)
        return extraction

    @staticmethod
    def _inherit(text: str, offset: int, mentions: list[DateMention], published: date,
                 continues: bool = False) -> DateResolution:
        paragraph = _paragraph_start(text, offset)
        before = [m for m in mentions if paragraph <= m.start_char < offset and m.role != "future"]
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
            near = before[-1]
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
