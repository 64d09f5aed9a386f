"""Stage "places": geocode each event from the toponyms in its sentences (article context as fallback)."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventledger.geo.gazetteer import Gazetteer, get_gazetteer
from eventledger.geo.names import name_key
from eventledger.geo.regions import acled_region
from eventledger.geo.resolve import NER_PLACE, Mention, Resolver, within
from eventledger.models import Event, Evidence, Extraction, Place
from eventledger.registry import Stage, stages


def to_place(m: Mention, gaz: Gazetteer, text: str, article_id: str | None, precision: int | None = None) -> Place:
    """The Place record of a resolved mention, with its evidence span."""
    c = m.choice
    assert c is not None
    country = gaz.countries.get(c.country_code or "")
    return Place(
        name=c.name, mention=m.text, country=country.name if country else None, country_code=c.country_code,
        iso=country.iso_numeric if country else None,
        region=acled_region(c.country_code, country.continent if country else None),
        admin1=None if c.is_country else c.admin1, admin2=c.admin2,
        latitude=c.latitude, longitude=c.longitude, geo_precision=precision or m.precision,
        geonameid=c.geonameid, feature_class=c.feature_class, feature_code=c.feature_code,
        population=c.population or None,
        evidence=[] if m.in_title else [Evidence.from_text(text, m.start, m.span_end, field="place",
                                                            article_id=article_id)],
    )


NAMESAKE_SHARE = 10  # a namesake a tenth the size of the chosen place or larger makes the name doubtful
LONE_TOWN_POPULATION = 50_000  # a town this small, abroad of all the article says, may be a namesake of a village


def uncertain(m: Mention, mentions: list[Mention], evoked: frozenset[str] = frozenset()) -> bool:
    """Whether the mention's country rests on a doubtful read alone: no other name of the article lies in that
    country, and the mention is a near spelling, a word the parser did not take for a place and no preposition or
    type word marks as one ('a Toyota Hiace bus'), another place's other name while a namesake abroad has it as
    its own ('Salvador' read as San Salvador, not Brazil's Salvador), the article's only place name, one that
    sizeable towns of two countries share ('Tripoli'), or a small town in a country nothing else in the article
    evokes (`evoked`: by other words than the name), which is as often a village missing from the
    gazetteer ('Garuda', in Nepal, read as Italy's Garda)."""
    c = m.choice
    if c is None or c.is_country:
        return False
    own = name_key(m.text)
    if any(o.choice and o.choice.country_code == c.country_code and name_key(o.text) != own for o in mentions):
        return False
    if m.fuzzy or (m.ner not in NER_PLACE and not m.locative and not m.hint):
        return True
    if c.feature_class == "P" and (c.population or 0) < LONE_TOWN_POPULATION and c.country_code not in evoked:
        return True
    # another place's other name while a namesake abroad has it as its own; or, in an article naming no other
    # place, a name two countries' sizeable towns share ('Tripoli' of Libya or of Lebanon)
    alone = all(name_key(o.text) == own for o in mentions)
    return any(name_key(o.name) == own and o.country_code != c.country_code and (
        name_key(c.name) != own or (alone and (o.population or 0) * NAMESAKE_SHARE >= (c.population or 0)))
        for o in m.candidates)


def main_mention(mentions: list[Mention]) -> Mention | None:
    """The article's main place: the most often named, most specific one (first named on ties); else the town of
    the hospital the wounded were taken to, as near where it happened."""
    usable = [m for m in mentions if not m.aside] or [m for m in mentions if m.cared]
    if not usable:
        return None
    counts = Counter(m.choice.geonameid for m in usable if m.choice)
    return min(usable, key=lambda m: (m.level == 3, m.seat, -counts[m.choice.geonameid] if m.choice else 0, m.start))


def event_mention(event: Event, mentions: list[Mention], text: str) -> tuple[Mention | None, bool]:
    """The event's place mention, and whether it was named in the event's own sentences."""
    spans = [(s.start, s.end) for s in event.sentences] or (
        [(event.trigger.start, event.trigger.end)] if event.trigger else [])
    inside = [m for m in mentions if not m.aside and any(a <= m.start < b for a, b in spans)]
    if inside:
        # The first named, unless a later one lies inside it ('In Iraq ... in Diyala province'): a town named
        # later in another province is where someone was taken or spoke, not a closer look at the same place.
        # A country named without a preposition of place is often an actor ('a strike carried out by Turkey
        # killed two in Iraq's Sinjar district'), not where it happened.
        # Nor is the seat of a speaker ('authorities in Sanaa denied that their missile hit a camp near Marib').
        best = min(inside, key=lambda m: (m.seat, m.level == 3 and not m.locative, m.start))
        for m in sorted(inside, key=lambda m: (m.level, m.start)):
            if m.level < best.level and m.choice and best.choice and within(m.choice, best.choice):
                best = m
                break
        if best.level == 3 and best.choice:
            # a country named beside a town of another one is a party, not the place ('the militias of the Security
            # Belt, agents of the Emirates, at the entrance of Mudiyah')
            # (named as a place: 'accused Kyiv of terror' is the government)
            towns = [m for m in inside if m.level < 3 and not m.seat and m.locative and m.choice and
                     m.choice.country_code != best.choice.country_code]
            best = towns[0] if towns else best
        return best, True
    if not spans:
        return None, False
    # Nearest place named earlier in the same paragraph: the report's own setting for this sentence.
    first = min(a for a, _ in spans)
    paragraph_start = text.rfind("\n\n", 0, first)
    before = [m for m in mentions if paragraph_start <= m.start < first and not m.aside]
    if before:
        best = min(before, key=lambda m: (m.level, -m.start))
        # the second end of 'the Cochabamba-Oruro highway' is no nearer than the first: the first, as every report
        # of the road names it
        first_end = next((m for m in before if m.end == best.start - 1 and text[m.end] in "-–‑"), None)
        return first_end or best, False
    return None, False


@stages.register("places")
def make_places_stage(gazetteer: Gazetteer | None = None) -> Stage:
    """Factory: the gazetteer is opened once (built on first use) and shared by every call."""
    gaz = gazetteer or get_gazetteer()
    resolver = Resolver(gaz)

    def places(doc: Doc, extraction: Extraction) -> Extraction:
        text, article_id = doc.text, extraction.article.id
        mentions = resolver.mentions(doc, extraction.article.title, extraction.article.outlet)
        by_place: dict[int, Place] = {}
        for m in mentions:
            place = to_place(m, gaz, text, article_id)
            if place.geonameid in by_place:
                by_place[place.geonameid].evidence += place.evidence
            else:
                by_place[place.geonameid] = place
        extraction.places = list(by_place.values())
        main = main_mention(mentions)
        headline = resolver.fallback(extraction.article.title)
        main = main or headline
        for event in extraction.events:
            m, _named = event_mention(event, mentions, text)
            m = m or main
            if m is not None and headline is not None and headline.in_title and m.choice and headline.choice \
                    and headline.level < m.level and within(headline.choice, m.choice):
                m = headline  # 'gangs storm Mirebalais', text: 'the town in the Centre department'
            if m is not None:
                # A place taken from context keeps its precision: the report sets the event there.
                event.place = to_place(m, gaz, text, article_id)
                event.place.uncertain = uncertain(m, mentions, resolver.evoked_besides(m.text))
        return extraction

    return places
