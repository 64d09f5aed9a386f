"""Actor normalisation: the words a report uses for who acted ("IS fighters", "Iraqi soldiers", "gunmen") to an
ACLED-style actor name and its ACLED 'inter' code (1 state forces ... 8 external forces).

Named groups are matched first (aliases, case-sensitive for short acronyms such as "IS"); otherwise the head noun
says what kind of actor it is and the name is a template localised later with the event's country
("Military Forces of {country}", "Civilians ({country})"). A nationality adjective in the mention ("Iraqi
soldiers") fixes the country at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventledger.models import Actor, Evidence

COUNTRY = "{country}"


@dataclass(frozen=True)
class KnownActor:
    name: str
    inter: int
    aliases: tuple[str, ...]  # lower-case phrases
    acronyms: tuple[str, ...] = ()  # matched case-sensitively as whole words
    country: str | None = None  # ISO alpha-2 of a state actor
    kinds: frozenset[str] = frozenset()  # what kind of group it is, for descriptors ("the jihadists"): see DESCRIPTORS


# What kind of group a named group is, for the descriptors an article uses for it once named ("the jihadists",
# "the rebels", "the militants"): every non-state armed group is "armed"; "jihadist" and "rebel" say more.
_ARMED = frozenset({"armed"})
_JIHADIST = frozenset({"armed", "jihadist"})
_REBEL = frozenset({"armed", "rebel"})
_JIHADIST_REBEL = _JIHADIST | _REBEL

# ACLED-style names of frequently reported organised armed groups and forces.
KNOWN_ACTORS: tuple[KnownActor, ...] = (
    KnownActor("Islamic State", 2, ("islamic state", "isis", "isil", "daesh", "da'esh", "islamic state group"),
               ("IS", "ISIS", "ISIL"), kinds=_JIHADIST),
    KnownActor("Islamic State (West Africa)", 2, ("islamic state west africa", "iswap"), ("ISWAP",), kinds=_JIHADIST),
    KnownActor("Islamic State (Sahel)", 2, ("islamic state sahel", "islamic state in the sahel",
                                           "islamic state sahel province", "islamic state in the greater sahara"),
               ("ISGS", "ISSP"), kinds=_JIHADIST),
    KnownActor("Al Shabaab", 2, ("al-shabaab", "al shabaab", "al-shabab", "al shabab", "shabaab", "shabab"),
               kinds=_JIHADIST),
    KnownActor("Al Qaeda", 2, ("al-qaeda", "al qaeda", "al-qaida", "al qaida"), ("AQ",), kinds=_JIHADIST),
    KnownActor("AQAP: Al Qaeda in the Arabian Peninsula", 2, ("al-qaeda in the arabian peninsula",), ("AQAP",),
               kinds=_JIHADIST),
    KnownActor("JNIM: Group for Support of Islam and Muslims", 2,
               ("group for support of islam and muslims", "jama'at nasr al-islam wal muslimin",
                "jama'at nusrat al-islam wal-muslimin", "jamaat nusrat al-islam wal-muslimin", "katiba macina"),
               ("JNIM",), kinds=_JIHADIST),
    KnownActor("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, ("boko haram",), ("JAS",),
               kinds=_JIHADIST),
    KnownActor("Taliban", 2, ("taliban",), kinds=_JIHADIST),
    KnownActor("TTP: Tehreek-i-Taliban Pakistan", 2, ("tehreek-i-taliban", "pakistani taliban", "tehrik-i-taliban",
                                                     "tehreek-e-taliban", "tehrik-e-taliban"), ("TTP",),
               kinds=_JIHADIST),
    # the armed wing is named as the movement
    KnownActor("Hamas Movement", 2, ("hamas", "qassam brigades", "al-qassam brigades", "izz al-din al-qassam",
                                     "izz ad-din al-qassam", "ezzedine al-qassam", "ezz al-din al-qassam"),
               kinds=_ARMED),
    KnownActor("Hezbollah", 2, ("hezbollah", "hizbollah", "hizballah", "hizbullah"), kinds=_ARMED),
    KnownActor("Houthi Movement", 2, ("houthi", "houthis", "ansar allah"), kinds=_REBEL),
    KnownActor("SDF: Syrian Democratic Forces", 2, ("syrian democratic forces", "kurdish-arab sdf"), ("SDF",),
               kinds=_REBEL),
    KnownActor("YPG: People's Protection Units", 2, ("people's protection units",), ("YPG",), kinds=_REBEL),
    KnownActor("PKK: Kurdistan Workers Party", 2, ("kurdistan workers party", "kurdistan workers' party"), ("PKK",),
               kinds=_REBEL),
    KnownActor("HTS: Hayat Tahrir al Sham", 2, ("hayat tahrir al-sham", "hayat tahrir al sham", "tahrir al-sham"),
               ("HTS",), kinds=_JIHADIST_REBEL),
    KnownActor("ADF: Allied Democratic Forces", 2, ("allied democratic forces",), ("ADF",), kinds=_JIHADIST_REBEL),
    KnownActor("M23: March 23 Movement", 2, ("march 23 movement",), ("M23",), kinds=_REBEL),
    # Sudanese reports call the RSF and its allied Arab militias by the older name
    KnownActor("RSF: Rapid Support Forces", 2, ("rapid support forces", "rapid support force", "janjaweed"),
               ("RSF",), kinds=_ARMED),
    KnownActor("Military Forces of Sudan", 1, ("sudanese armed forces", "sudan armed forces"), ("SAF",), "SD"),
    # Criminal groups in political violence; their names hold places that are not where they act ('Sinaloa').
    KnownActor("MS-13: Mara Salvatrucha", 3, ("mara salvatrucha",), ("MS-13", "MS13"), kinds=_ARMED),
    KnownActor("Barrio 18", 3, ("barrio 18", "barrio 18th street", "18th street gang", "calle 18"), kinds=_ARMED),
    KnownActor("Sinaloa Cartel", 3, ("sinaloa cartel",), kinds=_ARMED),
    KnownActor("CJNG: Jalisco New Generation Cartel", 3, ("jalisco new generation cartel", "jalisco cartel"),
               ("CJNG",), kinds=_ARMED),
    KnownActor("Wagner Group", 8, ("wagner group", "wagner mercenaries", "wagner")),
    KnownActor("ELN: National Liberation Army", 2, ("national liberation army", "ejército de liberación nacional"),
               ("ELN",), kinds=_REBEL),
    KnownActor("Baloch Liberation Army", 2, ("baloch liberation army",), ("BLA",), kinds=_REBEL),
    KnownActor("Fano Militia", 4, ("fano",), kinds=_ARMED),
    KnownActor("Ambazonian Separatists", 2, ("ambazonian", "amba boys", "ambazonia defence forces",
                                            "ambazonia defense forces", "ambazonia restoration forces"),
               kinds=_REBEL),
    KnownActor("NDF: National Defence Forces", 3, ("national defence forces", "national defense forces"), ("NDF",),
               kinds=_ARMED),
    KnownActor("Popular Mobilization Forces", 1, ("popular mobilization forces", "popular mobilisation forces",
                                                 "hashd al-shaabi"), ("PMF",), "IQ"),
    # Central Africa and the Great Lakes
    KnownActor("Military Forces of Democratic Republic of the Congo", 1,
               ("fardc", "armed forces of the democratic republic of the congo"), ("FARDC",), "CD"),
    KnownActor("CODECO: Cooperative for Development of Congo", 3, ("codeco", "cooperative for the development of congo",
                                                                   "cooperative for development of congo"),
               ("CODECO",), kinds=_ARMED),
    KnownActor("FDLR: Democratic Forces for the Liberation of Rwanda", 2,
               ("democratic forces for the liberation of rwanda",), ("FDLR",), kinds=_REBEL),
    KnownActor("Islamic State (Central Africa)", 2, ("islamic state central africa province",
                                                   "islamic state central africa",
                                                   "islamic state's central africa province",
                                                   "islamic state in central africa"), ("ISCAP",), kinds=_JIHADIST),
    KnownActor("3R: Return, Reclamation, Rehabilitation", 2, ("return, reclamation and rehabilitation",
                                                             "return, reclamation, rehabilitation"), ("3R",),
               kinds=_REBEL),
    KnownActor("UPC: Union for Peace in the Central African Republic", 2,
               ("union for peace in the central african republic",), kinds=_REBEL),
    KnownActor("CPC: Coalition of Patriots for Change", 2, ("coalition of patriots for change",
                                                           "coalition des patriotes pour le changement"),
               kinds=_REBEL),
    KnownActor("Anti-Balaka", 4, ("anti-balaka", "anti balaka"), kinds=_ARMED),
    KnownActor("Military Forces of Central African Republic", 1, ("central african armed forces",), ("FACA",), "CF"),
    KnownActor("Military Forces of Uganda", 1, ("uganda people's defence force", "uganda people's defence forces",
                                               "uganda peoples defence forces", "uganda people's defense force"),
               ("UPDF",), "UG"),
    KnownActor("Military Forces of Cameroon", 1, ("rapid intervention battalion", "bataillon d'intervention rapide"),
               ("BIR",), "CM"),
    # Horn of Africa, Sudan and South Sudan, East Africa, Mozambique
    KnownActor("Military Forces of Somalia", 1, ("somali national army", "somali armed forces", "danab brigade",
                                                "danab"), country="SO"),
    KnownActor("Military Forces of Puntland", 1, ("puntland forces", "puntland security forces",
                                                 "puntland security force", "puntland dervish force"), country="SO"),
    KnownActor("Military Forces of Jubaland", 1, ("jubaland forces", "jubaland security forces"), country="SO"),
    KnownActor("AMISOM: African Union Mission in Somalia", 8, ("african union mission in somalia",), ("AMISOM",)),
    KnownActor("ATMIS: African Union Transition Mission in Somalia", 8,
               ("african union transition mission in somalia",), ("ATMIS",)),
    KnownActor("AUSSOM: African Union Support and Stabilization Mission in Somalia", 8,
               ("african union support and stabilization mission in somalia",), ("AUSSOM",)),
    KnownActor("Military Forces of Kenya", 1, ("kenya defence forces", "kenya defense forces"), ("KDF",), "KE"),
    KnownActor("Military Forces of Ethiopia", 1, ("ethiopian national defense force",
                                                 "ethiopian national defence force",
                                                 "ethiopian national defense forces",
                                                 "ethiopian national defence forces"), ("ENDF",), "ET"),
    KnownActor("TPLF: Tigray People's Liberation Front", 2, ("tigray people's liberation front",
                                                            "tigray peoples liberation front", "tigray defense forces",
                                                            "tigray defence forces"), ("TPLF",), kinds=_REBEL),
    KnownActor("OLA: Oromo Liberation Army", 2, ("oromo liberation army",), ("OLA",), kinds=_REBEL),
    KnownActor("SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition", 2,
               ("sudan people's liberation movement-in opposition", "sudan people's liberation army-in opposition",
                "splm-io", "spla-io"), ("SPLM-IO", "SPLA-IO", "SPLM/A-IO"), kinds=_REBEL),
    KnownActor("SPLM-N: Sudan People's Liberation Movement-North", 2, ("sudan people's liberation movement-north",
                                                                       "splm-n"), ("SPLM-N",), kinds=_REBEL),
    KnownActor("Military Forces of South Sudan", 1, ("south sudan people's defence forces",
                                                    "south sudan people's defense forces",
                                                    "south sudan people's defence force"), ("SSPDF",), "SS"),
    KnownActor("UNMISS: United Nations Mission in South Sudan", 8, ("united nations mission in south sudan",),
               ("UNMISS",)),
    KnownActor("Islamic State (Mozambique)", 2, ("islamic state mozambique province", "islamic state mozambique",
                                               "islamic state in mozambique", "ansar al-sunna", "ansar al-sunnah"),
               kinds=_JIHADIST),
    KnownActor("Military Forces of Mozambique", 1, ("mozambique defence armed forces",
                                                   "mozambican defence armed forces"), ("FADM",), "MZ"),
    # West Africa, the Sahel and North Africa
    KnownActor("Military Forces of Mali", 1, ("malian armed forces",), ("FAMa",), "ML"),
    KnownActor("VDP: Volunteers for the Defense of the Homeland", 3,
               ("volunteers for the defense of the homeland", "volunteers for the defence of the homeland",
                "volontaires pour la défense de la patrie"), ("VDP",), kinds=_ARMED),
    KnownActor("Dan Na Ambassagou", 4, ("dan na ambassagou", "dan na amassagou"), kinds=_ARMED),
    KnownActor("FLA: Azawad Liberation Front", 2, ("azawad liberation front", "front de libération de l'azawad"),
               ("FLA",), kinds=_REBEL),
    KnownActor("Ansaru", 2, ("ansaru", "jama'atu ansarul muslimina fi biladis sudan"), kinds=_JIHADIST),
    KnownActor("Civilian JTF", 3, ("civilian joint task force", "civilian jtf"), kinds=_ARMED),
    KnownActor("IPOB: Indigenous People of Biafra", 3, ("indigenous people of biafra", "eastern security network"),
               ("IPOB",), kinds=_REBEL),
    KnownActor("Polisario Front", 2, ("polisario front", "polisario"), kinds=_REBEL),
    # Middle East
    KnownActor("Military Forces of Israel", 1, ("israel defense forces", "israel defence forces",
                                               "israeli defense forces", "israeli defence forces"), ("IDF",), "IL"),
    KnownActor("PIJ: Palestinian Islamic Jihad", 2, ("palestinian islamic jihad", "islamic jihad", "al-quds brigades",
                                                    "saraya al-quds"), ("PIJ",), kinds=_ARMED),
    KnownActor("Al Aqsa Martyrs Brigade", 2, ("al-aqsa martyrs brigades", "al-aqsa martyrs' brigades",
                                             "al aqsa martyrs brigades", "al-aqsa martyrs brigade"), kinds=_ARMED),
    KnownActor("UNIFIL: United Nations Interim Force in Lebanon", 8, ("united nations interim force in lebanon",),
               ("UNIFIL",)),
    KnownActor("SNA: Syrian National Army", 2, ("syrian national army",), kinds=_REBEL),
    KnownActor("Kataib Hezbollah", 3, ("kata'ib hezbollah", "kataib hezbollah", "kataib hizbollah",
                                      "kata'ib hizballah", "hezbollah brigades"), kinds=_ARMED),
    KnownActor("Islamic Resistance in Iraq", 3, ("islamic resistance in iraq",), kinds=_ARMED),
    KnownActor("Military Forces of Iran", 1, ("islamic revolutionary guard corps", "revolutionary guard corps",
                                             "revolutionary guards", "quds force"), ("IRGC",), "IR"),
    KnownActor("STC: Southern Transitional Council", 3, ("southern transitional council",), kinds=_ARMED),
    # South and Central Asia
    KnownActor("Islamic State (Khorasan)", 2, ("islamic state khorasan province", "islamic state khorasan",
                                             "islamic state-khorasan", "islamic state in khorasan"),
               ("ISKP", "ISIS-K", "IS-K"), kinds=_JIHADIST),
    KnownActor("BLF: Baloch Liberation Front", 2, ("baloch liberation front",), ("BLF",), kinds=_REBEL),
    KnownActor("LeT: Lashkar-e-Taiba", 2, ("lashkar-e-taiba", "lashkar-e-toiba", "lashkar-e-tayyiba",
                                          "lashkar e taiba"), ("LeT",), kinds=_JIHADIST),
    KnownActor("JeM: Jaish-e-Mohammed", 2, ("jaish-e-mohammed", "jaish-e-mohammad", "jaish-e-muhammad",
                                           "jaish e mohammed"), ("JeM",), kinds=_JIHADIST),
    KnownActor("Hizbul Mujahideen", 2, ("hizbul mujahideen", "hizb-ul-mujahideen"), kinds=_JIHADIST),
    KnownActor("CPI (Maoist): Communist Party of India (Maoist)", 2,
               ("communist party of india (maoist)", "communist party of india-maoist", "cpi (maoist)", "cpi(maoist)",
                "cpi-maoist", "naxal", "naxals", "naxalite", "naxalites"), kinds=_REBEL),
    KnownActor("Police Forces of India", 1, ("central reserve police force", "district reserve guard"), ("CRPF",),
               "IN"),
    KnownActor("Military Forces of India", 1, ("indian border security force", "india's border security force"),
               ("BSF",), "IN"),
    # Myanmar and the Philippines
    KnownActor("Military Forces of Myanmar", 1, ("tatmadaw", "sit-tat", "myanmar armed forces"), country="MM"),
    KnownActor("AA: Arakan Army", 2, ("arakan army",), kinds=_REBEL),
    KnownActor("PDF: People's Defense Force", 2, ("people's defence force", "people's defense force",
                                                 "people's defence forces", "people's defense forces",
                                                 "peoples defence force"), kinds=_REBEL),
    KnownActor("KNLA: Karen National Liberation Army", 2, ("karen national liberation army", "karen national union"),
               ("KNLA", "KNU"), kinds=_REBEL),
    KnownActor("KIA: Kachin Independence Army", 2, ("kachin independence army",), kinds=_REBEL),
    KnownActor("TNLA: Ta'ang National Liberation Army", 2, ("ta'ang national liberation army",
                                                           "taang national liberation army"), ("TNLA",), kinds=_REBEL),
    KnownActor("MNDAA: Myanmar National Democratic Alliance Army", 2,
               ("myanmar national democratic alliance army",), ("MNDAA",), kinds=_REBEL),
    KnownActor("NPA: New People's Army", 2, ("new people's army",), kinds=_REBEL),
    KnownActor("TPNPB: West Papua National Liberation Army", 2,
               ("west papua national liberation army", "free papua movement"), ("TPNPB", "OPM", "TPNPB-OPM"),
               kinds=_REBEL),
    KnownActor("Abu Sayyaf Group", 2, ("abu sayyaf",), kinds=_JIHADIST),
    KnownActor("Military Forces of Philippines", 1, ("armed forces of the philippines",), country="PH"),
    # Europe
    KnownActor("Military Forces of Russia", 1, ("russian armed forces", "armed forces of the russian federation",
                                               "africa corps"), country="RU"),
    KnownActor("Military Forces of Ukraine", 1, ("ukrainian armed forces", "armed forces of ukraine"), ("AFU",), "UA"),
    # Latin America and the Caribbean
    KnownActor("AGC: Gaitanista Self-Defense Forces of Colombia", 3,
               ("gulf clan", "clan del golfo", "gaitanista self-defense forces", "gaitanista self-defence forces",
                "autodefensas gaitanistas de colombia", "gaitanista army of colombia"), ("AGC", "EGC"), kinds=_ARMED),
    KnownActor("FARC Dissidents", 2, ("farc dissidents", "farc dissident", "central general staff",
                                     "estado mayor central"), ("FARC-EMC",), kinds=_REBEL),
    KnownActor("Segunda Marquetalia", 2, ("segunda marquetalia", "second marquetalia"), kinds=_REBEL),
    KnownActor("Comandos de la Frontera", 3, ("comandos de la frontera", "border commandos"), kinds=_ARMED),
    KnownActor("Viv Ansanm", 3, ("viv ansanm",), kinds=_ARMED),
    KnownActor("Police Forces of Haiti", 1, ("haitian national police", "police nationale d'haïti"), ("PNH",), "HT"),
    KnownActor("Los Choneros", 3, ("los choneros",), kinds=_ARMED),
    KnownActor("Los Lobos", 3, ("los lobos",), kinds=_ARMED),
    KnownActor("Los Tiguerones", 3, ("los tiguerones",), kinds=_ARMED),
    KnownActor("Gulf Cartel", 3, ("gulf cartel", "cartel del golfo"), kinds=_ARMED),
    KnownActor("Tren de Aragua", 3, ("tren de aragua",), kinds=_ARMED),
    KnownActor("La Familia Michoacana", 3, ("la familia michoacana", "familia michoacana"), kinds=_ARMED),
    KnownActor("Carteles Unidos", 3, ("carteles unidos", "carteles unidos cartel"), kinds=_ARMED),
    KnownActor("Cartel del Noreste", 3, ("cartel del noreste", "northeast cartel"), ("CDN",), kinds=_ARMED),
    KnownActor("Gran Grif", 3, ("gran grif", "grand grif"), kinds=_ARMED),
    KnownActor("400 Mawozo", 3, ("400 mawozo",), kinds=_ARMED),
    # More groups widely reported in Africa, the Middle East and Asia
    KnownActor("Imbonerakure", 3, ("imbonerakure",), kinds=_ARMED),
    KnownActor("RED-Tabara", 2, ("red-tabara", "red tabara", "resistance for the rule of law in burundi"),
               kinds=_REBEL),
    KnownActor("MFDC: Movement of Democratic Forces of Casamance", 2,
               ("movement of democratic forces of casamance", "mouvement des forces démocratiques de casamance"),
               ("MFDC",), kinds=_REBEL),
    KnownActor("Lakurawa", 2, ("lakurawa",), kinds=_JIHADIST),
    KnownActor("Ansarul Islam", 2, ("ansarul islam", "ansar ul islam"), kinds=_JIHADIST),
    KnownActor("Wazalendo", 3, ("wazalendo",), kinds=_ARMED),
    KnownActor("Twirwaneho", 4, ("twirwaneho",), kinds=_ARMED),
    KnownActor("Ma'awisley", 4, ("ma'awisley", "macawisley"), kinds=_ARMED),
    KnownActor("Jaish al-Adl", 2, ("jaish al-adl", "jaish al adl", "jaish ul-adl", "army of justice"), kinds=_JIHADIST),
    KnownActor("PJAK: Kurdistan Free Life Party", 2, ("kurdistan free life party",), ("PJAK",), kinds=_REBEL),
    KnownActor("Hurras al-Din", 2, ("hurras al-din", "hurras al din", "guardians of religion"), kinds=_JIHADIST),
    KnownActor("Lashkar-e-Jhangvi", 2, ("lashkar-e-jhangvi", "lashkar e jhangvi"), ("LeJ",), kinds=_JIHADIST),
    KnownActor("ULFA-I: United Liberation Front of Asom-Independent", 2,
               ("united liberation front of asom", "united liberation front of assam"), ("ULFA", "ULFA-I"),
               kinds=_REBEL),
    KnownActor("NSCN: National Socialist Council of Nagaland", 2, ("national socialist council of nagaland",),
               ("NSCN", "NSCN-IM", "NSCN-K"), kinds=_REBEL),
    KnownActor("BRN: Barisan Revolusi Nasional", 2, ("barisan revolusi nasional", "national revolutionary front"),
               ("BRN",), kinds=_REBEL),
    KnownActor("BIFF: Bangsamoro Islamic Freedom Fighters", 2, ("bangsamoro islamic freedom fighters",), ("BIFF",),
               kinds=_JIHADIST_REBEL),
    KnownActor("MILF: Moro Islamic Liberation Front", 2, ("moro islamic liberation front",), ("MILF",), kinds=_REBEL),
    KnownActor("Dawlah Islamiyah", 2, ("dawlah islamiyah", "daulah islamiyah"), kinds=_JIHADIST),
    KnownActor("BCL: Bangladesh Chhatra League", 3, ("bangladesh chhatra league", "chhatra league"), ("BCL",),
               kinds=_ARMED),
    # Europe
    KnownActor("FLNC: National Liberation Front of Corsica", 2,
               ("national liberation front of corsica", "front de libération nationale de la corse",
                "corsican national liberation front"), ("FLNC",), kinds=_REBEL),
    # International missions
    KnownActor("MONUSCO: United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
               8, ("united nations organization stabilization mission in the democratic republic of the congo",),
               ("MONUSCO",)),
    KnownActor("MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central African "
               "Republic", 8, ("united nations multidimensional integrated stabilization mission in the central "
                               "african republic",), ("MINUSCA",)),
    KnownActor("UN: United Nations", 8, ("un peacekeepers", "un peacekeeper", "united nations peacekeepers",
                                        "un peacekeeping force", "un blue helmets")),
    KnownActor("NATO: North Atlantic Treaty Organization", 8, ("north atlantic treaty organization",), ("NATO",)),
    KnownActor("International Coalition", 8, ("anti-is coalition", "us-led coalition", "international coalition")),
)

# Descriptors (lemmas) an article uses for a group it has named, and the kind of group each one fits. A state force
# or a foreign coalition has no kind: "the rebels" never means the army.
DESCRIPTORS: dict[str, str] = {
    "jihadist": "jihadist", "jihadi": "jihadist", "islamist": "jihadist", "extremist": "jihadist",
    "militant": "armed", "insurgent": "armed", "terrorist": "armed", "fighter": "armed", "group": "armed",
    "rebel": "rebel", "guerrilla": "rebel", "guerilla": "rebel", "separatist": "rebel",
}

# Head nouns (lemmas) of generic actor mentions: (name template, inter).
GENERIC_ACTORS: dict[str, tuple[str, int]] = {}
for _words, _template in (
    (("soldier", "troop", "army", "military", "armed forces", "marine", "paratrooper", "commando", "serviceman",
      "servicemen", "garrison", "infantry", "navy", "air force", "regiment", "battalion", "brigade"),
     (f"Military Forces of {COUNTRY}", 1)),
    (("police", "policeman", "policemen", "policewoman", "gendarme", "gendarmerie", "constable", "riot police",
      "police officer", "officer"), (f"Police Forces of {COUNTRY}", 1)),
    (("security forces", "security force", "security", "guard", "guards", "border guard", "forces", "force"),
     (f"Military Forces of {COUNTRY}", 1)),
    (("government", "authorities", "authority", "ministry", "junta", "regime", "state"),
     (f"Government of {COUNTRY}", 1)),
    (("gunman", "gunmen", "assailant", "attacker", "militant", "insurgent", "jihadist", "fighter", "terrorist",
      "extremist", "bandit", "armed men", "armed group", "kidnapper", "abductor", "bomber", "raider",
      "perpetrator", "gang", "gangster", "gang member", "hitman", "sicario", "miscreant", "armed miscreant"),
     (f"Unidentified Armed Group ({COUNTRY})", 3)),
    (("rebel", "separatist", "guerrilla", "guerilla"), (f"Rebel Group ({COUNTRY})", 2)),
    (("militia", "militiaman", "militiamen", "vigilante", "herder", "herdsman", "herdsmen", "clansman"),
     (f"Unidentified Communal Militia ({COUNTRY})", 4)),
    (("protester", "protestor", "demonstrator", "marcher", "striker", "activist", "student protester"),
     (f"Protesters ({COUNTRY})", 6)),
    (("rioter", "mob", "crowd", "looter", "youth"), (f"Rioters ({COUNTRY})", 5)),
    (("inmate", "prisoner", "detainee", "escapee", "convict", "fugitive"), (f"Prisoners ({COUNTRY})", 7)),
    (("civilian", "villager", "resident", "people", "person", "farmer", "child", "children", "woman", "women",
      "man", "men", "worshipper", "student", "journalist", "passenger", "family", "teacher", "trader", "worker",
      "shepherd", "fisherman", "doctor", "nurse", "pupil", "boy", "girl", "driver", "priest", "imam", "mourner",
      "refugee", "migrant", "bystander", "shopper", "pilgrim", "teenager", "elder", "chief", "official",
      "politician", "candidate", "councillor", "mayor", "lawmaker"), (f"Civilians ({COUNTRY})", 7)),
):
    for _word in _words:
        GENERIC_ACTORS[_word] = _template


def _alias_pattern(actor: KnownActor) -> re.Pattern[str]:
    """The actor's aliases as one pattern on lower-cased text, longest first; whole words only."""
    aliases = sorted(actor.aliases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")


_ALIAS_RE = {actor.name: _alias_pattern(actor) for actor in KNOWN_ACTORS}
_ACRONYM_RE = {
    actor.name: re.compile(r"\b(?:" + "|".join(re.escape(a) for a in actor.acronyms) + r")\b")
    for actor in KNOWN_ACTORS if actor.acronyms
}


@dataclass(frozen=True)
class Naming:
    """Where an article names a known group (character offsets)."""

    actor: KnownActor
    start: int
    end: int


# A capitalised word right before a name (not a possessive, an article or a sentence's first word).
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<![\w'’-])(?!(?:The|A|An)\s)[A-Z][\w-]*\s$")


def _defined_otherwise(text: str, acronym: str, actor: KnownActor) -> bool:
    """Whether the text spells the acronym out as another group's name ('the United People's Democratic Front
    (UPDF)' of Bangladesh's hills is not Uganda's UPDF)."""
    for m in re.finditer(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|in|de|du|des|la|le|al|el)\s+)*){1,8})\(\s*"
                         + re.escape(acronym) + r"\s*\)", text):
        phrase = m.group(1).strip().lower()
        if not any(alias in phrase or phrase in alias for alias in actor.aliases):
            return True
    return False


@lru_cache(maxsize=256)
def actor_spans(text: str) -> tuple[Naming, ...]:
    """Every naming of a known group in `text`, in order; a name inside a longer name of another group does not
    count ('Islamic State West Africa' names ISWAP, not IS; 'the anti-IS coalition' names the coalition)."""
    lowered = text.lower()
    found: list[Naming] = []
    for actor in KNOWN_ACTORS:
        # a substring test first: most articles name few of the known groups, and it is far cheaper than the pattern
        if any(alias in lowered for alias in actor.aliases):
            # not the end of a longer name the list lacks: 'West Papua National Liberation Army' is not the ELN
            found += [Naming(actor, m.start(), m.end()) for m in _ALIAS_RE[actor.name].finditer(lowered)
                      if " " not in m.group() or not _NAME_BEFORE.search(text[max(0, m.start() - 30):m.start()])]
        if actor.name in _ACRONYM_RE and any(acronym in text for acronym in actor.acronyms):
            found += [Naming(actor, m.start(), m.end()) for m in _ACRONYM_RE[actor.name].finditer(text)
                      if not _defined_otherwise(text, m.group(), actor)]
    kept = [n for n in found if not any(o.actor is not n.actor and o.start <= n.start and n.end <= o.end
                                        and (o.end - o.start) > (n.end - n.start) for o in found)]
    return tuple(sorted(kept, key=lambda n: (n.start, -n.end)))


@lru_cache(maxsize=8192)
def known_actor(text: str) -> KnownActor | None:
    """The named group a phrase mentions first, if any ('fighters from the terrorist militia Islamic State (IS)')."""
    spans = actor_spans(text)
    return spans[0].actor if spans else None


def _generic(token: Token) -> tuple[str, int] | None:
    """The generic actor type of a noun, looking at two-word forms first ('security forces')."""
    for left in token.lefts:
        pair = f"{left.lower_} {token.lemma_.lower()}"
        if pair in GENERIC_ACTORS:
            return GENERIC_ACTORS[pair]
        pair = f"{left.lower_} {token.lower_}"
        if pair in GENERIC_ACTORS:
            return GENERIC_ACTORS[pair]
    return GENERIC_ACTORS.get(token.lemma_.lower()) or GENERIC_ACTORS.get(token.lower_)


def _nationality(phrase: Span) -> str | None:
    """A nationality adjective in the phrase ('Iraqi soldiers'), as written."""
    for token in phrase:
        if (token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound", "nmod")) or (
                token.tag_ == "JJ" and token.ent_type_ == "NORP"):
            return token.text
    return None


def phrase_of(head: Token) -> Span:
    """The noun phrase of a head token, without relative clauses and trailing participles."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "advcl") or (
                child.dep_ == "prep" and child.lower_ not in ("from", "of")):
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def actor_from(head: Token, article_id: str | None = None) -> Actor | None:
    """The Actor a noun phrase refers to, or None when it does not name an actor (a building, a number)."""
    phrase = phrase_of(head)
    if phrase.start > 0 and (before := phrase.doc[phrase.start - 1]).is_upper and known_actor(before.text):
        phrase = phrase.doc[phrase.start - 1:phrase.end]  # "IS fighters", where the tagger read "IS" as a verb
    text = phrase.text.strip()
    if not text:
        return None
    evidence = [Evidence(start=phrase.start_char, end=phrase.end_char, text=phrase.text, field="actor",
                         article_id=article_id)]
    named = known_actor(text)
    if named is not None:
        return Actor(name=named.name, mention=text, inter=named.inter, country=named.country, evidence=evidence)
    generic = _generic(head)
    if generic is None:
        # a conjunction lists several kinds ('inmates, attackers, security forces and civilians'): the first counts
        for token in phrase:
            if token.pos_ in ("NOUN", "PROPN") and (generic := _generic(token)):
                break
    if generic is None:
        return None
    name, inter = generic
    nationality = _nationality(phrase)
    aliases = [nationality] if nationality else []
    return Actor(name=name, mention=text, inter=inter, aliases=aliases, evidence=evidence)


def localise(actor: Actor, country_name: str | None) -> Actor:
    """Fill the '{country}' slot of a generic actor name; without a country the slot is dropped."""
    if COUNTRY not in actor.name:
        return actor
    if country_name:
        name = actor.name.replace(COUNTRY, country_name)
    else:
        name = actor.name.replace(f" of {COUNTRY}", "").replace(f" ({COUNTRY})", "").replace(COUNTRY, "")
    return actor.model_copy(update={"name": name})


# -- nominal coreference: "the jihadists" after "Islamic State (IS)" ----------------------------------------------

@lru_cache(maxsize=64)
def named_groups(text: str) -> tuple[Naming, ...]:
    """The known groups an article names, each at its first naming."""
    first: dict[str, Naming] = {}
    for naming in actor_spans(text):
        first.setdefault(naming.actor.name, naming)
    return tuple(first.values())


def descriptor_kind(token: Token) -> str | None:
    """The kind of group a plain definite descriptor refers to ('the jihadists' -> 'jihadist', 'the group' ->
    'armed'); None for anything else: a named or qualified phrase ('IS fighters', 'the Kurdish fighters', 'the
    group of villagers'), a number of people ('3,500 jihadists'), an indefinite ('jihadists', 'a group')."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
        return None
    kind = DESCRIPTORS.get(token.lemma_.lower()) or DESCRIPTORS.get(token.lower_)
    if kind is None:
        return None
    lefts = list(token.lefts)
    # 'the fighters', or 'its fighters' in a statement of the group ('the NPA said its fighters had killed')
    definite = [c for c in lefts if (c.dep_ == "det" and c.lower_ in ("the", "these", "those")) or (
        c.dep_ == "poss" and c.lower_ in ("its", "their"))]
    if not definite:
        return None
    if any(c.dep_ in ("nummod", "compound", "poss") or c.ent_type_ in ("NORP", "ORG", "GPE", "CARDINAL")
           for c in lefts if c not in definite):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in token.rights) or known_actor(
            phrase_of(token).text):
        return None
    return kind


def descriptor_group(token: Token, text: str) -> Naming | None:
    """The group a descriptor refers to: the only non-state armed group of that kind the article names (two
    groups that fit, or none, and the descriptor chooses nothing)."""
    kind = descriptor_kind(token)
    if kind is None:
        return None
    fitting = [n for n in named_groups(text) if n.actor.inter in (2, 3, 4) and n.actor.country is None
               and kind in n.actor.kinds]
    return fitting[0] if len(fitting) == 1 else None


def coreferent_actor(token: Token, naming: Naming, article_id: str | None = None) -> Actor:
    """The named group as an Actor whose evidence is the words used ('the jihadists'), then the naming."""
    phrase = phrase_of(token)
    text = token.doc.text
    evidence = [Evidence(start=phrase.start_char, end=phrase.end_char, text=phrase.text, field="actor",
                         article_id=article_id),
                Evidence(start=naming.start, end=naming.end, text=text[naming.start:naming.end],
                         field="actor_antecedent", article_id=article_id)]
    return Actor(name=naming.actor.name, mention=phrase.text, inter=naming.actor.inter, evidence=evidence)
