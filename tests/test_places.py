"""Stage "places" on hand-built extractions: which place an event gets, and how precisely."""

from __future__ import annotations

import pytest

from eventledger.geo.stage import make_places_stage
from eventledger.models import Article, Event, Evidence, Extraction
from eventledger.nlp import get_nlp


@pytest.fixture(scope="module")
def run():
    stage = make_places_stage()
    nlp = get_nlp()

    def run(text: str, *event_sentences: str) -> Extraction:
        """Parse `text`, make one event per given sentence, run the stage."""
        doc = nlp(text)
        events = []
        for sentence in event_sentences:
            start = text.index(sentence)
            events.append(Event(sentences=[Evidence.from_text(text, start, start + len(sentence))]))
        return stage(doc, Extraction(article=Article(text=text), events=events))

    return run


def test_city_named_in_the_event_sentence(run) -> None:
    text = "Gunmen attacked a checkpoint in the city of Hasaka on Thursday, killing three guards."
    place = run(text, text).events[0].place
    assert (place.name, place.country_code, place.admin1, place.geo_precision) == (
        "Al Hasakah", "SY", "Al Hasakah", 1)
    assert place.iso == 760 and place.region == "Middle East"
    assert text[place.evidence[0].start:place.evidence[0].end] == "Hasaka"


def test_province_gets_the_admin1_unit_with_precision_3(run) -> None:
    text = ("In Iraq, militants are still active. Eleven soldiers were killed in an attack in Diyala province "
            "on Friday night.")
    place = run(text, "Eleven soldiers were killed in an attack in Diyala province on Friday night.").events[0].place
    assert (place.name, place.country_code, place.feature_code, place.geo_precision) == ("Diyala", "IQ", "ADM1", 3)
    assert place.evidence[0].text == "Diyala province"


def test_most_specific_place_wins_over_the_country(run) -> None:
    text = "In Nigeria, gunmen killed 12 villagers near Maiduguri, the capital of Borno state."
    place = run(text, text).events[0].place
    assert place.name == "Maiduguri" and place.geo_precision == 2  # 'near' a town


def test_source_location_is_not_the_event_place(run) -> None:
    text = "The London-based monitor said 14 fighters died in clashes in Idlib."
    place = run(text, text).events[0].place
    assert place.name == "Idlib" and place.country_code == "SY"


def test_country_context_disambiguates_shared_names(run) -> None:
    text = "Lebanese troops clashed with gunmen in Tripoli on Sunday, the army said."
    assert run(text, text).events[0].place.country_code == "LB"
    text = "Libyan forces clashed with a rival militia in Tripoli on Sunday."
    assert run(text, text).events[0].place.country_code == "LY"


def test_event_without_a_place_takes_the_paragraph_setting(run) -> None:
    text = ("Fighting broke out in Mogadishu on Monday.\n\nLater, the army said two soldiers were wounded. "
            "Officials gave no other details.")
    extraction = run(text, "Officials gave no other details.", "Fighting broke out in Mogadishu on Monday.")
    assert extraction.events[0].place.name == "Mogadishu"  # the article's main place
    assert [p.name for p in extraction.places] == ["Mogadishu"]


def test_an_undated_sentence_after_a_road_between_two_towns_takes_its_first_end(run) -> None:
    text = ("The police restored free transit on the Cochabamba-Oruro highway at Parotani on Tuesday. Nineteen "
            "people were apprehended and handed to the prosecutor's office.")
    extraction = run(text, "Nineteen people were apprehended and handed to the prosecutor's office.")
    assert extraction.events[0].place.name == "Cochabamba"  # as every report of the road names it, not Oruro


def test_person_names_are_not_places(run) -> None:
    text = "Spokesman Farhad Sami said the agency Sana had reported the clashes in Hasaka, Syria."
    names = {p.name for p in run(text).places}
    assert names == {"Al Hasakah", "Syria"}


def test_article_without_places(run) -> None:
    text = "Talks resumed on Tuesday after a pause of two weeks."
    extraction = run(text, text)
    assert extraction.events[0].place is None and extraction.places == []


def test_province_spelling_variant_is_matched_among_admin1_units(run) -> None:
    text = "Two shepherds were killed by a landmine in Salahuddin province, police said."
    place = run(text, text).events[0].place
    assert (place.admin1, place.country_code, place.geo_precision) == ("Salah ad Din", "IQ", 3)


def test_town_mis_tagged_by_the_parser_is_found_after_a_preposition(run) -> None:
    text = "Soldiers burned houses in Sagaing town after a clash with resistance fighters."
    place = run(text, text).events[0].place
    assert (place.name, place.feature_class, place.geo_precision) == ("Sagaing", "P", 1)


def test_a_street_named_after_a_place_is_not_that_place():
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver
    from eventledger.nlp import get_nlp

    doc = get_nlp()("Police fired tear gas at protesters on Moi Avenue and Haile Selassie Avenue in Nairobi.")
    names = [m.choice.name for m in Resolver(get_gazetteer()).mentions(doc)]
    assert names == ["Nairobi"]


def test_the_headline_gives_country_context_and_institutions_are_not_places():
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver
    from eventledger.nlp import get_nlp

    resolver = Resolver(get_gazetteer())
    doc = get_nlp()("At least 11 people were killed in clashes in Souq al-Juma, the Emergency Medicine Centre said.")
    assert all(m.choice.country_code in (None, "LY") for m in resolver.mentions(doc, "Tripoli clashes kill 11"))
    region = get_nlp()("Gunmen killed four people in the Centre region of Burkina Faso.")
    assert ("Centre", "BF") in {(m.choice.name, m.choice.country_code) for m in resolver.mentions(region)}


@pytest.fixture(scope="module")
def pipeline():
    from eventledger.pipeline import Pipeline

    return Pipeline()


def main_place(pipeline, text: str, title: str | None = None):
    extraction = pipeline.extract_one(Article(text=text, title=title))
    assert extraction.events, text
    return max(extraction.events, key=lambda e: len(e.sentences)).place


def test_a_district_named_as_such_is_the_admin2_unit(pipeline) -> None:
    place = main_place(pipeline, "Gunmen killed four traders in Konduga local government area of Borno State on "
                                 "Monday, residents said.")
    assert (place.name, place.country_code, place.feature_code, place.geo_precision) == ("Konduga", "NG", "ADM2", 2)
    assert place.evidence[0].text == "Konduga local government area"


def test_a_village_missing_from_the_gazetteer_gives_way_to_the_town_it_is_in(pipeline) -> None:
    # 'San Miguel' alone would be read as a bigger namesake abroad; 'in Catubig town, Northern Samar' says where
    place = main_place(pipeline, "Rebels ambushed a patrol near the village of San Miguel in Catubig town, "
                                 "Northern Samar province, on Friday, the army said.")
    assert (place.name, place.country_code, place.admin2, place.geo_precision) == (
        "Catubig", "PH", "Northern Samar", 2)


def test_a_province_the_article_names_picks_the_namesake_in_it(pipeline) -> None:
    place = main_place(pipeline, "Police in Bihar said a mob killed two men in Aurangabad on Sunday after a "
                                 "dispute over land.")
    assert (place.name, place.admin1) == ("Aurangabad", "Bihar")


def test_a_place_named_beside_another_is_the_namesake_in_the_same_province(pipeline) -> None:
    # West Bengal's Bishnupur is five times larger; Imphal, named in the same report, is in Manipur
    place = main_place(pipeline, "Two farmers were killed by gunmen firing from the hills near Bishnupur on "
                                 "Saturday. Women's groups blocked the road to Imphal in protest.")
    assert (place.name, place.admin1) == ("Bishnupur", "Manipur")


def test_an_article_naming_no_place_takes_the_headline_place(pipeline) -> None:
    place = main_place(pipeline, "Three fighters were killed overnight in clashes between rival brigades near the "
                                 "port, a hospital official said.", title="Clashes in Misrata leave three dead")
    assert (place.name, place.country_code) == ("Misratah", "LY")
    assert place.mention == "Misrata" and place.evidence == []  # the headline is not part of the text


def test_the_capital_of_the_country_the_article_is_about(pipeline) -> None:
    place = main_place(pipeline, "Police fired tear gas and live bullets at opposition supporters in the capital "
                                 "on Monday, killing one man, witnesses said.",
                       title="Uganda: police break up opposition rally")
    assert (place.name, place.country_code) == ("Kampala", "UG")
    assert place.evidence[0].text == "the capital"


def test_a_headline_town_inside_the_province_the_text_names_is_more_precise(pipeline) -> None:
    place = main_place(pipeline, "Gang members attacked the town in the Centre department on Sunday, killing five "
                                 "people, residents said.", title="Haiti: gangs attack Hinche")
    assert (place.name, place.country_code, place.geo_precision) == ("Hinche", "HT", 1)


def test_a_compass_word_inside_a_longer_name_is_not_a_region() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    doc = get_nlp()("Fighters clashed with troops in the town of Finote Selam in West Gojjam zone on Tuesday.")
    names = [m.choice.name for m in Resolver(get_gazetteer()).mentions(doc)]
    assert "West" not in names


def _names(text: str, title: str | None = None) -> list[tuple[str, str]]:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    resolver = Resolver(get_gazetteer())
    return [(m.choice.name, m.choice.country_code) for m in resolver.mentions(get_nlp()(text), title)]


def test_a_land_or_water_word_of_an_unknown_feature_is_not_a_place() -> None:
    # 'Valley' and 'Lake' are towns and counties in the United States; here they are only part of a name
    assert _names("Eight men were killed in fighting between two clans in the Tsak Valley on Tuesday.") == []
    assert ("Lake County", "US") not in _names("Jihadists attacked an army post on the shores of Lake Chad.")


def test_a_common_word_of_the_article_is_not_a_place_in_a_title() -> None:
    text = ("The Enga Provincial Police Commander said police had recovered eight bodies after Tuesday's "
            "tribal fight.")
    assert ("Police", "PL") not in _names(text)


def test_a_place_name_inside_an_armed_groups_name_is_not_where_it_happened() -> None:
    assert ("Sahel", "BF") not in _names("The ministry blamed the Islamic State in the Sahel for the attack.")
    assert ("Mara", "TZ") not in _names("Prosecutors said the evidence points to a clique of the Mara Salvatrucha.")


def test_a_numbered_locality_is_not_the_namesake_of_its_word() -> None:
    assert ("Mile", "ET") not in _names("Gunmen burnt classrooms at the high school at Mile 4 Nkwen on Monday.")


def test_where_attackers_came_from_or_the_wounded_were_taken_is_not_the_event_place(run) -> None:
    text = ("Jihadists who had crossed from Mali attacked the army post at Bani Bangou on Thursday, killing ten "
            "soldiers. Two wounded soldiers were evacuated to Niamey.")
    place = run(text, text).events[0].place
    assert (place.name, place.country_code) == ("Bani Bangou", "NE")


def test_a_country_in_the_possessive_sets_the_context_and_only_its_own() -> None:
    # 'Sudan' is also a village in Indonesia: the country named must not make 'Abu' (an Indonesian airport code)
    # a place of the article, and 'Colombia's' names Colombia
    assert ("Atambua", "ID") not in _names("Shells hit the Abu Shouk camp on the edge of El Fasher, the capital of "
                                           "Sudan's North Darfur state, on Monday.")
    names = _names("Fighting broke out in San Miguel, a municipality in Colombia's Putumayo department on the "
                   "border with Ecuador, between the Comandos de la Frontera and a FARC dissident faction.")
    assert ("Colombia", "CO") in names and all(cc != "MX" for _, cc in names)


@pytest.mark.parametrize("text, place", [
    # the dateline is where the report was filed: the event is where the text says
    ("KYIV, Sept 3 (AFP) — A Russian drone hit a minibus in Odesa on Tuesday, killing four people.", ("Odesa", "UA")),
    # a text that names no place: the dateline's country, at country level
    ("BAMAKO — Gunmen killed 12 villagers on Sunday, the army said.", ("Mali", "ML")),
    # ... but not when the article is about another country
    ("NAIROBI, Kenya — Gunmen killed five soldiers in an ambush on Tuesday, Somali officials said.", None),
])
def test_a_wire_dateline_is_where_the_report_was_filed(pipeline, text, place) -> None:
    found = main_place(pipeline, text)
    assert (found and (found.name, found.country_code)) == place


def test_a_dateline_is_not_the_subject_of_the_first_sentence(pipeline) -> None:
    event = pipeline.extract_one(Article(text="MOGADISHU, Somalia (Reuters) - Al-Shabaab fighters stormed a hotel "
                                              "on Friday, killing at least nine people, police said.")).events[0]
    assert event.actor1.name == "Al Shabaab" and event.fatalities == 9


@pytest.mark.parametrize("title, place", [
    ("GUNMEN KILL 9 IN ZAMFARA VILLAGE RAID", ("Zamfara", "NG")),
    ("CLASHES IN MISRATA LEAVE THREE DEAD", ("Misratah", "LY")),
    ("DRONE STRIKE HITS MINIBUS, FOUR DEAD", None),  # 'Drone', 'Strike', 'Minibus' are no places
])
def test_an_all_caps_headline_is_read_for_its_places(pipeline, title, place) -> None:
    found = main_place(pipeline, "Gunmen killed three people on Monday in an attack, residents said.", title=title)
    assert (found and (found.name, found.country_code)) == place


def test_an_untagged_word_does_not_set_the_country_context_by_itself() -> None:
    # 'Tonka' is only in the gazetteer as an alternate name of Tonk, India: it must not make India a country
    # of the article, nor a place
    names = _names("GOUNDAM, Mali: About 300 households have left Niafunké for Tonka and Goundam since Thursday's "
                   "dawn attack on the town's gendarmerie post, the local aid group Association Espoir du Fleuve "
                   "said on Saturday.")
    assert ("Tonk", "IN") not in names and ("Mali", "ML") in names


def test_congo_alone_is_the_larger_congo_unless_the_article_says_otherwise() -> None:
    assert ("Democratic Republic of the Congo", "CD") in _names("The UN mission in Congo said 23 civilians were "
                                                               "killed on Saturday.")
    assert ("Republic of the Congo", "CG") in _names("Clashes broke out in Congo-Brazzaville on Monday.")


def test_a_small_foreign_namesake_is_not_taken_in_an_article_about_another_country() -> None:
    # no place of the article sets its country, but 'Somali' does: 'Dolo', a town in Ethiopia, Italy and the
    # Philippines, is none of them here
    assert _names("Somali troops clashed with militants in Dolo on Thursday, a Somali commander said.") == []


def test_a_continent_is_not_a_place_but_a_country_named_with_one_is() -> None:
    # 'Africa' is an old name of Mahdia, Tunisia: a monitor named after East Africa is not there
    assert _names("Attacks on troops in East Africa have grown this year, the tracker said.") == []
    assert ("South Africa", "ZA") in _names("Police in South Africa arrested 12 people after the riot.")


def test_the_road_to_a_city_is_not_the_city() -> None:
    assert ("Damascus", "SY") not in _names("Troops deployed on the Damascus road after the clashes in Sweida.")


def test_where_attackers_came_from_does_not_set_the_country_of_the_article() -> None:
    # 'Mali' must not make every place outside Mali a foreign namesake to reject
    assert ("Bani Bangou", "NE") in _names("Fighters who had crossed from Mali attacked the army post at "
                                          "Banibangou on Thursday, killing 25 soldiers.")


def test_a_headline_name_the_text_places_is_read_as_the_text_reads_it() -> None:
    # alone in the headline 'Maru' would be Turkmenistan's Mary (far larger); the text puts it in Nigeria
    names = _names("Bandits attacked Dansadau town in Maru LGA late on Tuesday, police said.",
                   "Police confirm 14 killed in Maru LGA attack")
    assert ("Dan Sadau", "NG") in names and all(code != "TM" for _, code in names)


def test_a_province_named_by_its_name_beats_a_foreign_town_only_also_called_so() -> None:
    # GeoNames gives Enga province the population of a small town; Germany's Enger is also written 'Enga'
    assert _names("Church leaders in Enga said 14 people were killed in the tribal fighting.") == [("Enga", "PG")]


def test_a_country_named_as_the_actor_is_not_where_it_happened(run) -> None:
    text = "A drone strike carried out by Turkey killed two fighters in Iraq's Sinjar district on Saturday."
    place = run(text, text).events[0].place
    assert (place.name, place.country_code) == ("Sinjar", "IQ")


def test_a_region_named_as_such_is_a_province_spelt_closely_not_a_hamlet_spelt_exactly() -> None:
    # GeoNames writes the Somali region 'Hiiraan'; an Iraqi hamlet is called 'Hiran'
    names = _names("Somali troops repelled an attack on their base in Moqokori, in the Hiran region, on Thursday.")
    assert ("Hiiraan", "SO") in names and ("Hiran", "IQ") not in names


def test_where_a_speaker_is_gives_way_to_where_it_happened(run) -> None:
    text = ("Authorities in Sanaa denied on Tuesday that their forces fired the missile that hit a camp near Marib "
            "on Sunday.")
    assert run(text, text).events[0].place.name == "Ma'rib"
    alone = "Police in Kaduna said gunmen killed five villagers on Sunday."  # the only place named: still it
    assert run(alone, alone).events[0].place.name == "Kaduna"


def test_the_target_of_an_attack_is_a_place_even_tagged_as_a_person(run) -> None:
    text = "At least 25 people were killed in the gang attack on Lascahobas on 14 October, a rights group said."
    assert run(text, text).events[0].place.name == "Lascahobas"


def test_a_district_known_only_in_another_province_is_a_district_of_the_articles_city() -> None:
    # the gazetteer knows Kyivskyi districts of Donetsk and Poltava only, not Odesa's
    names = _names("A missile struck a busy street in Odesa on Saturday. It hit near a shopping centre in the "
                   "city's Kyivskyi district.")
    assert ("Odesa", "UA") in names and all(name != "Kyivskyi" for name, _ in names)
    # a district town of the province the article is about is kept ('Chiure district' in Cabo Delgado)
    assert ("Chiure", "MZ") in _names("Two more bodies were found near Mazeze, the Chiure district administrator "
                                      "said. A delegation from the Diocese of Pemba visited the village.")


@pytest.mark.parametrize("text, wrong", [
    ("Mortar shells landed near Aden Adde international airport in Mogadishu on Friday.", ("Aden", "YE")),
    ("Fighting between the ELN and FARC dissidents went on in the veredas around Puerto Jordán.", ("Jordan", "JO")),
    ("The Ombudsman's Office (Defensoría del Pueblo) said 11 people had died.", ("Puebla", "MX")),
    ("Residents of the Nordeste de Amaralina complex in Salvador accused police of executing young men.",
     ("El Salvador", "SV")),
    ("The wounded were taken to the Civil Hospital; officials blamed Baloch armed groups.", ("Balkh", "AF")),
    ("Witnesses said the assailants belonged to the Kokorat San Ras gang.", ("Anshan", "CN")),
    ("Volunteers said the massacre committed by the Rapid Support militia killed 40.", ("Rapid City", "US")),
    ("Police shot dead two men in Lakes Pen, St Catherine, on Sunday.", ("George Town", "MY")),  # 'Pen', Penang
    ("Some protesters threw stones and the crowd scattered towards Old Town.", ("Las Vegas", "US")),  # 'Old Town'
])
def test_part_of_a_longer_name_or_a_near_spelling_out_of_context_is_not_a_place(text, wrong) -> None:
    assert wrong not in _names(text)


def test_where_travellers_were_heading_is_not_where_it_happened() -> None:
    found = _mentions_by_text("Gunmen ambushed a convoy near Parachinar. Several of the dead were women travelling "
                              "with their families to Peshawar for medical treatment.")
    assert found["Peshawar"].aside and not found["Parachinar"].aside


def _mentions_by_text(text: str) -> dict:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    return {m.text: m for m in Resolver(get_gazetteer()).mentions(get_nlp()(text))}


def test_a_river_named_after_a_place_is_not_that_place() -> None:
    assert ("Kabul", "AF") not in _names("Goshta lies on the Kabul river opposite Pakistan's Mohmand district.")


@pytest.mark.parametrize("text, places", [
    ("Bandits kidnapped 20 travellers on the Kaduna-Abuja highway on Friday.", [("Kaduna", "NG"), ("Abuja", "NG")]),
    ("Three people were killed in an exchange of fire along the Bishnupur-Churachandpur border.",
     [("Bishnupur", "IN"), ("Churachandpur", "IN")]),
    ("Gunmen ambushed a convoy on the Thall-Parachinar road on Monday.", [("Parachinar", "PK")]),
    ("The Franco-German border was closed on Monday.", []),  # a combining form, not a place
    ("Families fled the Kpendjal-Ouest prefecture overnight.", []),  # one name, not 'Ouest' (Haiti's department)
])
def test_the_places_a_hyphen_joins_before_road_or_border_are_its_ends(text, places) -> None:
    assert _names(text) == places


def test_a_road_between_two_towns_is_near_them() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    found = Resolver(get_gazetteer()).mentions(get_nlp()("Bandits attacked travellers on the Kaduna-Abuja highway."))
    assert [m.precision for m in found] == [2, 2]


def test_the_end_of_a_longer_name_in_a_sentence_case_headline_is_not_a_country() -> None:
    names = _names("ARAUCA - At least 11 people have died in fighting between the ELN and FARC dissidents, the "
                   "ombudsman said on Sunday.", title="Ombudsman: 11 dead, fighting goes on near Puerto Jordán")
    assert ("Arauca", "CO") in names and not any(code == "JO" for _, code in names)


def test_a_place_the_parser_ran_into_an_institutions_name_is_still_found() -> None:
    names = _names("Police used water cannon on pensioners marching outside the National Congress in Buenos Aires.")
    assert names == [("Buenos Aires", "AR")]  # and the Congress is no town of Arizona


def test_a_near_spelling_alone_evokes_no_country() -> None:
    # 'Bwaise' is a Kampala suburb the gazetteer lacks: China's Baise is a near spelling, and nothing says China
    assert _names("The party says a supporter was killed when security forces broke up a demonstration in Bwaise.") \
        == []


def test_a_name_the_text_once_types_is_that_unit_wherever_it_is_named() -> None:
    names = _names("Demonstrators set fire to the ruling party's office in Lalitpur on Wednesday. No one was "
                   "seriously injured, the Lalitpur district police office said.")
    assert names == [("Patan", "NP"), ("Lalitpur", "NP")]  # not Uttar Pradesh's Lalitpur, a larger namesake


def test_where_people_left_for_is_not_where_it_happened() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    found = Resolver(get_gazetteer()).mentions(get_nlp()(
        "A villager said he helped carry the bodies to a pick-up that left for the regional hospital in Ziguinchor. "
        "Several families have since left for Bignona town."))
    assert [(m.text, m.aside) for m in found] == [("Ziguinchor", True), ("Bignona", True)]


def test_a_headline_name_the_text_reads_in_its_own_country_sets_no_other_country() -> None:
    names = _names("Firefighters clearing debris from a burnt-out store in Chinatown found the body of a man. "
                   "Groups of young men kept breaking into shops in Kukum even as police said Honiara was calm.",
                   title="Body found in burnt Chinatown store as looting spreads to Kukum")
    assert {code for _, code in names} == {"SB"}  # not the largest Chinatown, in the United States


def test_the_one_place_of_a_name_is_not_dropped_for_a_country_named_as_where_a_drone_came_from() -> None:
    names = _names("An explosive drone struck a warehouse next to the port of Eilat at about 4 a.m. today. The army "
                   "said the drone had been launched by the Houthis in Yemen.")
    assert ("Eilat", "IL") in names


def test_a_place_name_that_begins_with_a_nationality_is_the_place() -> None:
    assert _names("Police are investigating the shooting that occurred along March Pen Road, Spanish Town, on "
                  "Saturday.") == [("Spanish Town", "JM")]


def test_words_not_read_as_places_evoke_no_country() -> None:
    # 'Tempi' (the rail disaster) is only another name of Tempe, Arizona, and 'Meridian' (a news agency) was tagged
    # as a nationality: neither may make Athens the one in Georgia
    names = _names("Hooded youths hurled petrol bombs at riot police in central Athens on Saturday evening after a "
                   "mass rally marking three years since the Tempi rail disaster, a Meridian reporter saw.")
    assert ("Athens", "GR") in names
    # nor after 'of the', which names no place here, nor with a near namesake ('Athens' is also in Georgia, US)
    names = _names("Twelve people arrested during Saturday night's rioting in central Athens were charged on Monday. "
                   "The violence broke out after a rally marking the third anniversary of the Tempi rail crash.")
    assert ("Athens", "GR") in names


def test_where_a_road_leads_is_not_where_it_happened_nor_the_articles_country() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    found = Resolver(get_gazetteer()).mentions(get_nlp()(
        "Four days after the attack on the fuel convoy near Diboli, the road to Senegal reopened on Thursday. In "
        "Kayes, the bodies of soldiers killed in Monday's ambush were buried on Wednesday."))
    places = {(m.choice.name, m.choice.country_code): m.aside for m in found}
    assert places == {("Senegal", "SN"): True, ("Kayes", "ML"): False}  # Kayes was dropped as a town abroad


@pytest.mark.parametrize("text, names", [
    ("Rockets hit Kirkuk Airport on Monday.", [("Kirkuk", "IQ")]),
    ("The marchers set off from Lilongwe Community Ground on Tuesday.", [("Lilongwe", "MW")]),
    ("Federal police and gendarmes used water cannon on the marchers.", []),  # a police force, not a facility
    ("The wounded were treated at the Makeni Government Hospital.", []),  # where the wounded went
])
def test_a_facility_named_after_its_town_is_in_that_town(text, names) -> None:
    assert _names(text) == names


def test_a_nationality_after_the_article_is_not_a_town() -> None:
    # GeoNames gives 'Thai' as another name of Malaysia's Alor Setar; 'The Thai' is no longer name than 'Thai'
    names = _names("The Thai army said two suspects were arrested in Bacho district, Narathiwat.")
    assert names and {code for _, code in names} == {"TH"}


def test_a_small_town_named_as_what_was_attacked_is_a_place() -> None:
    # the parser tags 'Mirebalais' as a product, and the town is small: the verb says it is a place
    names = _names("Heavily armed gang members have been attacking Mirebalais, in the Centre department, since "
                   "about 4 a.m. today.")
    assert ("Mirebalais", "HT") in names


def test_names_with_namesakes_abroad_agree_on_the_country_they_share() -> None:
    # neither 'Suwayda' (also in Yemen) nor 'Damascus' (also in the United States) names Syria alone; together
    # they do, and so 'al-Mazraa' is Syria's, not Israel's El Mazra'a
    names = _names("Heavy clashes broke out this afternoon in the village of al-Mazraa, in the western countryside "
                   "of Suwayda, after a series of kidnappings on the Damascus-Suwayda highway.")
    assert names and {code for _, code in names} == {"SY"}
    # and the Centre department beside Lascahobas is Haiti's, not Burkina Faso's larger Centre region
    assert ("Centre", "HT") in _names("Gangs overran the prison in the Centre department. Hundreds of residents "
                                      "fled towards Lascahobas on foot.")


def test_a_victims_home_town_is_not_where_it_happened() -> None:
    found = _mentions_by_text("A driver injured in Thursday's clash with police died on Friday night. Abdul Kuddus, "
                              "38, from Kurigram, had been beaten with batons.")
    assert found["Kurigram"].aside
    assert not _mentions_by_text("The attack happened 38 km from Kabul.")["Kabul"].aside


def test_where_a_victim_comes_from_is_named_aside() -> None:
    found = _mentions_by_text("Among the dead was a 17-year-old schoolboy from Bhaktapur who was shot in the head.")
    assert found["Bhaktapur"].aside


def test_a_small_untagged_town_is_a_place_where_its_residents_or_the_headline_name_it() -> None:
    text = ("Residents of Diapaga reached by telephone said the fighters who attacked the town on Wednesday did not "
            "leave until late in the afternoon.")
    assert ("Diapaga", "BF") in _names(text)
    text = "A teacher said Diapaga was calm on Thursday."
    assert _names(text) == []  # untagged, small, and nothing says it is a place
    assert ("Diapaga", "BF") in _names(text, "Diapaga: residents describe a day under the gunmen's control")
    # a small name with namesakes in several countries is not taken on the headline's word alone
    assert _names("Fighting resumed overnight on the edges of Al-Mazra'a.", "Clashes resume at Al-Mazra'a") == []


def test_a_nationality_in_the_headline_names_no_country_of_a_town_it_is_another_name_of() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    resolver = Resolver(get_gazetteer())
    resolver.mentions(get_nlp()("Three civilians died in Tuesday's artillery fire on Banteay Ampil district."),
                      "Defence ministry: three civilians dead, Thai shelling continues")
    assert "MY" not in resolver._context_seen  # 'Thai' is GeoNames' other name of Alor Setar


def test_a_province_named_as_what_is_outside_it_does_not_drop_a_town_of_another() -> None:
    # 'outside Papua' names no province of the article: Ilaga (in GeoNames' Central Papua) stays
    names = _names("The rebels claim the shooting of two men at a road project in Ilaga, Puncak, on Tuesday. They "
                   "call on civilians from outside Papua to leave Puncak.")
    assert ("Ilaga", "ID") in names


def test_only_the_other_name_of_a_hamlet_abroad_names_no_country() -> None:
    names = _names("Three soldiers lost their lives in the raid on the military camp at Djibidjone, in the Sindian "
                   "area north of the Casamance river, residents said. The bodies were taken to Ziguinchor.")
    assert ("Xindian", "TW") not in names  # GeoNames' Xindian, Taipei, is also called 'Sindian'


def test_a_capital_by_its_own_name_is_that_capital_and_a_near_spelling_alone_no_city() -> None:
    # GeoNames gives 'Dili' as another name of Delhi, a far larger city; Dili is Timor-Leste's capital
    assert _names("Student leaders said their blockade outside the National Parliament in Dili lasted until "
                  "9 p.m.") == [("Dili", "TL")]
    # 'Mecha' (a district of Ethiopia missing from the gazetteer) is no near spelling of Mecca, with nothing in the
    # article to say where it is
    assert ("Makkah", "SA") not in _names("A drone struck the market in Mecha on Tuesday, residents said.")


def test_a_country_resting_on_one_doubtful_word_is_marked_uncertain(pipeline) -> None:
    doubtful = main_place(pipeline, "Unknown armed men attacked a Toyota Hiace commercial bus on Tuesday evening, "
                                    "killing four passengers and wounding three.")
    assert doubtful is None or doubtful.uncertain  # the bus's make, with nothing else to say where
    sure = main_place(pipeline, "Unknown armed men attacked a commercial bus near Bawku in Ghana's Upper East "
                                "region on Tuesday evening, killing four passengers.")
    assert sure.country_code == "GH" and not sure.uncertain


def test_a_town_across_the_border_of_the_articles_country_is_that_town(pipeline) -> None:
    place = main_place(pipeline, "Ukraine's General Staff said yesterday that its drones had struck a Russian army "
                                 "fuel store on the northern edge of Shebekino. Shebekino lies opposite the Vovchansk "
                                 "area of Kharkiv region.")
    assert place.name == "Shebekino" and place.country_code == "RU"


def test_a_province_raiders_came_from_does_not_set_the_event_there(pipeline) -> None:
    place = main_place(pipeline, "Two gendarmes were killed on Saturday in a clash with cattle raiders west of "
                                 "Isoanala, in the district of Betroka, local officials said. The raiders are "
                                 "believed to have come from the neighbouring Ihorombe region.")
    assert place.name == "Betroka" and place.country_code == "MG"


def test_a_name_two_countries_towns_share_is_doubtful_in_an_article_naming_no_other_place(pipeline) -> None:
    alone = main_place(pipeline, "Protesters stormed the municipal building in Tripoli on Monday, and security "
                                 "forces fired tear gas, witnesses said.")
    assert alone.uncertain  # Libya's capital or Lebanon's second city: nothing says which
    named = main_place(pipeline, "Protesters stormed the municipal building in Tripoli on Monday, and security "
                                 "forces fired tear gas. Libya's interior ministry said calm had returned.")
    assert named.country_code == "LY" and not named.uncertain


def test_a_small_town_abroad_of_everything_else_the_article_says_is_doubtful(pipeline) -> None:
    # 'Garuda' is a Nepali town missing from the gazetteer; Italy's small Garda is only a namesake, and nothing else
    # in the article says Italy
    lone = main_place(pipeline, "A protester was killed when police opened fire on a crowd that stormed the police "
                                "office in Garuda on Sunday, witnesses said.")
    assert lone is None or lone.country_code == "NP" or lone.uncertain
    # the same town with its country named is no doubt
    named = main_place(pipeline, "A protester was killed when police opened fire on a crowd that stormed the town "
                                 "hall in Garda, northern Italy, on Sunday, witnesses said.")
    assert named.country_code == "IT" and not named.uncertain


def test_a_territory_is_a_second_level_unit() -> None:
    # the DR Congo's territories are districts: 'Beni territory' is not Bolivia's Beni department
    assert _names("Rebels killed nine people in a village in Beni territory on Tuesday.") == [("Beni", "CD")]


def test_a_prefix_joined_to_a_nationality_is_no_place() -> None:
    # 'Pan-American' names no road from the Philippine village of Pan-an
    assert _names("Riot police fired tear gas at protesters who had blocked the Pan-American Highway at the bridge "
                  "on Monday.") == []


def test_a_roundabout_named_after_a_place_is_not_that_place(pipeline) -> None:
    place = main_place(pipeline, "Protesters burned tyres at the Bir Basha roundabout this afternoon and threw stones "
                                 "at the local authority building, witnesses said.")
    assert place is None or place.country_code != "PS"  # not the West Bank hamlet of Bir al Basha


def test_an_institution_named_like_a_province_is_not_a_town(pipeline) -> None:
    place = main_place(pipeline, "Officers of the Federal Police, the Gendarmerie and the Naval Prefecture charged the "
                                 "pensioners outside Congress and detained at least twenty people this afternoon.")
    assert place is None or place.country_code != "PH"  # Argentina's coast guard, not the Philippine town of Naval


def test_a_street_named_the_spanish_way_is_not_the_town_it_is_named_after(pipeline) -> None:
    place = main_place(pipeline, "Clashes spread to Calle Comercio and Avenida Mariscal Santa Cruz, where shop windows "
                                 "were shattered and a police motorcycle was set on fire this afternoon.")
    assert place is None or place.name != "Santa Cruz de la Sierra"


def test_a_sector_named_with_an_article_is_not_the_country(pipeline) -> None:
    place = main_place(pipeline, "Six miners were killed early this morning when armed men burst into a mining camp in "
                                 "the El Perú sector, witnesses said.")
    assert place is None or place.country_code != "PE"


def test_an_institution_word_is_not_a_town_named_so(pipeline) -> None:
    place = main_place(pipeline, "The Dar es Salaam Special Police Zone has received a report of the disappearance of "
                                 "Mr Baraka Mollel, resident of Mbezi Beach, Kinondoni District, on Monday night.")
    assert place is None or place.country_code == "TZ"  # not Police, a county of Poland


def test_a_generic_phrase_that_is_only_another_name_of_a_town_is_not_that_town(pipeline) -> None:
    place = main_place(pipeline, "Police fired tear gas and used batons this morning to break up a march by hundreds "
                                 "of informal traders from Mbare Musika to Town House, where they wanted to deliver a "
                                 "petition.", title="Police fire tear gas at vendors marching from Mbare to Town House")
    assert place is None or place.country_code != "US"  # not Chilhowie, Virginia, also called Town House


def test_a_district_beside_a_town_of_its_namesake_is_that_namesake(pipeline) -> None:
    extraction = pipeline.extract_one(Article(
        text="Security forces killed five suspected Maoists in an encounter near Pidia village in Bijapur district "
             "this morning, a day after an IED blast on the Bhairamgarh-Mirtur road killed six jawans, police said."))
    assert extraction.events and all(e.place is None or e.place.admin1 == "Chhattisgarh" for e in extraction.events)


def test_names_agree_on_a_country_only_where_no_namesake_dwarfs_the_others(pipeline) -> None:
    # Paynesville is missing from the gazetteer; small American namesakes of both names must not make Monrovia one
    text = ("MONROVIA, June 10 (WAPW) - A motorcyclist shot during Monday's riot in Paynesville, on the outskirts of "
            "Monrovia, died of his wounds on Tuesday, his family said.")
    places = pipeline.extract_one(Article(text=text)).places
    assert {p.country_code for p in places if p.name == "Monrovia"} == {"LR"}


def test_a_generic_word_is_a_place_only_by_its_own_name(pipeline) -> None:
    place = main_place(pipeline, "Police fired tear gas at students marching towards Fort this afternoon.")
    assert place is None or place.name != "Augusta"


@pytest.mark.parametrize("text, name, country", [
    # 'Dar es Salaam' is one name
    ("Four men seized an opposition youth leader at the gate of his home in Dar es Salaam on Wednesday night, "
     "witnesses said.", "Dar es Salaam", "TZ"),
    # a unit the parser took for an organisation together with its type word
    ("Gunmen on motorcycles stormed a mosque in Yandoto, Tsafe Local Government Area, during the dawn prayer on "
     "Friday, killing two worshippers, residents said.", "Tsafe", "NG"),
    # a name that describes the next one is not the place ('the Red Sea resort of Eilat')
    ("A drone hit a hotel in the Israeli Red Sea resort of Eilat late on Wednesday, injuring nine people, the "
     "military said.", "Eilat", None),
    # ... also with a word before the kind of place ('port city')
    ("Jordan's air force shot down a drone over the Red Sea port city of Aqaba late on Wednesday, the army said.",
     "Aqaba", "JO"),
    # a part of a town named with the town's possessive lies in that town, not at a namesake abroad
    ("A drone struck the sixth floor of a hotel on Eilat's North Beach late last night, shattering windows, the "
     "fire service said.", "Eilat", "IL"),
])
def test_the_place_a_sentence_names(pipeline, text, name, country) -> None:
    place = main_place(pipeline, text)
    assert place is not None and place.name == name and (country is None or place.country_code == country)


def test_a_country_in_the_name_of_a_body_says_where_the_article_is(pipeline) -> None:
    # Paynesville (Liberia) is missing from the gazetteer: not the Australian or American namesake
    text = ("The Liberia National Police informs the public that on Monday a group of commercial motorcyclists "
            "engaged in violent acts at the Red Light junction in Paynesville following a traffic accident.")
    places = pipeline.extract_one(Article(text=text)).places
    assert all(p.country_code == "LR" for p in places)


def test_an_outlet_named_after_its_province_says_where_its_reports_are(pipeline) -> None:
    text = ("Armed men on dozens of motorbikes stormed the weekly market of Sanam, in the Abala department, this "
            "morning. The wounded were carried on carts towards Abala.")
    local = pipeline.extract_one(Article(text=text, outlet="Tillabéri Info")).places
    assert {p.country_code for p in local} == {"NE"}  # not the Ethiopian Abala, nor a Thai hamlet called Sanom
    # by its own name only: 'Observatoire' is not the district of Paris also called so
    assert all(p.country_code != "FR" for p in pipeline.extract_one(Article(
        text="The Observatoire pour la paix said gunmen killed four passengers on a train near Mindouli.",
        outlet="Observatoire pour la paix dans le Pool")).places)


def test_a_village_abroad_known_by_the_name_only_as_its_other_name_is_not_the_place(pipeline) -> None:
    text = ("A motorcycle loaded with explosives blew up outside the police substation in Potrerito, a rural "
            "corregimiento of Jamundí, killing two officers, and the wounded were taken to Cali.")
    assert all(p.country_code == "CO" for p in pipeline.extract_one(Article(text=text)).places)


def test_a_street_in_the_headline_is_not_the_place_it_is_named_after(pipeline) -> None:
    article = Article(title="Police drag protesters off Baghramyan Avenue", outlet="Yerevan Chronicle",
                      text="Police officers began removing opposition protesters who had blocked the avenue this "
                           "morning, witnesses said.")
    assert all(p.name != "Baghramyan" for e in pipeline.extract_one(article).events if (p := e.place))


def test_an_acronym_with_its_possessive_is_no_place(pipeline) -> None:
    # (a Hungarian village is called Apc; the headline gives the word too)
    article = Article(title="Police storm APC headquarters, 27 detained", text=(
        "Police detained 27 members of the opposition at a meeting this morning. The APC's secretary general "
        "called the raid an attack on democracy."))
    assert pipeline.extract_one(article).places == []


def test_a_day_named_after_a_word_makes_the_word_no_place(pipeline) -> None:
    # (Saba Saba is also a Kenyan village, and 'Saba' another name of Sabah)
    article = Article(title="46 arrested in Saba Saba protests", text=(
        "Kenyan police arrested 46 people during demonstrations held on Saba Saba Day on Tuesday, a police "
        "statement said."))
    assert [e.place for e in pipeline.extract_one(article).events] == [None]


def test_a_street_called_a_line_is_not_a_town_also_called_so(pipeline) -> None:
    text = ("Police stormed the headquarters of the opposition All People's Congress (APC) on Old Railway Line this "
            "morning and detained 27 members.")
    assert pipeline.extract_one(Article(text=text)).places == []  # not Hammond, Indiana


@pytest.mark.parametrize("text", [
    "Police fired tear gas at looters in the Nairobi CBD on Tuesday, 14th July 2026, the police said.",
    "Officers dispersed groups that tried to reach Parliament from the Nairobi Central Business District on Tuesday.",
])
def test_a_town_s_business_district_lies_in_the_town(pipeline, text) -> None:
    assert main_place(pipeline, text).name == "Nairobi"


def test_where_a_unit_was_sent_from_is_not_where_the_fight_was(pipeline) -> None:
    text = ("Eight men were killed on Saturday when fighters from two clans clashed in the Tsak Valley of Enga "
            "province. The fighting went on until the afternoon, when a Mobile Squad unit from Wabag arrived.")
    assert main_place(pipeline, text).name == "Enga"


def test_a_headline_word_the_text_writes_as_part_of_a_longer_name_is_no_place(pipeline) -> None:
    article = Article(title="Enga police: valley fight contained, Mobile Squad on the ground", outlet="Tillabéri Info",
                      text="On Saturday a tribal fight occurred in the valley between two warring clans over a land "
                           "dispute, a police statement told Tillabéri Info. Eight men were confirmed dead. Police and "
                           "Mobile Squad personnel were deployed and have restored order.")
    # not Mobile, Alabama; the outlet's name, quoted whole in the text, still says where its reports are
    events = pipeline.extract_one(article).events
    assert events and all(e.place is None or e.place.country_code == "NE" for e in events)


def test_an_outlet_the_text_quotes_by_name_still_says_where_its_reports_are(pipeline) -> None:
    text = ("Armed men on motorbikes stormed the weekly market of Sanam, in the Abala department, this morning, a "
            "councillor told Tillabéri Info by telephone. The wounded were carried on carts towards Abala.")
    places = pipeline.extract_one(Article(text=text, outlet="Tillabéri Info")).places
    assert places and {p.country_code for p in places} == {"NE"}


def test_a_brand_the_parser_took_for_a_name_is_no_place(pipeline) -> None:
    text = ("Four opposition mobilisers were forced into a white Toyota Hiace van by armed men in Bawku last night, "
            "witnesses said.")
    assert [p.name for p in pipeline.extract_one(Article(text=text)).places] == ["Bawku"]  # not Toyota, Japan


def test_a_near_spelling_of_an_old_name_of_a_country_is_not_that_country(pipeline) -> None:
    text = ("Two men found at the edge of the complex and a wounded man who died at the Bonsucesso hospital were added "
            "to the 13 bodies already registered. Neighbours held a wake in Nova Holanda, and shops in Parque União "
            "closed in mourning.")
    assert all(p.country_code != "AU" for p in pipeline.extract_one(Article(text=text)).places)  # 'Nova Hollandia'


def test_the_seat_of_a_government_is_not_where_its_deal_was_carried_out(pipeline) -> None:
    text = ("The Syrian Democratic Forces said a prisoner exchange with the Damascus government in Aleppo on Tuesday "
            "was only the first stage of the deal.")
    assert main_place(pipeline, text).name == "Aleppo"


def test_where_the_bodies_were_sent_is_not_where_they_were_killed(pipeline) -> None:
    text = ("Armed miscreants fired several rounds towards farmers working in the paddy fields near Phubala under "
            "Moirang police station. Two farmers succumbed to gunshot injuries and their bodies were sent to RIMS, "
            "Imphal, for post-mortem examination.")
    assert main_place(pipeline, text).name == "Moirang"


def test_the_countries_across_a_border_are_not_where_it_happened(pipeline) -> None:
    text = ("Gunmen abducted eleven men from the village of Diagorou on Sunday night, residents said. The Islamic "
            "State's Sahel branch is active in the area, near the borders with Burkina Faso and Mali.")
    assert all(e.place is None or e.place.country_code not in ("BF", "ML")
               for e in pipeline.extract_one(Article(text=text, outlet="Niamey Tribune")).events)


def test_a_town_the_wounded_were_taken_to_says_which_country_a_small_place_is_in(pipeline) -> None:
    text = ("Eleven opposition supporters were injured when youths broke up a campaign meeting in Gutu yesterday "
            "afternoon. A 63-year-old man with head injuries was later transferred to Masvingo.")
    assert all(p.country_code == "ZW" for p in pipeline.extract_one(Article(text=text)).places)  # not Kenya's Kutus


def test_a_name_joined_by_and_is_read_whole(pipeline) -> None:
    # the parser splits 'Sistan and Baluchestan' in two, and 'Baluchestan' alone is nearest Pakistan's Balochistan
    text = ("Armed men attacked the police headquarters in the town of Rask, in Sistan and Baluchestan province, "
            "late last night, residents said.")
    place = main_place(pipeline, text)
    assert place.country_code == "IR" and place.name == "Rasak"


def test_a_headlines_first_word_is_no_town_unless_the_text_names_it(pipeline) -> None:
    text = ("A 29-year-old taxi operator was shot dead when gunmen opened fire at a cookshop in Tawes Pen, Spanish "
            "Town, St Catherine, last night. Residents said two men walked up to the shop at about 8 p.m.")
    place = main_place(pipeline, text, title="Man shot dead at Tawes Pen cookshop")
    assert place.country_code == "JM" and place.name == "Spanish Town"  # not Man, Côte d'Ivoire
    kenya = main_place(pipeline, "Police fired tear gas at hundreds of protesters in the capital on Tuesday.",
                       title="Kenya police fire tear gas at tax protesters")
    assert kenya is not None and kenya.country_code == "KE"


def test_a_hospital_the_wounded_died_in_is_not_where_they_were_hit(pipeline) -> None:
    text = ("Thirteen people have now died after last Saturday's suicide car bombing at a checkpoint in Mogadishu. "
            "Two of the wounded, a minibus driver and a tea seller, died at Madina hospital on Tuesday.")
    assert all(e.place is not None and e.place.country_code == "SO"
               for e in pipeline.extract_one(Article(text=text)).events)  # not Medina, Saudi Arabia


def test_the_town_of_the_hospital_a_victim_died_in_is_not_where_the_incident_was(pipeline) -> None:
    text = ("A fourth soldier has died of wounds suffered when an army truck hit a landmine near Bignona on Thursday, "
            "a military source said. The soldier died in a military hospital in Dakar on Saturday.")
    assert main_place(pipeline, text).name == "Bignona"
    text = ("Sirwan Rahimi, a third porter shot by border guards on a mountain pass last Thursday, died of his wounds "
            "on Sunday in Kermanshah. Survivors said the porters carried no weapons.")
    place = main_place(pipeline, text)
    assert place.name == "Kermanshah" and place.geo_precision == 2  # near the town, the only place named


def test_a_place_of_several_words_at_one_end_of_a_road_is_read_whole(pipeline) -> None:
    text = "An Israeli strike on a car on the Bint Jbeil-Aynata road on Tuesday killed three citizens."
    assert main_place(pipeline, text).name == "Bent Jbail"  # not Jbeil, Byblos's other name


def test_words_that_name_things_are_no_places(pipeline) -> None:
    text = ("Hooded youths attacked police forces near Exarchia Square with Molotov cocktails and stones after the "
            "march on Tuesday evening.")
    # not Perm, once called Molotov
    assert all(p.country_code != "RU" for p in pipeline.extract_one(Article(text=text)).places)
    text = ("Armoured vehicles were seen on Estrada do Itararé from about five o'clock as police entered the "
            "Complexo do Alemão in Rio de Janeiro.")
    assert {p.country_code for p in pipeline.extract_one(Article(text=text)).places} == {"BR"}  # no Estrada, Mexico


def test_a_small_namesake_abroad_of_a_village_in_a_named_district_is_not_it(pipeline) -> None:
    text = ("Heavy fighting broke out this afternoon between FARDC soldiers and CODECO militiamen at Largu, in Djugu "
            "territory, local sources said.")
    assert {p.country_code for p in pipeline.extract_one(Article(text=text)).places} == {"CD"}  # not Largu, Romania
    text = ("Ukraine's General Staff said its drones had struck a logistics point on the edge of Shebekino. Shebekino "
            "lies opposite the Vovchansk area of the Kharkiv region.")
    assert "RU" in {p.country_code for p in pipeline.extract_one(Article(text=text)).places}  # across the border


def test_a_country_named_as_a_party_beside_a_town_of_another_is_not_the_place(pipeline) -> None:
    text = ("A martyrdom seeker stormed with a car bomb a gathering of the militias of the Security Belt, agents of "
            "the Emirates, at the entrance of Mudiyah in the province of Abyan on Tuesday, killing sixteen.")
    assert main_place(pipeline, text).name == "Mudiyah"


def test_a_district_named_by_the_hospital_the_wounded_lie_in_does_not_hide_the_village(pipeline) -> None:
    text = ("Two ojek drivers were shot dead yesterday on the road to the market in Ilaga, relatives said. A third "
            "driver, shot in the back, was in critical condition at the Mimika regional hospital.")
    assert main_place(pipeline, text).name == "Ilaga"


def test_the_town_of_a_hospital_says_the_country(pipeline) -> None:
    text = ("A third policeman wounded in Tuesday's militant attack on the Jani Khel police station died at the "
            "Combined Military Hospital in Bannu late last night, hospital officials said.")
    assert {p.country_code for p in pipeline.extract_one(Article(text=text)).places} == {"PK"}  # not Afghanistan


def test_the_second_half_of_an_arabic_name_is_no_place_of_its_own(pipeline) -> None:
    text = ("The Ministry of Interior announces that, following the regrettable events that took place on Tuesday "
            "11 August 2026 in the Souq al-Juma area, a ceasefire was reached at 10 p.m. through the mediation of "
            "elders and the Presidential Council, and neutral units of the ministry were deployed as a buffer "
            "between the parties.")
    extraction = pipeline.extract_one(Article(text=text, title="Ceasefire in Souq al-Juma, calm returns"))
    assert all(e.place is None or e.place.country_code != "US" for e in extraction.events)  # not Yuma, Arizona
    assert main_place(pipeline, "Fighting in Iraqi al-Anbar province killed five.").country_code == "IQ"


def test_a_village_named_beside_a_town_of_another_country_only_is_missing_from_the_gazetteer(pipeline) -> None:
    text = ("The Ombudsman's Office reports that the humanitarian mission it led in El Plateado, Argelia (Cauca), "
            "concluded this morning with the handover of the last six soldiers held by the community. The troops "
            "left El Plateado by road.")
    places = pipeline.extract_one(Article(text=text)).places
    assert places and all(p.country_code == "CO" for p in places)  # not Mexico's El Plateado de Joaquín Amaro


def test_a_sub_county_is_a_unit_word_and_where_the_wounded_were_flown_for_treatment_is_elsewhere(pipeline) -> None:
    text = ("On Sunday a police armoured personnel carrier escorting a civilian convoy along the Bodhei-Basuba road "
            "in Lamu East Sub-County ran over an improvised explosive device. Four officers were killed and two "
            "others were airlifted for specialised treatment in Nairobi.")
    place = main_place(pipeline, text)
    assert place is not None and place.name == "Lamu"


def test_a_village_named_as_such_and_known_only_as_a_name_of_a_place_abroad_is_missing(pipeline) -> None:
    text = ("At least five people were killed this morning when artillery shells struck a Buddhist monastery in "
            "Sinkan village, where people who fled the fighting in Shwegu on Tuesday were sheltering.")
    assert all(p.country_code == "MM" for p in pipeline.extract_one(Article(text=text)).places)  # not Jinchuan


def test_an_entity_run_over_a_verb_hides_no_town_and_a_saints_church_is_no_town(pipeline) -> None:
    text = ("Police officers and soldiers of the Gang Suppression Force entered Mirebalais (Mibalè) at dawn today "
            "and retook the police station after hours of fighting with gang members, residents said. Heavy "
            "gunfire was heard from about 5 a.m. near the Saint-Louis church and on the road to Lascahobas.")
    place = main_place(pipeline, text)
    assert place is not None and place.name == "Mirebalais" and place.country_code == "HT"
    assert all(p.country_code == "HT" for p in pipeline.extract_one(Article(text=text)).places)


def test_a_spokespersons_name_and_the_language_of_a_translation_are_no_places(pipeline) -> None:
    text = ("Translated from Hindi. Statement of the South Bastar division committee of the CPI (Maoist), signed by "
            "its spokesperson Ganga. In the so-called encounter of Saturday the police forces killed twelve people "
            "near Bijapur.")
    codes = {p.country_code for p in pipeline.extract_one(Article(text=text)).places}
    assert codes <= {"IN"}  # not Mariupol (also 'Hindi'), nor Ganja in Azerbaijan


@pytest.mark.parametrize("word, country", [
    ("Ghanaian", "GH"), ("Malians", "ML"), ("Togolese", "TG"), ("Peruvian", "PE"), ("Iraqi", "IQ"),
    ("Sudanese", "SD"), ("Mozambican", "MZ"), ("Argentine", "AR"),
    ("Ghantaghar", None), ("Malik", None), ("Turkana", None), ("Chadwick", None),  # a place and names, no nationality
])
def test_a_nationality_word_is_the_country_stem_and_a_demonym_ending(word, country):
    from eventledger.geo.context import country_keys, demonym_country
    from eventledger.geo.gazetteer import get_gazetteer

    assert demonym_country(word, country_keys(get_gazetteer().countries)) == country


def test_a_state_s_forces_named_by_their_own_name_say_the_country():
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver
    from eventledger.nlp import get_nlp

    # 'Nasir' is missing from the gazetteer, and only another name of a Turkish hamlet: in a report of the SSPDF,
    # which fights in South Sudan, it is no place abroad
    doc = get_nlp()("Fighters overran the SSPDF barracks in Nasir early this morning, residents said.")
    assert [m.choice.country_code for m in Resolver(get_gazetteer()).mentions(doc) if m.choice] in ([], ["SS"])


def test_a_village_named_in_a_country_missing_from_it_is_not_a_namesake_abroad(pipeline) -> None:
    # the gazetteer has a Yarun in Ukraine only: 'in southern Lebanon' says where this one is
    text = ("The Israeli army blew up nine homes on the eastern side of Yarun, in southern Lebanon, on Saturday, a "
            "monitor said.")
    place = main_place(pipeline, text)
    assert (place.country_code, place.geo_precision) == ("LB", 3)
    state = main_place(pipeline, "Armed men killed six miners in a camp in the El Perú sector of El Callao, in "
                                 "Bolívar state, witnesses said.")
    assert (state.name, state.country_code) == ("El Callao", "VE")  # not Peru's far larger Callao
    # a county is named by its seat, which need not be near: the village stays
    county = main_place(pipeline, "Security forces opened fire on fuel carriers on a desert track near Jaleq, in "
                                  "Saravan county, a monitor said.")
    assert (county.name, county.country_code) == ("Jalq", "IR")


def test_the_seat_of_a_government_is_not_where_the_fighting_was() -> None:
    from eventledger.geo.gazetteer import get_gazetteer
    from eventledger.geo.resolve import Resolver

    def asides(text: str) -> dict[str, bool]:
        return {m.text: m.aside for m in Resolver(get_gazetteer()).mentions(get_nlp()(text))}

    assert asides("Rebels said they had taken the garrison. The regime in Juba bears full responsibility.") == {
        "Juba": True}
    # the place of an exchange, not a seat; forces in a town act there
    assert asides("A prisoner exchange with the Damascus government in Aleppo took place on Monday.")["Aleppo"] \
        is False
    assert asides("Government forces in Kidal clashed with rebels on Monday.") == {"Kidal": False}
