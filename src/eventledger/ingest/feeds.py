"""RSS/Atom feeds with feedparser: one entry, one article."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

import feedparser

from eventledger.ingest.html import fragment_text
from eventledger.ingest.problems import IngestError


@dataclass
class Entry:
    number: int  # 1-based position in the feed
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _entry_html(entry: feedparser.FeedParserDict) -> str:
    # full content (content:encoded, atom:content) is better than the summary when the feed has it
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    return best or entry.get("summary", "") or ""


def parse_feed(data: bytes) -> tuple[list[Entry], str | None]:
    """Entries of a feed and a warning if it is malformed but readable; IngestError if it has no entries."""
    # bytes, never str: feedparser treats a string that looks like a URL or path as something to fetch
    try:
        feed = feedparser.parse(data)
    except (UnicodeError, LookupError, ValueError) as err:
        # feedparser itself trips on some broken input, e.g. a non-ASCII encoding name in the XML declaration
        reason = f"malformed feed: {type(err).__name__}: {err}"
        raise IngestError(reason, "check the XML declaration and encoding") from err
    reason = str(feed.get("bozo_exception") or "") or None
    if not feed.entries:
        if feed.bozo:
            raise IngestError(f"malformed feed: {reason}", "check that the file is a complete RSS/Atom feed")
        raise IngestError("feed has no entries", "check the feed URL/file; nothing to read")
    outlet = feed.feed.get("title") or None
    entries = [
        Entry(
            number=i,
            text=fragment_text(_entry_html(e)),
            title=e.get("title") or None,
            url=e.get("link") or None,
            outlet=outlet,
            published=_entry_date(e),
        )
        for i, e in enumerate(feed.entries, start=1)
    ]
    # encoding overrides are routine (server says latin-1, file says utf-8); anything else is worth a warning
    warning = reason if feed.bozo and "encoding" not in type(feed.bozo_exception).__name__.lower() else None
    return entries, warning
