"""Contradictions: where sources disagree about one field of one event, both sides are recorded.

Used within one article (the "attribution" stage) and across articles (the resolver, when reports merge).
Rules, stated once:

- **status** ("under control" vs "ongoing" vs "taken", the attacked position fell): two or more sources with
  different status values. Nothing is chosen: the record shows both.
- **fatalities**: sources give different killed figures for the same event. The event's headline figure is the
  most conservative credible figure (the lowest figure a source states as a fact, not as an allegation); the
  others are kept as alternatives. A figure a source later revised upwards ("rose to 19") is an update, not a
  disagreement.
- **actor1** (perpetrator): sources name different perpetrators ("the army blamed the rebels", "the rebels
  denied it and blamed a militia"), or a group denies what another source says it did ("police blamed X", "X
  denied any involvement"). Names that differ only in spelling ("Tehreek-e-Taliban", "Tehreek-i-Taliban") are one
  group. Nothing is chosen.

Claims "the article" makes in two different articles come from two different outlets: they are two sources.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from eventledger.models import Claim, Contradiction

CONSERVATIVE_RULE = "most conservative credible figure (lowest stated, allegations excluded)"
CREDIBLE = {"confirmed", "reported", "said", "unattributed"}


def _value_key(field: str, value: str) -> str:
    value = value.strip().lower()
    if field == "fatalities":
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits or value
    return value


def same_group(a: str, b: str) -> bool:
    """Two names of one armed group: equal, spelt differently, or one the other's acronym ("TTP: ..."); not two
    names that share words but each have one of their own ("Saraya al-Ashtar", "Saraya al-Mukhtar")."""
    a, b = a.strip().lower(), b.strip().lower()
    if a == b:
        return True
    return (fuzz.token_set_ratio(a, b) >= 80 or fuzz.ratio(a, b) >= 85) and not _own_words(a, b)


def _own_words(a: str, b: str) -> bool:
    """Whether each name has a word not spelt near any word of the other."""
    words_a, words_b = set(re.findall(r"[a-z0-9]+", a)), set(re.findall(r"[a-z0-9]+", b))
    only_a, only_b = words_a - words_b, words_b - words_a

    def unmatched(words: set[str], others: set[str]) -> bool:
        return any(len(w) > 2 and all(fuzz.ratio(w, o) < 70 for o in others) for w in words)

    return unmatched(only_a, only_b) and unmatched(only_b, only_a)


def source_of(claim: Claim) -> str:
    """Who stands behind a claim; the article's own voice is its outlet's, one per article."""
    return f"the article ({claim.article_id})" if claim.source == "the article" and claim.article_id else claim.source


def _perpetrator_key(claim: Claim, keys: list[str]) -> str:
    """Group key of an actor1 claim; a denial is the key "not <group>"."""
    name = (claim.value or "").strip()
    canonical = next((k for k in keys if same_group(k, name)), None)
    if canonical is None:
        keys.append(name)
        canonical = name
    return f"not {canonical}" if claim.strength == "denied" else canonical


def find_contradictions(claims: list[Claim]) -> list[Contradiction]:
    """Contradictions among claims about one event (claims without a field or value are ignored)."""
    by_field: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    groups: list[str] = []
    for claim in claims:
        if claim.field in ("status", "fatalities") and claim.value:
            by_field[claim.field][_value_key(claim.field, claim.value)].append(claim)
        elif claim.field == "actor1" and claim.value:
            by_field["actor1"][_perpetrator_key(claim, groups)].append(claim)
    found = []
    for field_name, by_value in by_field.items():
        if len(by_value) < 2:
            continue
        if field_name == "actor1" and not _perpetrators_disagree(by_value):
            continue
        sources_per_value = {key: {source_of(c) for c in group} for key, group in by_value.items()}
        all_sources = set().union(*sources_per_value.values())
        if len(all_sources) < 2:
            continue  # one source changing its mind is a revision, not a disagreement between sources
        if field_name == "fatalities" and any("update" in (c.statement or "") for g in by_value.values() for c in g):
            continue
        values, sources, ids = [], [], []
        for group in by_value.values():
            first = group[0]
            value = first.value or ""
            values.append(f"not {value} ({first.source} denies)" if field_name == "actor1" and
                          first.strength == "denied" else value)
            sources.append(", ".join(sorted({source_of(c) for c in group})))
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


def _perpetrators_disagree(by_value: dict[str, list[Claim]]) -> bool:
    """Two different groups named as perpetrators, or a group denying what a source says it did. A denial of a
    group nobody named is not a disagreement."""
    named = [k for k in by_value if not k.startswith("not ")]
    denied = [k[4:] for k in by_value if k.startswith("not ")]
    return len(named) >= 2 or any(k in named for k in denied)


def merge_contradictions(old: list[Contradiction], new: list[Contradiction]) -> list[Contradiction]:
    """Union by field: a newer finding about the same field replaces the older one (it has more claims)."""
    by_field = {c.field: c for c in old}
    for contradiction in new:
        by_field[contradiction.field] = contradiction
    return list(by_field.values())
