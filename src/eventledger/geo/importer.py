"""Load standard GeoNames dumps into the gazetteer, so users can add villages the packages lack.

Accepted files (tab-separated, as downloaded from download.geonames.org/export/dump/):
- the geoname table: allCountries.txt or a country file such as SY.txt (19 columns);
- alternateNamesV2.txt (10 columns) or the older alternateNames.txt (8 columns).
Populated places (class P) and administrative units (class A) are kept; other features are skipped.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress

from eventledger.geo.gazetteer import GazetteerError, base_path, ensure_built, user_path
from eventledger.geo.names import is_latin, name_key

csv.field_size_limit(sys.maxsize)
KEPT_CLASSES = {"P", "A"}
ADMIN_CODES = {"ADM1": 1, "ADM2": 2}
# alternateNames 'language' codes that are identifiers, not names.
NOT_NAMES = {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid"}


@dataclass
class ImportStats:
    places: int = 0
    names: int = 0
    skipped: int = 0


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if row and not row[0].startswith("#"):
                    yield number, row
    except UnicodeDecodeError as err:
        raise GazetteerError(f"{path} is not UTF-8 text ({err.reason}); is it a zipped dump? unzip it first") from err
    except OSError as err:
        raise GazetteerError(f"cannot read {path}: {err.strerror or err}") from err


def _kind(path: Path) -> str:
    for _, row in _rows(path):
        if len(row) == 19 and row[0].isdigit():
            return "geoname"
        if len(row) in (8, 10) and row[0].isdigit() and row[1].isdigit():
            return "alternate"
        break
    raise GazetteerError(f"{path} is not a GeoNames dump: expected the 19-column geoname table (e.g. SY.txt, "
                         "allCountries.txt) or alternateNamesV2.txt")


def import_files(paths: list[Path], db: Path | None = None, progress: Progress | None = None) -> ImportStats:
    """Import dumps in order (geoname tables before alternate names) in one transaction."""
    kinds = {path: _kind(path) for path in paths}
    ordered = sorted(paths, key=lambda p: kinds[p] != "geoname")
    conn = sqlite3.connect(db or _user_copy())
    stats = ImportStats()
    try:
        with conn:
            for path in ordered:
                task = progress.add_task(f"Importing {path.name}", total=None) if progress else None
                if kinds[path] == "geoname":
                    _import_geonames(conn, path, stats)
                else:
                    _import_alternates(conn, path, stats)
                if progress is not None and task is not None:
                    progress.update(task, completed=1, total=1)
    finally:
        conn.close()
    return stats


def _user_copy() -> Path:
    """The user's index (data dir), first copied from the packaged-data index, so imports never touch it."""
    target = user_path()
    if not target.exists():
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        shutil.copyfile(ensure_built(base_path()), tmp)
        os.replace(tmp, target)
    return target


def _import_geonames(conn: sqlite3.Connection, path: Path, stats: ImportStats) -> None:
    rows = [row for _, row in _rows(path) if len(row) == 19]
    # Admin units first, so that places in the same file get their admin names.
    for row in rows:
        if row[6] == "A" and row[7] in ADMIN_CODES:
            code = ".".join([row[8], row[10]] + ([row[11]] if row[7] == "ADM2" else []))
            conn.execute("INSERT OR REPLACE INTO admin VALUES (?,?,?)", (code, row[2] or row[1], int(row[0])))
    for number, row in enumerate(rows, 1):
        if row[6] not in KEPT_CLASSES:
            stats.skipped += 1
            continue
        try:
            gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
            population = int(row[14] or 0)
        except ValueError as err:
            raise GazetteerError(f"{path}, row {number}: bad number ({err}); is this a GeoNames dump?") from err
        cc, a1, a2 = row[8], row[10], row[11]
        admin1 = _admin(conn, f"{cc}.{a1}")
        admin2 = _admin(conn, f"{cc}.{a1}.{a2}") if a2 else None
        if row[7] == "ADM1":
            admin1 = row[2] or row[1]
        conn.execute("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     (gid, row[2] or row[1], cc, f"{cc}.{a1}", admin1, admin2, row[6], row[7], population,
                      lat, lon, f"import:{path.name}"))
        names = [row[1], row[2], *row[3].split(",")]
        keys = {k for n in names if n and is_latin(n) and (k := name_key(n))}
        conn.executemany("INSERT OR IGNORE INTO name VALUES (?,?)", [(k, gid) for k in keys])
        stats.places += 1
        stats.names += len(keys)


def _admin(conn: sqlite3.Connection, code: str) -> str | None:
    row = conn.execute("SELECT name FROM admin WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def _import_alternates(conn: sqlite3.Connection, path: Path, stats: ImportStats) -> None:
    known = {gid for (gid,) in conn.execute("SELECT geonameid FROM place")}
    batch = []
    for number, row in _rows(path):
        if len(row) < 4 or not row[1].isdigit():
            raise GazetteerError(f"{path}, row {number}: expected alternateNameId, geonameid, language, name")
        gid, language, name = int(row[1]), row[2], row[3]
        if gid not in known or language in NOT_NAMES or not is_latin(name) or not (key := name_key(name)):
            stats.skipped += 1
            continue
        batch.append((key, gid))
    conn.executemany("INSERT OR IGNORE INTO name VALUES (?,?)", batch)
    stats.names += len(batch)
