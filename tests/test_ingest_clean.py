"""Page-furniture cleaning: the seed article, furniture in other styles, and body text that must stay."""

from pathlib import Path

import pytest

from eventledger.ingest.clean import clean_text, is_byline, is_photo_credit, is_trailer

DATA = Path(__file__).parent / "data" / "ingest"


def reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_seed_article_furniture_removed_and_title_taken():
    raw = (DATA / "hasaka.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.title == "IS militia tries to free captured jihadists"
    gone = reasons(cleaned)
    assert gone["Goran Tomasevic / Reuters"] == "photo credit"
    assert gone["source site-111"] == "trailing source/copyright"
    caption = "The SDF militia circulated this photo on Friday, which allegedly shows captured IS fighters"
    assert caption not in cleaned.text  # both copies of the caption go
    assert sum(1 for r in cleaned.removed if r.text.startswith(caption)) == 2
    assert cleaned.text.startswith("The IS terrorist militia tried to free thousands")
    assert cleaned.text.endswith("but they still remain a threat.")
    # subheadings and every report paragraph stay
    kept_lines = ("A ticking time bomb", "The fight isn’t over yet", "The SDF fighters also caught 89")
    for kept in (*kept_lines, "Eleven Iraqi soldiers were killed"):
        assert kept in cleaned.text
    assert "\n\n\n" not in cleaned.text


def test_offsets_map_back_to_the_input():
    raw = (DATA / "hasaka.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    for needle in ("car bomb", "89 escapees", "Diyala province", "remain a threat"):
        start = cleaned.text.index(needle)
        original = cleaned.original_offset(start)
        assert raw[original : original + len(needle)] == needle


def test_wire_style_furniture():
    cleaned = clean_text((DATA / "wire_style.txt").read_text(encoding="utf-8"))
    gone = reasons(cleaned)
    assert cleaned.title == "Gunmen kill six at checkpoint in northern district"
    assert gone["By Amina Yusuf and Peter Lang, Staff Reporters"] == "byline"
    assert gone["Published: 14 March 2023 | 09:12 GMT"] == "dateline"
    assert cleaned.dateline == "Published: 14 March 2023 | 09:12 GMT"
    assert gone["Share  Tweet  Email"] == "share/read-more"
    assert gone["Photo: Musa Bello / AFP via Getty Images"] == "photo credit"
    assert gone["Advertisement"] == "repeated line"
    assert gone["READ MORE: Two villages emptied after raids"] == "share/read-more"
    assert gone["Reporting by Amina Yusuf; Editing by Peter Lang"] == "byline"
    assert "© 2023 Example Wire. All rights reserved." in gone
    assert "Tags: security, police" in gone
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Gunmen on motorbikes attacked a police checkpoint")
    assert paragraphs[2].startswith("Police spokesman Ibrahim Adamu said")


def test_markdown_style_furniture():
    cleaned = clean_text((DATA / "blog_style.md").read_text(encoding="utf-8"))
    gone = reasons(cleaned)
    assert cleaned.title == "Protesters clash with police in the capital"
    assert gone["![Protesters run from tear gas near the square](img/square.jpg)"] == "image"
    caption = "In this picture taken on Saturday, protesters run from tear gas near the square."
    assert gone[caption] == "caption"
    assert gone["---"] == "separator"
    assert gone["Also read: What is behind the fuel price protests?"] == "share/read-more"
    assert gone["Via: Example Daily"] == "trailing source/copyright"
    assert cleaned.text.split("\n\n") == [
        "Thousands of protesters clashed with riot police near the central square on Saturday, and police "
        "fired tear gas to disperse the crowd, witnesses said.",
        "The interior ministry said 40 people were arrested and 12 officers were injured.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Goran Tomasevic / Reuters",
        "REUTERS/Goran Tomasevic",
        "Photo: Delil Souleiman/AFP via Getty Images",
        "(Photo by John Moore/Getty Images)",
        "© Reuters",
        "Image credit: Anadolu Agency",
        "Hussein Malla / AP",
        "Foto: dpa",
    ],
)
def test_photo_credits(line):
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Syria / Iraq",  # a section heading with a slash, no person and no agency
        "Fighting spread to the north/east of the city on 21/01.",
        "The attack killed 11 soldiers and/or police officers, officials said.",
        "Reuters reported that 40 people were killed.",
    ],
)
def test_not_photo_credits(line):
    assert not is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    ["By Jane Roe", "BY JANE ROE AND JOHN DOE", "By Jane Roe, Reuters", "By Ahmed al-Khatib in Beirut"],
)
def test_bylines(line):
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, twelve people had died.",
        "By Friday the fighting had spread to the city",
        "From the north, the rebels advanced on the town",
    ],
)
def test_not_bylines(line):
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line", ["Sources said the talks had failed.", "Via the border crossing, aid arrived on Monday."]
)
def test_closing_sentences_are_not_source_lines(line):
    assert not is_trailer(line)


def test_body_text_that_resembles_furniture_is_kept():
    text = "\n\n".join(
        [
            "Clashes in the north",
            "By the end of the day, twelve people had died in the clashes, the health ministry said.",
            "Share prices on the local exchange fell sharply after the attack, traders said.",
            "Subscribers to the militia's channel were told to gather near the mosque.",
            "The governor said the curfew would stay in force.",
            "The governor said the curfew would stay in force.",  # repeated body line: kept once
            "Sources said the talks had failed.",
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Clashes in the north"
    for kept in ("By the end of the day", "Share prices", "Subscribers to", "Sources said the talks had"):
        assert kept in cleaned.text
    assert cleaned.text.count("The governor said the curfew would stay in force.") == 1
    assert [r.reason for r in cleaned.removed] == ["title", "repeated line"]


def test_first_line_sentence_is_not_a_title():
    cleaned = clean_text("Eleven soldiers were killed on Friday.\nThe governor said the attackers fled.")
    assert cleaned.title is None
    assert cleaned.text.startswith("Eleven soldiers")


def test_single_line_is_never_taken_as_title():
    cleaned = clean_text("Troops shell village")
    assert cleaned.title is None and cleaned.text == "Troops shell village"


def test_known_title_dropped_from_body():
    text = "Army post attacked\n\nMilitants attacked an army post."
    cleaned = clean_text(text, known_title="Army post attacked")
    assert cleaned.title == "Army post attacked"
    assert cleaned.text == "Militants attacked an army post."


def test_hard_wrapped_lines_stay_one_paragraph():
    cleaned = clean_text("Police said the attackers\nfled towards the forest\n\nA second paragraph.")
    assert cleaned.text == "Police said the attackers\nfled towards the forest\n\nA second paragraph."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("FILE - Fighters gather outside the prison in Hasaka, Syria, Jan. 20, 2022.", "caption"),
        ("In this Jan. 21 file photo, smoke rises over the city.", "caption"),
        ("Image caption, Protesters gathered outside the ministry", "caption"),
        ("Image source, Getty Images", "photo credit"),
        ("Photograph: Ahmad al-Rubaye/AFP", "photo credit"),
        ("Top: smoke rises over the square", "caption"),
    ],
)
def test_news_agency_captions_and_credits(line, reason):
    text = f"Clashes in the north\n\n{line}\n\nFighting continued in the city on Friday, residents said."
    assert reasons(clean_text(text)).get(line) == reason


def test_agency_trailers():
    text = "\n\n".join([
        "Troops shelled the village on Friday, killing four civilians, the monitor said.",
        "The army did not comment.",
        "Associated Press writer Jane Roe in Beirut contributed to this report.",
        "Copyright 2022 The Associated Press. All rights reserved. This material may not be published.",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ])
    cleaned = clean_text(text)
    assert cleaned.text.endswith("The army did not comment.")


def test_label_words_start_ordinary_sentences():
    text = "\n\n".join([
        "Top officials met in the capital on Friday to discuss the ceasefire.",
        "Above all, the talks aimed to reopen the road, a diplomat said.",
        "Right-wing groups protested outside the parliament.",
    ])
    assert clean_text(text, extract_title=False).text == text
