"""Stage "finalize": what needs several fields at once.

- An incident the article tells twice (the same dates, place and label, nothing setting them apart) is one event
  (`eventledger.extract.repeats`); one over more than a year before publication is history it recalls ('riots
  killed more than 60 people in 2008'), not an event.
- Actor names are localised with the event's country ("Civilians ({country})" -> "Civilians (Syria)"); a
  nationality in the mention ("Iraqi soldiers") wins over the event's place.
- An event of political violence without a named perpetrator takes the perpetrator of the event it shares a
  sentence with ("The attack on the prison began with a car bomb"), else "Unidentified Armed Group (<country>)".
- Nominal coreference: when the article names exactly one non-state armed group of a kind, a plain descriptor of
  that kind ("the jihadists", "the rebels", "the group") is that group. An event whose perpetrator is such a
  descriptor, or has no named perpetrator while such a descriptor is the subject (or the agent) of the event's
  sentence or of the sentence before it, takes the group as actor 1; the evidence is the descriptor's words, then
  the naming. Two groups that fit, or a descriptor that fits no named group, choose nothing.
- Who demonstrated: the social groups a protest or riot is made of ('hundreds of doctors marched') are associated
  actors of the demonstrators ('Health Workers (Kenya)'; `eventledger.extract.demonstrators`).
- ACLED `interaction` from the two inter codes; `civilian_targeting` when civilians are the target of violence.
- `notes`: the event's first sentence(s), as ACLED notes summarise what happened.
- `id`: stable for the same article text and event (the store keeps it, so an extracted id is its stored id).
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from eventledger.extract.actors import COUNTRY, actor_spans, coreferent_actor, descriptor_group, localise
from eventledger.extract.demonstrators import add_demonstrator_groups
from eventledger.extract.repeats import fold_repeats
from eventledger.models import Actor, Event, Evidence, Extraction
from eventledger.registry import stages
from eventledger.store.store import event_id_for
from eventledger.taxonomy import VIOLENT_TYPES, interaction_code

NOTES_LIMIT = 400
HISTORY = timedelta(days=365)


def _country_of_nationality(actor: Actor) -> str | None:
    if not actor.aliases:
        return None
    from eventledger.geo.context import country_keys, demonym_country
    from eventledger.geo.gazetteer import get_gazetteer

    countries = get_gazetteer().countries
    code = demonym_country(actor.aliases[0], country_keys(countries))
    return countries[code].name if code in countries else None


def localise_actor(actor: Actor | None, event: Event) -> Actor | None:
    if actor is None or COUNTRY not in actor.name:
        return actor
    country = _country_of_nationality(actor) or (event.place.country if event.place else None)
    return localise(actor, country)


def _same_area(a: Event, b: Event) -> bool:
    return bool(a.place and b.place and a.place.country_code == b.place.country_code
                and a.place.admin1 == b.place.admin1)


def _shares_sentence(a: Event, b: Event) -> bool:
    return bool({(s.start, s.end) for s in a.sentences} & {(s.start, s.end) for s in b.sentences})


def notes_for(event: Event) -> str:
    text = " ".join(s.text.strip() for s in event.sentences[:2])
    if len(text) > NOTES_LIMIT:
        text = text[:NOTES_LIMIT].rsplit(" ", 1)[0] + " ..."
    return text


DEMONSTRATORS = {"Protests": (f"Protesters ({COUNTRY})", 6), "Riots": (f"Rioters ({COUNTRY})", 5)}


def demonstrators(event: Event) -> None:
    """ACLED codes protests and riots with the demonstrators as actor 1: police or soldiers named as the subject
    ('Police fired tear gas at protesters') are the other side; a group named with the rioters is associated."""
    if event.event_type not in DEMONSTRATORS:
        return
    name, inter = DEMONSTRATORS[event.event_type]
    if event.actor2 is not None and event.actor2.inter in (inter, 7):
        event.actor2 = None  # the demonstrators read as the target ('fired tear gas at protesters', '43 detained')
    if event.actor1 is not None and event.actor1.inter in (5, 6):
        return
    previous = event.actor1
    if previous is not None and previous.inter == 1 and event.actor2 is None:
        event.actor2 = previous
    elif previous is not None and previous.inter != 7:
        event.assoc_actors.append(previous)
    if event.actor2 is not None and event.actor2.inter == inter:
        event.actor2 = None
    event.actor1 = Actor(name=name, inter=inter, mention=previous.mention if previous else None,
                         evidence=previous.evidence if previous else [])
    event.tags.append("actor1:demonstrators")


def share_counts(events: list[Event]) -> None:
    """A figure in a sentence shared by several events counts for one of them: deaths and injuries for the
    violent event, arrests for the arrest, escapes for the escape (so totals are not doubled)."""
    owners: dict[tuple[int, str], list[Event]] = {}
    for event in events:
        for count in event.counts:
            if count.evidence:
                owners.setdefault((count.evidence[0].start, count.kind), []).append(event)
    for (start, kind), holders in owners.items():
        if len(holders) < 2:
            continue
        keep = max(holders, key=lambda e: _fits(e, kind))
        for event in holders:
            if event is keep:
                continue
            event.counts = [c for c in event.counts if not (c.evidence and c.evidence[0].start == start
                                                            and c.kind == kind)]
            if kind == "killed" and not any(c.kind == "killed" and not c.is_context for c in event.counts):
                event.fatalities, event.fatalities_bound = None, None


def _fits(event: Event, kind: str) -> int:
    family = next((t.split(":", 1)[1] for t in event.tags if t.startswith("trigger:")), "")
    wanted = {"killed": VIOLENT_FAMILIES, "injured": VIOLENT_FAMILIES, "arrested": {"arrest"},
              "abducted": {"abduct"}, "escaped": {"escape", "riot"}}.get(kind, set())
    return 2 if family in wanted else 1 if event.event_type in VIOLENT_TYPES else 0


VIOLENT_FAMILIES = {"explosion", "air", "ground", "kill", "casualty", "disaster", "accident"}


GENERIC_ARMED = {f"Unidentified Armed Group ({COUNTRY})", f"Rebel Group ({COUNTRY})"}


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _named_by_descriptor(actor: Actor | None, doc: Doc, article_id: str | None) -> Actor | None:
    """The group a generic armed actor names when its words are a descriptor ('The jihadists stormed ...')."""
    if actor is None or actor.name not in GENERIC_ARMED or not actor.evidence:
        return None
    span = _span(doc, actor.evidence[0].start, actor.evidence[0].end)
    if span is None:
        return None
    naming = descriptor_group(span.root, doc.text)
    return coreferent_actor(span.root, naming, article_id) if naming is not None else None


def _is_perpetrator_slot(token: Token) -> bool:
    """Subject of its clause ('the extremists are still present'), or the agent ('an attack by the rebels')."""
    return token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.lower_ == "by")


def _implied_by_descriptor(event: Event, doc: Doc, article_id: str | None) -> Actor | None:
    """A perpetrator implied by a descriptor in the event's first (or trigger) sentence or the one before it."""
    if not doc.has_annotation("SENT_START") or not doc.has_annotation("DEP"):
        return None
    anchors = [e for e in (event.sentences[:1] + ([event.trigger] if event.trigger else []))]
    for evidence in anchors:
        span = _span(doc, evidence.start, evidence.end)
        if span is None:
            continue
        sentence = span[0].sent
        scope = [sentence] + ([doc[sentence.start - 1].sent] if sentence.start > 0 else [])
        for sent in scope:
            for token in sent:
                if not _is_perpetrator_slot(token):
                    continue
                naming = descriptor_group(token, doc.text)
                if naming is not None and not (event.actor2 and event.actor2.name == naming.actor.name):
                    return coreferent_actor(token, naming, article_id)
    return None


def _claimed_by(event: Event) -> Actor | None:
    """The one named group that claimed the event, as an Actor whose evidence is its naming in the claim."""
    claims = [c for c in event.claims if c.field == "actor1" and c.strength == "claimed" and c.value]
    if len({c.value for c in claims}) != 1:
        return None
    for evidence in (e for e in claims[0].evidence if e.field == "claim"):
        for naming in actor_spans(evidence.text):
            if naming.actor.name == claims[0].value:
                words = evidence.text[naming.start:naming.end]
                return Actor(name=naming.actor.name, mention=words, inter=naming.actor.inter, evidence=[Evidence(
                    start=evidence.start + naming.start, end=evidence.start + naming.end, text=words, field="actor",
                    article_id=evidence.article_id)])
    return None


def _history(event: Event, published: date | None) -> bool:
    """An incident over more than a year before the article came out ('riots killed more than 60 people in 2008'):
    history it recalls, not an incident it reports."""
    last = event.end_date or event.event_date
    return published is not None and last is not None and last < published - HISTORY


class FinalizeStage:
    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        events = extraction.events = [e for e in fold_repeats(extraction.events)
                                      if not _history(e, extraction.article.published)]
        share_counts(events)
        for index, event in enumerate(events):
            event.id = event.id or event_id_for(extraction.article.id, event, index)
            if extraction.article.id not in event.article_ids:
                event.article_ids.append(extraction.article.id)
            if event.actor1 is None and event.event_type in VIOLENT_TYPES:
                donor = next((other for other in events if other is not event and other.actor1 is not None
                              and _shares_sentence(event, other)), None)
                earlier = [other for other in events[:index] if other.actor1 is not None
                           and other.event_type == event.event_type and "Unidentified" not in other.actor1.name
                           and _same_area(other, event)]
                implied = _implied_by_descriptor(event, doc, extraction.article.id) if donor is None else None
                if donor is not None:
                    event.actor1 = donor.actor1.model_copy(deep=True)
                    event.tags.append("actor1:from-related-event")
                elif implied is not None:
                    # "the extremists are still present ... Eleven soldiers were killed in an attack on a base"
                    event.actor1 = implied
                    event.tags.append("actor1:coreference")
                elif earlier:
                    # "Israeli airstrikes killed 17 ... One strike hit a school": the same perpetrator goes on
                    event.actor1 = earlier[-1].actor1.model_copy(deep=True)
                    event.tags.append("actor1:from-previous-event")
                else:
                    event.actor1 = Actor(name=f"Unidentified Armed Group ({COUNTRY})", inter=3)
                    event.tags.append("actor1:unidentified")
            if event.event_type in VIOLENT_TYPES and (event.actor1 is None or event.actor1.name.startswith(
                    "Unidentified Armed Group")) and (claimed := _claimed_by(event)) is not None:
                event.actor1 = claimed  # "the Maoists claimed responsibility for Saturday's bomb attack"
                event.tags.append("actor1:claimed")
            if event.event_type not in DEMONSTRATORS:
                for role in ("actor1", "actor2"):
                    named = _named_by_descriptor(getattr(event, role), doc, extraction.article.id)
                    if role == "actor1" and named is None and event.event_type in VIOLENT_TYPES and \
                            event.actor1 is not None and event.actor1.name.startswith("Unidentified Armed Group"):
                        named = _implied_by_descriptor(event, doc, extraction.article.id)  # "the attackers"
                    other = event.actor2 if role == "actor1" else event.actor1
                    if named is not None and not (other and other.name == named.name):
                        setattr(event, role, named)
                        event.tags.append(f"{role}:coreference")
            demonstrators(event)
            if event.event_type in DEMONSTRATORS:
                add_demonstrator_groups(doc, event, event.place.country if event.place else None,
                                        DEMONSTRATORS[event.event_type][1])
            event.actor1 = localise_actor(event.actor1, event)
            event.actor2 = localise_actor(event.actor2, event)
            event.assoc_actors = [localise_actor(a, event) for a in event.assoc_actors]
            if event.actor1 and event.actor2 and event.actor1.name == event.actor2.name and event.actor1.inter in (
                    1, 2, 3, 8):
                event.actor2 = None  # the same force on both sides is an artefact of the parse
            event.interaction = interaction_code(event.actor1.inter if event.actor1 else None,
                                                 event.actor2.inter if event.actor2 else None)
            event.civilian_targeting = bool(event.actor2 and event.actor2.inter == 7 and event.event_type in (
                VIOLENT_TYPES))
            if not event.notes:
                event.notes = notes_for(event)
        return extraction


@stages.register("finalize")
def make_finalize_stage() -> FinalizeStage:
    """Factory for the pipeline."""
    return FinalizeStage()
