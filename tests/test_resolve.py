"""Deduplication across articles: one incident, many reports -> one event with many sources; different incidents
stay apart; contradictions between reports are recorded, not hidden."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.models import Actor, Article, Claim, Event, Evidence, Extraction, Place
from eventledger.resolve.dedup import Match, Resolver
from eventledger.store import Store

MOGADISHU = dict(name="Mogadishu", country="Somalia", country_code="SO", admin1="Banaadir", latitude=2.0371,
                 longitude=45.3438, geo_precision=1, geonameid=53654, feature_class="P")


def report(text: str, *, label: str = "REM_EXPLOS", day: date = date(2025, 3, 14), deaths: int | None = 12,
           source: str = "Police", place: dict | None = None, actor1: str | None = None) -> Extraction:
    article = Article(text=text, published=day)
    span = Evidence.from_text(text, 0, len(text), field="sentence", article_id=article.id)
    claims = [Claim(id=f"{article.id[:8]}-f", source=source, field="fatalities", value=str(deaths), statement=text,
                    strength="said", article_id=article.id, evidence=[span])] if deaths is not None else []
    event = Event(label=label, event_type="Explosions/Remote violence" if label == "REM_EXPLOS" else "Protests",
                  confidence=0.8, event_date=day, time_precision=1, place=Place(**(place or MOGADISHU)),
                  fatalities=deaths, sentences=[span], claims=claims, sources=[source],
                  actor1=Actor(name=actor1, inter=2) if actor1 else None)
    return Extraction(article=article, events=[event])


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'dedup.db'}")
    yield s
    s.close()


def test_two_reports_of_one_bombing_become_one_event_with_both_sources(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people, "
                     "police said."))
    result = store.add(report("Twelve people died when a car bomb went off at the Hamarweyne market in "
                              "Mogadishu, a doctor said.", source="Medical sources"))
    assert len(result.merged) == 1 and not result.inserted
    (event,) = store.events()
    assert len(event.article_ids) == 2 and set(event.sources) == {"Police", "Medical sources"}
    assert "same place (Mogadishu)" in event.merge_log[0]
    assert store.event_articles(event.id) and len(store.event_articles(event.id)) == 2


def test_different_incidents_the_same_day_in_the_same_city_stay_apart(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people."))
    result = store.add(report("Hundreds of students marched peacefully to the parliament in Mogadishu on Friday "
                              "to demand exams be held.", label="PEACE_PROTEST", deaths=None))
    assert result.inserted and not result.merged
    assert store.count_events() == 2


def test_a_report_a_day_later_at_province_level_still_merges(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people."))
    banaadir = dict(name="Banaadir", country="Somalia", country_code="SO", admin1="Banaadir", latitude=2.07,
                    longitude=45.36, geo_precision=3, geonameid=64833, feature_class="A")
    result = store.add(report("A car bomb at Hamarweyne market in Banaadir region killed 12 people, officials said.",
                              day=date(2025, 3, 15), place=banaadir, source="Officials"))
    assert len(result.merged) == 1
    (event,) = store.events()
    assert event.place.name == "Mogadishu"  # the more precise place is kept


def test_far_apart_places_are_never_merged(store):
    store.add(report("A car bomb exploded at a market in Mogadishu on Friday, killing 12 people."))
    kismayo = dict(name="Kismayo", country="Somalia", country_code="SO", admin1="Lower Juba", latitude=-0.3582,
                   longitude=42.5454, geo_precision=1, geonameid=55671, feature_class="P")
    result = store.add(report("A car bomb exploded at a market in Kismayo on Friday, killing 12 people.",
                              place=kismayo))
    assert result.inserted and store.count_events() == 2


def test_different_tolls_are_a_recorded_contradiction_with_the_conservative_figure(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people, "
                     "police said.", deaths=12))
    store.add(report("A car bomb at Hamarweyne market in Mogadishu killed 20 people, hospital staff said.",
                     deaths=20, source="Medical sources"))
    (event,) = store.events()
    toll = next(c for c in event.contradictions if c.field == "fatalities")
    assert set(toll.values) == {"12", "20"} and toll.chosen == "12"
    assert event.fatalities == 12


def test_different_named_perpetrators_are_a_recorded_contradiction(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people; "
                     "the army blamed Al Shabaab.", actor1="Al Shabaab"))
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people; "
                     "a statement blamed the Islamic State.", actor1="Islamic State", source="Statement"))
    (event,) = store.events()
    perpetrators = next(c for c in event.contradictions if c.field == "actor1")
    assert set(perpetrators.values) == {"Al Shabaab", "Islamic State"}
    assert event.actor1.name == "Al Shabaab"


def test_blocking_is_a_date_window_and_a_country_with_its_neighbours_not_a_type():
    resolver = Resolver()
    event = report("x").events[0]
    block = resolver.block(event)
    assert block.start == date(2025, 3, 11) and block.end == date(2025, 3, 17)
    # Somalia and the countries it borders: a border incident is placed on either side by different reports
    assert block.country_code == "SO" and block.countries == {"SO", "ET", "KE", "DJ"}
    # protests, claims and arrests are scored against the attacks, not kept from them: reports of one incident
    # are typed differently; unrelated kinds only score no type match
    protest = report("x", label="PEACE_PROTEST").events[0]
    arrests = report("y", label="ARREST").events[0]
    arrests.event_type = "Strategic developments"
    assert resolver._type_score(protest, arrests) == 0.5
    assert resolver._type_score(event, protest) == 0.0


def test_a_report_placed_in_the_neighbouring_country_is_a_candidate(store):
    store.add(report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people."))
    nairobi = dict(name="Nairobi", country="Kenya", country_code="KE", admin1="Nairobi Area", latitude=-1.28,
                   longitude=36.82, geo_precision=1, geonameid=184745, feature_class="P")
    far = dict(name="Kabul", country="Afghanistan", country_code="AF", admin1="Kabul", latitude=34.53,
               longitude=69.17, geo_precision=1, geonameid=1138958, feature_class="P")
    with store.engine.connect() as conn:
        near = store._candidates(conn, store.resolver.block(report("x", place=nairobi).events[0]))
        away = store._candidates(conn, store.resolver.block(report("x", place=far).events[0]))
    assert len(near) == 1 and away == []


def test_same_city_same_day_different_sites_stay_apart(store):
    # one explosion at a hotel, mortar rounds near the airport: same city, same day, same type family
    store.add(report("A suicide car bomber struck the gate of a hotel on Lido beach in Mogadishu on Friday, "
                     "killing 12 people, police said.", label="REM_EXPLOS"))
    result = store.add(report("Mortar rounds landed near the airport in Mogadishu on Friday, wounding two "
                              "civilians, police said.", deaths=None, source="Witnesses"))
    assert result.inserted and not result.merged


def test_two_detailed_reports_with_nothing_specific_in_common_are_two_incidents():
    resolver = Resolver()
    journalist = report("Gunmen shot dead journalist Ruben Arellano outside his home on Monday, "
                        "the Sinaloa prosecutor's office said; he had worked for Noroeste for 15 years.",
                        deaths=1).events[0]
    officer = report("Gunmen shot dead municipal police officer Jesus Ochoa at a taco stand in the Tierra Blanca "
                     "district on Tuesday; he was 31.", deaths=1).events[0]
    officer.article_ids, journalist.article_ids = ["b"], ["a"]
    assert resolver._detail_score(journalist, officer) < 0
    total, reason = resolver.score(officer, journalist)
    assert total < resolver.threshold and "details -1.00" in reason


def test_nationality_words_are_not_specifics_and_a_longer_name_is_the_same_detail():
    resolver = Resolver()
    a = report("Russian Iskander missiles hit Kharkiv's Kyivskyi district, Ukraine's governor said.").events[0]
    b = report("An Iskander-M missile hit a building in Kharkiv, the Russian ministry said.").events[0]
    assert "russian" not in resolver._details(a) and "ukraine" not in resolver._details(a)
    a.place.admin2 = "Kyivskyi"
    assert "kyivskyi" not in resolver._details(a)  # the event's own district says where, not which incident
    assert resolver._detail_score(a, b) > 0
    # spellings that differ only by an apostrophe or an accent are the same detail
    c = report("Boko Haram attacked an army position near Ngouboua in Bédaya canton on Sunday night.").events[0]
    d = report("The army post near N'Gouboua in Bedaya canton was attacked on Sunday night, ISWAP said.").events[0]
    assert {"ngouboua", "bedaya"} <= resolver._details(c) & resolver._details(d)


@pytest.mark.parametrize("text, target", [
    ("Gangs attacked the town on Monday, killing seven, a hospital official said.", None),  # who told it
    ("The attackers stormed the prison on Monday, residents told our station.", "prison"),  # the outlet
    ("Gunmen burned the police station on Monday, residents said.", "station"),
    ("Two villagers were killed by shells on Tuesday, the provincial governor's office said.", None),
    ("A wounded officer succumbed to his injuries at SMHS Hospital on Tuesday.", None),  # where he was cared for
    ("Gunmen killed two traders at the market on Monday, witnesses and hospital staff said.", None),
    ("Five were killed on Saturday, a nurse at the Bawku Presbyterian Hospital said.", None),
    ("Two were shot and carried to the Presbyterian Hospital, where they were pronounced dead.", None),
    ("Gunmen stormed the district hospital on Monday and shot two nurses.", "hospital"),
    ("The 21 people killed on Monday were buried yesterday in a collective funeral.", None),  # the victims' funeral
    ("A suicide bomber blew himself up at a funeral in the village on Monday.", "funeral"),
])
def test_what_was_hit_is_not_who_told_it_nor_where_the_wounded_went(text, target):
    event = report(text, source="Police").events[0]
    event.sources = ["provincial governor's office"] if "governor" in text else ["residents"]
    sites = Resolver()._details(event) & {"hospital", "station", "prison", "office", "funeral"}
    assert sites == ({target} if target else set())


def test_a_source_named_for_a_border_force_keeps_the_border_as_what_was_hit():
    event = report("Border troops exchanged fire along the border on Tuesday, Tajikistan's border troops said.")
    event.events[0].sources = ["Tajikistan's border troops"]
    assert "border" in Resolver()._details(event.events[0])


def test_wording_is_compared_by_meaning_not_by_letters():
    resolver = Resolver()
    a = report("A car bomb exploded near a crowded vegetable market in Mosul, killing seven people.").events[0]
    b = report("An explosive-laden car blew up beside the market in Al-Mawsil, and nine civilians died.").events[0]
    c = report("Hundreds of students marched peacefully to parliament to demand exams be held.").events[0]
    assert resolver._text_score(a, b) > resolver._text_score(a, c) + 0.3


def test_a_town_and_its_province_are_one_place_two_near_towns_across_a_border_too():
    resolver = Resolver()
    town = report("x").events[0]
    province = report("x", place=dict(name="Banaadir", country="Somalia", country_code="SO", latitude=2.07,
                                      longitude=45.36, geo_precision=3, feature_class="A")).events[0]
    assert resolver._place_score(town, province)[0] == 0.8  # the province has no admin1 of its own here
    near = report("x", place=dict(name="Elasha", country="Somalia", country_code="SO", admin1="Lower Shabelle",
                                  latitude=2.10, longitude=45.25, geo_precision=1, geonameid=1,
                                  feature_class="P")).events[0]
    score, reason = resolver._place_score(town, near)
    assert score == 0.8 and "km apart" in reason


def test_two_towns_far_apart_are_not_one_place_said_vaguely():
    resolver = Resolver()
    nabatieh = dict(name="Nabatiye et Tahta", country="Lebanon", country_code="LB", admin1="An Nabatiyah",
                    latitude=33.378, longitude=35.484, geo_precision=1, geonameid=1, feature_class="P")
    bint_jbeil = dict(nabatieh, name="Bent Jbail", latitude=33.120, longitude=35.433, geo_precision=2, geonameid=2)
    a, b = report("x", place=nabatieh).events[0], report("y", place=bint_jbeil).events[0]
    score, reason = resolver._place_score(a, b)
    assert score == 0.5 and "same province" in reason  # 29 km apart: 'Bint Jbeil district' is not near Nabatieh


def test_in_a_big_city_the_same_day_is_not_enough_for_reports_typed_and_told_differently():
    resolver = Resolver()
    a = report("A grenade thrown at a nightclub wounded patrons late on Friday.", label="GRENADE",
               deaths=None).events[0]
    b = report("Rival gangs fought each other in the streets of the port district.", label="ARMED_CLASH",
               deaths=None).events[0]
    a.event_type, b.event_type = "Explosions/Remote violence", "Battles"
    small, _ = resolver.score(a, b)
    for event in (a, b):
        event.place.population = 2_500_000
    big, reason = resolver.score(a, b)
    assert big == pytest.approx(small - 0.1) and "same place" in reason
    # demonstrations are coded one per place and day: a big city does not split them
    a.label, a.event_type, b.label, b.event_type = "PEACE_PROTEST", "Protests", "PROTEST_WITH_INTER", "Protests"
    protest_small = resolver.score(a, b)[0]
    for event in (a, b):
        event.place.population = 50_000
    assert resolver.score(a, b)[0] == pytest.approx(protest_small)


def test_one_name_read_as_two_namesakes_is_still_the_place_both_reports_name():
    resolver = Resolver()
    chhattisgarh = dict(name="Bijapur", mention="Bijapur", country="India", country_code="IN", admin1="Chhattisgarh",
                        latitude=18.8, longitude=80.8, geo_precision=2, geonameid=1, feature_class="A")
    karnataka = chhattisgarh | dict(name="Vijayapura", admin1="Karnataka", latitude=16.8, longitude=75.7,
                                    geonameid=2)
    a, b = report("x", place=chhattisgarh).events[0], report("y", place=karnataka).events[0]
    score, reason = resolver._place_score(a, b)
    assert score == 0.8 and "namesakes" in reason
    b.place.mention = "Vijayapura"  # named differently: two places
    assert resolver._place_score(a, b)[0] < 0.5


def test_a_claim_of_responsibility_in_another_report_is_a_perpetrator_contradiction(store):
    first = report("A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people; police "
                   "blamed Al Shabaab.")
    first.events[0].claims.append(Claim(id="blame", source="Police", field="actor1", value="Al Shabaab",
                                        strength="said", article_id=first.article.id))
    store.add(first)
    second = report("Al Shabaab denied carrying out the car bomb attack at Hamarweyne market in Mogadishu.",
                    source="Al Shabaab")
    second.events[0].claims.append(Claim(id="deny", source="Al Shabaab", field="actor1", value="Al Shabaab",
                                         strength="denied", article_id=second.article.id))
    store.add(second)
    (event,) = store.events()
    perpetrators = next(c for c in event.contradictions if c.field == "actor1")
    assert perpetrators.values[0] == "Al Shabaab" and perpetrators.values[1].startswith("not Al Shabaab")
    assert any("merged a report" in line for line in event.merge_log)


def test_a_claim_of_responsibility_is_half_an_attack_and_protests_are_not_split_by_street_names():
    resolver = Resolver()
    claim_event = report("x", label="ATTRIB").events[0]
    claim_event.event_type = "Strategic developments"
    bombing = report("x", label="SUIC_BOMB").events[0]
    bombing.event_type = "Explosions/Remote violence"
    assert resolver._type_score(claim_event, bombing) == 0.5
    march = report("Police fired tear gas at protesters on Moi Avenue and outside the Hilton hotel in Nairobi.",
                   label="PEACE_PROTEST", deaths=None).events[0]
    other = report("Two protesters were shot near Tom Mboya Street and the Kencom bus station in Nairobi, the "
                   "Kenya Rights Coalition said on 10 June.", label="PEACE_PROTEST", deaths=None).events[0]
    # one demonstration per place and day (ACLED): different streets are not evidence of two events
    assert resolver._detail_score(march, other) >= 0


def test_among_matching_records_the_one_more_reports_went_to_wins():
    resolver = Resolver()
    text = "A car bomb exploded at Hamarweyne market in Mogadishu on Friday, killing 12 people, police said."
    incoming = report(text).events[0]
    incoming.article_ids = ["new"]
    lone, main = report(text).events[0], report(text).events[0]
    lone.id, lone.article_ids = "lone", ["a"]
    main.id, main.article_ids = "main", ["a", "b", "c"]
    assert resolver.match(incoming, [lone, main]).event_id == "main"


def test_a_more_precise_place_replaces_the_events_only_if_it_lies_inside_it():
    from eventledger.resolve.dedup import Match

    district = dict(name="Bijapur", country="India", country_code="IN", admin1="Chhattisgarh", admin2="Bijapur",
                    latitude=18.8, longitude=80.8, geo_precision=2, geonameid=1, feature_class="A",
                    feature_code="ADM2")
    inside = dict(district, name="Kutru", latitude=18.9, longitude=80.9, geo_precision=1, geonameid=2,
                  feature_class="P", feature_code="PPL")
    elsewhere = dict(district, name="Vijayapura", admin1="Karnataka", latitude=16.8, longitude=75.7,
                     geo_precision=1, geonameid=3, feature_class="P", feature_code="PPL")
    existing = report("A bomb hit a police vehicle in Bijapur district.", place=district).events[0]
    match = Match("x", 0.9, "test")
    refined = Resolver().merge(existing, report("The bomb went off near Kutru.", place=inside).events[0], match)
    assert refined.place.name == "Kutru"
    kept = Resolver().merge(existing, report("A bomb in Bijapur.", place=elsewhere).events[0], match)
    assert kept.place.name == "Bijapur"


def test_a_record_dated_to_the_day_is_not_stretched_by_a_vaguer_report():
    from eventledger.resolve.dedup import Match

    match = Match("x", 0.9, "test")
    ambush = report("Gunmen ambushed a patrol near Jableh on Saturday night.", day=date(2025, 3, 15)).events[0]
    # a report that runs Saturday's ambush and Monday's attack on a checkpoint together, as a span of days
    vague = report("Saturday's ambush and Monday's attack are under investigation.", day=date(2025, 3, 15)).events[0]
    vague.end_date, vague.time_precision = date(2025, 3, 17), 2
    merged = Resolver().merge(ambush, vague, match)
    assert (merged.event_date, merged.end_date, merged.time_precision) == (date(2025, 3, 15), None, 1)
    # the other way round, the precise report's day replaces the span
    assert Resolver().merge(vague, ambush, match).end_date is None
    # a span as precise as the record's date widens it
    fighting = ambush.model_copy(update={"end_date": date(2025, 3, 16)})
    assert Resolver().merge(ambush, fighting, match).end_date == date(2025, 3, 16)


def test_a_group_described_in_one_report_and_named_in_another_is_no_perpetrator_conflict():
    described = report("Maoist rebels blew up a police vehicle near Kutru on Saturday, killing eight.",
                       actor1="Rebel Group (India)").events[0]
    named = report("The Communist Party of India (Maoist) claimed Saturday's bomb attack on police.",
                   actor1="CPI (Maoist): Communist Party of India (Maoist)").events[0]
    score, conflict = Resolver._actor_score(described, named)
    assert not conflict and score > 0.8
    other = report("Gunmen of the Islamic State attacked police.", actor1="Islamic State").events[0]
    assert Resolver._actor_score(other, named)[1]  # two named groups: a conflict


def test_two_reports_naming_different_sites_are_two_incidents_whatever_else_they_share():
    airport = report("Mortar shells landed near the airport, injuring two workers at a car wash.").events[0]
    hotel = report("A suicide car bomb blew open the gate of a hotel.").events[0]
    assert Resolver()._detail_score(airport, hotel) == -1.0
    again = report("Fighters stormed the hotel after a car bomb exploded at its gate.").events[0]
    assert Resolver()._detail_score(hotel, again) > 0


def test_alike_reports_two_days_apart_with_little_in_common_are_two_incidents():
    first = report("Gunmen attacked a checkpoint outside the town, police said.", label="ATTACK",
                   day=date(2025, 3, 14), deaths=None).events[0]
    later = report("A police post came under fire overnight, a local official said.", label="ATTACK",
                   day=date(2025, 3, 16), deaths=None).events[0]
    resolver = Resolver()
    assert resolver.score(later, first)[0] < resolver.threshold
    next_day = later.model_copy(update={"event_date": date(2025, 3, 15)})
    assert resolver.score(next_day, first)[0] >= resolver.threshold  # a day apart: one incident, dated twice


def test_alike_reports_from_two_nearby_towns_two_days_apart_are_two_incidents():
    # an ambush near one town on Saturday and an attack on the next town's checkpoint on Monday, told alike
    jableh = dict(name="Jablah", country="Syria", country_code="SY", admin1="Latakia", latitude=35.3616,
                  longitude=35.9256, geo_precision=1, geonameid=170017, feature_class="P")
    qardaha = dict(jableh, name="Al Qardahah", latitude=35.4578, longitude=36.0593, geonameid=172408)
    text = "Gunmen attacked a General Security post, killing two members, the interior ministry said."
    first = report(text, label="ARMED_CLASH", day=date(2025, 7, 12), place=jableh).events[0]
    later = report(text, label="ARMED_CLASH", day=date(2025, 7, 14), place=qardaha).events[0]
    resolver = Resolver()
    total, reason = resolver.score(later, first)
    assert total == 0.0 and reason.endswith("km apart, and days apart")
    next_day = later.model_copy(update={"event_date": date(2025, 7, 13)})
    assert resolver.score(next_day, first)[0] >= resolver.threshold  # a day apart: the town beside it, dated twice
    same_town = later.model_copy(update={"place": first.place})
    assert resolver.features(same_town, first)[0] is not None  # one town two days apart: scored, not vetoed


def test_where_the_wounded_were_cared_for_is_no_specific_of_the_incident():
    # one report names the hospital, the other the group and its base: nothing in common, but the hospital's name
    # and 'in hospital' say where survivors went, not which bombing it was
    cared = report("A bomb killed nine people in the town; survivors were treated at the Albert Schweitzer "
                   "hospital in Deschapelles.").events[0]
    claimed = report("Police said fighters of the Gran Grif gang came from the Savien base and killed nine in the "
                     "town.").events[0]
    assert not {"albert", "schweitzer"} & Resolver._details(cared)
    assert Resolver()._detail_score(cared, claimed) > -1.0


def test_a_restaurant_and_a_hotel_may_be_one_eatery():
    # East African English calls an eatery a 'hotel': one report's restaurant is another's hotel
    restaurant = report("An attacker threw a grenade into a restaurant near the bus park, killing one.").events[0]
    hotel = report("A grenade was hurled into a hotel near the bus park, police said.").events[0]
    assert Resolver()._detail_score(restaurant, hotel) > 0
    market = report("A grenade was hurled into the market near the bus park, police said.").events[0]
    assert Resolver()._detail_score(restaurant, market) == -1.0


def test_different_figures_are_a_disagreement_not_two_incidents():
    resolver = Resolver()
    police = report("Police said 12 were killed, 30 wounded and 4 cars destroyed in the Friday blast at the "
                    "Hamarweyne junction.").events[0]
    doctors = report("Doctors counted 15 dead, 41 injured and 2 children missing after the explosion on Friday.",
                     deaths=15).events[0]
    # nothing in common but figures that differ: what the sources disagree on, not evidence of another incident
    assert resolver._detail_score(police, doctors) >= 0
    elsewhere = report("Police said 12 were killed and 30 wounded when gunmen stormed the Sahafi hotel and the "
                       "Lido beach restaurant on Friday.").events[0]
    assert resolver._detail_score(police, elsewhere) > 0  # the same figures are shared details


def test_a_military_target_claimed_against_a_village_named_is_one_strike_told_two_ways():
    resolver = Resolver()
    victims = report("A jet bombed a village, killing 21 people, among them children at a school.").events[0]
    army = report("Security forces conducted an air operation against a terrorist camp; a number of terrorists "
                  "were killed.").events[0]
    assert resolver._detail_score(victims, army) >= 0  # what the two sides say was hit: a dispute, not two strikes
    minibus = report("A drone hit a public minibus at a stop.").events[0]
    hospital = report("Two wounded women died in hospital after the strike on the village.").events[0]
    assert resolver._detail_score(minibus, hospital) == -1.0  # two civilian targets that differ: two strikes


def test_crowds_in_two_named_towns_are_two_protests_however_near():
    kathmandu = dict(name="Kathmandu", country="Nepal", country_code="NP", admin1="Bagmati Province",
                     latitude=27.7017, longitude=85.3206, geo_precision=1, geonameid=1283240, feature_class="P")
    patan = dict(name="Patan", country="Nepal", country_code="NP", admin1="Bagmati Province", latitude=27.6766,
                 longitude=85.3142, geo_precision=1, geonameid=1282931, feature_class="P")
    march = report("Students marched on parliament in Kathmandu.", label="PEACE_PROTEST", deaths=None,
                   place=kathmandu).events[0]
    riot = report("Demonstrators burned a party office in Patan.", label="PEACE_PROTEST", deaths=None,
                  place=patan).events[0]
    features, reason = Resolver().features(march, riot)
    assert reason.endswith("km apart") and features["place"] == 0.0  # 3 km apart, but two ACLED locations
    again = report("Police said students had marched on parliament in Kathmandu.", label="PEACE_PROTEST",
                   deaths=None, place=kathmandu).events[0]
    assert Resolver().features(march, again)[0]["place"] == 1.0


def test_a_march_and_a_riot_told_of_one_demonstration_are_types_of_one_event():
    march = report("Tens of thousands marched to Syntagma Square.", label="PEACE_PROTEST", deaths=None).events[0]
    riot = report("Hooded youths hurled petrol bombs at riot police.", label="VIOL_DEMONSTR", deaths=None).events[0]
    riot.event_type = "Riots"
    assert Resolver._type_score(march, riot) == 0.75  # a protest that turned violent
    attack = report("Gunmen attacked a bus.", label="ATTACK", deaths=None).events[0]
    attack.event_type = "Violence against civilians"
    assert Resolver._type_score(march, attack) == 0.0
    # what a crowd burned is told as property destruction, and half matches the riot
    burned = report("Rioters torched the governor's office.", label="PROPERTY_DISTRUCT", deaths=None).events[0]
    burned.event_type = "Strategic developments"
    assert Resolver._type_score(burned, riot) == 0.5


def test_an_arrest_and_an_abduction_may_be_one_man_taken_away():
    taken = report("Armed men in plain clothes took the activist from his home.", label="ABDUCT_DISSAP",
                   deaths=None).events[0]
    taken.event_type = "Violence against civilians"
    arrest = report("Police said the activist had been arrested.", label="ARREST", deaths=None).events[0]
    arrest.event_type = "Strategic developments"
    assert Resolver._type_score(taken, arrest) == 0.5


def test_where_the_wounded_were_taken_is_not_what_was_hit():
    resolver = Resolver()
    block = report("A missile struck a nine-storey apartment building, killing three people.").events[0]
    toll = report("The toll rose to seven after two wounded women died in hospital.").events[0]
    assert resolver._detail_score(block, toll) >= 0  # a hospital named as where they died is no other site
    market = report("Shells struck a market in the camp on Monday, killing 14 people.").events[0]
    received = report("Our team at the Saudi hospital received 11 dead after shells landed in the camp on "
                      "Monday.").events[0]
    assert resolver._detail_score(market, received) >= 0  # ... or as where the dead and wounded were received
    bus = report("A drone struck a municipal bus this morning, killing the driver.").events[0]
    assert resolver._detail_score(block, bus) == -1.0  # a bus and an apartment block: two strikes


def test_an_ambushed_minibus_and_a_patrol_that_exchanged_fire_are_two_incidents():
    minibus = report("Gunmen opened fire on a commercial minibus on the Bawku road, police said.",
                     label="ARMED_CLASH").events[0]
    patrol = report("Soldiers on patrol exchanged fire with gunmen at Missiga on Sunday, the army said.",
                    label="ARMED_CLASH").events[0]
    minibus.event_type = patrol.event_type = "Battles"
    assert Resolver()._detail_score(minibus, patrol) == -1.0  # only a strike from afar is disputed so


def test_two_towns_of_their_own_are_two_places_however_near():
    kostiantynivka = dict(name="Kostyantynivka", country="Ukraine", country_code="UA", admin1="Donetska oblast",
                          latitude=48.5277, longitude=37.7069, geo_precision=1, geonameid=704147, feature_class="P",
                          population=67350)
    druzhkivka = dict(name="Druzhkivka", country="Ukraine", country_code="UA", admin1="Donetska oblast",
                      latitude=48.6304, longitude=37.5562, geo_precision=1, geonameid=709161, feature_class="P",
                      population=53977)
    a = report("A guided bomb hit Kostiantynivka.", place=kostiantynivka).events[0]
    b = report("A drone hit Druzhkivka.", place=druzhkivka).events[0]
    score, reason = Resolver()._place_score(a, b)
    assert score == 0.5 and reason.startswith("two towns")
    village = dict(druzhkivka, name="Oleksandro-Kalynove", geonameid=1, population=1500)
    assert Resolver()._place_score(a, report("A drone hit the village.", place=village).events[0])[0] == 0.8


def test_a_place_near_one_town_and_another_town_far_away_are_not_one_district():
    djibo = dict(name="Djibo", country="Burkina Faso", country_code="BF", admin1="Sahel", admin2="Soum",
                 latitude=14.1022, longitude=-1.6306, geo_precision=2, geonameid=2360886, feature_class="P")
    arbinda = dict(name="Aribinda", country="Burkina Faso", country_code="BF", admin1="Sahel", admin2="Soum",
                   latitude=14.2297, longitude=-0.8636, geo_precision=1, geonameid=2362344, feature_class="P")
    near = report("Jihadists ambushed a convoy near Djibo.", place=djibo).events[0]
    town = report("Armed men attacked a post in Arbinda.", place=arbinda).events[0]
    score, reason = Resolver()._place_score(near, town)
    assert score == 0.0 and reason.endswith("km apart")  # 83 km: the same district (Soum) says nothing more


def test_two_villages_named_and_not_the_same_are_two_incidents():
    resolver = Resolver()
    ruwi = report("Residents of Ruwi community in Bokkos LGA buried 27 people killed when armed men invaded the "
                  "community late Sunday night.", label="ATTACK").events[0]
    mushu = report("Gunmen last night attacked Mushu village in Bokkos LGA, killing five people.",
                   label="ATTACK").events[0]
    again = report("The toll of the attack on the village of Ruwi rose to 30.", label="ATTACK").events[0]
    for event in (ruwi, mushu, again):
        event.event_type = "Violence against civilians"
    assert resolver._detail_score(ruwi, mushu) == -1.0
    assert resolver._detail_score(ruwi, again) >= 0
    # a people is no village: 'the Teke community' and 'the Yaka community' may be the two sides of one clash
    teke = report("Militiamen attacked farm camps of the Teke community near Mongata.", label="ATTACK").events[0]
    yaka = report("Residents said the Yaka community was attacked near Mongata.", label="ATTACK").events[0]
    teke.event_type = yaka.event_type = "Violence against civilians"
    assert resolver._detail_score(teke, yaka) >= 0
    # localities named as parts of a municipality ('a rural corregimiento of Jamundí', 'the Villacolombia area of')
    potrerito = report("A motorcycle bomb exploded outside the police station in Potrerito, a rural corregimiento of "
                       "Jamundí, killing two officers.").events[0]
    villacolombia = report("Soldiers found a motorcycle bomb near a school in the Villacolombia area of Jamundí.",
                           deaths=None).events[0]
    assert resolver._detail_score(potrerito, villacolombia) == -1.0


def test_a_village_the_other_report_names_too_is_no_other_village():
    resolver = Resolver()
    kinama = report("A grenade thrown into a bar in Kinama killed one man on Saturday night.",
                    label="GRENADE").events[0]
    road = report("Three people died when a grenade hit a bar on the road from Kamenge village to Kinama on Saturday.",
                  label="GRENADE").events[0]
    kinama.event_type = road.event_type = "Explosions/Remote violence"
    assert resolver._detail_score(kinama, road) > 0


def test_a_vehicle_is_any_vehicle_and_where_the_arrested_are_held_is_not_what_was_hit():
    resolver = Resolver()
    truck = report("Armed men stopped a passenger truck on the road to Koui and took eleven passengers into the bush.",
                   label="ABDUCT_DISSAP").events[0]
    vehicle = report("Road bandits stopped a passenger vehicle on the axis and took eleven of them hostage.",
                     label="ABDUCT_DISSAP").events[0]
    truck.event_type = vehicle.event_type = "Violence against civilians"
    assert resolver._detail_score(truck, vehicle) > 0
    market = report("Police fired tear gas at vendors protesting outside the market on Thursday.",
                    label="PROTEST_WITH_INTER").events[0]
    held = report("Fourteen of the vendors arrested on Thursday remain in custody at the Remand Prison, lawyers said.",
                  label="ARREST").events[0]
    held.event_type = "Strategic developments"
    assert resolver._detail_score(market, held) >= 0
    bus = report("Gunmen shot dead a driver on a bus at the market on Thursday.", label="ATTACK").events[0]
    jail = report("Gunmen stormed the prison on Thursday and freed forty inmates.", label="ATTACK").events[0]
    bus.event_type = jail.event_type = "Violence against civilians"
    assert resolver._detail_score(bus, jail) == -1.0  # a prison stormed is what was hit


def test_the_army_post_attacked_is_a_camp_to_one_report_and_a_base_to_another():
    resolver = Resolver()
    camp = report("Gunmen attacked the army post at dawn, with explosions and smoke rising from the camp.",
                  label="ARMED_CLASH").events[0]
    base = report("The soldiers of the caliphate stormed a base of the army at dawn.", label="ARMED_CLASH").events[0]
    camp.event_type = base.event_type = "Battles"
    assert resolver._detail_score(camp, base) >= 0
    displaced = report("Gunmen shot dead four people in a camp for displaced families.", label="ATTACK").events[0]
    barracks = report("Gunmen attacked a police base and killed four officers.", label="ATTACK").events[0]
    displaced.event_type = barracks.event_type = "Violence against civilians"
    assert resolver._detail_score(displaced, barracks) == -1.0


def test_a_doubtful_country_is_a_candidate_everywhere_and_merges_across_the_border_only_on_much_in_common(store):
    bawku = dict(name="Bawku", country="Ghana", country_code="GH", admin1="Upper East", latitude=11.06,
                 longitude=-0.24, geo_precision=1, geonameid=2303611, feature_class="P", population=76459)
    # 'a Toyota Hiace bus' read as Japan's Toyota, the article's only place: its country is doubtful
    toyota = dict(name="Toyota", country="Japan", country_code="JP", admin1="Aichi", latitude=35.08,
                  longitude=137.15, geo_precision=1, geonameid=1850147, feature_class="P", population=426162,
                  uncertain=True)
    store.add(report("Gunmen attacked a commercial bus on the Bawku-Pusiga road near Sabzundi on Tuesday evening, "
                     "killing four passengers and wounding three, police said.", label="ATTACK", deaths=4,
                     place=bawku))
    with store.engine.connect() as conn:
        sure_elsewhere = store._candidates(conn, store.resolver.block(report("x", place=MOGADISHU).events[0]))
        doubtful = store._candidates(conn, store.resolver.block(report("x", place=toyota).events[0]))
    assert sure_elsewhere == [] and len(doubtful) == 1
    result = store.add(report("Armed men attacked a Toyota Hiace commercial bus on the Bawku-Pusiga road near "
                              "Sabzundi on Tuesday evening, killing four passengers, police said.", label="ATTACK",
                              deaths=4, place=toyota))
    assert result.merged and "doubtful" in result.merged[0][1]
    # a doubtful place and a report abroad with nothing specific in common and told differently: not one place
    a = report("Gunmen attacked a bus, killing four passengers.", label="ATTACK", deaths=4, place=toyota).events[0]
    b = report("A mortar round hit a market stall in Hodan district.", label="ATTACK", deaths=4).events[0]
    features, reason = Resolver().features(a, b)
    assert features["place"] == 0.0 and "doubtful" in reason


def test_the_names_of_who_told_it_do_not_make_two_reports_about_different_incidents():
    resolver = Resolver()
    one = report("Police spokesman Garry Desrosiers told Radio Caraibes that gangs attacked the commissariat at dawn.",
                 source="Police spokesman Garry Desrosiers").events[0]
    other = report("Mayor Wilner Joseph told Radyo Plato that gangs attacked the commissariat at dawn.",
                   source="Mayor Wilner Joseph").events[0]
    assert resolver._detail_score(one, other) >= 0  # each outlet quotes its own officials
    same = report("Police spokesman Garry Desrosiers said gangs attacked the commissariat at dawn.",
                  source="Police spokesman Garry Desrosiers").events[0]
    assert resolver._detail_score(one, same) > 0  # ... and the same official quoted twice is a detail in common


def test_two_towns_far_apart_in_one_province_count_against_a_match_unless_one_is_a_doubtful_read():
    rask = dict(name="Rasak", country="Iran", country_code="IR", admin1="Sistan va Baluchestan", latitude=26.23682,
                longitude=61.39901, geo_precision=1, geonameid=1159836, feature_class="P")
    jaleq = dict(name="Jalq", country="Iran", country_code="IR", admin1="Sistan va Baluchestan", latitude=27.60287,
                 longitude=62.71023, geo_precision=2, geonameid=1160907, feature_class="P")  # 'near Jaleq', 200 km
    attack = report("Gunmen attacked a police station in Rask late on Friday, killing three police officers.",
                    label="ARMED_CLASH", place=rask, deaths=3).events[0]
    carriers = report("Three fuel carriers were killed on Friday night when border guards fired on their trucks "
                      "near Jaleq.", label="ARMED_CLASH", place=jaleq, deaths=3).events[0]
    attack.article_ids, carriers.article_ids = ["a"], ["b"]
    resolver = Resolver()
    total, reason = resolver.score(carriers, attack)
    assert total < resolver.threshold and "200 km apart" in reason
    carriers.place.uncertain = True  # read from a dateline, say: the distance says little
    assert resolver.score(carriers, attack)[0] > total


def test_a_report_that_sets_its_clash_a_day_after_an_ambush_is_not_that_ambush():
    ambush = report("Gunmen ambushed a vehicle carrying mine workers in Longchaeng on Monday, killing four.",
                    label="ATTACK", day=date(2026, 2, 16), deaths=4).events[0]
    clash = report("Soldiers clashed with armed men in Longchaeng on Tuesday, a day after an ambush on mine "
                   "workers.", label="ARMED_CLASH", day=date(2026, 2, 17), deaths=3).events[0]
    for event, kind in ((ambush, "Violence against civilians"), (clash, "Battles")):
        event.event_type = kind
    ambush.article_ids, clash.article_ids = ["a"], ["b"]
    resolver = Resolver()
    assert resolver.score(clash, ambush)[0] > 0  # alike enough to be scored
    clash.tags.append("after-other-incident")  # as the mentions stage tags it
    assert resolver.score(clash, ambush) == (0.0, "one report sets its incident a time after an earlier one")


def test_a_target_word_inside_a_name_is_no_target_and_the_other_reports_actors_are_no_specifics():
    resolver = Resolver()
    shelled = report("Shells fired by the army hit the market of the town, killing four, medics said.",
                     label="ART_MISS_ATTACK").events[0]
    denied = report("The army in Port Sudan said it had shelled positions of the Rapid Support Forces Islamists.",
                    label="ART_MISS_ATTACK", actor1="Military Forces of Sudan").events[0]
    shelled.actor1 = Actor(name="RSF: Rapid Support Forces", inter=2)
    shelled.event_type = denied.event_type = "Explosions/Remote violence"
    assert resolver._detail_score(shelled, denied) >= 0  # 'Port Sudan' is no port; 'Rapid Support' names a side
    assert "bank" not in resolver._details(report("Settlers attacked a village in the West Bank.").events[0])


def test_a_bomb_found_hours_after_another_went_off_is_not_that_one():
    blast = report("A car bomb exploded at the Kabara checkpoint this morning.", day=date(2026, 4, 21),
                   deaths=None).events[0]
    found = report("Soldiers discovered a second car packed with explosives near the checkpoint, two hours after the "
                   "explosion at Kabara.", label="DISR_WEAP", day=date(2026, 4, 21), deaths=None).events[0]
    found.event_type = "Strategic developments"
    blast.article_ids, found.article_ids = ["a"], ["b"]
    found.tags.append("after-other-incident")
    assert Resolver().score(found, blast) == (0.0, "one report sets its incident a time after an earlier one")


def test_a_toll_of_none_against_a_death_is_disputed_not_different(store):
    resolver = Resolver()
    denied = report("Police said nobody was killed when they dispersed a demonstration in Mogadishu on Friday.",
                    label="PROTEST_WITH_INTER", deaths=0).events[0]
    one = report("The party says one of its supporters was shot dead when police broke up Friday's demonstration "
                 "in Mogadishu.", label="PROTEST_WITH_INTER", deaths=1).events[0]
    other = report("Four people died when police broke up a demonstration in Mogadishu on Friday.",
                   label="PROTEST_WITH_INTER", deaths=4).events[0]
    assert resolver._fatality_score(denied, one) == resolver._fatality_score(denied, Event()) == 0.5
    assert resolver._fatality_score(one, other) == 0.25  # two figures of dead: the nearer, the more alike


def test_a_clash_and_an_attack_told_of_one_shooting_are_half_a_type_match():
    # who was armed decides it, and the police ('gunmen killed in an exchange of fire') and residents ('civilians
    # shot') disagree on that; an air strike stays a different kind of violence
    clash = report("Police said four gunmen were killed in an exchange of fire.", label="ARMED_CLASH").events[0]
    clash.event_type = "Battles"
    attack = report("Residents said the police shot six people, among them a moto-taxi driver.",
                    label="ATTACK").events[0]
    attack.event_type = "Violence against civilians"
    strike = report("A drone strike hit a car.", label="AIR_STRIKE").events[0]
    assert Resolver._type_score(clash, attack) == Resolver._type_score(attack, clash) == 0.5
    assert Resolver._type_score(strike, attack) < 0.5


def test_two_places_the_gazetteer_lacks_named_as_where_it_happened_are_two_incidents():
    resolver = Resolver()
    raid = report("Insurgents attacked the village of Mucojo early yesterday, killing five residents and burning huts.",
                  label="ATTACK").events[0]
    clash = report("Troops clashed with insurgents near Quiterajo this morning, residents said.",
                   label="ARMED_CLASH").events[0]
    again = report("The toll of the raid in Mucojo rose to eight, the district administrator said.",
                   label="ATTACK").events[0]
    raid.event_type = again.event_type = "Violence against civilians"
    clash.event_type = "Battles"
    assert resolver._detail_score(raid, clash) == -1.0
    assert resolver._detail_score(raid, again) >= 0
    # a prison or a camp named after its place is a facility, not where it happened
    held = report("The six men are being held at Ofer military prison, their lawyer said.", label="ARREST").events[0]
    raided = report("Soldiers detained six men in a night raid on Mughayyir, residents said.",
                    label="ARREST").events[0]
    held.event_type = raided.event_type = "Strategic developments"
    assert resolver._detail_score(held, raided) >= 0


def test_a_market_of_a_place_the_gazetteer_lacks_names_that_place():
    resolver = Resolver()
    market = report("Armed men on motorbikes attacked the weekly market of Kokorou this afternoon, killing 14 "
                    "civilians.", label="ATTACK").events[0]
    village = report("Armed men on motorbikes abducted eleven men in Diagourou late last night.",
                     label="ABDUCT_DISSAP").events[0]
    market.event_type = village.event_type = "Violence against civilians"
    assert resolver._detail_score(market, village) == -1.0


def test_two_reports_of_one_day_set_hours_apart_score_the_date_lower():
    morning = report("Doctors marched to the health ministry in the morning.", label="PEACE_PROTEST",
                     deaths=None).events[0]
    evening = report("Youths threw stones at police on the avenue at 7 p.m.", label="PEACE_PROTEST",
                     deaths=None).events[0]
    again = report("The doctors' march reached the ministry at 10 a.m.", label="PEACE_PROTEST",
                   deaths=None).events[0]
    untimed = report("Doctors marched to the health ministry.", label="PEACE_PROTEST", deaths=None).events[0]
    resolver = Resolver()
    assert resolver._date_score(morning, evening) == 0.4  # as low as two days apart
    assert resolver._date_score(morning, again) == 1.0  # an hour apart: the same time of day
    assert resolver._date_score(evening, untimed) == 1.0  # one report gives no time: nothing to compare


def test_a_gangs_killing_told_as_crime_is_half_an_attack():
    crime = report("A criminal gang shot eleven miners in a tunnel.", label="ORG_CRIME").events[0]
    attack = report("Armed men killed eleven miners in a tunnel.", label="ATTACK").events[0]
    attack.event_type = "Violence against civilians"
    crime.event_type = None
    assert Resolver._type_score(crime, attack) == 0.5


def test_a_claim_of_an_incident_does_not_retype_the_record_of_it():
    march = report("Several hundred supporters marched on a clinic in Diepsloot.", label="PEACE_PROTEST",
                   deaths=None).events[0]
    march.confidence = 0.2
    claim = report("Our members marched peacefully and delivered our memorandum, the group said.", label="ATTRIB",
                   deaths=None).events[0]
    claim.confidence = 0.9
    merged = Resolver().merge(march, claim, Match("x", 0.7, "test"))
    assert merged.label == "PEACE_PROTEST"
    attack = report("Gunmen attacked the market.", label="ATTACK", deaths=None).events[0]
    attack.confidence = 0.9
    assert Resolver().merge(march, attack, Match("x", 0.7, "test")).label == "ATTACK"  # a surer type still wins
