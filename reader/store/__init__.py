"""The store: schema and migrations, page writes, packing, the search index tables, and the reads.

``from reader.store import Store`` is the way in; the modules below are its parts:
``core`` (connection, transactions, batches), ``reads``, ``api`` (page writes and upkeep),
``write`` (one page's rows), ``pack`` (original texts stored small), ``index`` (the FTS5 tables)
and ``schema`` (tables, version, migrations).
"""

from __future__ import annotations

from reader.store.api import Store
from reader.store.core import BUSY_TIMEOUT, PAGE_SIZE, StoreError, store_error, writable
from reader.store.pack import RawUnreadable
from reader.store.review import CheckPage, Correction, PageItem
from reader.store.write import PageRecord, WriteResult, made_ahead

__all__ = [
    "BUSY_TIMEOUT",
    "CheckPage",
    "Correction",
    "PageItem",
    "PAGE_SIZE",
    "PageRecord",
    "RawUnreadable",
    "Store",
    "StoreError",
    "WriteResult",
    "made_ahead",
    "store_error",
    "writable",
]
