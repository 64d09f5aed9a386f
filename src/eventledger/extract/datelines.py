"""Wire datelines: 'MOGADISHU, Somalia (Reuters) - ', 'KYIV, Sept 3 (AFP) — ', 'LATAKIA, Syria, 14 July (OPA) – ',
'BAMAKO — ' before a report.

A dateline says where the report was filed, not where the event happened (a Nairobi dateline on a story about
Somalia). The parser takes it for part of the first sentence ('MOGADISHU ... fighters' as one subject), so the
pipeline ends a sentence after it, and the geocoder reads its place as the report's seat: country context only.
"""

from __future__ import annotations

import re

# An upper-case place (3+ letters, words joined by spaces, hyphens or dots), then up to two ', Country', ', Sept 3' or
# ', 14 July' parts and an agency in brackets, then a dash or colon: at the start of the text or of a line.
_DATELINE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<place>[A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,[ \t]*[A-Z0-9][\w.'’]*(?:[ \t]+[\w.'’]+){0,3}){0,2}"
    r"(?:[ \t]*\([A-Za-z][\w .&-]{0,30}\))?[ \t]*(?:--|[-–—:])[ \t]+(?=\S)")


def datelines(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, place_start, place_end) of every dateline: `end` is where the report's first sentence starts."""
    return [(m.start(), m.end(), m.start("place"), m.end("place")) for m in _DATELINE.finditer(text)]
