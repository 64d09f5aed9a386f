"""Number phrases in text: "more than forty", "3 500", "twenty-three", "dozens", "between 10 and 15".

`parse_quantity` turns a phrase into (value, bound, low, high) following the conventions in `counts`;
`find_quantities` finds the phrases in a parsed span, skipping dates, money, percentages, ordinals and ages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from eventledger.extract.count_words import NOUNS, is_person, lemma_of
from eventledger.extract.date_expressions import is_date_text
from eventledger.models import Bound

VAGUE = {"several": 10, "many": 10, "numerous": 10, "multiple": 10, "few": 3, "handful": 3, "dozens": 12,
         "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000,
          "billion": 1_000_000_000}
BOUND_WORDS: tuple[tuple[str, Bound], ...] = (
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("not less than", "at_least"),
    ("a minimum of", "at_least"), ("at least", "at_least"), ("more than", "more_than"), ("over", "more_than"),
    ("upwards of", "more_than"), ("in excess of", "more_than"), ("above", "more_than"),
    ("as many as", "at_most"), ("up to", "at_most"), ("a maximum of", "at_most"), ("at most", "at_most"),
    ("fewer than", "less_than"), ("less than", "less_than"), ("under", "less_than"), ("below", "less_than"),
    ("around", "about"), ("about", "about"), ("approximately", "about"), ("roughly", "about"),
    ("some", "about"), ("nearly", "about"), ("almost", "about"), ("an estimated", "about"),
    ("estimated", "about"), ("close to", "about"), ("approx.", "about"), ("circa", "about"),
)
_BOUND_RE = re.compile(r"^(?:" + "|".join(re.escape(w) for w, _ in BOUND_WORDS) + r")\b\s*", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number phrase: its value, bounds and doc token range."""

    start: int
    end: int
    value: int
    bound: Bound
    low: int | None = None
    high: int | None = None
    singular: bool = False  # "a policeman": counted only when something happened to him


def _number(text: str) -> int | None:
    """The value of a number phrase without bound words: digits, number words, scales, vague words."""
    text = text.strip().lower().replace("\u2009", " ").replace("\u202f", " ").replace("\xa0", " ")
    text = re.sub(r"^(?:a|an|the|of)\s+", "", text)
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+|\d+", text):
        return int(re.sub(r"\D", "", text))
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(dozen|hundred|thousand|million|billion)", text)
    if match:
        return round(float(match.group(1)) * SCALES[match.group(2)])
    match = re.fullmatch(r"([a-z -]+?)\s+(dozen|score)", text)  # "two dozen", "three score"
    if match:
        try:
            return int(text2num(match.group(1), "en")) * SCALES[match.group(2)]
        except ValueError:
            return None
    if text in SCALES:
        return SCALES[text]
    try:
        return int(text2num(text.replace(" and ", " "), "en"))
    except ValueError:
        return None


def parse_quantity(text: str) -> tuple[int, Bound, int | None, int | None] | None:
    """Value, bound, low, high of a quantity phrase ("more than forty" -> 40, more_than)."""
    text = re.sub(r"\s+", " ", text.strip())
    bound: Bound = "exact"
    match = _BOUND_RE.match(text)
    if match:
        word = match.group(0).strip().lower()
        bound = next(b for w, b in BOUND_WORDS if w == word)
        text = text[match.end():]
    low_text = text.lower()
    rng = re.fullmatch(r"(?:between )?(.+?)\s*(?:and|to|-|–)\s*(.+)", low_text)
    if rng and _number(rng.group(1)) is not None and _number(rng.group(2)) is not None:
        low, high = _number(rng.group(1)), _number(rng.group(2))
        if low is not None and high is not None and low < high:
            return low, "at_least", low, high
    tens = re.fullmatch(r"(tens|hundreds|dozens) of (thousands|millions)", low_text)
    if tens:
        return VAGUE[tens.group(1)] * VAGUE[tens.group(2)] // (12 if tens.group(1) == "dozens" else 1), "vague", \
            None, None
    vague = re.fullmatch(r"(?:a |the )?(several|many|numerous|multiple|few|handful|dozens|scores|tens|hundreds|"
                         r"thousands|millions)(?: of)?", low_text)
    if vague:
        return VAGUE[vague.group(1)], "vague", None, None
    if re.fullmatch(r"\w+(?:-\w+)? dozen", low_text) and bound == "exact" and _number(low_text) is not None:
        return _number(low_text) or 0, "about", None, None  # "two dozen" is a round figure
    if re.fullmatch(r"(?:a|one) dozen", low_text):
        return 12, "about" if bound == "exact" else bound, None, None
    if low_text == "half a dozen":
        return 6, "about" if bound == "exact" else bound, None, None
    value = _number(text)
    if value is None:
        return None
    return value, bound, None, None


# -- finding quantities in a parse -----------------------------------------------------------------------

_VAGUE_WORDS = {"dozens", "scores", "hundreds", "thousands", "tens", "several", "numerous", "handful", "dozen",
                "millions"}
_BLOCKING_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "LAW", "PRODUCT"}


NAMED_UNITS = {"brigade", "division", "regiment", "battalion", "corps", "squadron", "army", "unit", "route",
               "highway", "street", "avenue", "road", "camp", "infantry", "motorised", "mechanised", "mechanized"}


def _blocked(token: Token) -> bool:
    """Inside a date, money, percentage... entity, or part of a name ('the 444 Brigade', 'Route 66'), unless the
    number plainly counts people."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.is_title and following.lower_ in NAMED_UNITS:
        return True
    if token.ent_type_ not in _BLOCKING_LABELS:
        return False
    head = token
    while head.dep_ in ("conj", "compound", "quantmod", "cc") and head.head.i != head.i:
        head = head.head
    if token.ent_type_ == "DATE":
        entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        if not is_date_text(entity.text):  # "Police detain 40", "Between 30 and 40 fighters": not dates
            return False
    return not (token.ent_type_ == "DATE" and head.dep_ == "nummod" and is_person(head.head)
                and not re.fullmatch(r"\d{4}", token.text))


def _is_numberish(token: Token) -> bool:
    if token.lower_ == "few":  # "a few" is a small number; "few people" means almost none
        return token.i > 0 and token.doc[token.i - 1].lower_ == "a"
    return token.like_num or token.lower_ in _VAGUE_WORDS or token.lower_ in SCALES


_BOUND_TOKENS = sorted((w.split() for w, _ in BOUND_WORDS), key=len, reverse=True)  # longest first
_ARTICLE_NUMBERS = {"dozen", "handful", "few", "hundred", "thousand", "million", "score"}


def _extend_left(span: Span, start: int) -> int:
    """Take in the words in front of a number that belong to it: "a dozen", "half a dozen", "between",
    and bound words ("more than a hundred", "at least 11")."""
    doc = span.doc
    if start > span.start and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in _ARTICLE_NUMBERS:
        start -= 1
        if start > span.start and doc[start - 1].lower_ == "half":
            return start - 1
    if start > span.start and doc[start - 1].lower_ == "between":
        return start - 1
    for words in _BOUND_TOKENS:
        n = len(words)
        if start - n >= span.start and [t.lower_ for t in doc[start - n:start]] == words:
            return start - n
    return start


def find_quantities(span: Span) -> list[Quantity]:
    """Number phrases in a span, with bound words, skipping dates, money, percentages and ordinals."""
    doc = span.doc
    found: list[Quantity] = []
    i = span.start
    while i < span.end:
        token = doc[i]
        if not _is_numberish(token) or _blocked(token):
            i += 1
            continue
        start, end = i, i + 1
        if token.lower_ == "one" and i > 0 and doc[i - 1].lower_ == "no":
            i += 1
            continue
        if token.lower_ in ("several", "numerous") and (end >= span.end or doc[end].pos_ not in ("NOUN", "ADJ")):
            i += 1
            continue
        # extend over the rest of the number: "twenty - three", "3 500", "1.2 million", "tens of thousands"
        while end < span.end and (_is_numberish(doc[end]) or (
                doc[end].text in ("-", "–", "and", "of", "to") and end + 1 < span.end
                and _is_numberish(doc[end + 1]) and not _blocked(doc[end + 1]))):
            end += 1
        start = _extend_left(span, start)
        text = doc[start:end].text
        parsed = parse_quantity(text)
        if parsed is None or _is_year_or_age(doc, start, end):
            i = end
            continue
        value, bound, low, high = parsed
        found.append(Quantity(start, end, value, bound, low, high))
        i = end
    taken = {t for q in found for t in range(q.start, q.end)}
    for token in span:
        head = token.head
        if token.i in taken:
            continue
        if token.lower_ in ("a", "an", "another") and token.dep_ == "det" and head.tag_ == "NN" and is_person(head):
            found.append(Quantity(token.i, token.i + 1, 1, "exact", singular=True))
        elif (token.lower_ == "another" and token.pos_ == "PRON") or (token.lower_ == "another" and token.dep_ in (
                "nsubj", "nsubjpass", "dobj", "conj")):
            found.append(Quantity(token.i, token.i + 1, 1, "exact", singular=True))  # "and another wounded"
        elif token.lower_ in ("his", "her", "their") and token.dep_ == "poss" and head.tag_ == "NN" \
                and head.dep_ == "conj" and is_person(head):
            found.append(Quantity(token.i, token.i + 1, 1, "exact", singular=True))  # "a chief and his guard"
        elif token.lower_ in ("nobody", "no-one", "none"):
            found.append(Quantity(token.i, token.i + 1, 0, "exact", singular=True))
        elif token.lower_ == "no" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "one":
            found.append(Quantity(token.i, token.i + 2, 0, "exact", singular=True))
            taken.add(token.i + 1)
        elif token.lower_ == "no" and token.dep_ == "det" and (lemma_of(head) in NOUNS or lemma_of(head) == "casualty"):
            found.append(Quantity(token.i, token.i + 1, 0, "exact", singular=True))  # "no casualties"
    return sorted(found, key=lambda q: q.start)


def _is_year_or_age(doc: Doc, start: int, end: int) -> bool:
    after = doc[end].lower_ if end < len(doc) else ""
    return after in ("-year", "year", "years", "-year-old", "%", "percent", "per", "km", "kilometres", "miles",
                     "metres", "meters", "hours", "days", "weeks", "months", "times") or \
        (doc[start:end].text.isdigit() and len(doc[start:end].text) == 4 and 1900 <= int(doc[start:end].text) <= 2100)
