"""Reviewing how pages were split: the pages to check, each item's lines and roles, and users'
corrections (the ``corrections`` table) with the one-transaction replacement of a page's items.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from reader.models import Item
from reader.store.core import StoreCore, StoreError, store_error
from reader.store.pack import RawUnreadable, raw_unreadable_message, stored_raw
from reader.store.write import clear_items, insert_items, repack

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class PageItem:
    """One stored item of a page with where it came from: its raw line span and role letters."""

    id: int | None  # the article id (None for furniture)
    position: int
    kind: str
    label: str  # title, caption or furniture text
    first: int | None
    last: int | None
    roles: str | None
    confidence: float | None
    corrected: bool
    role: str = ""  # furniture only: its role (page-name, label, ...)


@dataclass(frozen=True)
class CheckPage:
    """A page to check: where it is and its lowest split confidence (``review``: why, if marked)."""

    page_id: int
    paper: str
    date: str | None
    number: int | None
    section: str | None
    confidence: float | None
    review: str | None


@dataclass(frozen=True)
class Correction:
    """What a user decided for a page, by raw line number, tied to the page text's sha256."""

    page_id: int
    paper: str
    date: str | None
    page_number: int | None
    sha256: str
    starts: tuple[int, ...]
    roles: dict[int, str] = field(default_factory=dict)
    named: dict[int, str] = field(default_factory=dict)
    decided_at: str = ""
    decided_by: str = ""
    status: str = "applied"

    def to_json(self) -> dict[str, Any]:
        """The form ``paper-reader corrections export`` writes (the page by paper, date, number, hash)."""
        return {
            "paper": self.paper,
            "date": self.date,
            "page": self.page_number,
            "sha256": self.sha256,
            "starts": list(self.starts),
            "roles": {str(k): v for k, v in sorted(self.roles.items())},
            "named": {str(k): v for k, v in sorted(self.named.items())},
            "decided_at": self.decided_at,
            "decided_by": self.decided_by,
        }


_ITEMS_SQL = (
    "SELECT id, position, kind, coalesce(nullif(title, ''), nullif(caption, ''), body, '') AS label, "
    "line_first, line_last, roles, confidence, corrected, '' FROM articles WHERE page_id = :page "
    "UNION ALL SELECT NULL, position, 'furniture', text, line_first, line_last, roles, confidence, "
    "corrected, role FROM furniture WHERE page_id = :page ORDER BY 2"
)
_CORRECTION_SQL = (
    "SELECT c.page_id, c.paper, c.date, c.page_number, c.sha256, c.starts, c.roles, c.named, "
    "c.decided_at, c.decided_by, c.status FROM corrections c "
)


def _correction(row: Any) -> Correction:
    return Correction(
        page_id=row[0],
        paper=row[1] or "",
        date=row[2],
        page_number=row[3],
        sha256=row[4],
        starts=tuple(json.loads(row[5])),
        roles={int(k): v for k, v in json.loads(row[6]).items()},
        named={int(k): v for k, v in json.loads(row[7]).items()},
        decided_at=row[8] or "",
        decided_by=row[9] or "",
        status=row[10] or "applied",
    )


def _kept_ids(db: sqlite_utils.Database, page_id: int, items: Sequence[Item]) -> list[int | None]:
    """Give each new item the id of the old article it still is (same first line, else same title),
    so read marks, bookmarks and saved places stay on it."""
    old = db.execute(
        "SELECT id, kind, line_first, title FROM articles WHERE page_id = ? ORDER BY position", [page_id]
    ).fetchall()
    by_line = {(r[1], r[2]): r[0] for r in old if r[2] is not None}
    by_title = {(r[1], r[3]): r[0] for r in old if r[3]}
    used: set[int] = set()
    ids: list[int | None] = []
    for item in items:
        got = by_line.get((item.kind, item.lines[0])) or by_title.get((item.kind, item.title))
        ids.append(None if item.kind == "furniture" or got in used else got)
        if got is not None:
            used.add(got)
    # New articles get ids above every id in use now (the page's old ones included): an id left
    # to SQLite could be one a kept article is about to take, or one a bookmark still names.
    fresh = int(db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]) + 1
    for k, item in enumerate(items):
        if item.kind != "furniture" and ids[k] is None:
            ids[k], fresh = fresh, fresh + 1
    return ids


def _write_correction(db: sqlite_utils.Database, c: Correction) -> None:
    db.execute("DELETE FROM corrections WHERE page_id = ?", [c.page_id])
    db.execute(
        "INSERT INTO corrections (page_id, paper, date, page_number, sha256, starts, roles, named, "
        "decided_at, decided_by, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            c.page_id,
            c.paper,
            c.date,
            c.page_number,
            c.sha256,
            json.dumps(list(c.starts)),
            json.dumps({str(k): v for k, v in sorted(c.roles.items())}, ensure_ascii=False),
            json.dumps({str(k): v for k, v in sorted(c.named.items())}),
            c.decided_at,
            c.decided_by,
            c.status,
        ],
    )


def now() -> str:
    """The time a decision is recorded with (UTC, ISO 8601, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class StoreReview(StoreCore):
    """The review reads and writes of a store (each raises StoreError on failure)."""

    def page_items(self, page_id: int) -> list[PageItem]:
        """A page's articles, photos and furniture in order, with their line spans and roles."""
        try:
            rows = self.db.execute(_ITEMS_SQL, {"page": page_id}).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None
        return [
            PageItem(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7], bool(r[8]), r[9] or "")
            for r in rows
        ]

    def pages_to_check(self, limit: int = 50, offset: int = 0) -> list[CheckPage]:
        """Pages nobody has reviewed: those marked for review first, then by lowest split confidence."""
        rows = self._rows(
            "SELECT p.id, pa.name, e.date, p.number, p.section, p.min_confidence, p.review FROM pages p "
            "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id "
            "WHERE p.reviewed_at IS NULL AND (p.min_confidence IS NOT NULL OR p.review IS NOT NULL) "
            "ORDER BY p.review IS NULL, p.min_confidence, p.id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        return [CheckPage(*r) for r in rows]

    def page_sha(self, page_id: int) -> str | None:
        """The sha256 of a page's text (None for an unknown page)."""
        rows = self._rows("SELECT sha256 FROM pages WHERE id = ?", [page_id])
        return str(rows[0][0]) if rows else None

    def correction(self, page_id: int) -> Correction | None:
        """The correction a user made to this page, if any."""
        rows = self._rows(_CORRECTION_SQL + "WHERE c.page_id = ?", [page_id])
        return _correction(rows[0]) if rows else None

    def correction_for_key(self, source_key: str) -> tuple[Correction, str] | None:
        """The correction of the page with this identity, and the page's current sha256."""
        rows = self._rows(
            "SELECT c.page_id, c.paper, c.date, c.page_number, c.sha256, c.starts, c.roles, c.named, "
            "c.decided_at, c.decided_by, c.status, p.sha256 FROM corrections c "
            "JOIN pages p ON p.id = c.page_id WHERE p.source_key = ?",
            [source_key],
        )
        return (_correction(rows[0]), str(rows[0][11])) if rows else None

    def corrections(self) -> list[Correction]:
        """Every correction in the store, by page id."""
        return [_correction(r) for r in self._rows(_CORRECTION_SQL + "ORDER BY c.page_id")]

    def find_page(self, paper: str, date: str | None, number: int | None, sha256: str) -> int | None:
        """The page of this paper, date and number whose text has this sha256, if the store has it."""
        rows = self._rows(
            "SELECT p.id FROM pages p JOIN editions e ON e.id = p.edition_id "
            "JOIN papers pa ON pa.id = e.paper_id "
            "WHERE pa.name = ? AND e.date IS ? AND p.number IS ? AND p.sha256 = ?",
            [paper, date, number, sha256],
        )
        return int(rows[0][0]) if rows else None

    def page_place(self, page_id: int) -> tuple[str, str | None, int | None] | None:
        """A page's paper name, date and number."""
        rows = self._rows(
            "SELECT pa.name, e.date, p.number FROM pages p JOIN editions e ON e.id = p.edition_id "
            "JOIN papers pa ON pa.id = e.paper_id WHERE p.id = ?",
            [page_id],
        )
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def save_correction(self, items: Sequence[Item], roles: Sequence[str], correction: Correction) -> None:
        """Replace the page's items with ``items`` (``roles``: each one's role letters over its span)
        and record ``correction``, in one transaction; articles that are still there keep their ids."""
        page_id = correction.page_id

        def replace(db: sqlite_utils.Database) -> None:
            try:
                raw = stored_raw(db, page_id)
            except RawUnreadable as exc:
                raise StoreError(raw_unreadable_message(exc)) from None
            if raw is None:
                raise StoreError(f"there is no page {page_id} in the store")
            sha = db.execute("SELECT sha256 FROM pages WHERE id = ?", [page_id]).fetchone()[0]
            if sha != correction.sha256:
                raise StoreError(f"page {page_id} changed since it was read; open it again")
            ids = _kept_ids(db, page_id, items)
            clear_items(db, page_id)
            insert_items(db, page_id, raw, items, ids=ids, roles=roles, corrected=True)
            repack(db, page_id, raw, sha)
            _write_correction(db, correction)
            db.execute("UPDATE pages SET review = NULL, reviewed_at = ? WHERE id = ?", [now(), page_id])

        self._write(replace)

    def record_correction(self, correction: Correction) -> None:
        """Record (or update) a correction without touching the items (an import re-applied it)."""
        self._write(lambda db: _write_correction(db, correction))

    def mark_reviewed(self, page_id: int) -> None:
        """Take a page off the list to check: a person looked and found its split right."""
        self._write(
            lambda db: db.execute(
                "UPDATE pages SET review = NULL, reviewed_at = ? WHERE id = ?", [now(), page_id]
            )
        )
