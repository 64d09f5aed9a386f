"""Who demonstrated: the social group a protest or riot is made of ('hundreds of doctors marched', 'the pensioners'
weekly protest', 'teachers and students gathered'), as ACLED's associated actor of the demonstrators ('Health
Workers (Kenya)', 'Pensioners (Argentina)').

Only groups a crowd is named by in the event's own sentences count: the subject of a verb, the people a crowd
noun is made of ('thousands of students'), the owner or kind of a protest ('the pensioners' protest', 'a nurses'
march'), and the words coordinated with them. Generic words ('protesters', 'youths', 'residents') name no group.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventledger.models import Actor, Event

# lemma -> group, as ACLED names associated actors of demonstrations
GROUPS = {
    **dict.fromkeys(("doctor", "nurse", "medic", "midwife", "pharmacist", "clinician", "paramedic"),
                    "Health Workers"),
    **dict.fromkeys(("teacher", "lecturer", "professor", "academic"), "Teachers"),
    **dict.fromkeys(("student", "pupil", "schoolchild", "schoolchildren", "undergraduate"), "Students"),
    **dict.fromkeys(("pensioner", "retiree"), "Pensioners"),
    **dict.fromkeys(("worker", "employee", "unionist", "miner", "docker"), "Labour Group"),
    **dict.fromkeys(("farmer", "herder"), "Farmers"),
    **dict.fromkeys(("fisherman", "fishermen", "fisher"), "Fishers"),
    **dict.fromkeys(("trader", "vendor", "merchant", "shopkeeper"), "Traders"),
    **dict.fromkeys(("lawyer", "advocate"), "Lawyers"),
    **dict.fromkeys(("journalist", "reporter"), "Journalists"),
    **dict.fromkeys(("woman", "mother", "widow"), "Women"),
    **dict.fromkeys(("motorcyclist", "rider", "driver", "cabbie"), "Transport Workers"),
    **dict.fromkeys(("veteran",), "Veterans"),
    **dict.fromkeys(("refugee",), "Refugees"),
}
# '(health, transport) workers' are the kind of workers the first word says
KIND_OF_WORKER = {"health": "Health Workers", "medical": "Health Workers", "transport": "Transport Workers",
                  "taxi": "Transport Workers"}
CROWD_NOUNS = {"hundred", "thousand", "dozen", "score", "ten", "crowd", "group", "number", "column", "procession"}
PROTEST_NOUNS = {"protest", "march", "rally", "strike", "demonstration", "sit", "picket", "walkout", "vigil",
                 "union", "association", "movement"}


def _group(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if lemma == "worker":
        kind = next((KIND_OF_WORKER[c.lower_] for c in token.children
                     if c.dep_ in ("compound", "amod") and c.lower_ in KIND_OF_WORKER), None)
        if kind:
            return kind
    return GROUPS.get(lemma)


def _names_the_crowd(token: Token) -> bool:
    """Whether the word names who demonstrated, by its place in the sentence."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head  # 'teachers, staff and students': the first of the list says the role
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in CROWD_NOUNS:
        return True  # 'hundreds of doctors', 'a crowd of traders'
    return token.dep_ in ("poss", "compound", "nmod", "amod") and head.lemma_.lower() in PROTEST_NOUNS


def demonstrator_groups(doc: Doc, event: Event) -> list[str]:
    """The groups the event's sentences name as the demonstrators, in order."""
    found: list[str] = []
    for evidence in event.sentences:
        span: Span | None = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
        for token in span or ():
            if (group := _group(token)) and group not in found and _names_the_crowd(token):
                found.append(group)
    return found


def add_demonstrator_groups(doc: Doc, event: Event, country: str | None, inter: int) -> None:
    """Add the groups as associated actors of the demonstrators ('Health Workers (Kenya)')."""
    known = {a.name for a in event.assoc_actors}
    for group in demonstrator_groups(doc, event):
        name = f"{group} ({country})" if country else group
        if name not in known:
            event.assoc_actors.append(Actor(name=name, inter=inter))
