"""Remove page furniture from plain text: photo credits, captions, repeated lines, share/read-more lines,
bylines, datelines and trailing source/copyright lines; take the title from a short first line.

Cleaning works on whole lines and never edits inside a kept line, so every kept line maps back to the input
(`Cleaned.original_offset`): the cleaned text is what `Article.text` holds and what all evidence offsets use;
the map lets an auditor find the same words in the file as it was read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?", re.UNICODE)

# Photo agencies and photo words: a short "name / agency" line that names one of these is a photo credit.
_AGENCIES = {
    "reuters",
    "afp",
    "ap",
    "getty",
    "images",
    "epa",
    "efe",
    "dpa",
    "anadolu",
    "xinhua",
    "sipa",
    "imago",
    "shutterstock",
    "alamy",
    "nurphoto",
    "zuma",
    "keystone",
    "ansa",
    "anp",
    "tass",
    "ria",
    "novosti",
    "picture",
    "alliance",
    "photo",
    "photos",
    "pool",
    "handout",
    "file",
    "press",
    "associated",
    "agency",
    "wire",
    "stock",
    "photographer",
    "archive",
    "reproduction",
    "screenshot",
    "screengrab",
}
_NAME_CONNECTORS = {
    "al",
    "el",
    "ad",
    "as",
    "bin",
    "ibn",
    "abu",
    "de",
    "da",
    "del",
    "der",
    "van",
    "von",
    "la",
    "le",
    "du",
    "via",
    "and",
    "&",
    "y",
    "e",
    "di",
    "ben",
    "ould",
    "mc",
    "o",
}
_CREDIT_PREFIX = re.compile(
    r"^[(\[]?\s*(?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|credits?|photo credit|image credit|"
    r"image source|picture credit|©|\(c\))\s*(?:by\b|:|©|-|–|\||,)",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(
    # labels need their colon ("Top: ..."), or "Top officials said" would go; phrases stand on their own
    r"^[(\[]?\s*(?:(?:image |photo )?caption|pictured|above|below|top|main image|left|right|file)"
    r"(?:\s*[:,]|\s+[-–—]\s)|"
    r"^[(\[]?\s*(?:in (?:this|the)(?: [\w.,]+){0,4} (?:photo|picture|image|video)|this (?:handout )?(?:photo|picture|"
    r"image|video|screenshot|screengrab)|file photo|a (?:handout )?(?:photo|picture|image|video) (?:released|"
    r"distributed|provided|published|posted|taken))\b",
    re.IGNORECASE,
)
# A deictic reference to an image sitting next to the text ("this photo ... shows") marks a caption.
_DEICTIC_IMAGE = re.compile(
    r"\b(?:this|these|the above|the following)\s+(?:handout\s+)?(?:photos?|pictures?|images?|videos?|"
    r"footage|screenshots?|screengrabs?)\b|\b(?:pictured|seen) (?:here|above|below)\b|\((?:left|right|"
    r"centre|center|top|bottom)\)",
    re.IGNORECASE,
)
_CAPTION_WORDS = re.compile(
    r"\b(?:photos?|pictures?|images?|videos?|footage|shows?|showing|pictured|seen)\b", re.IGNORECASE
)
_READ_MORE = re.compile(
    r"^[\W_]*(?:read (?:more|also|next|the full story)|also read|see also|related(?: articles?| stories| "
    r"coverage| content)?\s*[:|]|more (?:on this(?: story)?|from \w+|stories)\s*[:|]|"
    r"recommended(?: for you)?\s*[:|]?$|continue reading|click here|tap here|advertisement|"
    r"sponsored(?: content)?|subscribe|sign up|newsletter|follow us|join us on|skip to|back to top|"
    r"top stories|most read|watch(?: now| live| video)?\s*:|listen(?: to this article)?\s*:|"
    r"download (?:our|the) app|share (?:this|on|via)|comments? \(\d+\)|show comments|leave a comment)\b",
    re.IGNORECASE,
)
_SHARE_TOKENS = {
    "share",
    "shares",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "messenger",
    "copy",
    "link",
    "save",
    "comment",
    "comments",
    "mail",
    "bluesky",
    "threads",
    "flipboard",
    "sms",
    "article",
    "this",
    "on",
    "via",
    "the",
    "story",
    "gift",
}
_BYLINE = re.compile(
    r"^[(\[]?\s*(?:by|written by|words by|from|von|par|por|text:?|author:?|reporter:?)\s+"
    r"[A-Z\u00c0-\u024f\u0600-\u06ff]",
    re.IGNORECASE,
)
_STAFF_LINE = re.compile(
    r"^[(\[]?\s*(?:reporting|writing|editing|additional reporting|compiled|"
    r"translated|translation|fact-checking) by\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[\W_]*(?:published|updated|last updated|posted|first published|date|modified|last modified)\b"
    r"\s*(?:on|at)?\s*:?",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    r"^[\W_]*(?:\w+,?\s+)?(?:\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{4})(?:[\s,|-]+\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|[A-Z]{2,4}|\w+ time))?)?[\W_]*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^[\W_]*(?:sources?|quelle|fuente|via|origin(?:al)?(?: source)?)\b\s*(?P<sep>[:|\-–])?", re.IGNORECASE
)
_RIGHTS_LINE = re.compile(
    r"^[\W_]*(?:©|\(c\)|copyright\b|all rights reserved|(?:tags|topics|keywords|filed under|categories)\s*:|"
    r"this (?:article|story|report) (?:was|has been|first|originally|is)\b|our standards\b|"
    r".{0,80}\bcontributed to this (?:report|story|article)\b)",
    re.IGNORECASE,
)

HEAD_LINES = 5  # bylines and datelines sit just below the title
MAX_TITLE_WORDS = 20
MAX_FURNITURE_WORDS = 14


@dataclass(frozen=True)
class Removed:
    """A line taken out, and why (kept for audits and tests)."""

    line: int  # 1-based line number in the input
    text: str
    reason: str


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    dateline: str | None = None  # a "Published ..." line from the head, for the reader to parse
    removed: list[Removed] = field(default_factory=list)
    # (offset in cleaned text, offset in input, length) for each kept line, in order
    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def original_offset(self, offset: int) -> int:
        """Map an offset in the cleaned text to the offset of the same character in the (newline-normalised)
        input text."""
        starts = [seg[0] for seg in self.segments]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        clean_start, orig_start, length = self.segments[i]
        return orig_start + min(offset - clean_start, length)


def _key(line: str) -> str:
    return _WS.sub(" ", line).strip().casefold()


def _words(line: str) -> list[str]:
    return line.split()


def is_photo_credit(line: str) -> bool:
    """'Goran Tomasevic / Reuters', 'Photo: AFP', '(Photo by J. Moore/Getty Images)', '© Reuters'."""
    s = line.strip()
    words = _words(s)
    if not words or len(words) > MAX_FURNITURE_WORDS or len(s) > 120:
        return False
    if s.startswith(("©", "(c) ", "(C) ")) or (_CREDIT_PREFIX.match(s) and len(words) <= 10):
        return True
    inner = s.strip("()[] ")
    if "/" not in inner or (inner.endswith((".", "?", "!", ":")) and not inner.endswith(" Images.")):
        return False
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+via\s+", inner) if p.strip()]
    if len(parts) < 2 or re.search(r"\d", inner):
        return False
    agency = person = False
    for part in parts:
        tokens = part.replace(",", " ").split()
        if len(tokens) > 5:
            return False
        for tok in tokens:
            bare = tok.strip(".-'’").casefold()
            if bare in _AGENCIES:
                agency = True
            elif not (tok[:1].isupper() or bare in _NAME_CONNECTORS or tok.isupper()):
                return False  # a lower-case word: a sentence, not a credit
        capitalised = [t for t in tokens if t[:1].isupper() and t.strip(".").casefold() not in _AGENCIES]
        person = person or len(capitalised) >= 2
    return agency or (person and len(parts) == 2)


def is_caption(line: str) -> bool:
    s = line.strip()
    words = len(_words(s))
    if _CAPTION_PREFIX.match(s) and words <= 60:
        return True
    return words <= 50 and bool(_DEICTIC_IMAGE.search(s))


def is_share_line(line: str) -> bool:
    s = line.strip()
    words = _words(s)
    if not words:
        return False
    if len(words) <= MAX_FURNITURE_WORDS and _READ_MORE.match(s):
        return True
    tokens = [w.strip("|•·,;:()[]").casefold() for w in words]
    tokens = [t for t in tokens if t]
    return (
        bool(tokens)
        and len(tokens) <= 10
        and all(t in _SHARE_TOKENS for t in tokens)
        and any(t not in {"the", "this", "on", "via", "article", "story", "link", "copy"} for t in tokens)
    )


def is_byline(line: str) -> bool:
    s = line.strip()
    words = _words(s)
    if len(words) > MAX_FURNITURE_WORDS or (s.endswith((".", "?", "!")) and not s.endswith(" Jr.")):
        return False
    if not _BYLINE.match(s):
        return False
    # a sentence starting "From ..." has lower-case words after the name; a byline hardly any
    rest = words[1:]
    lower = [
        w
        for w in rest
        if w[:1].islower()
        and w.strip(",|").casefold() not in _NAME_CONNECTORS
        and w.casefold() not in {"in", "for", "at", "with", "reporter", "correspondent", "editor", "staff"}
    ]
    return len(lower) <= 1


def is_dateline(line: str) -> bool:
    s = line.strip()
    if len(_words(s)) > 12:
        return False
    has_date = bool(re.search(r"\d", s))
    return has_date and (bool(_DATELINE.match(s)) or bool(_DATE_ONLY.match(s)))


_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")


def is_separator(line: str) -> bool:
    """A line with no letters or digits: rules, bullets, decorations."""
    return not any(ch.isalnum() for ch in line)


def is_trailer(line: str) -> bool:
    s = line.strip()
    words = _words(s)
    if not words or len(words) > 25:
        return False
    source = _SOURCE_LINE.match(s)
    # "Source: Reuters", "source site-111" -- but not a closing sentence like "Sources said the talks failed."
    if source and (source.group("sep") or (len(words) <= 4 and not s.endswith((".", "!", "?")))):
        return True
    return bool(_RIGHTS_LINE.match(s)) or bool(_STAFF_LINE.match(s)) or is_share_line(s) or is_photo_credit(s)


def looks_like_title(line: str) -> bool:
    s = line.strip()
    words = _words(s)
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and len(s) <= 200
        and not s.endswith((".", ",", ";", ":"))
        and any(ch.isalpha() for ch in s)
    )


def _continues(lines: list[tuple[int, int, str]], content: list[int]) -> bool:
    """The first line runs on into the next (a hard-wrapped sentence), so it is not a title."""
    first, second = content[0], content[1]
    return second == first + 1 and lines[second][2].lstrip()[:1].islower()


def clean_text(raw: str, *, extract_title: bool = True, known_title: str | None = None) -> Cleaned:
    """Clean one article's plain text. `known_title` (from HTML/feed metadata) is dropped from the body if the
    text starts with it; otherwise a short first line without a final period becomes the title."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[tuple[int, int, str]] = []  # (line number, offset, text without trailing blanks)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        lines.append((number, offset, line.rstrip()))
        offset += len(line) + 1
    content = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    drop: dict[int, str] = {}
    title: str | None = None

    if content:
        first = lines[content[0]][2].strip()
        heading = first.lstrip("#").strip() if first.startswith("#") else first
        if known_title and _key(heading) == _key(known_title):
            drop[content[0]] = "title"
            title = known_title.strip()
        elif (
            extract_title
            and not known_title
            and len(content) > 1
            and looks_like_title(heading)
            and not is_photo_credit(heading)
            and not is_byline(heading)
            and not is_share_line(heading)
            and not _continues(lines, content)
        ):
            drop[content[0]] = "title"
            title = heading

    counts: dict[str, int] = {}
    for i in content:
        counts[_key(lines[i][2])] = counts.get(_key(lines[i][2]), 0) + 1
    seen: set[str] = set()
    body_seen = 0  # content lines kept so far: bylines/datelines only count in the head
    dateline: str | None = None
    for i in content:
        if i in drop:
            continue
        line = lines[i][2].strip()
        key = _key(line)
        repeated = counts[key] > 1
        reason = None
        if is_separator(line):
            reason = "separator"
        elif _MD_IMAGE.match(line):
            reason = "image"
        elif is_photo_credit(line):
            reason = "photo credit"
        elif is_caption(line) or (repeated and len(_words(line)) <= 60 and _CAPTION_WORDS.search(line)):
            reason = "caption"  # a caption printed twice (under the image and in a gallery) is a caption
        elif key in seen:
            reason = "repeated line"
        elif repeated and len(_words(line)) <= 3:
            reason = "repeated line"  # short repeated markers ("Advertisement", "Video") are furniture
        elif is_share_line(line):
            reason = "share/read-more"
        elif (_STAFF_LINE.match(line) and len(_words(line)) <= 25) or (
            body_seen < HEAD_LINES and is_byline(line)
        ):
            reason = "byline"
        elif body_seen < HEAD_LINES and is_dateline(line):
            reason = "dateline"
            dateline = dateline or line
        seen.add(key)
        if reason:
            drop[i] = reason
        else:
            body_seen += 1
    # Trailing furniture ("source site-111", "© 2022 ...", "Tags: ...") only counts at the very end.
    for i in reversed(content):
        if i in drop:
            continue
        if not is_trailer(lines[i][2]) or len([j for j in content if j not in drop]) <= 1:
            break
        drop[i] = "trailing source/copyright"

    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    removed = [Removed(lines[i][0], lines[i][2].strip(), reason) for i, reason in sorted(drop.items())]
    pos = 0
    previous: int | None = None
    for i in content:
        if i in drop:
            continue
        if previous is not None:
            gap = lines[previous + 1 : i]
            sep = "\n\n" if any(not line.strip() for _, _, line in gap) else "\n"
            out.append(sep)
            pos += len(sep)
        _, start, line = lines[i]
        segments.append((pos, start, len(line)))
        out.append(line)
        pos += len(line)
        previous = i
    return Cleaned(text="".join(out), title=title, dateline=dateline, removed=removed, segments=segments)
