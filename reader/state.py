"""Per-user reading state: read marks, bookmarks, where the reader was, the query history.

It lives in a small SQLite file in :func:`reader.paths.state_dir`, never in the store, so many
people can share one (even read-only) store. Rows are keyed by the store's resolved path, so one
user's state for two stores stays apart. SQLite gives atomic writes for free.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from reader.paths import state_dir

HISTORY_LIMIT = 100

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read (
    store TEXT NOT NULL, article_id INTEGER NOT NULL, page_id INTEGER, edition_id INTEGER,
    at REAL NOT NULL, PRIMARY KEY (store, article_id));
CREATE INDEX IF NOT EXISTS read_page ON read (store, page_id);
CREATE INDEX IF NOT EXISTS read_edition ON read (store, edition_id);
CREATE TABLE IF NOT EXISTS bookmarks (
    store TEXT NOT NULL, article_id INTEGER NOT NULL, label TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (store, article_id));
CREATE TABLE IF NOT EXISTS last (
    store TEXT PRIMARY KEY, article_id INTEGER, scroll_y INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL, at REAL NOT NULL);
"""


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked article: its id and the label shown in the list (title · paper · date)."""

    article_id: int
    label: str


class State:
    """The reading state of one user for one store."""

    def __init__(self, store_key: str, path: Path | None = None) -> None:
        """Open (creating if needed) the state file; ``store_key`` names the store."""
        self.path = path or state_dir() / "state.db"
        self.store = store_key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The app touches state from the UI thread only; a short timeout rides out a second
        # copy of the app writing at the same moment.
        self.db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the state file."""
        self.db.close()

    def is_read(self, article_id: int) -> bool:
        """Whether this article has been read."""
        row = self.db.execute(
            "SELECT 1 FROM read WHERE store=? AND article_id=?", (self.store, article_id)
        ).fetchone()
        return row is not None

    def read_ids(self, article_ids: list[int]) -> set[int]:
        """Which of these articles have been read."""
        out: set[int] = set()
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT article_id FROM read WHERE store=? AND article_id IN ({marks})",
                (self.store, *chunk),
            )
            out.update(r[0] for r in rows)
        return out

    def set_read(
        self, article_id: int, read: bool, *, page_id: int | None = None, edition_id: int | None = None
    ) -> None:
        """Mark an article read or unread (page and edition kept for the unread counts)."""
        if read:
            self.db.execute(
                "INSERT OR REPLACE INTO read VALUES (?, ?, ?, ?, ?)",
                (self.store, article_id, page_id, edition_id, time.time()),
            )
        else:
            self.db.execute("DELETE FROM read WHERE store=? AND article_id=?", (self.store, article_id))

    def read_count_by_page(self, page_ids: list[int]) -> dict[int, int]:
        """How many read articles each of these pages has."""
        return self._counts("page_id", page_ids)

    def read_count_by_edition(self, edition_ids: list[int]) -> dict[int, int]:
        """How many read articles each of these editions has."""
        return self._counts("edition_id", edition_ids)

    def _counts(self, column: str, ids: list[int]) -> dict[int, int]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT {column}, COUNT(*) FROM read WHERE store=? AND {column} IN ({marks}) GROUP BY {column}",
            (self.store, *ids),
        )
        return {r[0]: r[1] for r in rows}

    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks, newest first."""
        rows = self.db.execute(
            "SELECT article_id, label FROM bookmarks WHERE store=? ORDER BY at DESC, rowid DESC",
            (self.store,),
        )
        return [Bookmark(r[0], r[1]) for r in rows]

    def is_bookmarked(self, article_id: int) -> bool:
        """Whether this article is bookmarked."""
        row = self.db.execute(
            "SELECT 1 FROM bookmarks WHERE store=? AND article_id=?", (self.store, article_id)
        ).fetchone()
        return row is not None

    def toggle_bookmark(self, article_id: int, label: str) -> bool:
        """Add or remove a bookmark; returns whether the article is now bookmarked."""
        if self.is_bookmarked(article_id):
            self.db.execute("DELETE FROM bookmarks WHERE store=? AND article_id=?", (self.store, article_id))
            return False
        self.db.execute(
            "INSERT INTO bookmarks VALUES (?, ?, ?, ?)", (self.store, article_id, label, time.time())
        )
        return True

    def remove_bookmark(self, article_id: int) -> None:
        """Remove one bookmark."""
        self.db.execute("DELETE FROM bookmarks WHERE store=? AND article_id=?", (self.store, article_id))

    def last_position(self) -> tuple[int | None, int]:
        """The article last open and its scroll offset (None when there is none)."""
        row = self.db.execute("SELECT article_id, scroll_y FROM last WHERE store=?", (self.store,)).fetchone()
        return (row[0], row[1]) if row else (None, 0)

    def save_position(self, article_id: int | None, scroll_y: int) -> None:
        """Remember the open article and how far down it was read."""
        self.db.execute("INSERT OR REPLACE INTO last VALUES (?, ?, ?)", (self.store, article_id, scroll_y))

    def history(self) -> list[str]:
        """Past queries, oldest first, each once (shared across stores: a query is the user's)."""
        rows = self.db.execute("SELECT query FROM history ORDER BY id")
        return [r[0] for r in rows]

    def add_query(self, query: str) -> None:
        """Append a query to the history (moving a repeat to the end) and trim it."""
        query = query.strip()
        if not query:
            return
        self.db.execute("DELETE FROM history WHERE query=?", (query,))
        self.db.execute("INSERT INTO history (query, at) VALUES (?, ?)", (query, time.time()))
        self.db.execute(
            "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)",
            (HISTORY_LIMIT,),
        )
