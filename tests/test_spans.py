"""The parsed spans of an event, shared by the stages "dates", "counts" and "classify"."""

from __future__ import annotations

import spacy

from eventledger.extract.spans import event_spans
from eventledger.models import Event, Evidence


def test_sentences_else_the_trigger_sentence_else_the_trigger():
    text = "Gunmen attacked a village. Ten people were killed."
    parsed = spacy.blank("en")
    parsed.add_pipe("sentencizer")
    doc = parsed(text)
    killed = text.index("killed")
    trigger = Evidence.from_text(text, killed, killed + len("killed"), field="trigger")
    sentence = Evidence.from_text(text, 0, text.index(".") + 1, field="sentence")
    assert [s.text for s in event_spans(doc, Event(sentences=[sentence], trigger=trigger))] == [
        "Gunmen attacked a village."]
    assert [s.text for s in event_spans(doc, Event(trigger=trigger))] == ["Ten people were killed."]
    # a doc without sentence boundaries (the copies in "dates" and "counts" raised here): the trigger itself
    assert [s.text for s in event_spans(spacy.blank("en")(text), Event(trigger=trigger))] == ["killed"]
