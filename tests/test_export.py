"""Exports follow ACLED's column order and put evidence-backed values in the right columns."""

from __future__ import annotations

import csv
import io
import json

from eventledger.export import ACLED_COLUMNS, export, to_geojson
from tests.test_store import make_extraction


def test_acled_csv_has_the_columns_in_order_and_the_values():
    events = make_extraction(n_events=1).events
    events[0].id = "abc123"
    rows = list(csv.DictReader(io.StringIO(export(events, "acled-csv"))))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_id_cnty"].startswith("IRQ")
    assert row["event_date"] == "2023-05-01" and row["year"] == "2023"
    assert row["sub_event_type"] == "Attack" and row["fatalities"] == "3"
    assert row["actor2"] == "Police Forces of Iraq" and row["inter2"] == "1"
    assert "sources disagree: fatalities" in row["tags"] and "place doubtful" not in row["tags"]
    events[0].place.uncertain = True  # the article's only place, a doubtful read: the analyst is told
    assert "place doubtful: check the country" in next(csv.DictReader(io.StringIO(export(events, "acled-csv"))))["tags"]


def test_geojson_points_are_lon_lat():
    events = make_extraction(n_events=1).events
    events[0].id = "e1"
    feature = to_geojson(events)["features"][0]
    assert feature["geometry"]["coordinates"] == [44.39, 35.47]
    assert json.loads(export(events, "json"))[0]["id"] == "e1"


def test_any_event_id_gives_an_acled_id():
    from eventledger.export import event_id_cnty
    from eventledger.models import Event, Place

    event = Event(id="imported-by-hand", place=Place(name="Kirkuk", country_code="IQ"))
    assert event_id_cnty(event).startswith("IRQ") and event_id_cnty(event) == event_id_cnty(event)
