"""Storage: SQLAlchemy over SQLite (default) or PostgreSQL."""

from eventledger.store.store import AddResult, Store, StoreError, apply_changes

__all__ = ["AddResult", "Store", "StoreError", "apply_changes"]
