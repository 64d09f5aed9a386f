"""Toponym resolution: find place names in an article and pick, for each, the GeoNames place it means.

Mentions come from capitalised phrases ('Hasaka', 'Deir ez-Zor', 'al-Hasakah') looked up in the gazetteer,
checked against spaCy's entities (GPE/LOC/FAC are trusted; a name that is only part of a person or
organisation is not a place; a whole PERSON entity may be, because the small model tags 'Hasaka' so).
Candidates are ranked by country context (countries and nationalities named in the article), population,
feature type cues ('X province', 'the city of X') and spelling distance.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Span

from eventledger.extract.actors import actor_spans
from eventledger.extract.attribution import REPORT_VERBS
from eventledger.extract.datelines import datelines
from eventledger.geo.containment import lies_in
from eventledger.geo.context import country_keys, demonym_country
from eventledger.geo.gazetteer import Candidate, Gazetteer, capitals, neighbours
from eventledger.geo.names import ADMIN_WORDS, DISTRICT_WORDS, name_key

_LETTERS = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʿʾ"
_WORD = rf"(?:(?:[aA]l|[eE]l|[aA][dnrstz]|[aA]sh|[eE][dsz])[-‑])?[A-Z][{_LETTERS}]*(?:[-‑][{_LETTERS}]+)*"
_CONNECTOR = r"(?:and|al|el|ad|as|ash|ar|az|es|ez|an|at|de|del|la|le|da|do|dos|das|di|du|des|ul|bin|ibn|of)"
PHRASE = re.compile(rf"(?<![\w-]){_WORD}(?:\s(?:{_CONNECTOR}\s)?{_WORD}){{0,4}}")
WORD = re.compile(_WORD)
# a capitalised part of a hyphenated word, not an article ('Al-' of 'Al-Qutayna')
_JOINED_PART = re.compile(rf"(?<![{_LETTERS}])(?!(?:Al|El|An|Ad|As|Ar|Az|At|Ash|Ed|Es|Ez)[-‑])[A-Z][{_LETTERS}]{{2,}}")

_BEFORE_CITY = re.compile(r"\b(?:city|town|village|outskirts|suburb|district|neighbou?rhood|resort) of\s+(?:the\s+)?$",
                          re.I)
_BEFORE_ADMIN = re.compile(r"\b(?:province|governorate|state|region|department|oblast) of\s+(?:the\s+)?$", re.I)
_BEFORE_NEAR = re.compile(
    r"\b(?:near|nearby|around|outside|outskirts of|vicinity of|countryside of|close to|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: of)?|"
    r"(?:kilometres|kilometers|km|miles)\s+(?:\w+\s+)?(?:from|of))\s+(?:the\s+)?(?:city of\s+|town of\s+)?$",
    re.I,
)
_BEFORE_SOURCE = re.compile(
    r"\b(?:based in|headquartered in|from its office in|told reporters in|speaking (?:in|from)|"
    r"(?:statement|press conference|news conference|briefing) in|"
    # the seat of a government, not where things happen ('the regime in Juba bears full responsibility')
    # (not 'an exchange with the Damascus government in Aleppo': there, the place of the exchange)
    r"\b(?:the|a)\s+(?:regime|government|junta) in)\s+(?:the\s+)?$", re.I)
# Where people came from or were taken to, not where the event happened.
_BEFORE_ELSEWHERE = re.compile(
    r"\b(?:(?:crossed|came|come|coming|arrived|arriving|infiltrated|returned)(?:\s+(?:over|in|by|back|\w+ly|canoe|boat|"
    r"motorbikes?|road))*\s+from|(?:evacuated|taken|transferred|airlifted|flown|rushed|fled|moved|referred|sent)"
    # ('sent to RIMS, Imphal': a hospital named, then its town)
    r"\s+(?:back\s+)?(?:to|towards)(?:\s+(?:a|the)\s+(?:\w+\s+)?(?:hospital|clinic|camp)\s+in|\s+[A-Z][\w.&-]*,)?|"
    # 'women travelling with their families to Peshawar for treatment'
    r"(?:travell?ing|travell?ed|heading|headed|bound|left|leaving|on (?:their|his|her) way)\b(?:\s+\w+){0,5}?\s+"
    r"(?:to|for|towards)(?:\s+(?:a|the)\s+(?:\w+\s+)?(?:hospital|clinic|camp)\s+in)?|"
    # 'the road to Senegal reopened': where the road leads
    r"(?:road|route|highway)(?:\s+\w+)?\s+(?:to|towards)|"
    # a person's home town: 'Abdul Kuddus, 38, from Kurigram', 'a schoolboy from Bhaktapur', 'a native of Kano'
    r"\b\d{1,3},\s+from|(?:year-old|boy|girl|man|woman|men|women|youths?|students?|schoolboys?|schoolgirls?|"
    r"teenagers?|pupils?|farmers?|traders?|drivers?|workers?|fishermen|fisherman)\s+from|natives?\s+of|"
    r"hail(?:s|ed|ing)?\s+from|"
    # 'airlifted for specialised treatment in Nairobi'
    r"for\s+(?:\w+\s+){0,2}(?:treatment|care|surgery)\s+(?:in|at)|"
    # where help was sent from: 'a Mobile Squad unit from Wabag arrived'
    r"(?:units?|squads?|reinforcements|teams?|personnel|detachments?|contingents?)\s+(?:sent\s+)?from|"
    # the country across a border: 'near the borders with Burkina Faso and Mali' is not in Burkina Faso
    r"borders?\s+with(?:\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+and)?)"
    r"\s+(?:the\s+)?(?:neighbouring\s+|nearby\s+)?$", re.I)
# A person's title right before a name ('its spokesperson Ganga'), and the language a text was written in.
_BEFORE_PERSON_OR_LANGUAGE = re.compile(
    r"\b(?:(?:spokes(?:man|woman|person)|commander|chief|leader|president|minister|governor|mayor|secretary|"
    r"general|colonel|captain|major|lieutenant|sergeant|officer|inspector|superintendent|judge|imam|pastor|bishop|"
    r"chairman|chairperson|director|deputy|MP|senator|activist|journalist|reporter|correspondent)\s+|"
    r"(?:translated|translation)\s+from\s+(?:the\s+)?)$", re.I)
# A saint's name, and what is named after saints ('the Saint-Louis church', 'St Mary's school').
_SAINT = re.compile(r"(?:Saint|Sainte|St\.?|San|Santa|Santo|São)[\s-]")
_SAINTS_HOUSE = re.compile(r"(?:['’]s)?\s+(?:church|cathedral|chapel|parish|basilica|monastery|convent|mission|"
                           r"seminary|school|college|hospital)\b", re.I)
# An Arabic article opening a name ('al-Juma'), and a capitalised word right before it ('Souq al-Juma').
_ARTICLE_TAIL = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ed|es|ez)[-‑]", re.I)
_CAPITALISED_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<![\w'’-])[A-Z][A-Za-z\u00C0-\u024F]+ $")
_BEFORE_CARE = re.compile(r"\b(?:died|dies|succumbed|treated|admitted|recovering|hospitali[sz]ed|condition|treatment)\b"
                          r"(?:\s+\w+){0,3}?"
                          r"\s+(?:at|in|to)\s+(?:the\s+)?$", re.I)
# The town of a hospital ('died in a military hospital in Dakar', 'in Taleghani hospital in Kermanshah'), and where
# the wounded later died of their wounds ('died of his wounds on Sunday in Kermanshah'): where they were cared for.
_BEFORE_CARE_TOWN = re.compile(
    r"(?:\b(?:died|dies|succumbed|treated|admitted|recovering|hospitali[sz]ed|treatment)\b(?:\s+[\w'’-]+){0,8}?\s+"
    r"(?:hospital|clinic|infirmary|medical cent(?:re|er)|health cent(?:re|er))\s+(?:in|at)|"
    r"\b(?:died|succumbed)\s+(?:of|from|to)\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)"
    r"(?:\s+\w+){0,3}?\s+in)\s+(?:the\s+)?$", re.I)
_AFTER_CARE = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,2}(?:(?:general|referral|teaching|district|regional|provincial|"
                         r"county|military|government|central)\s+)?"
                         r"(?:hospital|clinic|medical cent(?:re|er)|health cent(?:re|er))\b", re.I)
# A preposition of place right before a name makes a doubtful entity (tagged PERSON/ORG) a place.
_BEFORE_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|around|over|into|across|through|towards?|of|from|"
    # ('troops entered Mirebalais', 'rebels overran Shwegu': where forces go is a place)
    r"entered|stormed|overran|recaptured|retook|"
    r"(?:attacks?|assaults?|strikes?|raids?|offensive|advance|shelling|bombardment|march) on)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern|central|downtown|greater|rural|urban)\s+)?$")
_TITLE_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
# Offices named after the place they serve ('Kano Police Command', 'the Herat Governor's office').
OFFICE_WORDS = {"police", "governor", "mayor", "commissioner", "council", "command", "government", "authorities",
                "administration", "assembly", "county", "municipality", "polytechnic", "university"}
# The capitalised word right after a name ('Squad' of 'Mobile Squad').
_NEXT_NAME_WORD = re.compile(r" ([A-Z][\w'’-]+)")
# The name of a day kept in memory of something ('Saba Saba Day', 'Martyrs' Day'), up to the word 'Day'.
_DAY_NAME = re.compile(r"\b((?:[A-Z][\w'’-]+\s+)+)Day\b")
_OF_BEFORE = re.compile(r"\bof\s+the\s+$", re.I)
_OUTSIDE = re.compile(r"\boutside\s+(?:of\s+)?(?:the\s+)?$", re.I)
# People named by where they live: 'residents of Diapaga', 'the mayor of Penjwen'.
_BEFORE_RESIDENTS = re.compile(r"\b(?:residents|inhabitants|villagers|townspeople|elders|mayor|chief)\s+of\s+$", re.I)
# A verb whose object is a place, when it is a name: 'gangs have been attacking Mirebalais', 'stormed Kidal'.
_BEFORE_TARGET = re.compile(r"\b(?:attack(?:s|ed|ing)?|storm(?:s|ed|ing)?|raid(?:s|ed|ing)?|shell(?:s|ed|ing)?|"
                            r"overr(?:an|un|uns|unning)|invad(?:es|ed|ing)|besieg(?:es|ed|ing)|bomb(?:s|ed|ing)?)\s+$")
# Generic words that start or end a facility's name ('Plaza Baquedano', 'Kirkuk Airport'): not places alone.
FACILITY_WORDS = {"plaza", "square", "street", "road", "avenue", "hospital", "university", "airport", "bridge",
                  "market", "mosque", "church", "stadium", "hotel", "prison", "school", "station", "park", "palace",
                  "centre", "center", "office", "ministry", "council", "court", "congress", "parliament", "senate"}
# What a facility named after the town it is in ends with ('Kirkuk Airport', 'Lilongwe Community Ground'), and the
# words that may come between. Not hospitals (the wounded are taken to one, often in another town than where they
# were hurt) nor bodies of people ('Federal police', 'Kosovo Police').
FACILITY_NOUNS = (FACILITY_WORDS - {"hospital", "office", "ministry", "council", "court", "congress", "parliament",
                                    "senate"}) | {
    "airfield", "airbase", "base", "barracks", "camp", "jail", "college", "ground", "grounds", "port", "harbour",
    "harbor", "cathedral", "terminal", "refinery", "mine", "dam", "cbd"}
FACILITY_MODIFIERS = {"international", "government", "general", "regional", "central", "main", "community",
                      "military", "air", "police", "bus", "railway", "municipal", "district", "city", "business"}
# Words for a kind of land or water that end a feature's name ('Tsak Valley', 'Lake Chad'): not places alone.
NATURAL_WORDS = {"valley", "lake", "lakes", "river", "mountain", "mountains", "hill", "hills", "island", "islands",
                 "bay", "gulf", "sea", "ocean", "coast", "desert", "forest", "plain", "plains", "plateau", "delta",
                 "basin", "highlands", "lowlands", "peninsula", "border", "frontier", "canal", "falls", "springs"}
# Words after a name that say what kind of place it is ('Kabul Airport', 'Tsak Valley', 'Enga Province').
NAME_TYPE_WORDS = ADMIN_WORDS | DISTRICT_WORDS | FACILITY_NOUNS | NATURAL_WORDS | {
    "town", "city", "village", "metropolitan", "municipal", "urban", "rural"}  # 'Birgunj Metropolitan City'
# A capitalised word, then a Romance connector of names, right before a name: the name ends a longer one
# ('Defensoría del Pueblo'). Not English 'of': 'Shelling of Kherson' is Kherson.
INSTITUTION_WORDS = {"police", "army", "military", "security", "defence", "defense", "government", "ministry",
                     "navy", "gendarmerie", "court", "parliament", "congress", "senate", "presidency"}
_CONNECTED_BEFORE = re.compile(r"\b[A-Z][\w'’-]+\s(?:de|del|de la|des|du|da|do|dos|das)\s$")
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w'’-]+ $")
_CAPITALISED_AFTER = re.compile(r"^ [A-Z][\w'’-]+")
# the places a hyphen joins before one of these words are the ends of a road or a border: the event is near them
_JOINED_ROUTE = re.compile(rf"^[-‑{_LETTERS}]*\s+(?:road|highway|border|axis|route|corridor|frontier|boundary|railway|"
                           r"expressway|motorway|front|line)\b", re.I)
COMBINING_FORMS = {"franco", "sino", "indo", "anglo", "russo", "greco", "italo", "afro", "euro", "austro", "hispano",
                   "luso", "judeo", "turco", "irano", "arabo", "germano", "polono", "serbo", "croato", "dano", "swedo",
                   "pan", "inter", "trans"}  # ('the Pan-American Highway' is no road from a Philippine Pan-an)
# 'Haifa Street', 'the Damascus road' (the road to Damascus, not Damascus), 'the Kabul river'
_STREET_AFTER = re.compile(r"^\s+(?:Avenue|Street|[Rr]oad|[Hh]ighway|Boulevard|Lane|Drive|Square|Bridge|river|"
                           r"[Rr]oundabout|[Jj]unction|[Ii]ntersection|[Ii]nterchange|[Ff]lyover)\b")
# a street named the Spanish, Portuguese, French or Italian way: 'Avenida Mariscal Santa Cruz', 'Rue de Paris'
_STREET_BEFORE = re.compile(r"\b(?:Avenida|Calle|Carrera|Rua|Rue|Boulevard|Via|Viale|Corso|Jalan|Jl\.|Estrada|"
                            r"Rodovia|Carretera|Camino)\s+"
                            r"(?:(?:[A-Z][\w'’-]+|de|del|la|do|da|des|di)\s+){0,3}$")
# Words that are names of things before the word that says so: a weapon, a road in the Portuguese or Spanish way.
NAMED_THINGS = {"molotov", "estrada", "rodovia", "carretera", "camino", "avenida", "calle", "rua"}
_NOT_A_PLACE_AFTER = re.compile(r"\s+(?:cocktails?|bombs?|(?:do|da|dos|das|de|del)\s+[A-Z])")
# Continents and world regions are not places an event happens in ('East Africa Militancy Tracker' is not
# Mahdia, once called Africa); a country named with one ('South Africa') still is.
CONTINENT_WORDS = {"africa", "europe", "asia", "america", "americas", "oceania", "antarctica", "eurasia", "sahel",
                   "maghreb", "levant", "balkans", "caucasus", "arabia"}
_NUMBER_AFTER = re.compile(r"^\s\d")
_REGION_AFTER = re.compile(r"^\s+(?:region|province|department|state|governorate)\b", re.I)
# ('a prisoner exchange with the Damascus government in Aleppo': the seat of a government, not where things happen)
_AFTER_SOURCE = re.compile(r"^(?:[-‑]based\b|\s+(?:government|regime|authorities|administration|leadership)\b)")
_TYPED_UNIT = re.compile(r"\s+(?:local government area|lga|district|province|county|region|governorate|state|"
                         r"department|municipality|prefecture|division|sub-county|subcounty)", re.I)
_DESCRIBES_NEXT = re.compile(r"\s+(?:(?!(?:in|at|and|or|to|from|near|of|the)\s)[a-z]+\s+)?"
                             r"(?:resort|port|town|city|village|capital) of\s+(?:the\s+)?[A-Z]")
_AFTER_TYPE = re.compile(r"^\s+(local government area|\w+)", re.I)
# Words of names that GeoNames gives as other names of one place ('Old Town' of Las Vegas): see `own_names_only`.
GENERIC_PLACE_WORDS = {"old", "new", "town", "city", "village", "upper", "lower", "central", "north", "south", "east",
                       "west", "great", "little", "big", "market", "quarter", "downtown", "centre", "center", "port",
                       "house", "hall", "square", "park", "fort", "beach", "bay", "junction", "line"}
# A compass word alone is a place only when a type word follows ('West region'), not inside 'West Gojjam'.
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
_KIND = r"(?:\s+(?:town|city|village|district|township|county|province|state|region|governorate|territory))?"
# 'San Miguel in Las Navas', 'Las Navas town, Northern Samar': the second place contains the first.
_CONTAINED_IN = re.compile(
    rf"^(?:{_KIND}(?:,\s*|\s+in\s+(?:the\s+)?)|\s+(?:neighbou?rhood|area|suburb|district) of\s+(?:the\s+)?)$")
# 'Yarun, in southern Lebanon', 'El Callao, in Bolívar state': a country or province that contains the first place.
_IN_REGION = re.compile(r"^,\s+in\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?\s+|"
                        r"(?:east|west)(?:ern)?\s+|central\s+)?$", re.I)
_REGION_WORDS = {"", "state", "province", "region", "governorate", "department"}
# 'Jonglei state's Duk county': the first place contains the second.
_CONTAINS = re.compile(rf"^{_KIND}['’]s\s+$")
_THE_CAPITAL = re.compile(r"\b(?:in|at|near|outside|around|across) (the (?:country's |nation's )?capital)\b(?!\s+of)")
CONTAINED_KM = 30.0  # a village named 'in' a town lies within this distance of it
NAMED_ADMIN_BONUS = 2.0  # a candidate in a province or district the article names
NEARBY_ADMIN_BONUS = 1.0  # a candidate in the province of another place the article names

T = TypeVar("T")

NER_PLACE = {"GPE", "LOC", "FAC"}
# The small model often tags towns as these: such a name needs a cue or the article's country to be a place.
WEAK_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
UNTAGGED_MIN_POPULATION = 50_000
HAMLET_POPULATION = 1_000  # a place this small known by another name says nothing of the article's country
ALIAS_VILLAGE_POPULATION = 5_000  # ... nor this small, for a word the parser read as a place
# A place this small, or one found by spelling distance, is trusted only in a country the article is about.
CONTEXT_MIN_POPULATION = 100_000
TITLE_DOMINANCE = 3  # a headline's place means the namesake this many times larger than any other
# Outside the countries the article's places are in, only a big city is taken at its word ('Ankara', 'Paris').
FOREIGN_CITY_MIN_POPULATION = 1_000_000  # a capitalised word spaCy did not tag as a place must be a sizeable one
PROVINCE_MIN_POPULATION = 100_000  # what a province counts for when GeoNames gives it its capital's size, or none


@dataclass
class Mention:
    start: int  # the name as written ('Diyala')
    end: int
    text: str
    span_end: int  # including a type word ('Diyala province')
    hint: str | None = None  # 'admin', 'district' or 'city'
    near: bool = False
    source_location: bool = False  # where a source speaks from ('the London-based monitor')
    elsewhere: bool = False  # where someone came from or was taken to ('crossed from Mali', 'evacuated to Dori')
    cared: bool = False  # the town of the hospital the wounded died in: the article's country, not the event's place
    seat: bool = False  # where a speaker is ('authorities in Sanaa denied'): the event's place only if none other
    locative: bool = False  # a preposition of place comes right before ('in Hasaka')
    fuzzy: bool = False  # found by spelling distance, not by one of its names
    cued_only: bool = False  # a small untagged name taken for a place because a type word says so
    in_title: bool = False  # named in the headline (offsets are in the headline, not the text)
    ner: str | None = None
    candidates: tuple[Candidate, ...] = ()
    choice: Candidate | None = None
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def aside(self) -> bool:
        """Named, but not as where the event happened: a source's seat, an origin or a destination, a hospital."""
        return self.source_location or self.elsewhere or self.cared

    @property
    def precision(self) -> int:
        """ACLED geo_precision: 1 the town itself, 2 near a town or part of a district, 3 a region."""
        c = self.choice
        if c is None or c.is_country or c.feature_code == "ADM1":
            return 3
        if c.is_admin or self.near or self.cared or self.hint == "district":
            return 2  # (a hospital's town: the event was near it, if the article names no other place)
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
        self._named_admins: set[tuple[str | None, str]] = set()
        self._found: list[Mention] = []
        self._nearby_admins: set[tuple[str | None, str]] = set()
        self._nearby_districts: set[tuple[str | None, str | None, str]] = set()
        self._town_context: set[str] = set()  # countries named by places in them, not by the country's own name
        self._own_context: dict[int, set[str]] = {}  # what a weak mention vouches for, for itself alone
        self._context_seen: Counter[str] = Counter()
        self._evoked_by: defaultdict[str, Counter[str]] = defaultdict(Counter)  # what each name added to it
        self._text = ""
        self._datelines: list[tuple[int, int, int, int]] = []
        self._dateline_seen: list[Mention] = []
        self._title_keys: set[str] = set()
        self._day_names: set[str] = set()

    def mentions(self, doc: Doc, title: str | None = None, outlet: str | None = None) -> list[Mention]:
        """Resolved place mentions of the article; its headline and its outlet's name, when given, add country
        context only."""
        self._text = doc.text
        self._title_keys = {name_key(m.group()) for m in _TITLE_NAME.finditer(title or "")}
        self._day_names = {name_key(m.group(1)) for m in _DAY_NAME.finditer(f"{title or ''}\n{doc.text}")}
        found = self._find(doc)
        self._contain(found, doc.text)
        found = [m for m in found if m.candidates]
        context = self._context(doc, found)
        # a headline name the text places in one country is read as the text reads it ('Maru' is Zamfara's Maru
        # LGA in 'Dansadau town in Maru LGA', not Turkmenistan's Mary, the larger namesake in the headline alone)
        # (nor is one the text can read in a country its other places evoke: 'Chinatown' in a report from Honiara is
        # not the largest Chinatown of the United States)
        settled = {name_key(m.text) for m in found if len({c.country_code for c in m.candidates}) == 1
                   or {c.country_code for c in m.candidates} & set(context)}
        for code, by_town in self._title_countries(title, skip=settled):
            context[code] += 1
            self._place_context.add(code)
            if by_town:
                self._town_context.add(code)
        # a local outlet named after its province or city ('Tillabéri Info'): where its reports mostly are, no more
        for code, _ in self._title_countries(outlet, outlet=True):
            context[code] += 1
        self._named_admins = set()
        self._found = found
        for m in found:
            m.choice, m.alternatives = self._choose(m, context)
        # Second pass: the provinces and districts the article turned out to name settle its smaller places
        # ('Bijapur' in an article about Chhattisgarh).
        # (not a unit named as what the place is outside of: 'civilians from outside Papua')
        # (nor one people came from: 'raiders from the neighbouring Ihorombe region' do not set the event there)
        named = [(m, (m.choice.country_code, m.choice.name)) for m in found if m.choice and m.choice.is_admin
                 and not m.aside and not _OUTSIDE.search(self._text[max(0, m.start - 20):m.start])]
        # ... and so do the provinces its other places lie in: 'Bishnupur' beside 'Imphal' is Manipur's, not West
        # Bengal's larger namesake (the places of one report lie together)
        # (a town people went to or came from counts: it is mostly nearby; a source's seat does not)
        nearby = [(m, (m.choice.country_code, m.choice.admin1)) for m in found
                  if m.choice and not m.choice.is_country and m.choice.admin1 and not m.source_location]
        if named or nearby:
            for m in found:
                # not the mention that names the unit: 'Sinaloa' is the state, not a town in it named Sinaloa
                self._named_admins = {admin for other, admin in named if other.text != m.text}
                self._nearby_admins = {admin for other, admin in nearby if other.text != m.text}
                self._nearby_districts = {(o.choice.country_code, o.choice.admin1, o.choice.admin2)
                                          for o, _ in nearby if o.text != m.text and o.choice and o.choice.admin2}
                m.choice, m.alternatives = self._choose(m, context)
        self._nearby_admins = set()
        self._nearby_districts = set()
        self._one_sense(found, context)
        self._drop_foreign_districts(found)
        self._context_seen = context
        self._dateline_seen = [m for m in found if any(m.start == a for _, _, a, _ in self._datelines)]
        return [m for m in found if m.choice is not None]

    def evoked_besides(self, name: str) -> frozenset[str]:
        """The countries the last article read evokes by other words than `name`: named countries, nationality
        words, other places of one country."""
        own = self._evoked_by.get(name_key(name), Counter())
        return frozenset(code for code, n in self._context_seen.items() if n > own[code])

    def fallback(self, title: str | None) -> Mention | None:
        """Where an article that names no place in its text happened, from the last `mentions` call: a place
        its headline names in a country the article is about ('Death toll from Tripoli clashes rises', text:
        'in Souq al-Juma'), else 'the capital' of the country the article is about, else the headline's country."""
        context = self._context_seen
        found = []
        for start, end, name, candidates in self._title_names(title):
            m = Mention(start=start, end=end, text=name, span_end=end, candidates=candidates, in_title=True)
            m.choice, m.alternatives = self._choose(m, context)
            # in a country the article is about, or a name of several words found in one country only
            # ('Mocimboa da Praia'); a single capitalised headline word is too often a common word ('Police')
            if m.choice is not None and (m.choice.country_code in context or (
                    " " in name and len({c.country_code for c in candidates}) == 1 and m.choice.population >= 5000)):
                found.append(m)
        specific = [m for m in found if m.level < 3]
        if specific:  # the most specific: 'Peru: protesters clash at Juliaca airport' is Juliaca
            return min(specific, key=lambda m: (m.choice.country_code not in context, m.level, m.start))
        capital = self._capital(context)
        if capital is not None or found:
            return capital or found[0]
        # Nationality words are not used: foreign forces and victims are named by them ('Russian allies' of an
        # army in the Central African Republic), and no place is better than a wrong country.
        return self._dateline_country(context)

    def _dateline_country(self, context: Counter[str]) -> Mention | None:
        """The country of the dateline's city, at country level, when the article evokes no other country
        ('BAMAKO — Gunmen killed 12 villagers'; not 'NAIROBI, Kenya — ... Somali officials said')."""
        city = next((m for m in self._dateline_seen if m.choice is not None), None)
        if city is None or set(context) - {city.choice.country_code}:
            return None
        code = city.choice.country_code
        country = next((c for c in self.gaz.lookup(name_key(self.gaz.countries[code].name))
                        if c.is_country and c.country_code == code), None) if code in self.gaz.countries else None
        if country is None:
            return None
        return Mention(start=city.start, end=city.end, text=city.text, span_end=city.end, candidates=(country,),
                       choice=country)

    def _capital(self, context: Counter[str]) -> Mention | None:
        """'the capital' in the text, in an article about one country: that country's capital."""
        match = _THE_CAPITAL.search(self._text)
        if match is None or not context:
            return None
        code, n = context.most_common(1)[0]
        if sum(1 for v in context.values() if v == n) > 1 or not (name := capitals().get(code)):
            return None
        city = next((c for c in self.gaz.lookup(name_key(name)) if c.country_code == code and
                     c.feature_class == "P"), None)
        if city is None:
            return None
        return Mention(start=match.start(1), end=match.end(1), text=match.group(1), span_end=match.end(1),
                       candidates=(city,), choice=city)

    # -- finding -------------------------------------------------------------------------------------------
    def _find(self, doc: Doc) -> list[Mention]:
        text = doc.text
        # Entity of each token, computed once: Span.ents walks the whole Doc on every call.
        self._ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        groups = actor_spans(text)
        self._datelines = datelines(text)
        found = [m for _, _, start, end in self._datelines if (m := self._dateline_mention(text, start, end))]
        found += longest_matches(text, lambda start, end: None if _inside_group(groups, start, end) or any(
            a <= start < b for _, _, a, b in self._datelines) else self._mention(doc, text, start, end))
        return sorted(found, key=lambda m: m.start)

    def _dateline_mention(self, text: str, start: int, end: int) -> Mention | None:
        """The city of a wire dateline ('MOGADISHU, Somalia (Reuters) - '): where the report was filed, so country
        context but never the event's place. Written in capitals, which elsewhere mark acronyms."""
        candidates = self.gaz.lookup(name_key(text[start:end]))
        towns = tuple(c for c in candidates if c.feature_class == "P")
        if not (towns or candidates):
            return None
        return Mention(start=start, end=end, text=text[start:end], span_end=end, hint="city", ner="GPE",
                       source_location=True, candidates=towns or candidates)

    def _mention(self, doc: Doc, text: str, start: int, end: int) -> Mention | None:
        """A place mention at text[start:end], or None; `text` is doc.text (rebuilt by spaCy on each access)."""
        name = text[start:end]
        key = name_key(name)
        if sum(ch.isalpha() for ch in key) < 3:
            return None  # 'M' of 'M23', initials
        if _ARTICLE_TAIL.match(name) and (before_word := _CAPITALISED_WORD_BEFORE.search(
                text, max(0, start - 30), start)) and not demonym_country(before_word.group().strip(),
                                                                          self._country_keys):
            return None  # 'al-Juma' of 'Souq al-Juma': the second half of a name, not Yuma, Arizona
        if _BEFORE_PERSON_OR_LANGUAGE.search(text, max(0, start - 40), start):
            return None  # 'its spokesperson Ganga' is not Ganja; 'Translated from Hindi' is no place
        if _SAINT.match(name) and _SAINTS_HOUSE.match(text, end):
            return None  # 'the Saint-Louis church' in Mirebalais is a saint's, not Saint-Louis in Senegal
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        ents = {t.ent_type_ for t in span if t.ent_type_}
        whole = self._ent_of.get(span.start)
        misparsed = whole is not None and any(t.pos_ in ("VERB", "AUX") for t in whole)
        # ('Eilat's' is the entity 'Eilat' and its possessive)
        core_end = span.end - 1 if len(span) > 1 and span[-1].tag_ == "POS" else span.end
        is_whole = whole is not None and whole.start == span.start and whole.end == core_end
        if misparsed:
            # an entity run over a verb is a misparse ('the Gang Suppression Force entered Mirebalais', tagged ORG):
            # the name stands alone
            ents, whole, is_whole = set(), None, True
        # one end of 'the Kaduna-Abuja highway', 'the Bishnupur-Churachandpur border': a place whatever the parser
        # tagged the pair as
        joined = (text[end:end + 1] in ("-", "‑") or text[start - 1:start] in ("-", "‑")) and bool(
            _JOINED_ROUTE.match(text[end:end + 60])) and key not in COMBINING_FORMS and not demonym_country(
            name, self._country_keys)  # not 'the Franco-German border'
        if joined:
            ents, whole, is_whole = {"GPE"}, None, True
        # (not 'The Thai' of 'The Thai army': an article makes no longer name)
        part_tagged = " " in re.sub(r"^[Tt]he ", "", name) and bool(span.ents) and all(
            span.start <= e.start and e.end <= span.end for e in span.ents) and not any(
            e.start == span.start and e.end == span.end for e in span.ents)
        if part_tagged and not joined:
            # a name longer than the entities inside it: 'Spanish Town' is not the nationality 'Spanish'
            ents, whole = set(), None
        elif whole is not None and whole.label_ in ("FAC", "ORG", "EVENT") and _named_after(whole, span):
            # a facility named after the town it is in: 'Kirkuk Airport', 'the Makeni Government Hospital'
            ents, whole, part_tagged = set(), None, True
        elif whole is not None and whole.start_char == start and whole.label_ in ("ORG", "FAC") and \
                _TYPED_UNIT.fullmatch(text[end:whole.end_char]):
            # the parser took a unit with its type word for an organisation: 'Tsafe Local Government Area'
            ents, whole, is_whole = {"GPE"}, None, True
        elif whole is not None and whole.label_ in WEAK_LABELS and whole.start_char < start and \
                text[max(whole.start_char, start - 4):start] == " in ":
            # the parser ran an institution on into where it is: 'the National Congress in Buenos Aires'
            ents, whole, is_whole = set(), None, True
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
        ner = "GPE" if joined else None if part_tagged or misparsed else next(
            (t.ent_type_ for t in span if t.ent_type_), None)
        if whole is not None and whole.label_ in NER_PLACE and _longer_name(whole, start, end):
            return None  # 'Jordán' of 'Puerto Jordán', 'Pérez' of 'Pérez Bonalde': a longer name the gazetteer lacks
        if ner not in NER_PLACE and (_CONNECTED_BEFORE.search(text[max(0, start - 40):start]) or (
                _CAPITALISED_BEFORE.search(text[max(0, start - 30):start]) and _CAPITALISED_AFTER.match(
                    text[end:end + 30]))):
            # 'Pueblo' of 'Defensoría del Pueblo', 'San' of the 'Kokorat San Ras' gang: inside a longer name
            return None
        after_word = _NEXT_NAME_WORD.match(text, end)
        if ner in ("ORG", "PRODUCT", "PERSON") and not ents & NER_PLACE and after_word and " " not in name and \
                name[-2:] not in ("'s", "’s") and after_word.group(1).lower() not in NAME_TYPE_WORDS | OFFICE_WORDS:
            return None  # a word the parser took for a brand or a name, opening a longer one: 'a Toyota Hiace van'
        facility = key in FACILITY_WORDS and not _REGION_AFTER.match(text[end:end + 20])  # 'Centre region' is one
        if _NOT_A_PLACE_AFTER.match(text, end) and key in NAMED_THINGS:
            return None  # 'Molotov cocktails' are no Perm (once Molotov); 'Estrada do Itararé' is a road
        if key in NATURAL_WORDS or (key in INSTITUTION_WORDS and ner != "GPE"):
            return None  # 'the Dar es Salaam Special Police Zone' is not Police, a Polish county
        if CONTINENT_WORDS & set(key.split()) and not any(c.is_country for c in self.gaz.lookup(key)):
            return None
        road = (_STREET_AFTER.match(text[end:end + 20]) and text[max(0, start - 1):start] not in ("-", "–")) or \
            _STREET_BEFORE.search(text[max(0, start - 40):start])
        # ('the Thall-Parachinar road' runs between two places: it is near both)
        if facility or road or (" " not in name and _NUMBER_AFTER.match(
                text[end:end + 4])):  # 'Mile 4 Nkwen', 'Camp 6': a numbered locality, not the word's namesake
            return None  # 'Moi Avenue', 'Haifa Street': a street is named after the place, it is not the place
        after, before = text[end:end + 30], text[max(0, start - 60):start]
        if _DESCRIBES_NEXT.match(after):
            return None  # 'the Red Sea resort of Eilat', 'the Sinai town of Arish': the next name is the place
        type_word = _AFTER_TYPE.match(after)
        kind = type_word.group(1).lower() if type_word else None
        kind = "lga" if kind == "local government area" else kind
        last = name.split()[-1].lower()
        if " " in name and (last in ADMIN_WORDS or last in DISTRICT_WORDS):
            kind, type_word = last, None  # 'Kaga LGA', 'Borno State': the type word is part of the name
        if key in DIRECTIONS and kind not in ADMIN_WORDS and not is_whole:
            return None
        # 'Kanbalu township', 'the town of Dhiban': the text says it is a place, however small or untagged
        cued = joined or kind in ADMIN_WORDS or kind in DISTRICT_WORDS or kind in ("town", "city", "village") or bool(
            _BEFORE_ADMIN.search(before) or _BEFORE_CITY.search(before)) or (
            is_whole and bool(_BEFORE_LOCATIVE.search(before) or _BEFORE_TARGET.search(before)))  # 'in Kidal', tagged
        # as a nationality; 'attacking Mirebalais', tagged as a product
        cued = cued or bool(_BEFORE_RESIDENTS.search(before))  # 'residents of Diapaga'
        if ner != "GPE" and not cued and not _BEFORE_LOCATIVE.search(before) and common_noun(name, text):
            return None  # 'Enga Provincial Police Commander' in an article about what the police said
        candidates = self.gaz.lookup(key)
        exact = bool(candidates)
        if not candidates and ner in NER_PLACE:
            # (a country only by its nationality word, 'Ukrainian': another near spelling of one is an old or foreign
            # name of it, and 'Nova Holanda' of Rio is not New Holland, Australia)
            nationality = demonym_country(name, self._country_keys)
            candidates = tuple(c for c in self.gaz.fuzzy(key) if not c.is_country or c.country_code == nationality)
        if not candidates and kind in ADMIN_WORDS:
            candidates = self.gaz.fuzzy_admin1(key)  # 'Salahuddin province' ~ Salah ad Din
        elif kind in ADMIN_WORDS and not any(c.is_admin or c.is_country for c in candidates):
            # 'the Hiran region' is Somalia's Hiiraan, not an Iraqi hamlet called Hiran
            candidates += self.gaz.fuzzy_admin1(key)
            if not any(c.is_admin or c.is_country for c in candidates) and whole is not None and \
                    whole.label_ in ("FAC", "ORG") and whole.end_char >= end + (type_word.end() if type_word else 0):
                return None  # 'the Naval Prefecture' (Argentina's coast guard) is no province of a town called Naval
        if ner not in NER_PLACE and not cued:
            # an untagged word that is only the first word of a place's name is not that place ('the Rapid Support
            # militia' is not Rapid City, which GeoNames also calls 'Rapid')
            candidates = tuple(c for c in candidates if not name_key(c.name).startswith(key + " "))
        candidates = own_names_only(key, candidates)
        if re.sub(r"['’]s$", "", name).isupper():  # ('the APC's secretary general')
            # Acronyms ('SDF', 'ADF') are organisations or airport codes; only countries go by letters ('DRC').
            candidates = tuple(c for c in candidates if c.is_country)
        # 'Salvador' is Brazil's city: El Salvador is not written without its article
        # ... and 'the El Perú sector' is no Peru: a country is not written with an article its name lacks
        candidates = tuple(c for c in candidates if not (c.is_country and (
            (c.name.startswith("El ") and not name.lower().startswith("el ")) or (
                name.lower().startswith(("el ", "la ", "al-", "al ")) and not c.name.lower().startswith(
                    name.lower()[:3])))))
        if not candidates or self._day_name(key, candidates):
            return None
        small = ner not in NER_PLACE and max(c.population for c in candidates) < UNTAGGED_MIN_POPULATION
        # a name the headline gives too ('Diapaga: residents describe ...') is a place, if it is one in one country
        # only (a namesake abroad is a guess) and the article does not also write it as a common word ('Police')
        if small and not cued and not (key in self._title_keys and len({c.country_code for c in candidates}) == 1
                                       and not common_noun(name, text)):
            return None
        m = Mention(start=start, end=end, text=name, span_end=end, ner=ner, candidates=candidates, fuzzy=not exact,
                    cued_only=small)
        if kind in ADMIN_WORDS:
            m.hint, m.span_end = "admin", end + (type_word.end() if type_word else 0)
        elif kind in DISTRICT_WORDS:
            m.hint, m.span_end = "district", end + (type_word.end() if type_word else 0)
        elif kind in ("town", "city", "village"):
            m.hint = "city"
        elif _BEFORE_ADMIN.search(before):
            m.hint = "admin"
        elif _BEFORE_CITY.search(before):
            m.hint = "city"
        m.near = joined or bool(_BEFORE_NEAR.search(before))
        m.locative = bool(_BEFORE_LOCATIVE.search(before))
        m.source_location = bool(_BEFORE_SOURCE.search(before) or _AFTER_SOURCE.match(after)) or any(
            a <= start < b for a, b, _, _ in self._datelines)  # 'MOGADISHU, Somalia (Reuters) -': the country too
        m.cared = bool(_BEFORE_CARE_TOWN.search(before))
        m.elsewhere = bool(_BEFORE_ELSEWHERE.search(before) or (
            # 'two of the wounded died at Madina hospital': where the wounded were cared for, named after a place
            _BEFORE_CARE.search(before) and _AFTER_CARE.match(after)))
        m.seat = _speaker_seat(span)
        return m

    def _contain(self, found: list[Mention], text: str) -> None:
        """Narrow the candidates of a place named with the place that contains it ('the village of San Miguel
        in Las Navas town, Northern Samar province'): each keeps only the readings that fit the other. A place
        with no reading inside an explicit container is a village missing from the gazetteer: it is dropped, and
        the container stands for it, as 'near' (ACLED codes the nearest named place, precision 2)."""
        pairs = []
        for a, b in itertools.pairwise(found):
            between = text[a.span_end:b.start]
            if _CONTAINED_IN.match(between):
                explicit = bool(re.search(r"\b(?:in|of)\b", between)) or b.hint in ("admin", "district") or all(
                    c.is_admin or c.is_country for c in b.candidates)
                pairs.append((a, b, explicit))
            elif _IN_REGION.match(between) and text[b.end:b.span_end].strip().lower() in _REGION_WORDS and any(
                    c.is_country or c.feature_code == "ADM1" for c in b.candidates):
                # (not a county: 'Jaleq, in Saravan county' is named by the county's seat, which need not be near)
                pairs.append((a, b, True))
            elif _CONTAINS.match(between):
                pairs.append((b, a, a.hint in ("admin", "district")))
            elif a.text.endswith(("'s", "’s")) and not between.strip():
                # 'Eilat's North Beach': a part of the town, missing from the gazetteer when it fits no namesake
                pairs.append((b, a, not any(c.is_country for c in a.candidates)))
        # outermost first: 'Northern Samar' settles 'Las Navas', which then settles 'San Miguel'
        missing: set[str] = set()
        for inner, outer, explicit in sorted(pairs, key=lambda p: -p[1].start):
            if not inner.candidates or not outer.candidates:
                continue
            fits = [(i, o) for i in inner.candidates for o in outer.candidates if within(i, o)]
            if fits:
                inner.candidates = tuple(dict.fromkeys(i for i, _ in fits))
                outer.candidates = tuple(dict.fromkeys(o for _, o in fits))
            elif (explicit or not {c.country_code for c in inner.candidates} & {
                    c.country_code for c in outer.candidates}) and not any(c.is_country for c in inner.candidates):
                # (named beside a place of another country only: 'El Plateado, Argelia (Cauca)' is a Colombian
                # village missing from the gazetteer, not Mexico's El Plateado de Joaquín Amaro)
                inner.candidates = ()
                missing.add(name_key(inner.text))
                outer.near = outer.near or all(c.feature_class == "P" for c in outer.candidates)
        for m in found:  # the village's other mentions are that village too
            if name_key(m.text) in missing:
                m.candidates = ()

    # -- choosing ------------------------------------------------------------------------------------------
    def _day_name(self, key: str, candidates: tuple[Candidate, ...]) -> bool:
        """Whether the report names a day after this word ('Saba Saba Day'): then 'the Saba Saba march' is that
        day's march, not a village of the name. A large place keeps its sense ('Jerusalem Day' in a report from
        Jerusalem)."""
        if any(key != day and f" {key} " in f" {day} " for day in self._day_names):
            return True  # part of the day's name: 'Saba' of 'Saba Saba Day' is not Sabah
        return key in self._day_names and not any(
            c.is_country or c.is_admin or c.population >= CONTEXT_MIN_POPULATION for c in candidates)

    def _title_names(self, title: str | None, outlet: bool = False) -> list[tuple[int, int, str,
                                                                                 tuple[Candidate, ...]]]:
        """Gazetteer names in a headline, longest first ('Mocimboa da Praia', not 'Praia'). Read without a
        parse: a headline is short and capitalised. With `outlet`, in an outlet's name, which the text may quote
        whole ('told Tillabéri Info')."""
        title = title or ""
        groups = actor_spans(title)
        shouted = title.isupper()  # 'GUNMEN KILL 9 IN ZAMFARA': every word looks like a name, or an acronym
        if shouted:
            title = title.title()
        common_words = self._text if shouted else f"{title}\n{self._text}"

        words = title.split()
        sentence_case = sum(w[:1].isupper() for w in words) * 2 < len(words)

        def name_at(start: int, end: int) -> tuple[int, int, str, tuple[Candidate, ...]] | None:
            name = title[start:end]
            key = name_key(name)
            if name.isupper() or key in NATURAL_WORDS or key in FACILITY_WORDS or _inside_group(groups, start, end) \
                    or common_noun(name, common_words):
                return None
            if sentence_case and start > 0 and _CAPITALISED_BEFORE.search(title[:start]):
                return None  # the end of a longer name the gazetteer lacks: 'near Puerto Jordán' is not Jordan
            if _STREET_AFTER.match(title[end:end + 20]):
                return None  # a street named after a place: 'off Baghramyan Avenue' is not the village Baghramyan
            # a headline's first word is capitalised whatever it is: 'Man shot dead at Tawes Pen cookshop' is no
            # town of Côte d'Ivoire unless the text names it too (a country or province still is: 'Kenya police fire
            # tear gas')
            if sentence_case and not outlet and start == 0 and " " not in name and not shouted and \
                    title[end:end + 1] != ":" and not re.search(rf"\b{re.escape(name)}\b", self._text) and \
                    not any(c.is_country or c.feature_code == "ADM1" for c in self.gaz.lookup(key)):
                return None
            longer = _NEXT_NAME_WORD.match(title, end)
            if longer and not outlet and longer.group(1).lower() not in NAME_TYPE_WORDS and \
                    re.search(rf"\b{re.escape(title[start:longer.end()])}\b", self._text):
                return None  # the text writes the longer name too: 'Mobile Squad on the ground' is no Mobile, Alabama
            candidates = own_names_only(key, self.gaz.lookup(key), generic=False)
            if self._day_name(key, candidates):
                return None
            if demonym_country(name, self._country_keys) and not any(name_key(c.name) == key for c in candidates):
                return None  # a nationality ('Thai shelling continues'), not a place it is another name of (Alor Setar)
            if shouted:  # any word may be a name here: only countries, provinces and sizeable towns
                candidates = tuple(c for c in candidates if c.is_country or c.feature_code == "ADM1" or
                                   c.population >= CONTEXT_MIN_POPULATION)
            return (start, end, name, candidates) if candidates else None

        return list(longest_matches(title, name_at))

    def _title_countries(self, title: str | None, skip: set[str] = frozenset(),
                         outlet: bool = False) -> set[tuple[str, bool]]:
        """Countries a headline names unambiguously ('Death toll from Tripoli clashes rises'): a country, or a
        sizeable place found in one country only (with whether a place in it, not the country, named it); names
        keyed in `skip` are left out. With `outlet`, of an outlet's name, by a country, a province or a sizeable
        town only, by its own name (not 'Hamar Post', a small Norwegian town's name, nor 'Observatoire' of a rights
        group, a district of Paris also called so)."""
        codes: set[tuple[str, bool]] = set()
        for _, _, name, candidates in self._title_names(title, outlet):
            if name_key(name) in skip:
                continue
            if outlet:
                candidates = tuple(c for c in candidates if (c.is_country or c.feature_code == "ADM1" or
                                                             c.population >= CONTEXT_MIN_POPULATION)
                                   and name_key(c.name) == name_key(name))
                if not candidates:
                    continue
            sizes = _sizes_by_country(candidates, country_size=10**9)
            # one country, or one namesake far larger than the others ('Tripoli': Libya's capital)
            if (code := _dominant(sizes)) is not None:
                codes.add((code, sizes[code] < 10**9))
        return codes

    def _context(self, doc: Doc, found: list[Mention]) -> Counter[str]:
        """Countries the article evokes: named countries, nationality words, unambiguous places."""
        context: Counter[str] = Counter()
        self._place_context = set()  # countries named by places (nationality words alone do not count)
        self._town_context = set()
        self._own_context = {}
        self._evoked_by = defaultdict(Counter)
        inside = {i for m in found for i in range(m.start, m.end)}
        for ent in doc.ents:
            if ent.start_char in inside:
                continue  # part of a place's name ('Spanish Town')
            if ent.label_ == "NORP" or (ent.label_ not in NER_PLACE and ent.root.pos_ == "ADJ"):
                for word in ent.text.split():
                    if code := demonym_country(word, self._country_keys):
                        context[code] += 1
            elif ent.label_ == "ORG":
                # a body named after its country works there: 'the Liberia National Police', 'the Kenya Defence
                # Forces' (the country's own name only: a nationality's stem matches too many other words)
                words = [name_key(t.text) for t in ent if not t.is_punct]
                grams = {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
                context.update(code for code, key in self._country_keys if key in grams)
        # a state's forces named by their own name work in their country ('the SSPDF', 'the Tatmadaw', 'the FARDC')
        context.update({naming.actor.country for naming in actor_spans(doc.text) if naming.actor.country})
        for m in found:
            countries = {c.country_code for c in m.candidates}
            if m.candidates[0].is_country:
                countries = {m.candidates[0].country_code}  # 'Sudan' is the country, not also a village in Indonesia
            if m.candidates[0].is_country or len(countries) == 1:
                # a near spelling evokes no country ('Bwaise', in Kampala, is not China's Baise), unless a type word
                # says what it is ('Salahuddin province' is Iraq's Salah ad Din)
                # nor does a word the parser took for something else, or not for a place, found only as another
                # place's other name ('the Tempi train collision' is not Tempe, Arizona; 'Meridian' tagged as a
                # nationality): such words made Athens the one in Georgia
                # ('of the' is no preposition of place for a word that is only another place's other name: 'the
                # anniversary of the Tempi rail crash'; 'south of Kobane' is)
                other_name = " " not in m.text and _other_name_only(m)
                locative = m.locative and not (other_name and not m.near and _OF_BEFORE.search(
                    self._text[max(0, m.start - 10):m.start]))
                weak = m.ner not in NER_PLACE and not (m.hint or locative or m.candidates[0].is_country) and (
                    m.ner is not None or other_name)
                # nor is only the other name of a hamlet, even for itself ('the Sindian area' of Casamance is not
                # Taipei's Xindian)
                hamlet = _hamlet_alias(m)
                # nor where people came from or went ('the road to Senegal reopened', in a report from Kayes)
                if (not m.fuzzy or m.hint == "admin") and not weak and not hamlet and not m.elsewhere:
                    context.update(countries)
                    self._evoked_by[name_key(m.text)].update(countries)
                elif weak and not m.fuzzy and not hamlet:
                    self._own_context[id(m)] = countries  # it vouches for itself alone
                sizeable = any(c.is_country or c.feature_code == "ADM1" or c.population >= CONTEXT_MIN_POPULATION
                               for c in m.candidates)
                # a near spelling or a hamlet says little about where the article is; nor does a single capitalised
                # word the parser did not take for a place and that is only another name of the place ('left
                # Niafunke for Tonka' is not India's Tonk, also called Tonka)
                named = m.ner in NER_PLACE or m.hint is not None or locative or m.candidates[0].is_country or \
                    " " in m.text or name_key(m.candidates[0].name) == name_key(m.text)
                # where people came from or were taken to is not where the article's places are ('crossed from Mali'
                # in a report of an attack in Niger)
                if sizeable and not m.fuzzy and named and not m.elsewhere:
                    self._place_context.update(countries)
                    if not m.candidates[0].is_country:
                        self._town_context.update(countries)
                elif m.elsewhere and not m.fuzzy and named and len(countries) == 1 and not m.candidates[0].is_country \
                        and any(c.feature_class == "P" and c.population >= CONTEXT_MIN_POPULATION / 2
                                for c in m.candidates):
                    # a town the wounded were taken to or help came from is mostly in the same country: enough to
                    # read a small place's name there rather than abroad ('Gutu', with 'transferred to Masvingo',
                    # is not Kenya's Kutus)
                    self._place_context.update(countries)
        if not context:
            # no name says the country alone, but the names agree on one: 'Suwayda' and 'Damascus' each have
            # namesakes abroad, and only Syria has both. Only names read as places count: a word tagged otherwise
            # or untagged matches too many small American towns by their other names ('Tempi', 'al-Juma'), even
            # after a preposition ('the anniversary of the Tempi rail crash')
            # (a name with one namesake far larger than the others votes for that one's country alone: 'Monrovia'
            # and 'Paynesville', a suburb missing from the gazetteer, do not agree on the United States, where small
            # namesakes of both lie)
            names: dict[str, set[str]] = {}
            for m in found:
                if not m.fuzzy and (m.ner in NER_PLACE or ((m.hint or m.locative) and not _other_name_only(m))):
                    names.setdefault(name_key(m.text), set()).update(_countries_voted(m.candidates))
            shared = Counter(code for codes in names.values() for code in codes).most_common(2)
            if shared and shared[0][1] >= 2 and (len(shared) == 1 or shared[0][1] > shared[1][1]):
                context[shared[0][0]] += 1
        return context

    def _choose(self, m: Mention, context: Counter[str]) -> tuple[Candidate | None, list[Candidate]]:
        ranked = sorted(m.candidates, key=lambda c: -self._score(m, c, context))
        doubtful = m.ner not in NER_PLACE and not (m.hint or m.locative)
        if ranked and doubtful and m.ner and ranked[0].country_code not in set(context) | self._own_context.get(
                id(m), set()):
            return None, []  # a name tagged as a person is a place only where the article is ('Sana' is not Sanaa)
        if len(ranked) > 1 and name_key(ranked[0].name) != name_key(m.text) and \
                ranked[0].country_code not in context:
            # a capital named by its own name is that capital, not a larger place it is only another name of
            # ('Dili' is Timor-Leste's capital, not Delhi)
            capital = next((c for c in ranked if c.feature_class == "P" and name_key(c.name) == name_key(m.text)
                            and name_key(capitals().get(c.country_code or "", "")) == name_key(c.name)), None)
            if capital is not None:
                ranked = [capital] + [c for c in ranked if c is not capital]
        if self._place_context and len(ranked) > 1:
            # a candidate in a country the article's places are in beats a larger namesake elsewhere
            inside = [c for c in ranked if c.country_code in self._place_context]
            ranked = inside + [c for c in ranked if c.country_code not in self._place_context]
        small = ranked and not ranked[0].is_country and ranked[0].feature_code != "ADM1" and \
            ranked[0].population < (CONTEXT_MIN_POPULATION if m.fuzzy else FOREIGN_CITY_MIN_POPULATION)
        if ranked and _hamlet_alias(m) and ranked[0].country_code not in context and (
                context or m.ner not in NER_PLACE):  # (a name read as a place, in a text naming no country, is kept)
            return None, []  # only another name of a hamlet abroad ('the Sindian area' is not Taipei's Xindian)
        if ranked and m.fuzzy and not self._place_context and (not context or ranked[0].population <
                                                                CONTEXT_MIN_POPULATION):
            # a near spelling of a village, with nothing in the article to say where it is; with no country
            # evoked at all, only of a big city ('Baloch armed groups' is not Afghanistan's Balkh)
            return None, []
        # the countries the article's places are in; failing those, for a one-word name, the countries the
        # article evokes, nationality words included (a one-word name with namesakes in several countries is the
        # one there; a name of several words such as 'Mocimboa da Praia' is rarely a chance match, and 'Rwandan
        # troops' fight abroad)
        where = self._place_context or (set(context) if " " not in m.text else set())
        if not m.fuzzy and len({c.country_code for c in m.candidates}) == 1 and not self._town_context and all(
                name_key(c.name) == name_key(m.text) for c in m.candidates):
            # the one place of that name anywhere (its own name, not another's alternate one), in an article that
            # names no other town: a country named elsewhere in it does not make it a village missing from the
            # gazetteer ('a drone launched from Yemen hit Eilat')
            where = set()
        if ranked and (m.fuzzy or small) and where and ranked[0].country_code not in where and not \
                _across_the_border(m, where):
            # a near spelling in another country is a different place: a village missing from the gazetteer
            # ('Kuriga' in Kaduna is not Khouribga in Morocco)
            return None, []
        if ranked and ranked[0].feature_class == "P" and ranked[0].population < CONTEXT_MIN_POPULATION and \
                not self._in_named_admin(ranked[0]) and any(cc == ranked[0].country_code
                                                            for cc, _ in self._named_admins):
            return None, []  # 'Tierra Blanca' in an article about Sinaloa is not Veracruz's small town
        if ranked and ranked[0].feature_class == "P" and ranked[0].population < CONTEXT_MIN_POPULATION and \
                self._named_admins and not self._supported(ranked[0].country_code, m) and all(
                    cc != ranked[0].country_code and ranked[0].country_code not in neighbours().get(cc, ())
                    for cc, _ in self._named_admins):
            # 'Largu, in Djugu territory' is a village of Ituri missing from the gazetteer, not Romania's (across a
            # border it may be the town beyond it: 'Shebekino lies opposite the Vovchansk area ... the Kharkiv region')
            return None, []
        return (ranked[0] if ranked else None), ranked[1:4]

    def _supported(self, code: str | None, m: Mention) -> bool:
        """Whether another name of the article may lie in that country too (not the name itself)."""
        key = name_key(m.text)
        return any(name_key(o.text) != key and any(c.country_code == code for c in o.candidates)
                   for o in self._found)

    def _one_sense(self, found: list[Mention], context: Counter[str]) -> None:
        """One name, one place in a report: where the text once says what a name is ('the Lalitpur district
        police'), its bare mentions are that unit or a town in it, not a larger namesake abroad."""
        typed = {name_key(m.text): m.choice for m in found
                 if m.hint in ("admin", "district", "city") and m.choice is not None and not m.choice.is_country}
        for m in found:
            unit = typed.get(name_key(m.text))
            if unit is None or m.hint or m.choice is None or m.choice.country_code == unit.country_code:
                continue
            fits = [c for c in m.candidates if c.geonameid == unit.geonameid or within(c, unit)]
            if fits:
                m.choice = max(fits, key=lambda c: self._score(m, c, context))
                m.alternatives = [c for c in m.candidates if c is not m.choice][:3]

    @staticmethod
    def _drop_foreign_districts(found: list[Mention]) -> None:
        """A district known only as a town in another province than every other place of the article is a
        district of the article's city missing from the gazetteer ('the city's Kyivskyi district' in Odesa is not
        Donetsk's Kyivskyi): none of its namesakes."""
        for m in found:
            if m.hint != "district" or m.choice is None or any(c.is_admin for c in m.candidates):
                continue
            others = [o.choice for o in found if o.choice is not None and o.text != m.text and not o.aside and
                      not o.choice.is_country and o.choice.country_code == m.choice.country_code]
            if others and not any(c.admin1 == o.admin1 or lies_in(c, o, max_km=CONTAINED_KM, unknown_distance=True)
                                  for c in m.candidates for o in others):
                m.choice, m.alternatives = None, []

    def _in_named_admin(self, c: Candidate) -> bool:
        return bool({(c.country_code, c.admin1), (c.country_code, c.admin2)} & self._named_admins
                    - {(c.country_code, c.name)})

    def _score(self, m: Mention, c: Candidate, context: Counter[str]) -> float:
        # GeoNames often gives a province the population of its capital, or none: a province holds many towns
        population = max(c.population, PROVINCE_MIN_POPULATION) if c.feature_code == "ADM1" else c.population
        score = math.log10(population + 10) + (c.score - 100) / 2
        if self._in_named_admin(c):
            score += NAMED_ADMIN_BONUS  # 'Bijapur' in an article about Chhattisgarh is Chhattisgarh's Bijapur
        elif (c.country_code, c.admin1) in self._nearby_admins:
            score += NEARBY_ADMIN_BONUS
            if (c.country_code, c.admin1, c.admin2) in self._nearby_districts:
                # ... and in the district of one: 'Bijapur district' beside Bhairamgarh, a town of Chhattisgarh's
                # Bijapur, is that district, not Karnataka's larger one
                score += NEARBY_ADMIN_BONUS
        if name_key(c.name) == name_key(m.text):
            score += 0.6  # named by its own name, not a former or foreign one ('Pokrovsk' is also old Engels)
        if c.country_code in context:
            score += 3 + min(context[c.country_code], 5) * 0.3
        if c.is_country:
            # a country's name nearly always means the country, unless the text says it is a city
            score += -3 if m.hint == "city" else 3
        elif m.hint == "admin":
            # 'province' is an admin1 unit in most countries, an admin2 one in some (the Philippines)
            score += {"ADM1": 4, "ADM2": 2.5}.get(c.feature_code, -2)
        elif m.hint == "district" and c.feature_code == "ADM2":
            score += 4
        elif m.hint == "city":
            score += 3 if c.feature_class == "P" else -3
        elif c.is_admin and any(o.feature_class == "P" and (o.country_code == c.country_code or
                                                            name_key(o.name) == name_key(m.text))
                                for o in m.candidates):
            # 'Hasaka' alone is the city more often than the province named after it; but 'Enga' is the province,
            # not Germany's Enger, which is only also called so
            score -= 1.5
        return score


def _countries_voted(candidates: tuple[Candidate, ...]) -> set[str]:
    """The countries of a name's namesakes; only the largest one's when it dwarfs the others ('Monrovia')."""
    sizes = _sizes_by_country(candidates)
    code = _dominant(sizes)
    return {code} if code is not None else set(sizes)


def _sizes_by_country(candidates: tuple[Candidate, ...], country_size: int = 0) -> dict[str, int]:
    """The population of a name's largest namesake in each country (a country itself counted as `country_size`)."""
    sizes: dict[str, int] = {}
    for c in candidates:
        size = max(c.population, country_size if c.is_country else 0)
        sizes[c.country_code] = max(sizes.get(c.country_code, 0), size)
    return sizes


def _dominant(sizes: dict[str, int]) -> str | None:
    """The country of a sizeable namesake in one country only, or far larger than those elsewhere."""
    ranked = sorted(sizes.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= CONTEXT_MIN_POPULATION and (
            len(ranked) == 1 or ranked[0][1] >= TITLE_DOMINANCE * ranked[1][1]):
        return ranked[0][0]
    return None


def _across_the_border(m: Mention, where: set[str]) -> bool:
    """A name the parser tagged as a place, of one place in the world by its own name, in a country bordering the
    article's: a town across the border, where a border war strikes ('Shebekino' in a report from Ukraine)."""
    return not m.fuzzy and m.ner in NER_PLACE and len(m.candidates) == 1 and not _other_name_only(m) and bool(
        neighbours().get(m.candidates[0].country_code or "", frozenset()) & where)


def _hamlet_alias(m: Mention) -> bool:
    """A word that is only the other name of hamlets ('Sindian' for Taipei's Xindian; 'Sanam', read as a place,
    for a Thai hamlet called Sanom, or 'Potrerito' for a Mexican one called Potreritos)."""
    size = HAMLET_POPULATION if m.ner not in NER_PLACE else ALIAS_VILLAGE_POPULATION
    # (a village named as such included: 'Sinkan village' in Kachin State is not China's Jinchuan, also 'Sinkan')
    return " " not in m.text and m.hint in (None, "city") and _other_name_only(m) and all(
        c.population < size and not c.is_admin for c in m.candidates)


def _other_name_only(m: Mention) -> bool:
    """Whether every place the mention matches goes by another name ('Tempi' matches only Tempe)."""
    return all(name_key(c.name) != name_key(m.text) for c in m.candidates)


def own_names_only(key: str, candidates: tuple[Candidate, ...], generic: bool = True) -> tuple[Candidate, ...]:
    """Short (and, with `generic`, generic) names are places only by their own names: 'Las' of 'Las Quintas' is not
    Las Vegas, 'Pen' of 'Lakes Pen' not George Town, Penang, 'Old Town' not Las Vegas, though GeoNames gives them as
    their other names."""
    if len(key) <= 3 or (generic and set(key.split()) <= GENERIC_PLACE_WORDS):
        return tuple(c for c in candidates if name_key(c.name) == key)
    return candidates


def longest_matches(text: str, match: Callable[[int, int], T | None]) -> Iterator[T]:
    """What `match(start, end)` finds in the capitalised phrases of `text`, trying the longest run of words
    first ('Deir ez-Zor' before 'Deir'); the words a match covers are not tried again."""
    for phrase in PHRASE.finditer(text):
        words = list(WORD.finditer(text, phrase.start(), phrase.end()))
        i = free = 0  # words before `free` are covered by a match
        while i < len(words):
            for j in range(len(words), i, -1):
                found = match(words[i].start(), words[j - 1].end())
                if found is not None:
                    yield found
                    i = free = j
                    break
            else:
                # 'the Kaduna-Abuja highway', 'the Bishnupur-Churachandpur border': a hyphen joins two places
                parts = _JOINED_PART.finditer(text, words[i].start(), words[i].end()) if _JOINED_ROUTE.match(
                    text[words[i].end():words[i].end() + 30]) else ()
                for part in parts:
                    hyphenated = part.start() > words[i].start() or text[part.end():part.end() + 1] in ("-", "‑")
                    if not hyphenated:
                        continue
                    # ('the Bint Jbeil-Aynata road': the first place of several words, not 'Jbeil' alone)
                    longer = (match(words[k].start(), part.end()) for k in range(free, i)
                              if part.start() == words[i].start())
                    found = next((m for m in longer if m is not None), None) or match(part.start(), part.end())
                    if found is not None:
                        yield found
                i += 1


_NOT_NAME_WORDS = ADMIN_WORDS | DISTRICT_WORDS | DIRECTIONS | {"the", "sub"}  # ("Sub" of "Sub-County")


def _longer_name(ent: Span, start: int, end: int) -> bool:
    """Whether a place entity goes on beyond text[start:end] with more capitalised words of its name."""
    return any(t.text[:1].isupper() and t.lower_ not in _NOT_NAME_WORDS
               for t in ent if t.idx < start or t.idx >= end)


def _named_after(facility: Span, span: Span) -> bool:
    """Whether `span` opens the name of `facility` and the rest of the name only says what kind of facility it is
    ('Kirkuk Airport', 'Lilongwe Community Ground'; not 'Aden Adde international airport', named after a man)."""
    before = [t for t in facility if t.i < span.start]
    after = [t for t in facility if t.i >= span.end]
    # (and a town's business district: 'the Nairobi CBD', 'the Nairobi Central Business District')
    last = after[-1].lower_ if after else ""
    kind = last in FACILITY_NOUNS or (last == "district" and len(after) > 1 and after[-2].lower_ == "business")
    return kind and all(t.pos_ == "DET" for t in before) and all(t.lower_ in FACILITY_MODIFIERS for t in after[:-1])


def _speaker_seat(span: Span) -> bool:
    """Whether a place names where the speaker of a reporting verb is ('Houthi authorities in Sanaa denied ...')."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "in":
        return False
    holder = root.head.head
    return holder.pos_ in ("NOUN", "PROPN") and holder.dep_ == "nsubj" and \
        holder.head.lemma_.lower() in REPORT_VERBS


def common_noun(name: str, text: str) -> bool:
    """Whether a one-word name is a common word of the article, written in lower case elsewhere in it ('Police'
    of a title or an office, in an article that speaks of the police): then it is not a place by itself."""
    if " " in name or not name.isalpha():
        return False
    return re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text) is not None


def _inside_group(groups: tuple, start: int, end: int) -> bool:
    """Whether text[start:end] is part of the name of a known armed group ('Islamic State in the Sahel')."""
    return any(g.start < end and start < g.end for g in groups)


def within(inner: Candidate, outer: Candidate) -> bool:
    """Whether `inner` can lie in `outer`: another place, in that country, province or district, or a town near
    that town (a district is not 'near' a town; without coordinates, nothing is)."""
    if inner.geonameid == outer.geonameid or (inner.is_admin and not outer.is_admin and not outer.is_country):
        return False
    return lies_in(inner, outer, max_km=CONTAINED_KM, unknown_distance=False)
