"""Where eventledger keeps its files: the user's data dir unless overridden."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """`EVENTLEDGER_HOME` or the platform's user data dir (e.g. ~/.local/share/eventledger)."""
    path = Path(os.environ.get("EVENTLEDGER_HOME") or user_data_dir("eventledger", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """`EVENTLEDGER_DB` (any SQLAlchemy URL) or a SQLite file in the data dir."""
    return os.environ.get("EVENTLEDGER_DB") or f"sqlite:///{data_dir() / 'eventledger.db'}"


PACKAGE_DATA = Path(__file__).parent / "data"
