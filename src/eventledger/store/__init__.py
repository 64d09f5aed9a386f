"""Storage: SQLAlchemy over SQLite (default) or PostgreSQL."""

from eventledger.store.store import AddResult, EventRecord, Store, StoreError, apply_changes

__all__ = ["AddResult", "EventRecord", "Store", "StoreError", "apply_changes"]
