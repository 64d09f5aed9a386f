"""Stage "attribution": who says each thing, how strongly, and through whom."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.models import Article, Claim
from eventledger.resolve.contradictions import CONSERVATIVE_RULE, find_contradictions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from eventledger.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="module")
def pipeline():
    from eventledger.pipeline import Pipeline

    return Pipeline()


def attribution_of(nlp, text: str, sentence: int = -1):
    from eventledger.extract.attribution import attribute_article

    doc = nlp(text)
    starts = [s.start_char for s in doc.sents]
    return attribute_article(doc)[starts[sentence]]


def test_subject_of_a_reporting_verb_is_the_source(nlp):
    found = attribution_of(nlp, "The Syrian Observatory for Human Rights reported that 12 fighters were killed.")
    assert (found.source, found.source_type, found.strength) == ("Syrian Observatory for Human Rights", "monitor",
                                                                "reported")


def test_according_to_and_a_chain_of_sources(nlp):
    found = attribution_of(nlp, "Dozens fled, the observatory, which gets its information from activists on the "
                                "ground, said.")
    assert found.source == "Syrian Observatory for Human Rights" and found.via == ["activists"]
    found = attribution_of(nlp, "According to security sources, the convoy was ambushed near Gao.")
    assert (found.source, found.verb) == ("Security sources", "according to")


def test_a_pronoun_is_the_last_person_who_spoke(nlp):
    text = "Army spokesman Ali Hassan said the town was retaken. He claimed that 30 rebels were killed."
    found = attribution_of(nlp, text)
    assert found.source == "Ali Hassan (Army spokesman)" and found.strength == "claimed"


def test_reported_speech_continues_in_the_paragraph_and_hedges_weaken_it(nlp):
    text = "Five soldiers were killed, the governor said. The attackers allegedly fled across the border."
    found = attribution_of(nlp, text)
    assert found.source == "Governor" and found.inherited and found.strength == "alleged"


def test_a_statement_without_a_source_is_the_articles_own(nlp):
    assert attribution_of(nlp, "Heavy rain fell on Monday.").source == "the article"


def test_claims_link_counts_to_their_source_and_keep_disagreements(pipeline):
    text = ("Gunmen attacked the village of Kuki on Sunday. Twelve villagers were killed, police said. "
            "Residents said 20 people were killed in the attack.")
    event = pipeline.extract_one(Article(text=text, published=date(2024, 3, 4))).events[0]
    tolls = {(c.source, c.value) for c in event.claims if c.field == "fatalities"}
    assert tolls == {("Police", "12"), ("Witnesses", "20")}
    disagreement = next(c for c in event.contradictions if c.field == "fatalities")
    assert disagreement.chosen == "12" and disagreement.rule == CONSERVATIVE_RULE
    assert all(span.text for claim in event.claims for span in claim.evidence)


def claim(source: str, field: str, value: str, strength: str = "said") -> Claim:
    return Claim(id=f"{source}-{value}", source=source, field=field, value=value, strength=strength)


def test_contradiction_rules():
    status = find_contradictions([claim("Observatory", "status", "ongoing"), claim("SDF", "status", "under control")])
    assert status[0].field == "status" and status[0].chosen is None
    # one source revising itself is not a contradiction; an allegation is never the headline figure
    assert find_contradictions([claim("Police", "fatalities", "5"), claim("Police", "fatalities", "7")]) == []
    tolls = find_contradictions([claim("Army", "fatalities", "3", "alleged"), claim("UN", "fatalities", "9")])
    assert tolls[0].chosen == "9"


def perpetrators(nlp, text: str) -> list[tuple[str, str]]:
    from eventledger.extract.attribution import perpetrator_statements

    return [(name, kind) for name, kind, _ in perpetrator_statements(next(iter(nlp(text).sents)))]


def test_who_did_it_as_sources_put_it(nlp):
    assert perpetrators(nlp, "The Pakistani Taliban (TTP) claimed responsibility in a message to journalists.") == [
        ("TTP: Tehreek-i-Taliban Pakistan", "claimed")]
    assert perpetrators(nlp, "A spokesman for Jamaat-ul-Ahrar then claimed the bombing.") == [
        ("Jamaat-ul-Ahrar", "claimed")]
    assert perpetrators(nlp, "The army blamed the attack on the ELN.") == [("ELN: National Liberation Army", "named")]
    assert perpetrators(nlp, "The Rapid Support Forces categorically deny any responsibility for the shelling.") == [
        ("RSF: Rapid Support Forces", "denied")]
    assert perpetrators(nlp, "The houses were attacked by a Bwa Kale self-defence group, residents said.") == [
        ("Bwa Kale", "named")]
    assert perpetrators(nlp, "The Rapid Support Forces denied any role in Monday's drone strike.") == [
        ("RSF: Rapid Support Forces", "denied")]
    assert perpetrators(nlp, "The governor attributed the massacre to the Santa Rosa de Lima cartel.") == [
        ("Santa Rosa de Lima", "named")]
    assert perpetrators(nlp, "The prosecutor said the evidence pointed to a cell of the Jalisco New Generation "
                             "Cartel.") == [("CJNG: Jalisco New Generation Cartel", "named")]
    # nobody claiming it, and unnamed attackers, say nothing about who did it
    assert perpetrators(nlp, "No group immediately claimed responsibility for the blast.") == []
    assert perpetrators(nlp, "Police blamed gunmen for the attack.") == []


def test_two_groups_claiming_one_attack_and_each_accuser_its_own_source(nlp):
    assert sorted(perpetrators(nlp, "Two Baloch militant groups have claimed the attack: Jaish al-Adl, which says it "
                                    "killed 11 members of the security forces, and the smaller Ansar al-Furqan.")) == [
        ("Ansar al-Furqan", "claimed"), ("Jaish al-Adl", "claimed")]
    assert ("Ansar al-Furqan", "claimed") in perpetrators(
        nlp, "A channel close to the militants published a claim by Ansar al-Furqan saying its men had carried out "
             "the assault.")
    assert perpetrators(nlp, "The army accused the BRN of carrying out the attack.") == [
        ("BRN: Barisan Revolusi Nasional", "named")]
    assert perpetrators(nlp, "Thai security officials said they suspected the Barisan Revolusi Nasional.") == [
        ("BRN: Barisan Revolusi Nasional", "named")]
    assert perpetrators(nlp, "The police attributed the massacre to the Kokorat San Ras gang rather than Gran Grif, "
                             "which residents have blamed.") == [("Kokorat San Ras", "named"), ("Gran Grif", "named")]
    assert perpetrators(nlp, "Survivors believe the men belonged to a Mai-Mai faction that uses the forest as a "
                             "base, rather than the ADF, whom the army blames.") == [
        ("Mai-Mai", "named"), ("ADF: Allied Democratic Forces", "named")]
    assert perpetrators(nlp, "Officials said fighters of the Seakhi gang carried out the killings.") == [
        ("Seakhi", "named")]
    assert set(perpetrators(nlp, "Iraq's Counter-Terrorism Service and the Popular Mobilisation Forces have claimed "
                                 "credit for the raid.")) == {("Counter-Terrorism Service", "claimed"),
                                                              ("Popular Mobilization Forces", "claimed")}
    # two statements in one sentence, each its own source's: a disagreement to record
    from eventledger.extract.attribution import ARTICLE, sentence_claims

    sent = next(iter(nlp("Police blamed the Terene gang, while the families insist that the killers came from the "
                         "Seakhi faction.").sents))
    base = dict(source=ARTICLE.source, source_type=ARTICLE.source_type, verb=None, strength=ARTICLE.strength,
                via=[], article_id="a1", statement=sent.text)
    claims = [c for c in sentence_claims(sent, ARTICLE, [], base, "a1") if c.field == "actor1"]
    assert {(c.value, c.source) for c in claims} == {("Terene", "Police"), ("Seakhi", "Families")}
    assert [c.field for c in find_contradictions(claims)] == ["actor1"]


@pytest.mark.parametrize(("sentence", "status"), [
    ("Five of the nine activists remain in police custody, the group said.", "ongoing"),
    ("The family said she was still in the hands of her kidnappers.", "ongoing"),
    ("Residents said sporadic gunfire had not stopped.", "ongoing"),
    ("Dozens of students were still camped on the lawn in front of the rectorate.", "ongoing"),
    ("Fighting broke out again near the river on Friday, residents said.", "ongoing"),
    ("Production at the field remained halted today, two engineers said.", "ongoing"),
    ("The mayor said the demolitions were continuing.", "ongoing"),
    ("Fano fighters were still in control of most of Motta, residents said.", "taken"),
    ("The army said troops had retaken the town on Monday.", "under control"),
    ("The operation has been concluded, the district police said.", "under control"),
    ("The women lifted their sit-in in the evening.", "under control"),
    ("Gas production resumed this afternoon.", "under control"),
    # what goes on is not the incident: an inquiry, a guard, a lecture not given
    ("The investigation is continuing.", None),
    ("Security personnel remain deployed at sensitive locations.", None),
    ("Lectures in the faculty of letters did not resume.", None),
])
def test_status_a_search_a_sit_in_or_a_town_not_given_up(sentence: str, status: str | None):
    from eventledger.extract.attribution import _status

    assert _status(sentence) == status


def test_an_observatory_is_the_syrian_one_only_when_it_says_so(nlp):
    from eventledger.extract.attribution import attribute_sentence

    def source(text: str) -> str:
        return attribute_sentence(next(iter(nlp(text).sents))).source

    assert source("The Sahel Civic Space Observatory said five activists remain in custody.") != \
        "Syrian Observatory for Human Rights"
    assert source("The observatory said fighting was continuing.") == "Syrian Observatory for Human Rights"
    assert source("The Britain-based Syrian Observatory for Human Rights said 12 were killed.") == \
        "Syrian Observatory for Human Rights"


def test_status_of_hostages_and_of_fighting():
    from eventledger.extract.attribution import _status

    assert _status("All 41 schoolgirls had been rescued by security forces.") == "under control"
    assert _status("Parents said 19 girls were still being held by the kidnappers.") == "ongoing"
    assert _status("Four women had not been released by Sunday.") == "ongoing"
    # the detained: let go, or still held
    assert _status("All detainees released by 02:00, public order fully restored.") == "under control"
    assert _status("Lawyers said 27 women were still in custody on Monday night.") == "ongoing"
    assert _status("All seven are still in detention.") == "ongoing"
    assert _status("The police released a statement on Monday.") is None
    assert _status("By evening, police said calm had been restored.") == "under control"
    assert _status("The army said it repelled the attack.") == "under control"
    # "continue" is about the fighting only when the fighting continues
    assert _status("Clashes between youths and police continued until after 10 pm.") == "ongoing"
    assert _status("The situation is under control and search operations continue.") == "under control"
    assert _status("The army will continue to take action against terrorists.") is None
    # the position fell: the other outcome of an attack another source says was repelled
    assert _status('JNIM said its fighters had "conquered" the army camp at Boni.') == "taken"
    assert _status("M23 rebels took control of Rubaya, a mining town.") == "taken"
    assert _status("Police captured seven suspects in the village.") is None
    assert _status("Troops took control of the main roads.") is None
    # other ways of saying it is over, or is not
    assert _status("Public order was fully restored by 10 p.m., the ministry said.") == "under control"
    assert _status('A spokesman said the situation was "completely calm".') == "under control"
    assert _status("The ministry said a ceasefire brokered by the elders was holding.") == "under control"
    assert _status("The road had been cleared and reopened to traffic.") == "under control"
    assert _status('The troops "repulsed the attackers, killing 11 of them".') == "under control"
    assert _status("The group said its fighters still controlled the road on Thursday.") == "taken"
    assert _status("Witnesses saw confrontations in the streets until past 1 a.m.") == "ongoing"
    assert _status("Shooting continued until dawn, despite police statements that the attack was repelled.") == \
        "ongoing"  # what the source says, not what it says another source said
    assert _status("Contrary to the authorities' claims, clashes went on until dawn.") == "ongoing"
    assert _status("Seventeen people detained on Thursday remain in custody, the group said.") == "ongoing"
    assert _status('"They say there is calm, but there is no calm," a community leader said.') == "ongoing"
    assert _status("The ministry said that calm returned to the city before midnight.") == "under control"
    assert _status("Traffic was back to normal by evening.") == "under control"
    assert _status("Fighting has continued in the region since 2017.") is None  # the war, not the incident


def test_perpetrator_contradictions():
    from eventledger.resolve.contradictions import same_group

    blamed, denial = claim("Army", "actor1", "RSF: Rapid Support Forces"), claim(
        "RSF: Rapid Support Forces", "actor1", "RSF: Rapid Support Forces", "denied")
    (found,) = find_contradictions([blamed, denial])
    assert found.field == "actor1" and found.values[1].startswith("not RSF")
    # two groups named by two sources; one spelling of one group is not a disagreement
    assert find_contradictions([claim("Police", "actor1", "Viv Ansanm"), claim("Residents", "actor1", "Bwa Kale")])
    assert same_group("Tehreek-e-Taliban Pakistan", "TTP: Tehreek-i-Taliban Pakistan")
    assert find_contradictions([claim("Police", "actor1", "Tehreek-e-Taliban Pakistan"),
                                claim("Army", "actor1", "TTP: Tehreek-i-Taliban Pakistan")]) == []
    # two groups whose names share words but each have one of their own
    assert not same_group("Saraya al-Ashtar", "Saraya al-Mukhtar")
    assert find_contradictions([claim("Ministry", "actor1", "Saraya al-Ashtar"),
                                claim("Saraya al-Mukhtar", "actor1", "Saraya al-Mukhtar", "claimed")])
    assert same_group("Hayat Tahrir al-Sham", "Tahrir al-Sham") and same_group("Al-Shabaab", "al Shabab")
    # a group denying what nobody said it did is no disagreement
    assert find_contradictions([denial, claim("UN", "fatalities", "3")]) == []
    # the articles' own voices in two articles are two outlets
    one, two = claim("the article", "fatalities", "4"), claim("the article", "fatalities", "7")
    one.article_id, two.article_id = "a", "b"
    assert find_contradictions([one, two])[0].field == "fatalities"


def test_a_denial_that_anyone_died_is_a_toll_of_none_never_the_headline():
    from eventledger.extract.attribution import DENIED_DEATHS

    assert DENIED_DEATHS.search("Police denied that any protester was killed by officers on Tuesday.")
    assert DENIED_DEATHS.search("The army denies any casualties.")
    assert not DENIED_DEATHS.search("He denied that the group had been involved.")
    toll = find_contradictions([claim("Police", "fatalities", "0", "denied"), claim("Rights groups", "fatalities",
                                                                                     "2")])[0]
    assert set(toll.values) == {"0", "2"} and toll.chosen == "2"


@pytest.mark.parametrize("text, status", [
    # a street protest or a riot over: order, traffic, the road back
    ("The ministry said the area had been cleared in forty minutes, with traffic restored by 6 p.m.", "under control"),
    ("The Bolivian Police restored public order by 6 p.m.", "under control"),
    ("The avenue was reopened to traffic at 4 p.m.", "under control"),
    ("The army said the area was calm and normal activities resumed by nightfall.", "under control"),
    # ... or going on later than that
    ("Police charges did not stop but continued along Avenida de Mayo until about 9 p.m.", "ongoing"),
    ("Several hundred protesters stayed on Rustaveli Avenue until dawn on Monday.", "ongoing"),
    ("Their blockade outside parliament lasted until about 9 p.m. on Monday.", "ongoing"),
    ("Supporters were still sitting on the Bombo road at nightfall and traffic had not resumed.", "ongoing"),
    # neither
    ("The rally lasted two hours.", None),
    ("He stayed in Kampala until 2019.", None),
])
def test_status_of_a_street_protest_or_riot(text, status):
    from eventledger.extract.attribution import _status

    assert _status(text) == status


@pytest.mark.parametrize("text, source", [
    ("Twelve deaths were reported after the attack on Monday in Goma.", "the article"),
    ("Twelve deaths were reported by the Kivu Security Tracker after the attack on Monday in Goma.",
     "Kivu Security Tracker"),
    ("Twelve people were killed in the attack in Goma on Monday, the governor was quoted as saying.", "Governor"),
])
def test_what_was_reported_is_not_who_reported_it(text, source):
    from datetime import date

    from eventledger.models import Article
    from eventledger.pipeline import Pipeline

    events = Pipeline().extract_one(Article(text=text, published=date(2026, 5, 19))).events
    assert [c.source for e in events for c in e.claims if c.field == "fatalities"] == [source]


def test_status_told_against_another_sources_and_in_other_words():
    from eventledger.extract.attribution import _status

    assert _status("Running battles between police and street vendors in central Harare continued until late on "
                   "Thursday afternoon, lawyers said, disputing a police statement that calm was restored by midday.") \
        == "ongoing"
    assert _status("Youths rebuilt barricades on Friday morning and burned tyres again, residents said, although the "
                   "government said calm had returned.") == "ongoing"
    assert _status("Our forces now exercise full control over the dam and both banks of the river.") == "under control"
    assert _status("The management affirms that work is proceeding normally in all production halls.") == \
        "under control"


def test_status_of_searches_crowds_and_what_came_back():
    from eventledger.extract.attribution import _status

    assert _status("Officially, the operation was completed on the day it began.") == "under control"
    assert _status("A security source said the search is continuing.") == "ongoing"
    assert _status("Residents say soldiers are still combing the wooded slopes.") == "ongoing"
    assert _status("By 10 p.m. the crowd had dispersed and the avenue was open again to pedestrians.") == \
        "under control"
    assert _status("Lawyers said small groups regrouped and police chased them until after midnight.") == "ongoing"
    assert _status("Contrary to the authorities, who say calm returned in the early evening, our members report "
                   "that armed youths came back during the night.") == "ongoing"
    assert _status("Residents say running battles with officers went on until well into the afternoon.") == "ongoing"


def test_perpetrators_a_source_describes_as_criminals_disagree_with_a_named_group(nlp):
    from eventledger.extract.attribution import CRIMINALS, perpetrator_statements

    def named(text: str) -> list[str]:
        return [name for sent in nlp(text).sents for name, _, _ in perpetrator_statements(sent)]

    assert named("The army blamed insurgents of the Barisan Revolusi Nasional (BRN). But a police investigator said "
                 "the bomb may have been revenge by a drug network.") == ["BRN: Barisan Revolusi Nasional", CRIMINALS]
    assert named("Prosecutors were focusing on a possible extortion attempt by a criminal gang.") == [CRIMINALS]
    assert named("The attack came as a surprise to the villagers, who fled.") == []  # nobody is named or described


def test_who_the_gunmen_were_names_the_perpetrators(nlp):
    from eventledger.extract.attribution import CRIMINALS, perpetrator_statements

    def named(text: str) -> list[str]:
        return [name for sent in nlp(text).sents for name, _, _ in perpetrator_statements(sent)]

    assert named("Relatives said that the gunmen were members of the rival Seakhi gang.") == ["Seakhi"]
    assert named("The families insist that the killers came from the Seakhi faction.") == ["Seakhi"]
    assert named("Police said the attackers were bandits.") == [CRIMINALS]
    assert named("The attackers were tired and hungry, survivors said.") == []


def test_status_of_normalcy_control_and_a_chase_past_the_hour_another_source_gave():
    from eventledger.extract.attribution import _status

    assert _status("Normalcy was restored in the CBD by 4.00 p.m. and businesses resumed operations.") == \
        "under control"
    assert _status("Moqakoori district remains under the control of the national army.") == "under control"
    assert _status("Police chased and beat young protesters until about 8 p.m., long after the force said calm had "
                   "returned, a rights group said.") == "ongoing"


def test_the_source_is_who_the_sentence_hangs_on_not_a_source_it_tells_of(nlp):
    found = attribution_of(nlp, "Police chased young protesters until about 8 p.m., long after the force said calm "
                                "had returned, a human rights group said.")
    assert "rights group" in found.source.lower()


def test_a_gang_named_by_capitalised_words_and_an_attack_linked_to_it(nlp):
    assert perpetrators(nlp, "Police have linked the attack to a feud within the Klansman gang, the most powerful "
                             "criminal network in Spanish Town.") == [("Klansman", "named")]
    assert perpetrators(nlp, "But residents told Caribbean Wire the gunmen came from the rival One Order gang, in "
                             "revenge for a killing in its territory.") == [("One Order", "named")]
    # who published a claim did not carry out the attack
    assert perpetrators(nlp, "The claim, carried by the group's Amaq news agency, came with photographs.") == []


@pytest.mark.parametrize(("text", "status"), [
    ("Residents said shooting resumed on Thursday night after the soldiers left the hillside.", "ongoing"),
    ("He said fighters from both clans exchanged fire again on Sunday near the river crossing.", "ongoing"),
    ("Groups of fans fought and threw stones across the river until after midnight.", "ongoing"),
    ("Workers and riot police faced each other in the streets until after 8 p.m.", "ongoing"),
    ("Residents say Fano fighters held the town until Tuesday morning.", "ongoing"),
    ("All roads were reopened by 2 p.m., the sub-delegation said.", "under control"),
    ("The Border Service said the situation remained stable along the frontier.", "under control"),
])
def test_status_told_later_than_another_source_says_it_ended(text, status):
    from eventledger.extract.attribution import _status

    assert _status(text) == status
