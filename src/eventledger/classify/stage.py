"""Stage "classify": event type, sub-event type, disorder type, PLOVER and CAMEO for every event.

Each event is classified from its own sentences (the spans the "mentions" stage built it from) with cues read
from the article's parse at those offsets; all events of an article go through the model in one batch.

How the model's answer is combined with the provisional rule label set by "mentions":
1. If the rule label's decisive cue is present in the event's sentences (a suicide attacker for SUIC_BOMB, a
   thrown grenade for GRENADE, a chemical agent for CHEM_WEAP, rape or sexual abuse for SEX_VIOL), the rule
   label is kept: the codebook makes these cues sufficient.
2. A label whose cue the codebook requires (`NECESSARY_CUES`: a chemical agent for CHEM_WEAP, not the tear gas
   fired at a crowd; rape or sexual abuse for SEX_VIOL) is never chosen without it, nor one a cue of the event's
   own words rules out (`EXCLUDING_CUES`: fighting or killing for DISR_WEAP; not a killing its sentence tells of
   another incident a day before), nor troops deployed or a base set up (`MOVES`) for what the mentions stage read
   as violence, nor an armed clash where only protesters or a stone-throwing crowd face the police, nor a riot
   where the words name a rebel group or political militia and no protest; the next most likely label is.
3. Otherwise the rule label acts as a prior: p = (1 - w) * p_model + w * [label == rule], with
   w = RULE_WEIGHT * rule confidence; the class with the highest p wins and p is the event's confidence.
   A confident rule thus wins close calls, and a confident model overrides a weak rule.
4. A claim of responsibility (ATTRIB), or a catch-all 'other' development (a toll update, an escape after it),
   whose words name a violent attack is typed as that attack (the rule label): the codebook codes the attack,
   whoever claims it and whenever its toll is told.
"""

from __future__ import annotations

import os
import re

import numpy as np
from spacy.tokens import Doc, Span

from eventledger.classify.cues import CUE_INDEX, spans_cues
from eventledger.classify.model import Classifier, Prediction, get_classifier
from eventledger.extract.actors import actor_spans
from eventledger.extract.mentions import other_incident_tokens
from eventledger.extract.spans import event_spans
from eventledger.models import Event, Extraction
from eventledger.registry import stages
from eventledger.taxonomy import BY_LABEL, TOLD_LABELS, VIOLENT_TYPES

RULE_WEIGHT = 0.5
DECISIVE_CUES = {"SUIC_BOMB": "attacker_died", "GRENADE": "thrown_explosive", "CHEM_WEAP": "chemical",
                 "SEX_VIOL": "sexual"}
# Labels the codebook gives only with their cue: no chemical agent named, no chemical weapon ('tear gas' is none).
NECESSARY_CUES = {"CHEM_WEAP": "chemical", "SEX_VIOL": "sexual"}
# Labels the codebook rules out when a cue is present: weapons seized or a bomb defused where there was fighting or
# killing are the loot of a clash or an attack, not a disrupted weapons use ('three Maoists were killed in the
# exchange of fire and two rifles were recovered'); a transfer of territory with fighting or killing is no
# non-violent one ('fuel carriers killed when border guards opened fire on their trucks near the border').
# Nor is troops deployed or a base set up where there was fighting or killing ('following an armed confrontation ...
# 350 soldiers were deployed ... three people lost their lives'): the fighting is the event; nor where people
# marched or protested ('doctors marched ... moved along Uhuru Highway'): the protest is.
EXCLUDING_CUES = {"DISR_WEAP": ("clash", "lethal"), "NON_VIOL_TERRIT_TRANSFER": ("clash", "lethal", "protest"),
                  "CHANGE_TO_GROUP_ACT": ("clash", "lethal", "kill", "protest"),
                  "HQ_ESTABLISHED": ("clash", "lethal", "kill", "protest")}
# Troops deployed, a base set up: never what the mentions stage read as violence ('cadres attacked UPND supporters').
MOVES = frozenset({"CHANGE_TO_GROUP_ACT", "HQ_ESTABLISHED"})
# Riots: by rioters, not by a rebel group or a political militia ('fighting between the ELN and FARC dissidents').
RIOTS = frozenset({"MOB_VIOL", "VIOL_DEMONSTR"})
# Gas where tear gas was fired, and no chemical agent named, is that tear gas ('treated for the effects of the gas').
_TEAR_GAS = re.compile(r"\btear[- ]?gas", re.IGNORECASE)
_CHEMICAL_AGENT = re.compile(r"\b(?:chlorine|sarin|mustard|nerve agent|chemical|toxic|poison)", re.IGNORECASE)


def combine(prediction_row: np.ndarray, labels: list[str], cues: np.ndarray, rule_label: str | None,
            rule_confidence: float | None, own_cues: np.ndarray | None = None,
            armed_groups: bool = False) -> Prediction:
    """Blend the model's probabilities with the provisional rule label (see the module docstring). `own_cues`: the
    cues of the event's own words, without what its sentences say of another incident a time apart; they decide
    which labels a cue rules out (default: `cues`). `armed_groups`: the event's own words name a known rebel group
    or political militia, so no riot is, unless they tell of a protest."""
    own = cues if own_cues is None else own_cues
    if rule_label not in BY_LABEL:
        rule_label = None
    if rule_label and rule_label in DECISIVE_CUES and cues[CUE_INDEX[DECISIVE_CUES[rule_label]]]:
        model_p = prediction_row[labels.index(rule_label)] if rule_label in labels else 0.0
        return Prediction.of(rule_label, max(float(rule_confidence or 0.0), float(model_p)))
    blended = prediction_row.astype(np.float64, copy=True)
    if rule_label and rule_label in labels:
        weight = RULE_WEIGHT * min(max(float(rule_confidence if rule_confidence is not None else 0.5), 0.0), 1.0)
        blended *= 1.0 - weight
        blended[labels.index(rule_label)] += weight
    order = [i for i in np.argsort(-blended) if (labels[i] not in NECESSARY_CUES or
                                                 own[CUE_INDEX[NECESSARY_CUES[labels[i]]]])
             and not any(own[CUE_INDEX[cue]] for cue in EXCLUDING_CUES.get(labels[i], ()))
             and not (labels[i] in MOVES and rule_label and BY_LABEL[rule_label].event_type in VIOLENT_TYPES)
             and not (labels[i] == "ARMED_CLASH" and _crowd_not_armed(own))
             and not (labels[i] in RIOTS and armed_groups and not own[CUE_INDEX["protest"]])]
    if labels[order[0]] in TOLD_LABELS and rule_label and BY_LABEL[rule_label].event_type in VIOLENT_TYPES and \
            rule_label in labels and labels.index(rule_label) in order:
        # a report that only tells who claimed or was blamed for an attack is a report of that attack (the codebook
        # codes the attack, whoever claims it): the type of the attack its words name
        order.remove(labels.index(rule_label))
        order.insert(0, labels.index(rule_label))
    alternatives = tuple((labels[i], round(float(blended[i]), 4)) for i in order[1:3])
    return Prediction.of(labels[order[0]], blended[order[0]], alternatives)


def _crowd_not_armed(cues: np.ndarray) -> bool:
    """Protesters, or a crowd throwing stones or setting fires, and no armed group: no battle, which the codebook
    gives only between organised armed groups."""
    crowd = cues[CUE_INDEX["protest"]] or (cues[CUE_INDEX["crowd"]] and cues[CUE_INDEX["riot_act"]])
    return bool(crowd) and not cues[CUE_INDEX["nonstate"]]


def _names_armed_group(text: str) -> bool:
    """The words name a known rebel group or political militia ('between the ELN and the FARC dissidents')."""
    return any(naming.actor.inter in (2, 3) for naming in actor_spans(text))


def apply(event: Event, prediction: Prediction) -> None:
    event.label = prediction.label
    event.event_type = prediction.event_type
    event.sub_event_type = prediction.sub_event_type
    event.disorder_type = prediction.disorder_type
    event.plover = prediction.plover
    event.cameo = prediction.cameo
    event.confidence = prediction.confidence


class ClassifyStage:
    """Classify every event of an extraction in one batch."""

    def __init__(self, model: str | None = None) -> None:
        self.classifier: Classifier = get_classifier(model)

    def __call__(self, doc: Doc, extraction: Extraction) -> Extraction:
        todo: list[tuple[Event, list[Span]]] = []
        for event in extraction.events:
            spans = event_spans(doc, event)
            if spans:
                todo.append((event, spans))
            else:
                extraction.warnings.append(f"classify: event {event.id or '?'} has no sentence or trigger; "
                                           "its type was left as found")
        if not todo:
            return extraction
        texts = [" ".join(span.text for span in spans) for _, spans in todo]
        cues = np.vstack([spans_cues(spans) for _, spans in todo])
        probabilities = self.classifier.predict_proba(texts, cues)
        labels = self.classifier.labels
        for (event, spans), text, row, cue_row in zip(todo, texts, probabilities, cues, strict=True):
            own_spans = _own_words(spans, event)
            own = spans_cues(own_spans)
            own_text = " ".join(span.text for span in own_spans)
            if _TEAR_GAS.search(text) and not _CHEMICAL_AGENT.search(text):
                own[CUE_INDEX["chemical"]] = 0
            armed = _names_armed_group(own_text)
            apply(event, combine(row, labels, cue_row, event.label, event.confidence, own, armed))
        return extraction


def _own_words(spans: list[Span], event: Event) -> list[Span]:
    """The spans without what they say of another incident a time apart ('a day after two rangers were killed'),
    unless the event is that incident (its trigger is in those words)."""
    pieces: list[Span] = []
    trigger = event.trigger.start if event.trigger else None
    for span in spans:
        skip = other_incident_tokens(span)
        if trigger is not None and any(span.doc[i].idx <= trigger < span.doc[i].idx + len(span.doc[i]) for i in skip):
            return spans
        start = None
        for token in span:
            if token.i in skip:
                if start is not None:
                    pieces.append(span.doc[start:token.i])
                start = None
            elif start is None:
                start = token.i
        if start is not None:
            pieces.append(span.doc[start:span.end])
    return pieces


@stages.register("classify")
def make_classify_stage(model: str | None = None) -> ClassifyStage:
    """Factory for the pipeline: `model` is a directory written by `eventledger train` (default:
    `EVENTLEDGER_CLASSIFIER`, else the shipped model)."""
    return ClassifyStage(model or os.environ.get("EVENTLEDGER_CLASSIFIER") or None)
