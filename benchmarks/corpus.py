"""A deterministic synthetic news corpus for speed and scale benchmarks (not for accuracy: no gold labels).

    python benchmarks/corpus.py --n 2000 --out benchmarks/out    # writes corpus.jsonl and corpus.rss

    from benchmarks.corpus import generate, to_articles
    articles = to_articles(generate(2000))

The incidents follow the kinds of report in the demo corpus (`src/eventledger/data/demo/reports.jsonl`): a car
bomb at a market and the follow-up on its death toll, an air raid on a village, a protest dispersed with tear gas,
a peaceful march, an assault repelled, shelling, a school abduction, arrests in a raid, a roadside bomb, a
massacre of villagers, and analysis pieces without an event. Each incident is reported one to three times by
different outlets (so deduplication has work to do), with varied actors, real towns in conflict-affected
countries, dates, numbers in digits or words with bounds ("at least"), sentence order, headline variants, and
non-event filler paragraphs (background, reactions, prices). A seeded `random.Random` makes the corpus identical
on every run.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

DEMO = Path(__file__).resolve().parents[1] / "src" / "eventledger" / "data" / "demo" / "reports.jsonl"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
START, END = date(2024, 1, 1), date(2026, 6, 30)  # publication dates: never in the future


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    army: str  # state forces as a newspaper names them
    police: str
    air: str  # who flies the warplanes
    groups: tuple[str, ...]  # non-state armed groups active there
    opponent: str | None  # the other side of a war between states, if any
    towns: tuple[tuple[str, str], ...]  # (town, admin1 as newspapers write it)
    capital: str


COUNTRIES = (
    Country("Somalia", "Somali", "Somali army", "Somali police", "Somali and allied aircraft", ("al-Shabaab",),
            None, (("Mogadishu", "Banadir"), ("Baidoa", "Bay region"), ("Kismayo", "Lower Juba"),
                   ("Beledweyne", "Hiraan"), ("Afgooye", "Lower Shabelle"), ("Jowhar", "Middle Shabelle")),
            "Mogadishu"),
    Country("Sudan", "Sudanese", "Sudanese army", "Sudanese police", "Sudanese army warplanes",
            ("the Rapid Support Forces", "RSF fighters"), None,
            (("El Fasher", "North Darfur"), ("Tawila", "North Darfur"), ("Nyala", "South Darfur"),
             ("El Geneina", "West Darfur"), ("Omdurman", "Khartoum state"), ("Wad Madani", "Gezira state"),
             ("Kadugli", "South Kordofan")), "Khartoum"),
    Country("Kenya", "Kenyan", "Kenya Defence Forces", "Kenyan police", "Kenyan military aircraft",
            ("al-Shabaab",), None, (("Nairobi", "Nairobi County"), ("Mombasa", "Mombasa County"),
                                    ("Kisumu", "Kisumu County"), ("Garissa", "Garissa County"),
                                    ("Mandera", "Mandera County")), "Nairobi"),
    Country("Ukraine", "Ukrainian", "Ukrainian forces", "Ukrainian police", "Russian aircraft",
            ("Russian troops",), "Russian forces",
            (("Kupiansk", "Kharkiv oblast"), ("Pokrovsk", "Donetsk oblast"), ("Kramatorsk", "Donetsk oblast"),
             ("Kherson", "Kherson oblast"), ("Zaporizhzhia", "Zaporizhzhia oblast"), ("Sumy", "Sumy oblast"),
             ("Chasiv Yar", "Donetsk oblast")), "Kyiv"),
    Country("Nigeria", "Nigerian", "Nigerian army", "Nigerian police", "Nigerian Air Force jets",
            ("Boko Haram", "Islamic State West Africa Province fighters", "armed bandits"), None,
            (("Kuriga", "Kaduna State"), ("Maiduguri", "Borno State"), ("Gusau", "Zamfara State"),
             ("Katsina", "Katsina State"), ("Jos", "Plateau State"), ("Bama", "Borno State")), "Abuja"),
    Country("Iraq", "Iraqi", "Iraqi security forces", "Iraqi police", "Iraqi military aircraft",
            ("Islamic State militants",), None,
            (("Kirkuk", "Kirkuk province"), ("Mosul", "Nineveh province"), ("Tikrit", "Salahuddin province"),
             ("Baqubah", "Diyala province"), ("Ramadi", "Anbar province")), "Baghdad"),
    Country("Burkina Faso", "Burkinabe", "Burkinabe army", "Burkinabe gendarmerie", "Burkinabe army drones",
            ("jihadists of JNIM", "fighters of the Islamic State Sahel Province"), None,
            (("Seytenga", "Seno province"), ("Djibo", "Soum province"), ("Kaya", "Sanmatenga province"),
             ("Dori", "Seno province"), ("Fada N'Gourma", "Gourma province")), "Ouagadougou"),
    Country("Mali", "Malian", "Malian army", "Malian police", "Malian army drones", ("JNIM militants",), None,
            (("Gao", "Gao region"), ("Mopti", "Mopti region"), ("Timbuktu", "Timbuktu region"),
             ("Menaka", "Menaka region")), "Bamako"),
    Country("Democratic Republic of Congo", "Congolese", "Congolese army", "Congolese police",
            "Congolese army helicopters", ("M23 rebels", "ADF militants"), None,
            (("Goma", "North Kivu"), ("Beni", "North Kivu"), ("Bunia", "Ituri province"),
             ("Butembo", "North Kivu")), "Kinshasa"),
    Country("Yemen", "Yemeni", "Yemeni government forces", "Yemeni police", "Saudi-led coalition aircraft",
            ("Houthi fighters",), None, (("Taiz", "Taiz governorate"), ("Marib", "Marib governorate"),
                                         ("Hodeidah", "Hodeidah governorate")), "Sanaa"),
    Country("Syria", "Syrian", "Syrian government forces", "Syrian police", "Syrian government aircraft",
            ("Islamic State militants", "fighters of the Syrian Democratic Forces"), None,
            (("Idlib", "Idlib governorate"), ("Deir ez-Zor", "Deir ez-Zor governorate"),
             ("Al-Hasakah", "Hasakah governorate"), ("Aleppo", "Aleppo governorate")), "Damascus"),
    Country("Myanmar", "Myanmar", "Myanmar military", "Myanmar police", "Myanmar military jets",
            ("fighters of the Arakan Army", "resistance fighters"), None,
            (("Lashio", "Shan State"), ("Myawaddy", "Kayin State"), ("Sittwe", "Rakhine State")), "Naypyitaw"),
    Country("Chile", "Chilean", "Chilean army", "Chilean police", "Chilean aircraft", (), None,
            (("Santiago", "Santiago Metropolitan Region"), ("Valparaiso", "Valparaiso region"),
             ("Concepcion", "Biobio region")), "Santiago"),
    Country("Pakistan", "Pakistani", "Pakistani army", "Pakistani police", "Pakistani military jets",
            ("Pakistani Taliban fighters",), None, (("Peshawar", "Khyber Pakhtunkhwa"),
                                                    ("Quetta", "Balochistan"), ("Bannu", "Khyber Pakhtunkhwa")),
            "Islamabad"),
    Country("Colombia", "Colombian", "Colombian army", "Colombian police", "Colombian air force planes",
            ("ELN guerrillas", "FARC dissidents"), None, (("Cucuta", "Norte de Santander"),
                                                          ("Tumaco", "Narino department"),
                                                          ("Popayan", "Cauca department")), "Bogota"),
)

OUTLETS = ("Horn Wire", "Somali Daily", "Regional Monitor", "Sahel Post", "Darfur Network", "East Africa Times",
           "Kenya Herald", "Frontline Report", "Eastern Europe Wire", "Kyiv Ledger", "Lagos Chronicle",
           "Abuja Observer", "Baghdad Today", "Mesopotamia News", "Andes Daily", "Ouaga Info", "Global Desk",
           "Conflict Watch Daily", "The Morning Courier", "Field Dispatch")

UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """English words for 0..99 (the corpus needs no more)."""
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (f"-{UNITS[unit]}" if unit else "")


# -- templates ------------------------------------------------------------------------------------------------------
# Slots: {town} {admin1} {country} {adj} {army} {police} {air} {group} {opponent} {day} (e.g. "on Monday")
# {n} {n2} (numbers written with bounds/words, chosen per report) {source} (who said it) {capital}.

KINDS: dict[str, dict[str, Any]] = {
    "car_bomb": {
        "needs": "group",
        "headlines": ("Car bomb kills {n_plain} at {town} market", "Blast hits market in {town}",
                      "Explosion at {town} market: {n_plain} dead", "{group_cap} claims {town} market bombing"),
        "leads": ("A car bomb exploded {day} near the entrance of the busy central market in {town}, killing {n} "
                  "people and wounding {n2} others, {source} said.",
                  "An explosion ripped through a market in {town} {day}, killing {n} people, {source} said.",
                  "{n_cap} people were killed {day} when a car packed with explosives blew up outside a market in "
                  "{town}, {admin1}, according to {source}."),
        "details": ("Witnesses said a parked car blew up close to shops selling clothes and phones.",
                    "A police officer told reporters the vehicle had been parked outside a row of shops and was "
                    "detonated remotely.",
                    "{group_cap} claimed responsibility for the attack in a statement on a website linked to the "
                    "group.",
                    "Hospital officials said dozens of wounded civilians were still being treated.",
                    "Residents said the number of dead was higher than the official figure."),
    },
    "toll_rise": {
        "needs": "group",
        "headlines": ("Death toll from {town} blast rises to {n_plain}", "{town} bombing toll climbs"),
        "leads": ("The death toll from the car bombing at a market in {town} has risen to {n}, {source} said "
                  "{day}.",
                  "At least {n_plain} people are now known to have died in the market bombing in {town}, "
                  "{source} said {day}."),
        "details": ("The government blamed {group} for the explosion.",
                    "A hospital director said several of the wounded were in a critical condition.",
                    "Funerals were held across the city."),
    },
    "air_strike": {
        "needs": "air",
        "headlines": ("Airstrike on {admin1} village kills civilians", "Residents bury dead after air raid on "
                      "{town}", "Air raid kills {n_plain} in {town}"),
        "leads": ("{air_cap} bombed the village of {town} in {admin1} {day}, killing {n} civilians, including "
                  "{n2} children, according to {source}.",
                  "Residents of {town} in {admin1} buried {n} people killed in an air raid by {air} {day}, "
                  "{source} said.",
                  "An air strike on a market in {town} killed {n} civilians {day}, {source} said."),
        "details": ("Residents said the aircraft dropped two barrels on the main market.",
                    "The {army} did not comment on the strike.",
                    "The military denied targeting civilians and said the strike hit a gathering of {group}.",
                    "Local activists published photographs of destroyed homes."),
    },
    "protest_dispersed": {
        "needs": None,
        "headlines": ("Police fire tear gas at {town} protesters", "Dozens detained as cost-of-living march is "
                      "broken up in {town}", "{n_plain} arrested at {town} protest"),
        "leads": ("Police in {town} fired tear gas {day} to disperse hundreds of protesters who had marched "
                  "towards parliament to demand lower food prices.",
                  "{police_cap} broke up a march against the rising cost of living in central {town} {day} with "
                  "tear gas and water cannon."),
        "details": ("Officers arrested {n} demonstrators, a police spokesman said.",
                    "Human rights groups said {n2} people were detained, more than the figure given by the police.",
                    "No injuries were reported.",
                    "Shops in the city centre closed early."),
    },
    "peaceful_protest": {
        "needs": None,
        "headlines": ("Thousands march peacefully in {town} for pension reform", "{town} rally ends calmly"),
        "leads": ("Thousands of people marched peacefully through central {town} {day} to demand pension reform.",
                  "Several thousand teachers rallied outside the regional government offices in {town} {day}, "
                  "calling for higher wages."),
        "details": ("Organisers said the rally ended without incident.",
                    "Police escorted the march and reported no arrests.",
                    "Union leaders said they would return next week if their demands were not met."),
    },
    "assault_repelled": {
        "needs": "opponent_or_group",
        "headlines": ("Heavy fighting near {town}", "Attack on {town} positions fails, army says",
                      "{army_cap} repel assault near {town}"),
        "leads": ("{army_cap} repelled an assault by {enemy} near {town} in {admin1} {day}, {source} said.",
                  "An attack by {enemy} on army positions near {town} in {admin1} was beaten back {day}, "
                  "{source} said."),
        "details": ("Fierce clashes lasted several hours.",
                    "{source_cap} said {n} attackers were killed in the battle.",
                    "The other side claimed its units had advanced.",
                    "Two soldiers were wounded, a military source said."),
    },
    "shelling": {
        "needs": "opponent_or_group",
        "headlines": ("Shelling damages homes in {town}", "{n_plain} civilians killed by shelling in {town}"),
        "leads": ("Artillery fired by {enemy} hit residential streets of {town} {day}, killing {n} civilians and "
                  "damaging a school, {source} said.",
                  "{enemy_cap} shelled {town} {day}, killing {n} civilians, {source} said."),
        "details": ("Separately, the military reported ground fighting on the outskirts of the town.",
                    "Emergency workers pulled {n2} injured people from the rubble.",
                    "Power was cut to several districts."),
    },
    "abduction": {
        "needs": "group",
        "headlines": ("Gunmen abduct {n_plain} students in {admin1}", "{town} school raid: {n_plain} pupils "
                      "kidnapped"),
        "leads": ("Gunmen stormed a secondary school in {town}, {admin1}, {day} and abducted {n} students, "
                  "{source} said.",
                  "Armed men kidnapped {n} pupils from a school in {town}, {admin1}, {day}, parents and "
                  "officials said."),
        "details": ("Police said a manhunt was under way.", "No group has claimed the kidnapping.",
                    "A teacher said the attackers arrived on motorcycles and fired into the air."),
    },
    "arrests": {
        "needs": "group",
        "headlines": ("Security forces arrest {n_plain} suspects in {town}", "Raid in {town} nets {n_plain} "
                      "suspects"),
        "leads": ("{army_cap} arrested {n} suspected members of {group} in a raid in {town} {day}, {source} said.",
                  "{n_cap} suspected militants were detained in {town} {day} during a security operation, "
                  "{source} said."),
        "details": ("Weapons and explosives were seized.", "The suspects were taken to {capital} for "
                    "questioning."),
    },
    "roadside_bomb": {
        "needs": None,
        "headlines": ("Roadside bomb wounds soldiers near {town}", "Army patrol hit by bomb near {town}"),
        "leads": ("A roadside bomb struck an army patrol south of {town} {day}, wounding {n} soldiers, "
                  "{source} said.",
                  "{n_cap} soldiers were wounded when their vehicle hit a roadside bomb near {town} {day}, "
                  "{source} said."),
        "details": ("No group claimed the attack.", "The wounded were taken to a military hospital."),
    },
    "massacre": {
        "needs": "group",
        "headlines": ("Dozens of villagers killed in attack in {admin1}", "{town} massacre: {n_plain} dead"),
        "leads": ("Gunmen killed {n} villagers in an attack on the village of {town} in {admin1} {day}, "
                  "{source} said.",
                  "{n_cap} civilians were killed in {town} {day}, {source} said."),
        "details": ("Residents blamed {group}, who have been active in the area.",
                    "The government said {group} carried out the killings.",
                    "Survivors fled to the nearest town."),
    },
}
NEEDS_OK = {
    "group": lambda c: bool(c.groups),
    "air": lambda c: True,
    "opponent_or_group": lambda c: bool(c.opponent or c.groups),
    None: lambda c: True,
}
SOURCES = ("police", "a local official", "the regional governor", "hospital officials", "local activists",
           "a military spokesman", "the interior ministry", "witnesses", "local sources", "the state government",
           "a security source", "an emergency committee")
FILLER = (
    "The region has seen repeated violence since {year}, and aid groups say access to the worst-hit areas "
    "remains difficult.",
    "Prices of bread and fuel have risen sharply in {country} this year, and many families say they can no "
    "longer afford two meals a day.",
    "The United Nations has called on all parties to respect international humanitarian law and to protect "
    "civilians.",
    "Analysts say the armed groups exploit local grievances over land and water.",
    "More than {big} people have fled their homes in {admin1}, according to aid agencies.",
    "Schools in {town} reopened last month after a long closure.",
    "The {adj} parliament is due to debate the budget next week.",
    "Mobile phone networks in parts of {admin1} have been cut for weeks, making it hard to verify reports.",
    "Journalists are rarely allowed to travel to the area.",
    "Farmers in the surrounding villages say they have not been able to plant for two seasons.",
    "A spokesman for the World Food Programme said convoys carrying grain had been held up at checkpoints for "
    "several days, and that stocks in the warehouses of {capital} would last only until the end of the month.",
    "Officials in {capital} announced a new round of talks with community leaders, but similar meetings in the "
    "past have produced few results on the ground.",
    "The health ministry said it was sending additional medical teams and supplies to hospitals in {admin1}, "
    "where staff have complained of shortages of blood and painkillers.",
    "Opposition politicians accused the government of failing to protect civilians and demanded an inquiry.",
    "Displaced families living in camps outside {town} say they depend on food handouts and have little access "
    "to clean water or health care.",
    "The currency has lost more than half of its value against the dollar since {year}, pushing up the cost of "
    "imported medicine.",
    "Human rights groups have documented hundreds of cases of arbitrary detention in {admin1} over the past "
    "two years, most of which have never been investigated.",
    "Traders at the central market in {town} said business had fallen by half, as customers stay at home after "
    "dark.",
    "Roads between {town} and {capital} are often closed, and travellers must pay at informal checkpoints.",
    "This report was updated with comments from residents.",
    "The European Union said in a statement that it was following the situation closely and urged restraint.",
    "Local radio stations broadcast appeals for blood donors throughout the day.",
)
ANALYSIS = (
    "Since {year}, thousands of people have been killed in attacks across {country}.",
    "Analysts say the armed groups exploit local grievances, and that more than {big} people have fled their homes.",
    "The government says its new strategy will restore security by the end of the year.",
    "Diplomats in {capital} say talks between the parties have stalled.",
)


def incident_numbers(rng: random.Random, kind: str) -> tuple[int, int]:
    low, high = {"peaceful_protest": (0, 0), "protest_dispersed": (5, 60), "arrests": (2, 15),
                 "roadside_bomb": (1, 6), "abduction": (5, 90)}.get(kind, (2, 45))
    n = rng.randint(low, high)
    return n, max(1, rng.randint(n // 3, n + 20))


def written(rng: random.Random, n: int) -> str:
    word = number_words(n) if n < 100 and rng.random() < 0.35 else str(n)
    bound = rng.random()
    if bound < 0.25:
        return f"at least {word}"
    if bound < 0.32:
        return f"more than {word}"
    if bound < 0.38 and n > 10:
        return f"about {word}"
    return word


def day_phrase(rng: random.Random, event: date, published: date) -> str:
    lag = (published - event).days
    if lag == 0:
        return rng.choice(("on " + WEEKDAYS[event.weekday()], "today", "early on " + WEEKDAYS[event.weekday()]))
    if lag == 1 and rng.random() < 0.4:
        return rng.choice(("yesterday", "late yesterday"))
    if rng.random() < 0.15:
        return f"on {event.day} {event.strftime('%B')}"
    return "on " + WEEKDAYS[event.weekday()] + rng.choice(("", "", " night", " morning"))


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence_start(number: str, n: int) -> str:
    """Newspapers do not start a sentence with digits."""
    if not number[0].isdigit():
        return cap(number)
    return number_words(n).capitalize() if n < 100 else f"A total of {number}"


def fill(template: str, slots: dict[str, str]) -> str:
    return cap(template.format(**slots))


def demo_outlets() -> tuple[str, ...]:
    """Outlet names of the demo corpus, so the synthetic reports look like the ones it was modelled on."""
    if not DEMO.exists():
        return ()
    names = {json.loads(line).get("outlet") for line in DEMO.read_text(encoding="utf-8").splitlines() if line}
    return tuple(sorted(n for n in names if n))


def generate(n: int = 2000, seed: int = 7) -> list[dict[str, Any]]:
    """`n` articles as dicts (title, text, published, outlet, url, incident), identical for the same seed."""
    rng = random.Random(seed)
    outlets = tuple(sorted(set(OUTLETS) | set(demo_outlets())))
    articles: list[dict[str, Any]] = []
    seen: set[str] = set()
    incident = 0
    span = (END - START).days
    while len(articles) < n:
        incident += 1
        if rng.random() < 0.05:  # an analysis piece: no event at all
            kind = "analysis"
            country = rng.choice(COUNTRIES)
        else:
            kind = rng.choice(tuple(KINDS))
            country = rng.choice([c for c in COUNTRIES if NEEDS_OK[KINDS[kind]["needs"]](c)])
        town, admin1 = rng.choice(country.towns)
        event_day = START + timedelta(days=rng.randint(0, span - 3))
        n1, n2 = incident_numbers(rng, kind)
        group = rng.choice(country.groups) if country.groups else "armed men"
        enemy = country.opponent or group
        reports = 1 if kind == "analysis" else rng.choice((1, 1, 2, 2, 3))
        for report in range(reports):
            if len(articles) >= n:
                break
            published = event_day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
            source = rng.choice(SOURCES)
            slots = {
                "town": town, "admin1": admin1, "country": country.name, "adj": country.adjective,
                "army": country.army, "army_cap": cap(country.army), "police": country.police,
                "police_cap": cap(country.police), "air": country.air, "air_cap": cap(country.air),
                "group": group, "group_cap": cap(group), "enemy": enemy, "enemy_cap": cap(enemy),
                "capital": country.capital, "source": source, "source_cap": cap(source),
                "day": day_phrase(rng, event_day, published), "n": written(rng, n1), "n2": written(rng, n2),
                "n_plain": str(n1), "year": str(rng.randint(2012, 2021)), "big": f"{rng.randint(2, 900)},000",
            }
            slots["n_cap"] = sentence_start(slots["n"], n1)
            if kind == "analysis":
                title = fill(rng.choice(("Analysis: why {country} keeps burning", "Explainer: the war in {admin1}",
                                         "Comment: what next for {country}?")), slots)
                body = [fill(s, slots) for s in rng.sample(ANALYSIS, k=rng.randint(2, len(ANALYSIS)))]
                paragraphs = [" ".join(body[:2]), *body[2:]]
            else:
                spec = KINDS[kind]
                title = fill(rng.choice(spec["headlines"]), slots)
                lead = fill(rng.choice(spec["leads"]), slots)
                details = [fill(d, slots) for d in rng.sample(spec["details"], k=rng.randint(1, len(spec["details"])))]
                if rng.random() < 0.2:  # the attribution-first style: a detail before the lead
                    paragraphs = [details[0], lead, " ".join(details[1:])]
                else:
                    paragraphs = [lead, " ".join(details)]
                paragraphs = [p for p in paragraphs if p]
            fillers = [fill(f, slots) for f in rng.sample(FILLER, k=rng.randint(1, 9))]
            while fillers:  # background paragraphs of one to three sentences, after the lead
                size = rng.randint(1, 3)
                paragraphs.insert(rng.randint(1, len(paragraphs)), " ".join(fillers[:size]))
                fillers = fillers[size:]
            text = "\n\n".join(paragraphs)
            if text in seen:
                continue
            seen.add(text)
            outlet = rng.choice(outlets)
            articles.append({
                "title": title, "text": text, "published": published.isoformat(), "outlet": outlet,
                "url": f"https://news.example.org/{outlet.lower().replace(' ', '-')}/{incident}-{report}",
                "incident": incident,
            })
    return articles


def to_articles(items: list[dict[str, Any]]) -> list[Any]:
    """The generated dicts as `eventledger.models.Article`s (the text is clean already: no reader needed)."""
    from eventledger.models import Article

    return [Article(text=i["text"], title=i["title"], url=i["url"], outlet=i["outlet"],
                    published=date.fromisoformat(i["published"]), origin=i["url"]) for i in items]


def write_jsonl(items: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            record = {k: item[k] for k in ("title", "text", "published", "outlet", "url")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_rss(items: list[dict[str, Any]], path: Path, title: str = "Synthetic conflict news") -> Path:
    """An RSS 2.0 feed, one <item> per article (full text as <description>, paragraphs as <p>)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n')
        out.write(f"<title>{escape(title)}</title>\n<link>https://news.example.org/</link>\n"
                  "<description>Generated by benchmarks/corpus.py</description>\n")
        for item in items:
            day = date.fromisoformat(item["published"])
            pub = format_datetime(datetime.combine(day, dtime(12, 0), tzinfo=UTC))
            html = "".join(f"<p>{escape(p)}</p>" for p in item["text"].split("\n\n"))
            out.write(f"<item><title>{escape(item['title'])}</title><link>{escape(item['url'])}</link>"
                      f"<guid>{escape(item['url'])}</guid><pubDate>{pub}</pubDate>"
                      f"<description>{escape(html)}</description></item>\n")
        out.write("</channel>\n</rss>\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the synthetic benchmark corpus as JSONL and RSS.")
    parser.add_argument("--n", type=int, default=2000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    items = generate(args.n, args.seed)
    words = sum(len(i["text"].split()) for i in items)
    jsonl = write_jsonl(items, args.out / "corpus.jsonl")
    rss = write_rss(items, args.out / "corpus.rss")
    incidents = len({i["incident"] for i in items})
    print(f"{len(items)} articles ({incidents} incidents, {words / len(items):.0f} words per article) -> {jsonl}, "
          f"{rss}")


if __name__ == "__main__":
    main()
