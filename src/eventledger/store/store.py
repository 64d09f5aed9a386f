"""The event store: SQLite by default, PostgreSQL by URL, through one SQLAlchemy layer.

`Store.add` writes one article and its events in ONE transaction: an interruption leaves either all of it or
none of it, and the same article added twice is stored once. New events are resolved against stored ones
(deduplication) inside that transaction, so concurrent writers cannot both insert the same incident.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, and_, case, create_engine, event, func, or_, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from eventledger.models import Article, Event, Extraction, Review
from eventledger.paths import default_db_url
from eventledger.store import schema
from eventledger.store.validate import plausible

if TYPE_CHECKING:
    from eventledger.resolve.dedup import Resolver


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message says what to do."""


@dataclass
class EventRecord:
    event: Event
    review_status: str | None  # accepted / edited / rejected; None until an analyst reviews it
    n_sources: int  # number of articles that reported the event


@dataclass
class AddResult:
    article_id: str
    new_article: bool
    inserted: list[str] = field(default_factory=list)  # ids of events created
    merged: list[tuple[str, str]] = field(default_factory=list)  # (existing event id, reason)


MAX_CANDIDATES = 500  # stored events scored against a new one (a week of one country and its neighbours)

_DEFAULT = object()


def _now() -> datetime:
    return datetime.now(UTC)


WAL_WAIT_SECONDS = 60.0


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers work while one process writes; the busy timeout makes concurrent writers wait, not fail.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=60000")
    _switch_to_wal(cur)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _switch_to_wal(cur: Any) -> None:
    """PRAGMA journal_mode=WAL, waiting for another process that is creating the database: on a file not yet in
    WAL mode SQLite answers 'database is locked' at once, busy timeout or not, while another connection holds the
    write lock (two `eventledger ingest` runs starting on one new file)."""
    deadline = time.monotonic() + WAL_WAIT_SECONDS
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock at the start (IMMEDIATE), so two writers never deadlock upgrading a read
    # lock; readers begin DEFERRED and, with WAL, never wait for a writer.
    conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('begin_mode', 'DEFERRED')}")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def event_id_for(article_id: str, event: Event, index: int) -> str:
    anchor = event.trigger.start if event.trigger else index
    return hashlib.sha256(f"{article_id}:{anchor}:{index}".encode()).hexdigest()[:20]


class Store:
    """Articles, events, claims, contradictions and reviews in one database."""

    def __init__(self, url: str | None = None, *, resolver: Resolver | object | None = _DEFAULT,
                 create: bool = True) -> None:
        self.url = url or default_db_url()
        if resolver is _DEFAULT:
            from eventledger.resolve.dedup import Resolver

            resolver = Resolver()
        self.resolver: Resolver | None = resolver  # type: ignore[assignment]
        try:
            self.engine = make_engine(self.url)
            self._writer = self.engine.execution_options(begin_mode="IMMEDIATE")
            if create:
                self.create()
        except DBAPIError as err:  # OperationalError (server down, locked) or DatabaseError (not a database file)
            raise StoreError(f"cannot open the database at {self._safe_url()}: {err.orig}. "
                             "Check the --db URL (or EVENTLEDGER_DB) and that the server is running.") from err

    def _safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True) if hasattr(self, "engine") else self.url

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def create(self) -> None:
        """Bring the database to the current schema with the Alembic migrations (idempotent, also when several
        processes open a new database at once; a database made before migrations existed is stamped)."""
        from eventledger.store.migrate import MigrationError, upgrade

        # Check-then-migrate in ONE write transaction: SQLite takes the write lock up front (BEGIN IMMEDIATE, so
        # the busy timeout applies instead of an instant "database is locked"), PostgreSQL an advisory lock; a
        # second process waits, then finds the database at head instead of failing on CREATE TABLE.
        try:
            with self._writer.begin() as conn:
                if self.is_postgres:
                    conn.execute(text("SELECT pg_advisory_xact_lock(7412)"))
                upgrade(conn)
        except MigrationError as err:
            raise StoreError(f"cannot use the database at {self._safe_url()}: {err}") from err

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ----------------------------------------------------------------------------------------------

    def add(self, extraction: Extraction) -> AddResult:
        """Store an article and its events in one transaction; a known article is skipped."""
        extraction = plausible(extraction)  # absurd figures are never stored as counts (nor overflow a column)
        article = extraction.article
        result = AddResult(article_id=article.id, new_article=False)
        if self.has_article(article.id):
            return result
        try:
            with self._writer.begin() as conn:
                if self.is_postgres:
                    # One resolver at a time across processes, so two writers cannot insert the same incident.
                    conn.execute(text("SELECT pg_advisory_xact_lock(7411)"))
                if conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article.id)).first():
                    return result
                conn.execute(schema.articles.insert().values(
                    id=article.id, url=article.url, title=article.title, outlet=article.outlet,
                    published=article.published, language=article.language, origin=article.origin,
                    text=article.text, facts=[f.model_dump(mode="json") for f in extraction.facts],
                    ingested_at=_now(),
                ))
                for index, item in enumerate(extraction.events):
                    incoming = item.model_copy(deep=True)
                    incoming.id = incoming.id or event_id_for(article.id, incoming, index)
                    if article.id not in incoming.article_ids:
                        incoming.article_ids.append(article.id)
                    self._resolve_and_write(conn, incoming, article.id, result)
        except IntegrityError:
            # Another writer stored the same article between our check and our insert: nothing to do.
            return result
        result.new_article = True
        return result

    def _resolve_and_write(self, conn: Connection, incoming: Event, article_id: str, result: AddResult) -> None:
        match = None
        if self.resolver is not None:
            block = self.resolver.block(incoming)
            candidates = self._candidates(conn, block)
            match = self.resolver.match(incoming, candidates) if candidates else None
        if match is None:
            if conn.execute(select(schema.events.c.id).where(schema.events.c.id == incoming.id)).first():
                incoming.id = hashlib.sha256(f"{incoming.id}:{article_id}".encode()).hexdigest()[:20]
            self._write_event(conn, incoming, insert=True)
            conn.execute(schema.event_articles.insert().values(event_id=incoming.id, article_id=article_id))
            result.inserted.append(incoming.id)
            return
        existing = self._load_event(conn, match.event_id)
        assert self.resolver is not None and existing is not None
        merged = self.resolver.merge(existing, incoming, match)
        merged.id = existing.id
        self._write_event(conn, merged, insert=False)
        linked = conn.execute(select(schema.event_articles.c.event_id).where(and_(
            schema.event_articles.c.event_id == merged.id, schema.event_articles.c.article_id == article_id,
        ))).first()
        if not linked:
            conn.execute(schema.event_articles.insert().values(
                event_id=merged.id, article_id=article_id, merge_reason=match.reason))
        result.merged.append((merged.id, match.reason))

    def _candidates(self, conn: Connection, block: Any) -> list[Event]:
        ev = schema.events.c
        conds = []
        if block.start is not None:
            conds.append(ev.event_date >= block.start)
        if block.end is not None:
            conds.append(ev.event_date <= block.end)
        if block.countries:
            conds.append(or_(ev.country_code.in_(sorted(block.countries)), ev.country_code.is_(None),
                             ev.place_uncertain.is_(True)))
        # the event's own country first, should the window hold more candidates than are scored
        same_country = case((ev.country_code == block.country_code, 0), else_=1)
        rows = conn.execute(select(ev.payload).where(*conds).order_by(same_country, ev.event_date.desc())
                            .limit(MAX_CANDIDATES)).all()
        return [Event.model_validate(row.payload) for row in rows]

    def _load_event(self, conn: Connection, event_id: str) -> Event | None:
        row = conn.execute(select(schema.events.c.payload).where(schema.events.c.id == event_id)).first()
        return Event.model_validate(row.payload) if row else None

    def _write_event(self, conn: Connection, ev: Event, *, insert: bool, review_status: str | None = None) -> None:
        place = ev.place
        values: dict[str, Any] = dict(
            event_date=ev.event_date, end_date=ev.end_date, time_precision=ev.time_precision,
            event_type=ev.event_type, sub_event_type=ev.sub_event_type, label=ev.label,
            country=place.country if place else None, country_code=place.country_code if place else None,
            admin1=place.admin1 if place else None, admin2=place.admin2 if place else None,
            location=place.name if place else None,
            latitude=place.latitude if place else None, longitude=place.longitude if place else None,
            place_uncertain=bool(place and place.uncertain), fatalities=ev.fatalities,
            actor1=ev.actor1.name if ev.actor1 else None,
            actor2=ev.actor2.name if ev.actor2 else None, notes=ev.notes,
            n_sources=max(1, len(ev.article_ids)), payload=ev.model_dump(mode="json"), updated_at=_now(),
        )
        if review_status is not None:
            values["review_status"] = review_status
        if insert:
            conn.execute(schema.events.insert().values(id=ev.id, created_at=_now(), **values))
        else:
            conn.execute(schema.events.update().where(schema.events.c.id == ev.id).values(**values))
        # Claims and contradictions are derived rows: rewritten with the event.
        conn.execute(schema.claims.delete().where(schema.claims.c.event_id == ev.id))
        conn.execute(schema.contradictions.delete().where(schema.contradictions.c.event_id == ev.id))
        seen: set[str] = set()
        for n, claim in enumerate(ev.claims):
            claim_id = claim.id or f"c{n}"
            if claim_id in seen:
                continue
            seen.add(claim_id)
            span = claim.evidence[0] if claim.evidence else None
            conn.execute(schema.claims.insert().values(
                event_id=ev.id, claim_id=claim_id, article_id=claim.article_id, source=claim.source,
                source_type=claim.source_type, strength=claim.strength, field=claim.field, value=claim.value,
                statement=claim.statement, start=span.start if span else None, end=span.end if span else None,
            ))
        for contradiction in ev.contradictions:
            conn.execute(schema.contradictions.insert().values(
                event_id=ev.id, field=contradiction.field, detail=contradiction.model_dump(mode="json")))

    def add_review(self, review: Review) -> Review:
        """Record an analyst's decision; an edit applies `changes` to the stored event."""
        with self._writer.begin() as conn:
            current = self._load_event(conn, review.event_id)
            if current is None:
                raise KeyError(f"no event with id {review.event_id!r}")
            status = {"accept": "accepted", "edit": "edited", "reject": "rejected"}[review.action]
            updated = current
            if review.action == "edit" and review.changes:
                updated = apply_changes(current, review.changes)
            self._write_event(conn, updated, insert=False, review_status=status)
            created = _now()
            row = conn.execute(schema.reviews.insert().values(
                event_id=review.event_id, action=review.action, changes=review.changes,
                reviewer=review.reviewer, note=review.note, created_at=created,
            ).returning(schema.reviews.c.id)).first()
        assert row is not None
        return review.model_copy(update={"id": row.id, "created_at": created})

    # -- reading ----------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
        return found is not None

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles).where(schema.articles.c.id == article_id)).first()
        return _article(row) if row else None

    def articles(self, limit: int = 100, offset: int = 0) -> list[Article]:
        a = schema.articles.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.articles).order_by(a.ingested_at, a.id)
                                .limit(limit).offset(offset)).all()
        return [_article(r) for r in rows]

    def article_facts(self, article_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.facts).where(schema.articles.c.id == article_id)).first()
        return list(row.facts or []) if row else []

    def get_event(self, event_id: str) -> Event | None:
        with self.engine.connect() as conn:
            return self._load_event(conn, event_id)

    def event_status(self, event_id: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.events.c.review_status)
                               .where(schema.events.c.id == event_id)).first()
        return row.review_status if row else None

    def event_articles(self, event_id: str) -> list[Article]:
        ea = schema.event_articles.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.articles).join(schema.event_articles, ea.article_id == schema.articles.c.id)
                .where(ea.event_id == event_id).order_by(schema.articles.c.published, schema.articles.c.id)
            ).all()
        return [_article(r) for r in rows]

    def _filters(self, *, since: date | None = None, until: date | None = None, country: str | None = None,
                 admin1: str | None = None, event_type: str | None = None, sub_event_type: str | None = None,
                 label: str | None = None, actor: str | None = None, min_fatalities: int | None = None,
                 bbox: Sequence[float] | None = None, text: str | None = None,
                 review_status: str | None = None) -> list[Any]:
        ev = schema.events.c
        conds: list[Any] = []
        if since:
            conds.append(ev.event_date >= since)
        if until:
            conds.append(ev.event_date <= until)
        if country:
            conds.append(or_(func.lower(ev.country) == country.lower(),
                             func.lower(ev.country_code) == country.lower()))
        if admin1:
            conds.append(func.lower(ev.admin1) == admin1.lower())
        if event_type:
            conds.append(func.lower(ev.event_type) == event_type.lower())
        if sub_event_type:
            conds.append(func.lower(ev.sub_event_type) == sub_event_type.lower())
        if label:
            conds.append(ev.label == label.upper())
        if actor:
            pattern = _contains(actor)
            conds.append(or_(func.lower(ev.actor1).like(pattern, escape="\\"),
                             func.lower(ev.actor2).like(pattern, escape="\\")))
        if min_fatalities is not None:
            conds.append(ev.fatalities >= min_fatalities)
        if bbox:
            west, south, east, north = bbox
            conds.append(and_(ev.longitude >= west, ev.longitude <= east,
                              ev.latitude >= south, ev.latitude <= north))
        if text:
            pattern = _contains(text)
            conds.append(or_(*(func.lower(column).like(pattern, escape="\\")
                               for column in (ev.notes, ev.location, ev.actor1, ev.actor2))))
        if review_status:
            conds.append(ev.review_status == review_status)
        return conds

    def events(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[Event]:
        """Events matching the filters, newest first."""
        return [record.event for record in self.event_records(limit=limit, offset=offset, **filters)]

    def event_records(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[EventRecord]:
        """Like `events`, with what the store knows beside the event (review status, number of sources)."""
        ev = schema.events.c
        # NULLS LAST on both databases (PostgreSQL puts NULLs first in a descending order by default), so that
        # pages are the same whichever database serves them.
        query = (select(ev.payload, ev.review_status, ev.n_sources).where(*self._filters(**filters))
                 .order_by(ev.event_date.desc().nulls_last(), ev.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [EventRecord(Event.model_validate(row.payload), row.review_status, row.n_sources)
                    for row in conn.execute(query)]

    def merge_reasons(self, event_id: str) -> dict[str, str | None]:
        """Article id -> why its mention was merged into the event (None for the article that created it)."""
        ea = schema.event_articles.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(ea.article_id, ea.merge_reason).where(ea.event_id == event_id)
                                .order_by(ea.article_id)).all()
        return {row.article_id: row.merge_reason for row in rows}

    def article_events(self, article_id: str) -> list[tuple[str, str | None, str | None]]:
        """(event id, label, merge reason) of the events an article reported."""
        ea, ev = schema.event_articles.c, schema.events.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(ea.event_id, ev.label, ea.merge_reason)
                                .join(schema.events, ev.id == ea.event_id)
                                .where(ea.article_id == article_id).order_by(ev.event_date, ea.event_id)).all()
        return [(row.event_id, row.label, row.merge_reason) for row in rows]

    def count_events(self, **filters: Any) -> int:
        query = select(func.count()).select_from(schema.events).where(*self._filters(**filters))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def reviews(self, event_id: str | None = None) -> list[Review]:
        r = schema.reviews.c
        query = select(schema.reviews).order_by(r.id)
        if event_id:
            query = query.where(r.event_id == event_id)
        with self.engine.connect() as conn:
            return [Review(id=row.id, event_id=row.event_id, action=row.action, changes=row.changes or {},
                           reviewer=row.reviewer, note=row.note or "", created_at=row.created_at)
                    for row in conn.execute(query)]

    def stats(self) -> dict[str, Any]:
        ev = schema.events.c
        with self.engine.connect() as conn:
            n_articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
            merged = conn.execute(select(func.count()).select_from(schema.events)
                                  .where(ev.n_sources > 1)).scalar_one()
            n_contra = conn.execute(select(func.count()).select_from(schema.contradictions)).scalar_one()
            by_type = conn.execute(select(ev.event_type, func.count()).group_by(ev.event_type)
                                   .order_by(func.count().desc())).all()
            span = conn.execute(select(func.min(ev.event_date), func.max(ev.event_date))).first()
            deaths = conn.execute(select(func.coalesce(func.sum(ev.fatalities), 0))).scalar_one()
        return {
            "articles": n_articles, "events": n_events, "events_with_several_sources": merged,
            "contradictions": n_contra, "fatalities": int(deaths),
            "first_date": span[0] if span else None, "last_date": span[1] if span else None,
            "by_type": {t or "unknown": n for t, n in by_type},
        }


# Fields an analyst may correct in a review ("edit"); nested objects are edited through their dotted name.
EDITABLE = {
    "event_type", "sub_event_type", "label", "event_date", "end_date", "time_precision", "fatalities",
    "notes", "actor1.name", "actor1.inter", "actor2.name", "actor2.inter", "place.name", "place.admin1",
    "place.admin2", "place.country", "place.latitude", "place.longitude", "place.geo_precision",
}


def apply_changes(event: Event, changes: dict[str, Any]) -> Event:
    """Return a copy of the event with an analyst's corrections applied and validated."""
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {', '.join(unknown)}; editable fields: {', '.join(sorted(EDITABLE))}")
    data = event.model_dump(mode="json")
    for key, value in changes.items():
        if "." in key:
            head, attr = key.split(".", 1)
            data[head] = dict(data.get(head) or {"name": ""})
            data[head][attr] = value
        else:
            data[key] = value
    return Event.model_validate(data)


def _contains(words: str) -> str:
    """LIKE pattern for 'contains these characters': % and _ typed by a user are literal, not wildcards."""
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _article(row: Any) -> Article:
    return Article(id=row.id, text=row.text, title=row.title, url=row.url, outlet=row.outlet,
                   published=row.published, language=row.language or "en", origin=row.origin)
