"""Reading a store without writing to it: which WAL stores a reader without write access may read,
and the little of sqlite_utils that reading needs (so a one-shot search does not import it)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any


def _wal_header(path: Path) -> bool:
    """Whether the store file says it is in WAL mode (its header's read/write versions are 2)."""
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2


def wal_refusal(path: Path) -> str | None:
    """Why a reader who cannot write to the store's folder must not read it (None: it may).

    Such a reader needs the -shm file that a writer keeps beside the store (SQLite then reads it
    without writing to it); when it is missing, SQLite could only read the store as "immutable",
    which misses the pages in the -wal file and breaks (malformed) when a writer starts. Writers leave
    a store in rollback mode when they close (see :meth:`StoreCore.close`), which needs neither file.
    """
    if os.access(path.parent, os.W_OK) or not _wal_header(path) or Path(f"{path}-shm").exists():
        return None
    wal = Path(f"{path}-wal")
    owner = f"someone with write access to {path.parent} can make it readable by opening it once (paper-reader stats)"
    if wal.exists() and wal.stat().st_size > 0:
        return f"{wal} holds pages that cannot be read without write access to its folder; {owner}"
    return f"the store {path} was left in WAL mode and cannot be read safely without write access to its folder; {owner}"


class Reading:
    """The part of sqlite_utils.Database a read-only store uses: execute, table_names, close."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        """Run one statement, as sqlite_utils.Database.execute does."""
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        """The names of the tables."""
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
