"""Event classification: ACLED event/sub-event type (plus five non-ACLED classes), PLOVER and CAMEO.

Logistic regression on [sentence embedding ; parse cues] (`model.py`): the embedding (`embed.py`, offline from
PyPI packages) says what a text is about, the cues (`cues.py`, read off the spaCy parse) answer the codebook's
questions that split close classes (who acted against whom, from the air or the ground, did the attacker die,
was a grenade thrown, were protesters violent or met with force, did territory change hands by force).

    from eventledger.classify.model import get_classifier
    get_classifier().predict(["Warplanes bombed the market."])[0].sub_event_type   # 'Air/drone strike'

Command line: `eventledger classify [FILE|-] [--model accurate|fast|DIR]` (one JSON object per snippet),
`eventledger train` (rebuild the shipped models from `data/train.jsonl`), `eventledger train --acled export.csv`
(a model of your own from an ACLED export). In the pipeline, stage "classify" (`stage.py`) uses the "fast" model
unless EVENTLEDGER_CLASSIFIER names another ("accurate" or a directory). Accuracy and speed:
`python benchmarks/classify.py`.
"""
