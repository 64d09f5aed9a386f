"""The parsed spans of an event, for the stages that read an event's own text ("dates", "counts", "classify")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventledger.models import Event


def event_spans(doc: Doc, event: Event) -> list[Span]:
    """The parsed spans of an event: its sentences, else the sentence of its trigger (the trigger itself when the
    doc has no sentence boundaries)."""
    spans = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in event.sentences]
    spans = [s for s in spans if s is not None and len(s)]
    if not spans and event.trigger is not None:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trigger is not None and len(trigger):
            spans = [trigger.sent if doc.has_annotation("SENT_START") else trigger]
    return spans
