"""Streaming ingestion: watch a folder (or one file) or poll an RSS/Atom feed, and ingest what is new.

    watcher = Watcher("incoming/")                      # or Watcher("https://example.org/feed.xml")
    summary = watcher.run(ingest=lambda articles: ..., once=True)

Folders: everything there is processed first; then `watchfiles` (inotify and friends) reports changes at once,
and every `interval` seconds a full rescan catches what the OS did not report (network file systems). A file is
processed again only if its modification time or size changed; the store skips articles it already holds, so
re-reading is harmless. Files are streamed to the ingester, never kept: memory does not grow with the folder.

Feeds: polled every `interval` seconds with httpx, conditional requests (ETag / If-Modified-Since), parsed with
`eventledger.ingest.feeds`; item keys already seen are remembered in a bounded LRU, so only new items are read.

The watcher stops when `stop` is set (another thread) or on Ctrl-C, and returns a `WatchSummary`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path

import httpx

from eventledger import __version__
from eventledger.ingest import IngestError, IngestProblem, Reader, read_paths
from eventledger.ingest.decode import max_article_bytes
from eventledger.ingest.feeds import parse_feed
from eventledger.models import Article

Ingest = Callable[[Iterable[Article]], Mapping[str, int]]
Log = Callable[[str], None]
ProblemHandler = Callable[[IngestProblem], None]

DEFAULT_INTERVAL = 60.0
FEED_TIMEOUT = 20.0  # seconds for one feed request
SEEN_ITEMS = 10_000  # feed item keys remembered (a feed holds tens to hundreds of items)
SETTLE_SECONDS = 1.0  # a file modified less than this long ago may still be being written
FEED_SIZE_FACTOR = 4  # a feed may be this many times the per-article size limit (as for feed files)


@dataclass
class WatchSummary:
    """What a watcher did, for the closing line."""

    rounds: int = 0  # folder scans or feed polls that found something to read
    files: int = 0  # files read (again)
    feed_items: int = 0  # new feed items read
    problems: int = 0  # inputs (or entries) skipped
    errors: int = 0  # failed polls after the first one (the watcher went on)
    totals: dict[str, int] = field(default_factory=lambda: {"read": 0, "new": 0, "known": 0, "inserted": 0,
                                                            "merged": 0})
    interrupted: bool = False

    def add(self, ingested: Mapping[str, int]) -> None:
        for key, value in ingested.items():
            self.totals[key] = self.totals.get(key, 0) + value

    def __str__(self) -> str:
        t = self.totals
        what = f"{self.files} files" if self.files or not self.feed_items else f"{self.feed_items} feed items"
        text = (f"{self.rounds} rounds, {what}: {t['read']} articles read, {t['new']} new, {t['known']} already "
                f"stored; {t['inserted']} new events, {t['merged']} merged; {self.problems} inputs skipped")
        return text + (f"; {self.errors} failed polls" if self.errors else "")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class LRUSet:
    """A set that forgets its oldest keys beyond `capacity` (memory stays bounded on an endless stream)."""

    def __init__(self, capacity: int = SEEN_ITEMS) -> None:
        self.capacity = capacity
        self._keys: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str) -> None:
        self._keys[key] = None
        self._keys.move_to_end(key)
        while len(self._keys) > self.capacity:
            self._keys.popitem(last=False)


# -- folders ---------------------------------------------------------------------------------------------------------

FileState = tuple[int, int]  # (mtime_ns, size)


class FolderSource:
    """New and changed files under a folder (or one file), hidden files and folders excluded as in `ingest`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, FileState] = {}

    def label(self) -> str:
        return f"folder {self.path}" if self.path.is_dir() else f"file {self.path}"

    def _visible(self, path: Path) -> bool:
        try:
            relative = path.relative_to(self.path) if self.path.is_dir() else Path(path.name)
        except ValueError:
            return False
        return not any(part.startswith(".") for part in relative.parts)

    def _all_files(self) -> Iterator[Path]:
        if self.path.is_file():
            yield self.path
        elif self.path.is_dir():
            yield from (p for p in self.path.rglob("*") if self._visible(p) and p.is_file())

    @staticmethod
    def _state(path: Path) -> FileState | None:
        try:
            stat = path.stat()
        except OSError:  # deleted or renamed meanwhile
            return None
        return stat.st_mtime_ns, stat.st_size

    def changed(self, hints: Iterable[Path] | None = None) -> list[tuple[Path, FileState]]:
        """Files (with their state) that are new or changed; `hints` limits the look to those paths, None means a
        full rescan (which also forgets deleted files)."""
        if hints is None:
            candidates = list(self._all_files())
            present = {str(p) for p in candidates}
            for gone in [key for key in self.seen if key not in present]:
                del self.seen[gone]
        else:
            candidates = [p for p in hints if self._visible(p) and p.is_file()]
        found = []
        for path in sorted(set(candidates)):
            state = self._state(path)
            if state is not None and self.seen.get(str(path)) != state:
                found.append((path, state))
        return found

    def settle(self, files: list[tuple[Path, FileState]], stop: threading.Event) -> list[tuple[Path, FileState]]:
        """Wait until the newest file is SETTLE_SECONDS old, so that a file still being written is read whole."""
        if not files:
            return files
        newest = max(state[0] for _, state in files) / 1e9
        wait = newest + SETTLE_SECONDS - time.time()
        if wait > 0:
            stop.wait(min(wait, SETTLE_SECONDS))
        settled = [(path, self._state(path)) for path, _ in files]
        return [(path, state) for path, state in settled if state is not None]

    def mark(self, path: Path, state: FileState) -> None:
        self.seen[str(path)] = state

    def updates(self, stop: threading.Event, interval: float) -> Iterator[list[Path] | None]:
        """Paths the OS reports as changed, or None when `interval` passed without a report (time to rescan)."""
        try:
            import watchfiles
        except ImportError:  # polling only: a full rescan every interval
            while not stop.wait(interval):
                yield None
            return
        # Wake up at least every second: the first wake-up rescans once the OS watch is surely in place (files
        # added between the first scan and that moment are not lost), later ones every `interval`.
        last_scan, started = time.monotonic(), False
        for changes in watchfiles.watch(self.path, stop_event=stop, rust_timeout=int(min(interval, 1.0) * 1000),
                                        yield_on_timeout=True, debounce=400, raise_interrupt=True):
            if stop.is_set():
                return
            if changes:
                yield [Path(p) for change, p in changes if change != watchfiles.Change.deleted]
            elif not started or time.monotonic() - last_scan >= interval:
                started, last_scan = True, time.monotonic()
                yield None


# -- feeds -----------------------------------------------------------------------------------------------------------

class FeedSource:
    """New items of an RSS/Atom feed, fetched with conditional requests."""

    def __init__(self, url: str, client: httpx.Client | None = None, seen_capacity: int = SEEN_ITEMS) -> None:
        self.url = url
        self.client = client or httpx.Client(timeout=FEED_TIMEOUT, follow_redirects=True)
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.seen = LRUSet(seen_capacity)
        self.limit = max_article_bytes() * FEED_SIZE_FACTOR

    def label(self) -> str:
        return f"feed {self.url}"

    def close(self) -> None:
        self.client.close()

    def fetch(self) -> bytes | None:
        """The feed's bytes, or None if the server says it has not changed since the last poll."""
        headers = {"User-Agent": f"eventledger/{__version__} (watch)",
                   "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        try:
            with self.client.stream("GET", self.url, headers=headers) as response:
                if response.status_code == 304:
                    return None
                if response.status_code >= 400:
                    raise IngestError(f"the server answered HTTP {response.status_code} "
                                      f"{response.reason_phrase}".rstrip(), "check the feed URL", self.url)
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > self.limit:
                        raise IngestError(f"feed is larger than {self.limit // 1_000_000} MB",
                                          "set EVENTLEDGER_MAX_ARTICLE_MB higher, or check the URL", self.url)
                self.etag = response.headers.get("ETag")
                self.last_modified = response.headers.get("Last-Modified")
        except httpx.TimeoutException:
            raise IngestError(f"no answer within {FEED_TIMEOUT:.0f} s", "check the URL and the network",
                              self.url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as err:
            raise IngestError(f"cannot fetch the feed: {err or type(err).__name__}",
                              "check the URL and the network", self.url) from None
        return bytes(data)

    def new_items(self, data: bytes, reader: Reader, on_problem: ProblemHandler) -> Iterator[Article]:
        """Articles for the feed items not seen before (parse errors raise IngestError)."""
        entries, warning = parse_feed(data)
        if warning:
            on_problem(IngestProblem(self.url, f"feed is malformed ({warning}); read {len(entries)} entries anyway",
                                     severity="warning"))
        fresh = []
        for entry in entries:
            key = hashlib.sha256(f"{entry.url}\n{entry.title}\n{entry.text}".encode()).hexdigest()
            if key not in self.seen:
                fresh.append((key, entry))

        def articles() -> Iterator[Article]:
            for key, entry in fresh:
                self.seen.add(key)
                if not entry.text.strip():
                    on_problem(IngestProblem(self.url, "feed entry has no text", "the feed only has titles; "
                                             "fetch the article pages instead", line=entry.number))
                    continue
                item = reader.article(entry.text, origin=self.url, line=entry.number, title=entry.title,
                                      url=entry.url, outlet=entry.outlet, published=entry.published,
                                      known_title=entry.title)
                if isinstance(item, IngestProblem):
                    on_problem(item)
                else:
                    yield item

        return articles()


# -- the watcher -----------------------------------------------------------------------------------------------------

class Watcher:
    """Watch `source` (a folder, a file, or an http(s) feed URL) and hand what is new to `ingest`."""

    def __init__(self, source: str, *, interval: float = DEFAULT_INTERVAL, stop: threading.Event | None = None,
                 log: Log | None = None, on_problem: ProblemHandler | None = None,
                 client: httpx.Client | None = None) -> None:
        if interval <= 0:
            raise ValueError("--interval must be a positive number of seconds")
        self.interval = interval
        self.stop = stop or threading.Event()
        self.log = log or (lambda message: None)
        self.on_problem = on_problem or (lambda problem: None)
        self.source: FolderSource | FeedSource
        if is_url(source):
            if not httpx.URL(source).host:
                raise IngestError("the feed URL has no host name", "give a full URL such as "
                                  "https://example.org/feed.xml", source)
            self.source = FeedSource(source, client=client)
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise IngestError("no such folder or file", "give an existing folder to watch, or an http(s) feed "
                                  "URL", source)
            self.source = FolderSource(path)
        self.summary = WatchSummary()
        self._pending: bytes | None = None  # a feed fetched by check(), read by the first round

    def check(self) -> None:
        """Fetch and parse a feed once now, so that a wrong URL fails before a database is opened or models load
        (raises IngestError). Folders were checked on construction."""
        if isinstance(self.source, FeedSource) and self._pending is None:
            data = self.source.fetch()
            if data is not None:
                parse_feed(data)
                self._pending = data

    def _problem(self, problem: IngestProblem) -> None:
        self.summary.problems += problem.severity != "warning"
        self.on_problem(problem)

    def run(self, ingest: Ingest, *, once: bool = False) -> WatchSummary:
        """Process what is there, then (unless `once`) what appears, until `stop` is set or Ctrl-C."""
        try:
            if isinstance(self.source, FeedSource):
                self._run_feed(ingest, once)
            else:
                self._run_folder(ingest, once)
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            if isinstance(self.source, FeedSource):
                self.source.close()
        return self.summary

    # -- folders ----------
    def _run_folder(self, ingest: Ingest, once: bool) -> None:
        source = self.source
        assert isinstance(source, FolderSource)
        self._folder_round(ingest, None)
        if once:
            return
        self.log(f"watching {source.label()} (Ctrl-C to stop)")
        for hints in source.updates(self.stop, self.interval):
            self._folder_round(ingest, hints)
            if self.stop.is_set():
                break

    def _folder_round(self, ingest: Ingest, hints: list[Path] | None) -> None:
        source = self.source
        assert isinstance(source, FolderSource)
        files = source.settle(source.changed(hints), self.stop)
        if not files:
            return
        self.summary.rounds += 1
        self.log(f"{datetime.now():%H:%M:%S} {len(files)} new or changed file{'s' * (len(files) != 1)}")

        def articles() -> Iterator[Article]:
            reader_items = read_paths([str(path) for path, _ in files])
            for item in reader_items:
                if isinstance(item, IngestProblem):
                    self._problem(item)
                else:
                    yield item

        self.summary.add(ingest(articles()))
        for path, state in files:
            source.mark(path, state)
        self.summary.files += len(files)

    # -- feeds ----------
    def _run_feed(self, ingest: Ingest, once: bool) -> None:
        source = self.source
        assert isinstance(source, FeedSource)
        reader = Reader()
        first = True
        while True:
            try:
                data, self._pending = (self._pending, None) if self._pending is not None else (source.fetch(), None)
                articles = None if data is None else source.new_items(data, reader, self._problem)
            except IngestError as err:
                if first:  # a wrong URL is an error at once, not a silent loop
                    raise
                self.summary.errors += 1
                self.log(f"{datetime.now():%H:%M:%S} poll failed, will retry in {self.interval:g} s: {err}")
                articles = None
            if first and not once:
                self.log(f"watching {source.label()} every {self.interval:g} s (Ctrl-C to stop)")
            first = False
            if articles is not None:
                self._feed_round(ingest, articles)
            if once or self.stop.wait(self.interval):
                return

    def _feed_round(self, ingest: Ingest, articles: Iterator[Article]) -> None:
        first = next(articles, None)
        if first is None:
            return
        self.summary.rounds += 1
        self.log(f"{datetime.now():%H:%M:%S} new items in {self.source.label()}")
        counted = 0

        def counting() -> Iterator[Article]:
            nonlocal counted
            for article in chain([first], articles):
                counted += 1
                yield article

        self.summary.add(ingest(counting()))
        self.summary.feed_items += counted
