"""Toponym resolution: find place names in an article and pick, for each, the GeoNames place it means.

Mentions come from capitalised phrases ('Hasaka', 'Deir ez-Zor', 'al-Hasakah') looked up in the gazetteer,
checked against spaCy's entities (GPE/LOC/FAC are trusted; a name that is only part of a person or
organisation is not a place; a whole PERSON entity may be, because the small model tags 'Hasaka' so).
Candidates are ranked by country context (countries and nationalities named in the article), population,
feature type cues ('X province', 'the city of X') and spelling distance.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from eventledger.geo.context import country_keys, demonym_country
from eventledger.geo.gazetteer import Candidate, Gazetteer
from eventledger.geo.names import ADMIN_WORDS, DISTRICT_WORDS, name_key

_LETTERS = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʿʾ"
_WORD = rf"(?:(?:[aA]l|[eE]l|[aA][dnrstz]|[aA]sh|[eE][dsz])[-‑])?[A-Z][{_LETTERS}]*(?:[-‑][{_LETTERS}]+)*"
_CONNECTOR = r"(?:al|el|ad|as|ash|ar|az|ez|an|at|de|del|la|le|da|do|dos|das|di|du|des|ul|bin|ibn|of)"
PHRASE = re.compile(rf"(?<![\w-]){_WORD}(?:\s(?:{_CONNECTOR}\s)?{_WORD}){{0,4}}")
WORD = re.compile(_WORD)

_BEFORE_CITY = re.compile(r"\b(?:city|town|village|outskirts|suburb|district|neighbou?rhood) of\s+(?:the\s+)?$", re.I)
_BEFORE_ADMIN = re.compile(r"\b(?:province|governorate|state|region|department|oblast) of\s+(?:the\s+)?$", re.I)
_BEFORE_NEAR = re.compile(
    r"\b(?:near|nearby|around|outside|outskirts of|vicinity of|countryside of|close to|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: of)?|"
    r"(?:kilometres|kilometers|km|miles)\s+(?:\w+\s+)?(?:from|of))\s+(?:the\s+)?(?:city of\s+|town of\s+)?$",
    re.I,
)
_BEFORE_SOURCE = re.compile(
    r"\b(?:based in|headquartered in|from its office in|told reporters in|speaking (?:in|from)|"
    r"(?:statement|press conference|news conference|briefing) in)\s+(?:the\s+)?$", re.I)
# A preposition of place right before a name makes a doubtful entity (tagged PERSON/ORG) a place.
_BEFORE_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|around|over|into|across|through|towards?|of|from)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern|central|downtown|greater|rural|urban)\s+)?$")
# Generic words that start or end a facility's name ('Plaza Baquedano', 'Kirkuk Airport'): not places alone.
FACILITY_WORDS = {"plaza", "square", "street", "road", "avenue", "hospital", "university", "airport", "bridge",
                  "market", "mosque", "church", "stadium", "hotel", "prison", "school", "station", "park", "palace",
                  "centre", "center", "office", "ministry", "council", "court"}
_STREET_AFTER = re.compile(r"^\s+(?:Avenue|Street|Road|Highway|Boulevard|Lane|Drive|Square|Bridge)\b")
_REGION_AFTER = re.compile(r"^\s+(?:region|province|department|state|governorate)\b", re.I)
_AFTER_SOURCE = re.compile(r"^[-‑]based\b", re.I)
_AFTER_TYPE = re.compile(r"^\s+(\w+)")

NER_PLACE = {"GPE", "LOC", "FAC"}
# The small model often tags towns as these: such a name needs a cue or the article's country to be a place.
WEAK_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
UNTAGGED_MIN_POPULATION = 50_000
# A place this small, or one found by spelling distance, is trusted only in a country the article is about.
CONTEXT_MIN_POPULATION = 100_000
TITLE_DOMINANCE = 3  # a headline's place means the namesake this many times larger than any other
# Outside the countries the article's places are in, only a big city is taken at its word ('Ankara', 'Paris').
FOREIGN_CITY_MIN_POPULATION = 1_000_000  # a capitalised word spaCy did not tag as a place must be a sizeable one


@dataclass
class Mention:
    start: int  # the name as written ('Diyala')
    end: int
    text: str
    span_end: int  # including a type word ('Diyala province')
    hint: str | None = None  # 'admin', 'district' or 'city'
    near: bool = False
    source_location: bool = False
    locative: bool = False  # a preposition of place comes right before ('in Hasaka')
    fuzzy: bool = False  # found by spelling distance, not by one of its names
    ner: str | None = None
    candidates: tuple[Candidate, ...] = ()
    choice: Candidate | None = None
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def precision(self) -> int:
        """ACLED geo_precision: 1 the town itself, 2 near a town or part of a district, 3 a region."""
        c = self.choice
        if c is None or c.is_country or c.feature_code == "ADM1":
            return 3
        if c.is_admin or self.near or self.hint == "district":
            return 2
        return 1

    @property
    def level(self) -> int:
        """How specific the place is: 0 town, 1 district, 2 province, 3 country."""
        c = self.choice
        if c is None or c.is_country:
            return 3
        if c.feature_code == "ADM1":
            return 2
        return 1 if c.is_admin else 0


class Resolver:
    """Finds and resolves every toponym of a parsed article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._ent_of: dict[int, Span] = {}
        self._country_keys = country_keys(gazetteer.countries)
        self._place_context: set[str] = set()

    def mentions(self, doc: Doc, title: str | None = None) -> list[Mention]:
        """Resolved place mentions of the article; its headline, when given, adds country context only."""
        found = self._find(doc)
        context = self._context(doc, found)
        for code in self._title_countries(title):
            context[code] += 1
            self._place_context.add(code)
        for m in found:
            m.choice, m.alternatives = self._choose(m, context)
        return [m for m in found if m.choice is not None]

    # -- finding -------------------------------------------------------------------------------------------
    def _find(self, doc: Doc) -> list[Mention]:
        text, found = doc.text, []
        # Entity of each token, computed once: Span.ents walks the whole Doc on every call.
        self._ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        for phrase in PHRASE.finditer(text):
            words = list(WORD.finditer(text, phrase.start(), phrase.end()))
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):  # longest match first
                    start, end = words[i].start(), words[j - 1].end()
                    mention = self._mention(doc, text, start, end)
                    if mention:
                        found.append(mention)
                        i = j
                        break
                else:
                    i += 1
        return found

    def _mention(self, doc: Doc, text: str, start: int, end: int) -> Mention | None:
        """A place mention at text[start:end], or None; `text` is doc.text (rebuilt by spaCy on each access)."""
        name = text[start:end]
        key = name_key(name)
        if sum(ch.isalpha() for ch in key) < 3:
            return None  # 'M' of 'M23', initials
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        ents = {t.ent_type_ for t in span if t.ent_type_}
        whole = self._ent_of.get(span.start)
        is_whole = whole is not None and whole.start == span.start and whole.end == span.end
        if not ents & NER_PLACE:
            # Part of a person's or organisation's name ('Farhad Sami', 'Syrian Observatory') is not a place;
            # a whole PERSON or ORG entity may be one, because the small model tags 'Hasaka' so.
            weak = is_whole and whole is not None and (
                whole.label_ in WEAK_LABELS
                or (whole.label_ == "NORP" and not demonym_country(name, self._country_keys)))
            if ents and not weak:
                return None
        # A proper noun, or a capitalised word inside the sentence (the tagger calls 'Sagaing' a verb).
        if not any(t.pos_ == "PROPN" or t.ent_type_ in NER_PLACE or not t.is_sent_start for t in span):
            return None
        ner = next((t.ent_type_ for t in span if t.ent_type_), None)
        facility = key in FACILITY_WORDS and not _REGION_AFTER.match(text[end:end + 20])  # 'Centre region' is one
        if facility or _STREET_AFTER.match(text[end:end + 20]):
            return None  # 'Moi Avenue', 'Haifa Street': a street is named after the place, it is not the place
        candidates = self.gaz.lookup(key)
        after = text[end:end + 30]
        exact = bool(candidates)
        if not candidates and ner in NER_PLACE:
            candidates = self.gaz.fuzzy(key)
        if not candidates and (type_word := _AFTER_TYPE.match(after)) and type_word.group(1).lower() in ADMIN_WORDS:
            candidates = self.gaz.fuzzy_admin1(key)  # 'Salahuddin province' ~ Salah ad Din
        if name.isupper():
            # Acronyms ('SDF', 'ADF') are organisations or airport codes; only countries go by letters ('DRC').
            candidates = tuple(c for c in candidates if c.is_country)
        if not candidates:
            return None
        if ner not in NER_PLACE and max(c.population for c in candidates) < UNTAGGED_MIN_POPULATION:
            return None
        m = Mention(start=start, end=end, text=name, span_end=end, ner=ner, candidates=candidates, fuzzy=not exact)
        before = text[max(0, start - 60):start]
        type_word = _AFTER_TYPE.match(after)
        if type_word and type_word.group(1).lower() in ADMIN_WORDS:
            m.hint, m.span_end = "admin", end + type_word.end()
        elif type_word and type_word.group(1).lower() in DISTRICT_WORDS:
            m.hint, m.span_end = "district", end + type_word.end()
        elif type_word and type_word.group(1).lower() in ("town", "city", "village"):
            m.hint = "city"
        elif _BEFORE_ADMIN.search(before):
            m.hint = "admin"
        elif _BEFORE_CITY.search(before):
            m.hint = "city"
        m.near = bool(_BEFORE_NEAR.search(before))
        m.locative = bool(_BEFORE_LOCATIVE.search(before))
        m.source_location = bool(_BEFORE_SOURCE.search(before) or _AFTER_SOURCE.match(after))
        return m

    # -- choosing ------------------------------------------------------------------------------------------
    def _title_countries(self, title: str | None) -> set[str]:
        """Countries a headline names unambiguously ('Death toll from Tripoli clashes rises'): a country, or a
        sizeable place found in one country only. Read without a parse: a headline is short and capitalised."""
        codes: set[str] = set()
        for phrase in PHRASE.finditer(title or ""):
            for word in [phrase.group(), *(w.group() for w in WORD.finditer(phrase.group()))]:
                candidates = self.gaz.lookup(name_key(word))
                best: dict[str, int] = {}
                for c in candidates:
                    size = max(c.population, 10**9 if c.is_country else 0)
                    best[c.country_code] = max(best.get(c.country_code, 0), size)
                ranked = sorted(best.items(), key=lambda kv: -kv[1])
                # one country, or one namesake far larger than the others ('Tripoli': Libya's capital)
                if ranked and ranked[0][1] >= CONTEXT_MIN_POPULATION and (
                        len(ranked) == 1 or ranked[0][1] >= TITLE_DOMINANCE * ranked[1][1]):
                    codes.add(ranked[0][0])
                    break
        return codes

    def _context(self, doc: Doc, found: list[Mention]) -> Counter[str]:
        """Countries the article evokes: named countries, nationality words, unambiguous places."""
        context: Counter[str] = Counter()
        self._place_context = set()  # countries named by places (nationality words alone do not count)
        for ent in doc.ents:
            if ent.label_ == "NORP" or (ent.label_ not in NER_PLACE and ent.root.pos_ == "ADJ"):
                for word in ent.text.split():
                    if code := demonym_country(word, self._country_keys):
                        context[code] += 1
        for m in found:
            countries = {c.country_code for c in m.candidates}
            if any(c.is_country for c in m.candidates[:1]) or len(countries) == 1:
                context.update(countries)
                sizeable = any(c.is_country or c.feature_code == "ADM1" or c.population >= CONTEXT_MIN_POPULATION
                               for c in m.candidates)
                if sizeable and not m.fuzzy:  # a near spelling or a hamlet says little about where the article is
                    self._place_context.update(countries)
        return context

    def _choose(self, m: Mention, context: Counter[str]) -> tuple[Candidate | None, list[Candidate]]:
        ranked = sorted(m.candidates, key=lambda c: -self._score(m, c, context))
        doubtful = m.ner not in NER_PLACE and not (m.hint or m.locative)
        if ranked and doubtful and m.ner and ranked[0].country_code not in context:
            return None, []  # a name tagged as a person is a place only where the article is ('Sana' is not Sanaa)
        if self._place_context and len(ranked) > 1:
            # a candidate in a country the article's places are in beats a larger namesake elsewhere
            inside = [c for c in ranked if c.country_code in self._place_context]
            ranked = inside + [c for c in ranked if c.country_code not in self._place_context]
        small = ranked and not ranked[0].is_country and ranked[0].feature_code != "ADM1" and \
            ranked[0].population < (CONTEXT_MIN_POPULATION if m.fuzzy else FOREIGN_CITY_MIN_POPULATION)
        if ranked and m.fuzzy and not self._place_context and ranked[0].population < CONTEXT_MIN_POPULATION:
            return None, []  # a near spelling of a village, with nothing in the article to say where it is
        if ranked and (m.fuzzy or small) and self._place_context and \
                ranked[0].country_code not in self._place_context:
            # a near spelling in another country is a different place: a village missing from the gazetteer
            # ('Kuriga' in Kaduna is not Khouribga in Morocco)
            return None, []
        return (ranked[0] if ranked else None), ranked[1:4]

    @staticmethod
    def _score(m: Mention, c: Candidate, context: Counter[str]) -> float:
        score = math.log10(c.population + 10) + (c.score - 100) / 2
        if name_key(c.name) == name_key(m.text):
            score += 0.6  # named by its own name, not a former or foreign one ('Pokrovsk' is also old Engels)
        if c.country_code in context:
            score += 3 + min(context[c.country_code], 5) * 0.3
        if c.is_country:
            score += 3  # a country's name nearly always means the country
        elif m.hint == "admin":
            score += 4 if c.feature_code == "ADM1" else -2
        elif m.hint == "city":
            score += 3 if c.feature_class == "P" else -3
        elif c.is_admin:
            score -= 1.5  # 'Hasaka' alone is the city more often than the province named after it
        return score
