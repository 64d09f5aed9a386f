"""Date expressions resolved against a publication date: `normalise("Friday night", published)`.

dateparser does the calendar work (explicit dates, "yesterday", "last week", "in November", "two days ago",
with `RELATIVE_BASE` = publication and `PREFER_DATES_FROM='past'`); this module adds the news conventions
described in `eventledger.extract.dates` (weekdays on or before publication, "the night of X to Y", ranges,
seasons, holidays, durations and anaphoric dates left out, nothing after publication).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
MONTH_ABBR = tuple(m.lower() for m in calendar.month_abbr[1:])
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
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
    if not years and not {"last", "this", "past", "early", "late", "mid"} & set(words):
        return None  # 'empty for the summer holidays': which summer is not said, and it is a period, not a date
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
    if without_part != text and not _DATE_WORD.search(without_part):
        return None  # a time of day alone ('shortly before midnight', 'at dawn') names no day: it is inherited
    if without_part and without_part != text:
        text = without_part
    return _dateparser(text, published)


# A pure function of its arguments; memoised because dateparser is slow (~1 ms a call) and the same expressions
# come back: the stages "mentions" and "dates" both resolve every date of an article, "counts" some of them,
# and reports published on the same day share their "on Monday"s.
@lru_cache(maxsize=16_384)
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
