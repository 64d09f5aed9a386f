"""Contradictions: where sources disagree about one field of one event, both sides are recorded.

Used within one article (the "attribution" stage) and across articles (the resolver, when reports merge).
Rules, stated once:

- **status** ("under control" vs "ongoing"): two or more sources with different status values. Nothing is
  chosen: the record shows both.
- **fatalities**: sources give different killed figures for the same event. The event's headline figure is the
  most conservative credible figure (the lowest figure a source states as a fact, not as an allegation); the
  others are kept as alternatives. A figure a source later revised upwards ("rose to 19") is an update, not a
  disagreement.
- **actor1** (perpetrator): sources name different perpetrators ("the army blamed the rebels", "the rebels
  denied it and blamed a militia"). Nothing is chosen.
"""

from __future__ import annotations

from collections import defaultdict

from eventledger.models import Claim, Contradiction

CONSERVATIVE_RULE = "most conservative credible figure (lowest stated, allegations excluded)"
CREDIBLE = {"confirmed", "reported", "said", "unattributed"}


def _value_key(field: str, value: str) -> str:
    value = value.strip().lower()
    if field == "fatalities":
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits or value
    return value


def find_contradictions(claims: list[Claim]) -> list[Contradiction]:
    """Contradictions among claims about one event (claims without a field or value are ignored)."""
    by_field: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.field in ("status", "fatalities", "actor1") and claim.value:
            by_field[claim.field][_value_key(claim.field, claim.value)].append(claim)
    found = []
    for field_name, by_value in by_field.items():
        if len(by_value) < 2:
            continue
        sources_per_value = {key: {c.source for c in group} for key, group in by_value.items()}
        all_sources = set().union(*sources_per_value.values())
        if len(all_sources) < 2:
            continue  # one source changing its mind is a revision, not a disagreement between sources
        if field_name == "fatalities" and any("update" in (c.statement or "") for g in by_value.values() for c in g):
            continue
        values, sources, ids = [], [], []
        for group in by_value.values():
            first = group[0]
            values.append(first.value or "")
            sources.append(", ".join(sorted({c.source for c in group})))
            ids += [c.id for c in group if c.id]
        contradiction = Contradiction(field=field_name, values=values, sources=sources, claim_ids=ids)
        if field_name == "fatalities":
            credible = [int(k) for k, group in by_value.items() if k.isdigit() and any(
                c.strength in CREDIBLE for c in group)]
            if credible:
                contradiction.chosen = str(min(credible))
                contradiction.rule = CONSERVATIVE_RULE
            contradiction.note = "sources give different death tolls"
        elif field_name == "status":
            contradiction.note = "sources disagree on whether it is over or under control"
            contradiction.rule = "both kept; no status is chosen"
        else:
            contradiction.note = "sources name different perpetrators"
            contradiction.rule = "both kept; actor1 shows the first source's perpetrator"
        found.append(contradiction)
    return found


def merge_contradictions(old: list[Contradiction], new: list[Contradiction]) -> list[Contradiction]:
    """Union by field: a newer finding about the same field replaces the older one (it has more claims)."""
    by_field = {c.field: c for c in old}
    for contradiction in new:
        by_field[contradiction.field] = contradiction
    return list(by_field.values())
