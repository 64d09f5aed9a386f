"""Database tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Each event is stored whole as JSON (`payload`, the `Event` model) plus indexed columns for filtering; claims and
contradictions are also first-class rows so that they can be queried across events.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # content hash: the same text is stored once
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Date, index=True),
    Column("language", String(16)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("facts", JSON),  # context figures found in the article ("3,500 held"): not events
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_date", Date, index=True),
    Column("end_date", Date),
    Column("time_precision", Integer),
    Column("event_type", String(64), index=True),
    Column("sub_event_type", String(80)),
    Column("label", String(40), index=True),
    Column("country", String(80)),
    Column("country_code", String(2), index=True),
    Column("admin1", String(120)),
    Column("admin2", String(120)),
    Column("location", String(200)),
    Column("latitude", Float),
    Column("longitude", Float),
    # the country rests on one doubtful read (Place.uncertain): a candidate of every country when deduplicating
    Column("place_uncertain", Boolean, nullable=False, default=False, server_default=false()),
    Column("fatalities", Integer),
    Column("actor1", String(200)),
    Column("actor2", String(200)),
    Column("notes", Text),
    Column("n_sources", Integer, nullable=False, default=1),
    Column("review_status", String(16)),  # accepted / edited / rejected, after an analyst's review
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_block", events.c.country_code, events.c.event_date)

event_articles = Table(
    "event_articles",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("merge_reason", Text),  # why this article's mention was merged into the event (None: it created it)
)

claims = Table(
    "claims",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(64), primary_key=True),
    Column("article_id", String(64)),
    Column("source", String(200), index=True),
    Column("source_type", String(40)),
    Column("strength", String(16)),
    Column("field", String(40)),
    Column("value", Text),
    Column("statement", Text),
    Column("start", Integer),
    Column("end", Integer),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("field", String(40), nullable=False),
    Column("detail", JSON, nullable=False),  # the Contradiction model
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("action", String(16), nullable=False),
    Column("changes", JSON, nullable=False),
    Column("reviewer", String(120)),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
