"""The REST API under load: uvicorn in a subprocess on a free loopback port, over a temporary SQLite database
seeded with ~200 events (built from the models, no extraction), hit with 10,000 requests from 32 concurrent
httpx clients: event lists with filters, event pages, stats and small exports. Prints requests, p50/p99/max
latency, requests per second and errors per kind of request; exits 1 on any 5xx or failed request.

    python benchmarks/api_load.py                     # 10,000 requests, concurrency 32
    python benchmarks/api_load.py -n 2000 -c 8
    python benchmarks/api_load.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test   # must be empty
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventledger.models import Actor, Article, Claim, Event, Evidence, Extraction, Place  # noqa: E402
from eventledger.store import Store  # noqa: E402

PLACES = [  # (name, admin1, country, code, lat, lon)
    ("Kirkuk", "Kirkuk", "Iraq", "IQ", 35.47, 44.39), ("Mosul", "Nineveh", "Iraq", "IQ", 36.34, 43.13),
    ("Aleppo", "Aleppo", "Syria", "SY", 36.20, 37.16), ("Idlib", "Idlib", "Syria", "SY", 35.93, 36.63),
    ("Pokrovsk", "Donetsk", "Ukraine", "UA", 48.28, 37.18), ("Kharkiv", "Kharkiv", "Ukraine", "UA", 49.99, 36.23),
    ("Maiduguri", "Borno", "Nigeria", "NG", 11.85, 13.16), ("Lagos", "Lagos", "Nigeria", "NG", None, None),
    ("Goma", "North Kivu", "DR Congo", "CD", -1.68, 29.22), ("Khartoum", "Khartoum", "Sudan", "SD", 15.50, 32.56),
]
TYPES = [  # (label, event_type, sub_event_type, verb)
    ("ARMED_CLASH", "Battles", "Armed clash", "clashed with"),
    ("AIR_STRIKE", "Explosions/Remote violence", "Air/drone strike", "struck"),
    ("ART_MISS_ATTACK", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
    ("ATTACK", "Violence against civilians", "Attack", "attacked"),
    ("ARREST", "Strategic developments", "Arrests", "arrested"),
    ("PEACE_PROTEST", "Protests", "Peaceful protest", "protested against"),
]
ACTORS = [("Military Forces of {c}", 1), ("Police Forces of {c}", 1), ("Islamic State", 2),
          ("Unidentified Armed Group ({c})", 3), ("Civilians ({c})", 7), ("Protesters ({c})", 6)]


def seed_events(store: Store, n: int, rng: random.Random) -> list[str]:
    """`n` events, one article each, with varied places, types, actors, dates and figures; returns their ids."""
    ids = []
    start = date(2023, 1, 1)
    for i in range(n):
        name, admin1, country, code, lat, lon = rng.choice(PLACES)
        label, event_type, sub_event_type, verb = rng.choice(TYPES)
        (a1, inter1), (a2, inter2) = rng.sample(ACTORS, 2)
        day = start + timedelta(days=rng.randrange(700))
        deaths = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 45])
        text = (f"Report {i}: {a1.format(c=country)} {verb} {a2.format(c=country)} in {name}, {admin1}, on "
                f"{day:%d %B %Y}; {deaths if deaths is not None else 'an unknown number of'} people were killed, "
                f"local officials said.")
        article = Article(text=text, title=f"Report {i} from {name}", outlet="Wire", published=day,
                          url=f"https://news.example/{i}")
        at = text.index(verb)
        event = Event(
            label=label, event_type=event_type, sub_event_type=sub_event_type, confidence=0.9,
            trigger=Evidence.from_text(text, at, at + len(verb), "trigger", article.id),
            sentences=[Evidence.from_text(text, 0, len(text), "sentence", article.id)],
            actor1=Actor(name=a1.format(c=country), inter=inter1), actor2=Actor(name=a2.format(c=country),
                                                                               inter=inter2),
            place=Place(name=name, admin1=admin1, country=country, country_code=code, latitude=lat, longitude=lon,
                        geo_precision=1 if lat is not None else 3),
            event_date=day, time_precision=1, fatalities=deaths, fatalities_bound="exact" if deaths else None,
            claims=[Claim(id="c1", source="local officials", strength="said", field="fatalities",
                          value=str(deaths), statement=text)],
            sources=["local officials"], notes=text,
        )
        ids += store.add(Extraction(article=article, events=[event])).inserted
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# As `eventledger serve` runs it (same keep-alive), without the resolver: the load is read-only.
SERVER = """
import sys, uvicorn
from eventledger.serve.api import KEEP_ALIVE_SECONDS, create_app
from eventledger.store import Store
uvicorn.run(create_app(Store(sys.argv[1], resolver=None)), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False, timeout_keep_alive=KEEP_ALIVE_SECONDS)
"""


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited at start-up:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not answer within 60 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux), 0 where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def plan(n: int, ids: list[str], rng: random.Random) -> list[tuple[str, str, dict]]:
    """(kind, path, query params) for n requests: 50% lists with filters, 25% event pages, 15% stats, 10% exports."""
    def filters() -> dict:
        _, admin1, country, code, *_ = rng.choice(PLACES)
        label, event_type, sub_event_type, _ = rng.choice(TYPES)
        since = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
        options = [
            {"country": rng.choice([country, code.lower()])}, {"event_type": event_type}, {"label": label},
            {"sub_event_type": sub_event_type}, {"admin1": admin1}, {"min_fatalities": rng.choice([1, 5, 10])},
            {"since": since.isoformat(), "until": (since + timedelta(days=rng.randrange(1, 120))).isoformat()},
            {"bbox": "36,30,48,38"}, {"bbox": "-20,-5,40,20"}, {"q": rng.choice(["kirkuk", "officials", "shell"])},
            {"actor": rng.choice(["police", "islamic", "military"])}, {},
        ]
        chosen: dict = {}
        for option in rng.sample(options, rng.choice([1, 1, 2, 3])):
            chosen.update(option)
        return chosen

    requests = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.50:
            query = filters() | {"limit": rng.choice([10, 50, 100]), "offset": rng.choice([0, 0, 0, 10, 50])}
            requests.append(("list", "/api/events", query))
        elif roll < 0.75:
            requests.append(("detail", f"/api/events/{rng.choice(ids)}", {}))
        elif roll < 0.90:
            requests.append(("stats", "/api/stats", {}))
        else:
            country = rng.choice(PLACES)[2]
            since = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
            query = {"format": rng.choice(["acled-csv", "geojson", "json"]), "country": country,
                     "since": since.isoformat(), "until": (since + timedelta(days=90)).isoformat()}
            requests.append(("export", "/api/export", query))
    return requests


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    status: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    failed: int = 0  # no response at all
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # why, for those


async def fire(base: str, requests: list[tuple[str, str, dict]], concurrency: int) -> tuple[dict[str, Tally], float]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    queue = iter(requests)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        for kind, path, params in queue:  # workers share one iterator: each request is sent once
            tally = tallies[kind]
            begin = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                await response.aread()
            except httpx.HTTPError as err:
                tally.failed += 1
                tally.errors[f"{type(err).__name__}: {err}"] += 1
                continue
            tally.latencies.append(time.perf_counter() - begin)
            tally.status[response.status_code] += 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        begin = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return tallies, time.perf_counter() - begin


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q < 100 else max(values)


def report(tallies: dict[str, Tally], seconds: float, concurrency: int, n_events: int, db: str) -> Table:
    table = Table(title=f"API under load: {concurrency} concurrent clients, {n_events} events in {db}, "
                  f"{seconds:.1f} s", header_style="bold")
    table.add_column("kind")
    for column in ("requests", "p50 ms", "p99 ms", "max ms", "req/s", "2xx", "4xx", "5xx", "failed"):
        table.add_column(column, justify="right")
    everything = Tally()
    for kind in ("list", "detail", "stats", "export", "all"):
        if kind == "all":
            tally = everything
            table.add_section()
        else:
            tally = tallies.get(kind, Tally())
            everything.latencies += tally.latencies
            everything.failed += tally.failed
            for code, count in tally.status.items():
                everything.status[code] += count
        lat = tally.latencies
        count = len(lat) + tally.failed

        def band(low: int, status: dict[int, int] = tally.status) -> str:
            return str(sum(v for k, v in status.items() if low <= k < low + 100))

        table.add_row(kind, str(count), f"{percentile(lat, 50) * 1000:.1f}", f"{percentile(lat, 99) * 1000:.1f}",
                      f"{max(lat, default=0) * 1000:.1f}", f"{count / seconds:.0f}", band(200), band(400),
                      band(500), str(tally.failed))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=10_000)
    parser.add_argument("-c", "--concurrency", type=int, default=32)
    parser.add_argument("--events", type=int, default=200, help="events to seed the database with")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file); must be empty")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    console = Console(width=max(Console().width, 110))  # the whole table, also when piped
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'load.db'}"
        store = Store(url, resolver=None)
        if store.count_events():
            raise SystemExit(f"{url} already holds events; give an empty database")
        ids = seed_events(store, args.events, rng)
        store.close()
        port = free_port()
        log = Path(tmp) / "server.log"
        server = start_server(url, port, log)
        requests = plan(args.requests, ids, rng)
        try:
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            tallies, seconds = asyncio.run(fire(f"http://127.0.0.1:{port}", requests, args.concurrency))
            server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
        finally:
            server.terminate()
            server.wait(timeout=30)
        console.print(report(tallies, seconds, args.concurrency, len(ids), "PostgreSQL" if args.db else "SQLite"))
        console.print(f"CPU time during the run: server {server_cpu:.1f} s "
                      f"({server_cpu / len(requests) * 1000:.2f} ms per request), load generator {client_cpu:.1f} s, "
                      f"on {os.cpu_count()} cores")
        errors = sum(t.failed + sum(v for k, v in t.status.items() if k >= 500) for t in tallies.values())
        if errors:
            reasons: dict[str, int] = defaultdict(int)
            for tally in tallies.values():
                for reason, count in tally.errors.items():
                    reasons[reason] += count
            console.print(f"[bold red]{errors} requests failed or got a 5xx[/]")
            for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
                console.print(f"  {count} x {reason}")
            console.print(f"server log:\n{log.read_text()[-5000:]}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
