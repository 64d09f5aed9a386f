"""Shared fixtures: a database URL per test, on SQLite and on the local PostgreSQL server (own schema)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

PG_SERVER = "127.0.0.1:5432/test"
PG_USERS = ("postgres", "root")  # trust auth; CI's server has `postgres`, some set-ups only the OS user


def _pg_admin() -> tuple[str, object]:
    """(user, autocommit connection) to the local server, or skip the test if it cannot be reached."""
    psycopg = pytest.importorskip("psycopg")
    errors = []
    for user in PG_USERS:
        try:
            return user, psycopg.connect(f"postgresql://{user}@{PG_SERVER}", autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as err:
            errors.append(f"as {user}: {str(err).strip()}")
    pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER} (scripts/test-services.sh starts it): "
                + "; ".join(errors))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A SQLAlchemy URL to a fresh schema of our own in the shared test database, dropped afterwards."""
    user, conn = _pg_admin()
    name = f"test_{uuid.uuid4().hex[:12]}"
    conn.execute(f'CREATE SCHEMA "{name}"')  # type: ignore[attr-defined]
    try:
        yield f"postgresql+psycopg://{user}@{PG_SERVER}?options=-csearch_path%3D{name}"
    finally:
        conn.execute(f'DROP SCHEMA "{name}" CASCADE')  # type: ignore[attr-defined]
        conn.close()  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The same test on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_url")
