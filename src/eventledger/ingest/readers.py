"""Read files, folders and stdin into Articles: dispatch by extension (or by sniffing the content), decode,
clean, check size/language/date; problems are yielded next to the articles so that a batch goes on."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

import dateparser

from eventledger.ingest.clean import Cleaned, clean_text
from eventledger.ingest.decode import decode_bytes, max_article_bytes, too_large
from eventledger.ingest.feeds import parse_feed
from eventledger.ingest.html import extract_page
from eventledger.ingest.jsonl import Record, bounded_lines, parse_date, parse_json_document, parse_lines
from eventledger.ingest.language import non_english
from eventledger.ingest.problems import IngestError, IngestProblem
from eventledger.models import Article

Kind = Literal["text", "html", "feed", "jsonl", "json"]
Item = Article | IngestProblem

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
# File-size limits relative to the per-article text limit: markup inflates a page, a feed holds many articles.
SIZE_FACTOR: dict[Kind, int] = {"text": 1, "html": 4, "feed": 4, "json": 4, "jsonl": 4}
STDIN = "-"
# Publication dates up to a day ahead of UTC are real (time zones east of UTC); later ones are errors.
FUTURE_TOLERANCE = timedelta(days=1)
NOT_ENGLISH_HINT = "eventledger extracts events from English text only; translate the article first"


def utc_today() -> date:
    return datetime.now(UTC).date()


def sniff(head: bytes) -> Kind:
    """Guess the kind of input from its first bytes (for stdin and files without a known extension)."""
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()[:4096].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf")):
        return "html" if b"<html" in start and b"<rss" not in start and b"<feed" not in start else "feed"
    if start.startswith(b"<") and any(
        tag in start for tag in (b"<html", b"<body", b"<!doctype", b"<p", b"<div", b"<head", b"<article")
    ):
        return "html"
    return "text"


def future_problem(published: date, today: date) -> IngestError | None:
    if published > today + FUTURE_TOLERANCE:
        return IngestError(
            f"publication date {published.isoformat()} is in the future (today is {today.isoformat()})",
            "fix the date in the input or pass --published YYYY-MM-DD",
        )
    return None


class Reader:
    """Settings shared by every input of one batch."""

    def __init__(
        self,
        *,
        published: date | None = None,
        max_bytes: int | None = None,
        check_language: bool = True,
        clean: bool = True,
        today: date | None = None,
    ) -> None:
        self.published = published
        self.max_bytes = max_bytes or max_article_bytes()
        self.check_language = check_language
        self.clean = clean
        self.today = today or utc_today()
        if published is not None and (err := future_problem(published, self.today)):
            raise err

    # -- inputs ----------
    def read(self, paths: Iterable[str | Path]) -> Iterator[Item]:
        for raw in paths:
            if str(raw) == STDIN:
                yield from self._guard("<stdin>", self._stdin)
                continue
            path = Path(raw)
            if path.is_dir():
                yield from self._folder(path)
            elif path.exists():
                yield from self._guard(str(path), lambda path=path: self._file(path))
            else:
                yield IngestProblem(
                    str(path), "no such file or directory", "check the path (folders are read recursively)"
                )

    def _folder(self, folder: Path) -> Iterator[Item]:
        # hidden files and folders (.git, .DS_Store) are never articles
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if not files:
            yield IngestProblem(
                str(folder),
                "folder has no files",
                "put .txt, .html, .xml or .jsonl files in it",
                severity="warning",
            )
        for path in files:
            yield from self._guard(str(path), lambda path=path: self._file(path))

    def _guard(self, origin: str, read: object) -> Iterator[Item]:
        """Turn every failure of one input into a problem: a batch never stops on one bad file."""
        try:
            yield from read()  # type: ignore[operator]
        except IngestError as err:
            yield err.as_problem(origin)
        except OSError as err:
            yield IngestProblem(
                origin, f"cannot read: {err.strerror or err}", "check the path and permissions"
            )
        except RecursionError:
            yield IngestProblem(origin, "input is nested too deeply to parse", "check that the file is valid")
        except MemoryError:
            yield IngestProblem(origin, "input too large for memory", "split it into smaller files")

    def _file(self, path: Path) -> Iterator[Item]:
        origin = str(path)
        kind = EXTENSIONS.get(path.suffix.lower())
        if kind is None:
            with path.open("rb") as handle:
                kind = sniff(handle.read(4096))
        if kind == "jsonl":
            with path.open("rb") as handle:  # streamed: a JSONL file may hold any number of articles
                lines = bounded_lines(handle, self.max_bytes)
                yield from self._records(parse_lines(lines, max_bytes=self.max_bytes), origin)
            return
        limit = self.max_bytes * SIZE_FACTOR[kind]
        size = path.stat().st_size
        if size > limit:  # checked before reading: a 50 MB file is refused without loading it
            raise too_large(size, limit)
        if size == 0:
            raise IngestError("empty file", "nothing to read; check that the file was saved completely")
        yield from self._bytes(path.read_bytes(), origin, kind)

    def _stdin(self) -> Iterator[Item]:
        limit = self.max_bytes * max(SIZE_FACTOR.values())
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise too_large(len(data), limit)
        if not data.strip():
            raise IngestError("empty input on stdin", "pipe an article into the command, e.g. `cat a.txt |`")
        yield from self._bytes(data, "<stdin>", sniff(data[:4096]))

    def _bytes(self, data: bytes, origin: str, kind: Kind) -> Iterator[Item]:
        limit = self.max_bytes * SIZE_FACTOR[kind]
        if kind == "jsonl":
            yield from self._records(parse_lines(data.splitlines(), max_bytes=self.max_bytes), origin)
        elif kind == "json":
            yield from self._records(parse_json_document(data, max_bytes=self.max_bytes), origin)
        elif kind == "feed":
            decode_bytes(data, limit=limit)  # refuses binary data; feedparser reads the XML encoding itself
            yield from self._feed(data, origin)
        elif kind == "html":
            text, _ = decode_bytes(data, limit=limit)
            yield self._html(text, origin)
        else:
            text, _ = decode_bytes(data, limit=limit)
            yield self.article(text, origin=origin)

    # -- formats ----------
    def _html(self, html: str, origin: str) -> Item:
        page = extract_page(html)
        if not page.text.strip():
            return IngestProblem(
                origin,
                "HTML page has no article text",
                "check that this is an article page, not an index/login/script-only page",
            )
        return self.article(
            page.text,
            origin=origin,
            title=page.title,
            url=page.url,
            outlet=page.outlet,
            published=page.published,
            known_title=page.title,
        )

    def _feed(self, data: bytes, origin: str) -> Iterator[Item]:
        entries, warning = parse_feed(data)
        if warning:
            yield IngestProblem(
                origin,
                f"feed is malformed ({warning}); read {len(entries)} entries anyway",
                "entries after the error may be missing",
                severity="warning",
            )
        for entry in entries:
            if not entry.text.strip():
                yield IngestProblem(
                    origin,
                    "feed entry has no text",
                    "the feed only has titles; fetch the article pages instead",
                    line=entry.number,
                )
                continue
            yield self.article(
                entry.text,
                origin=origin,
                line=entry.number,
                title=entry.title,
                url=entry.url,
                outlet=entry.outlet,
                published=entry.published,
                known_title=entry.title,
            )

    def _records(self, records: Iterable[Record | tuple[int, IngestError]], origin: str) -> Iterator[Item]:
        count = 0
        for record in records:
            count += 1
            if isinstance(record, tuple):
                number, err = record
                yield err.as_problem(origin, line=number)
                continue
            yield self.article(
                record.text,
                origin=origin,
                line=record.line,
                title=record.title,
                url=record.url,
                outlet=record.outlet,
                published=record.published,
                known_title=record.title,
            )
        if count == 0:
            yield IngestProblem(origin, "no articles in the file", "write one JSON object per line")

    # -- one article ----------
    def article(
        self,
        text: str,
        *,
        origin: str,
        line: int | None = None,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        published: date | str | None = None,
        known_title: str | None = None,
    ) -> Item:
        """Clean and check one article's text; a problem instead if it cannot be used."""

        def problem(reason: str, hint: str = "", severity: str = "error") -> IngestProblem:
            return IngestProblem(origin, reason, hint, line=line, severity=severity)  # type: ignore[arg-type]

        if not text.strip():
            return problem("empty: no text", "nothing to read; check the input")
        if len(text) > self.max_bytes:
            err = too_large(len(text.encode("utf-8")), self.max_bytes)
            return problem(err.reason, err.hint)
        cleaned = clean_text(text, known_title=known_title) if self.clean else Cleaned(text=text.strip())
        if not cleaned.text.strip():
            return problem(
                "no text left after removing page furniture (credits, captions, share lines)",
                "check that the input is an article",
            )
        try:
            day = self._published(published, cleaned)
        except IngestError as err:
            return problem(err.reason, err.hint)
        language = "en"
        if self.check_language and (lang := non_english(cleaned.text)):
            return problem(f"not English (detected language: {lang})", NOT_ENGLISH_HINT, "skipped")
        return Article(
            text=cleaned.text,
            title=title or cleaned.title,
            url=url,
            outlet=outlet,
            published=day,
            language=language,
            origin=origin if line is None else f"{origin}:{line}",
            fetched_at=datetime.now(UTC),
        )

    def _published(self, meta: date | str | None, cleaned: Cleaned) -> date | None:
        """--published, else the input's metadata, else a dateline found in the text, else unknown."""
        if self.published is not None:
            return self.published
        day: date | None
        if isinstance(meta, str):
            day = parse_date(meta)
        elif meta is not None:
            day = meta
        else:
            day = _dateline_date(cleaned.dateline)
        if day is not None and (err := future_problem(day, self.today)):
            raise err
        return day


def _dateline_date(line: str | None) -> date | None:
    if not line:
        return None
    parsed = dateparser.parse(
        line.split(":", 1)[-1] if ":" in line[:20] else line,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    max_bytes: int | None = None,
    check_language: bool = True,
    clean: bool = True,
    today: date | None = None,
) -> Iterator[Item]:
    """Articles and problems from files, folders (recursively) and `-` (stdin), in input order.

    Raises IngestError at once if `published` is in the future (no input could be used)."""
    reader = Reader(
        published=published, max_bytes=max_bytes, check_language=check_language, clean=clean, today=today
    )
    return reader.read(paths)


def read_text(
    text: str, *, origin: str = "<text>", published: date | None = None, **settings: object
) -> Article:
    """One article from a string; raises IngestError (with what to do next) if it cannot be used."""
    item = Reader(published=published, **settings).article(text, origin=origin)  # type: ignore[arg-type]
    if isinstance(item, IngestProblem):
        raise IngestError(item.reason, item.hint, origin)
    return item


def read_article(path: str | Path, **settings: object) -> Article:
    """Exactly one article from one file (or `-`); raises IngestError with what to do next otherwise."""
    items = list(read_paths([path], **settings))  # type: ignore[arg-type]
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, IngestProblem)]
    if len(articles) == 1 and not any(p.severity == "error" for p in problems):
        return articles[0]
    if problems:
        first = problems[0]
        raise IngestError(first.reason, first.hint, first.where)
    raise IngestError(
        f"{len(articles)} articles found, expected one", "use read_paths for feeds and JSONL", str(path)
    )
