"""Country context of an article: countries it names and nationality adjectives ('Iraqi', 'Syrian')."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eventledger.geo.gazetteer import Country
from eventledger.geo.names import name_key

# Demonyms that do not share a stem with the country's name.
IRREGULAR_DEMONYMS = {
    "burmese": "MM", "saudi": "SA", "emirati": "AE", "filipino": "PH", "british": "GB", "dutch": "NL",
    "french": "FR", "swiss": "CH", "congolese": "CD", "ivorian": "CI", "nigerien": "NE", "american": "US",
    "greek": "GR", "spanish": "ES", "welsh": "GB", "scottish": "GB", "english": "GB", "yemenite": "YE",
    "somalilander": "SO", "sahrawi": "EH", "turkish": "TR", "afghan": "AF", "malagasy": "MG",
    "basotho": "LS", "bosnian": "BA", "cypriot": "CY", "danish": "DK", "finnish": "FI", "irish": "IE",
    "polish": "PL", "swedish": "SE", "thai": "TH", "lao": "LA", "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ",
    "kyrgyz": "KG", "turkmen": "TM", "israeli": "IL", "palestinian": "PS", "portuguese": "PT",
    "norwegian": "NO", "lankan": "LK",
}

# What follows the shared stem: 'syri|an', 'sudan|ese', 'congo|lese', 'mozambi|can', 'peru|vian', 'panama|nian',
# 'iraq|i', 'argentin|e', with a plural 's'.
_DEMONYM_ENDING = re.compile(r"(?:|n|an|ian|ean|ien|ese|lese|i|ni|ish|can|vian|nian|e)s?")


@lru_cache(maxsize=4096)
def demonym_country(word: str, countries: tuple[tuple[str, str], ...]) -> str | None:
    """The country a nationality adjective refers to ('Iraqi' -> 'IQ'), by shared stem; None if unsure."""
    key = name_key(word)
    if not key or " " in key:
        return None
    if key in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[key]
    best, best_len = None, 0
    for code, country_key in countries:
        shared = _shared_prefix(key, country_key)
        # 'syrian'/'syria', 'iraqi'/'iraq', 'sudanese'/'sudan': the stem is the name less at most two letters, and
        # what follows it a demonym ending ('Ghantaghar' is no Ghanaian, 'Malik' no Malian, 'Turkana' no Turk)
        if shared >= 4 and shared >= min(len(country_key) - 2, 6) and shared > best_len and \
                _DEMONYM_ENDING.fullmatch(key[shared:]):
            best, best_len = code, shared
    return best


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def country_keys(countries: dict[str, Country]) -> tuple[tuple[str, str], ...]:
    return tuple((code, name_key(c.name)) for code, c in countries.items() if name_key(c.name))


def article_countries(words: list[str], countries: dict[str, Country]) -> Counter[str]:
    """Count how often each country is evoked by nationality words."""
    keys = country_keys(countries)
    return Counter(code for w in words if (code := demonym_country(w, keys)))
