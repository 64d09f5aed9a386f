"""The gazetteer's SQLite schema: places, their names (by key), admin names, countries."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 7  # bump when name keys, tables or indexes change: the index is rebuilt
# A key with its spaces removed ('bani bangou' -> 'banibangou'): indexed, for names written as one word.
COMPACT_KEY = "replace(key, ' ', '')"

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS country (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, iso_numeric INTEGER, continent TEXT,
    geonameid INTEGER, population INTEGER
);
CREATE TABLE IF NOT EXISTS admin (code TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER);
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country_code TEXT, admin1_code TEXT,
    admin1 TEXT, admin2 TEXT, feature_class TEXT, feature_code TEXT, population INTEGER,
    latitude REAL, longitude REAL, source TEXT
);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, geonameid INTEGER NOT NULL, PRIMARY KEY (key, geonameid))
    WITHOUT ROWID;
"""


def create(conn: sqlite3.Connection) -> None:
    conn.executescript(DDL)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
