"""Name keys: one canonical spelling per toponym, so 'Al-Hasakah', 'al Hasakah' and 'Hasakah' meet.

Transliterated Arabic names vary in their articles (al-/el-/ad-/ash-...), hyphens, doubled letters and
a final -h; the key drops or folds all of these. The same function keys the index and the text mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Arabic definite articles as transliterated (sun-letter assimilations included).
ARTICLES = frozenset({"al", "el", "ad", "ed", "as", "ash", "esh", "ar", "az", "ez", "at", "an", "es", "ul"})
# Words that say what kind of place a name is, not which one ("Diyala province", "Al-Hasakah Governorate").
ADMIN_WORDS = frozenset({
    "province", "governorate", "state", "region", "prefecture", "oblast", "department", "departamento",
    "provincia", "muhafazat", "muhafazah", "wilayat", "wilaya", "division", "county",
})
# ('Beni territory': the DR Congo's territories are its second-level units; 'Northern Territory' is a name)
DISTRICT_WORDS = frozenset({"district", "raion", "rayon", "municipality", "township", "sub-district", "sub-county",
                            "territory",
                            "subcounty", "sub-prefecture", "lga",
                            "woreda", "zone", "regency", "tehsil", "upazila", "cercle"})
# "city"/"village" stay: they belong to names ("Mexico City", "Ukrainian Village").
FEATURE_WORDS = ADMIN_WORDS | DISTRICT_WORDS | {"of", "the"}


def _tokens(text: str) -> list[str]:
    plain = re.sub(r"['’]s$", "", unidecode(text.strip()).lower())  # "Colombia's" is Colombia
    return re.findall(r"[a-z0-9]+", plain.replace("'", "").replace("`", ""))


def _fold(token: str) -> str:
    # Doubled letters are kept: 'Samarra' is not 'Samara'; 'Hassakeh' is among the alternate names anyway.
    if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
        token = token[:-1]  # Hasakah -> Hasaka
    return token


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The lookup key of a place name; '' if nothing is left (e.g. only articles or type words)."""
    tokens = [t for t in _tokens(text) if t not in ARTICLES and t not in FEATURE_WORDS]
    return " ".join(_fold(t) for t in tokens)


def is_latin(text: str) -> bool:
    """True if the name is written in Latin letters (alternate names in other scripts are not indexed)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or not c.isalpha() for c in text)
