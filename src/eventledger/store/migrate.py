"""Schema migrations with Alembic: the scripts ship inside the package (`store/migrations`), and `Store.create`
brings every database it opens to the head revision."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

MIGRATIONS = Path(__file__).parent / "migrations"
INITIAL = "0001"  # the schema `metadata.create_all` made before there were migrations
INITIAL_TABLES = frozenset({"articles", "events", "event_articles", "claims", "contradictions", "reviews"})


class MigrationError(RuntimeError):
    """The database cannot be brought to the current schema; the message says why."""


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Alembic settings for the packaged scripts, on an open connection or a database URL."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser interpolates %
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head() -> str:
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None, f"no migration scripts in {MIGRATIONS}"
    return revision


def current(conn: Connection) -> str | None:
    """The database's revision (None: never migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Bring the database to the head revision on `conn` (the caller holds the transaction and the lock).

    A database that `metadata.create_all` made before migrations existed has the initial tables and no version:
    it is stamped with the initial revision, then upgraded like any other."""
    revision = current(conn)
    if revision == head():
        return
    config = alembic_config(conn)
    if revision is None:
        found = INITIAL_TABLES & set(inspect(conn).get_table_names())
        if found == INITIAL_TABLES:
            command.stamp(config, INITIAL)
        elif found:
            raise MigrationError(
                f"the database has some of eventledger's tables ({', '.join(sorted(found))}) but not all, and no "
                "migration history; restore it from a backup or use a new database")
    command.upgrade(config, "head")
