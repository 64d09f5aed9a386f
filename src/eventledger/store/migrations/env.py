"""Alembic environment. The Store runs migrations on its own connection (`config.attributes["connection"]`),
inside its write transaction and under its lock; without one, `sqlalchemy.url` (or the default database) is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from eventledger.paths import default_db_url
from eventledger.store.schema import metadata
from eventledger.store.store import make_engine

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
        compare_type=True,
    )
    # Inside the Store's transaction this starts nothing: the migration commits (or not) with it.
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # `alembic upgrade --sql`: print the SQL
    context.configure(url=config.get_main_option("sqlalchemy.url") or default_db_url(), target_metadata=metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    run_on(given)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or default_db_url())
    try:
        with engine.begin() as conn:
            run_on(conn)
    finally:
        engine.dispose()
