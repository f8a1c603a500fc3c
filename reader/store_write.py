"""Writing one page: its row, articles, furniture and index rows (inside the caller's transaction)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from reader import index
from reader.models import Item


@dataclass(frozen=True)
class PageRecord:
    """One page to write: where it belongs, its raw text, and its split items in reading order."""

    paper: str
    date: str | None
    number: int | None
    section: str | None
    source: str
    source_key: str
    raw: str
    sha256: str
    encoding: str
    layout: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class WriteResult:
    """What writing one page did: status is "new", "replaced" or "unchanged"."""

    status: str
    page_id: int
    articles: int = 0
    photos: int = 0


def _insert(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    pk = db.table(table).insert(row).last_pk
    assert pk is not None  # an INTEGER PRIMARY KEY table always yields one
    return int(pk)


def write_page(db: sqlite_utils.Database, rec: PageRecord) -> WriteResult:
    """Write one page (new, replaced or unchanged by its sha256) inside the caller's open transaction."""
    old = db.execute(
        "SELECT p.id, p.sha256, p.edition_id, p.number, p.section, p.source, e.date, pa.name "
        "FROM pages p JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id "
        "WHERE p.source_key = ?",
        [rec.source_key],
    ).fetchone()
    if old and old[1] == rec.sha256:
        return _same_text(db, old, rec)
    edition_id = _edition_id(db, rec.paper, rec.date)
    row = {
        "edition_id": edition_id,
        "number": rec.number,
        "section": rec.section,
        "source": rec.source,
        "source_key": rec.source_key,
        "raw": rec.raw,
        "sha256": rec.sha256,
        "encoding": rec.encoding,
        "layout": rec.layout,
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if old:
        page_id = old[0]
        ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE page_id = ?", [page_id])]
        if ids:
            index.unindex_articles(db, ids)
        db.execute("DELETE FROM articles WHERE page_id = ?", [page_id])
        db.execute("DELETE FROM furniture WHERE page_id = ?", [page_id])
        db.table("pages").update(page_id, row)
    else:
        page_id = _insert(db, "pages", row)
    articles, photos, indexed = 0, 0, []
    for position, item in enumerate(rec.items):
        if item.kind == "furniture":
            db.execute(
                "INSERT INTO furniture (page_id, position, role, text) VALUES (?, ?, ?, ?)",
                [page_id, position, item.role, item.text],
            )
            continue
        cur = db.execute(
            "INSERT INTO articles (page_id, position, kind, kicker, title, subtitle, byline, subheads,"
            " body, caption, credit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page_id,
                position,
                item.kind,
                item.kicker,
                item.title,
                item.subtitle,
                item.byline,
                json.dumps(list(item.subheads), ensure_ascii=False),
                item.body,
                item.caption,
                item.credit,
            ],
        )
        indexed.append(
            {
                "id": cur.lastrowid,
                "kind": item.kind,
                "title": item.title,
                "body": item.body,
                "kicker": item.kicker,
                "subtitle": item.subtitle,
                "caption": item.caption,
            }
        )
        if item.kind == "photo":
            photos += 1
        else:
            articles += 1
    if indexed:
        index.index_articles(db, indexed)
    if old and old[2] != edition_id:
        _drop_if_empty(db, old[2])
    return WriteResult("replaced" if old else "new", page_id, articles, photos)


def _same_text(db: sqlite_utils.Database, old: Any, rec: PageRecord) -> WriteResult:
    """The page's text is unchanged: keep its articles (and their ids, which bookmarks point at)."""
    page_id, _sha, old_edition, number, section, source, date, paper = old
    if (number, section, date, paper) == (rec.number, rec.section, rec.date, rec.paper):
        if source != rec.source:  # the same file reached by another path: remember the latest
            db.execute("UPDATE pages SET source = ? WHERE id = ?", [rec.source, page_id])
        return WriteResult("unchanged", page_id)
    edition_id = _edition_id(db, rec.paper, rec.date)
    db.execute(
        "UPDATE pages SET edition_id = ?, number = ?, section = ?, source = ? WHERE id = ?",
        [edition_id, rec.number, rec.section, rec.source, page_id],
    )
    if old_edition != edition_id:
        _drop_if_empty(db, old_edition)
    counts = dict(
        db.execute(
            "SELECT kind, count(*) FROM articles WHERE page_id = ? GROUP BY kind", [page_id]
        ).fetchall()
    )
    return WriteResult("replaced", page_id, counts.get("article", 0), counts.get("photo", 0))


def _edition_id(db: sqlite_utils.Database, paper: str, date: str | None) -> int:
    row = db.execute("SELECT id FROM papers WHERE name = ?", [paper]).fetchone()
    paper_id = row[0] if row else _insert(db, "papers", {"name": paper})
    row = db.execute("SELECT id FROM editions WHERE paper_id = ? AND date IS ?", [paper_id, date]).fetchone()
    return row[0] if row else _insert(db, "editions", {"paper_id": paper_id, "date": date})


def _drop_if_empty(db: sqlite_utils.Database, edition_id: int) -> None:
    if db.execute("SELECT 1 FROM pages WHERE edition_id = ? LIMIT 1", [edition_id]).fetchone():
        return
    paper_id = db.execute("SELECT paper_id FROM editions WHERE id = ?", [edition_id]).fetchone()[0]
    db.execute("DELETE FROM editions WHERE id = ?", [edition_id])
    if not db.execute("SELECT 1 FROM editions WHERE paper_id = ? LIMIT 1", [paper_id]).fetchone():
        db.execute("DELETE FROM papers WHERE id = ?", [paper_id])


def stale_parts(db: sqlite_utils.Database, file_key: str, parts: int) -> list[tuple[int, int]]:
    """Pages ``file_key#N`` with N > ``parts`` (the file once split into more pages): (id, edition_id)."""
    # A range on the unique source_key index: "#" is followed by "$" in ASCII.
    rows = db.execute(
        "SELECT id, edition_id, source_key FROM pages WHERE source_key > ? AND source_key < ?",
        [file_key + "#", file_key + "$"],
    ).fetchall()
    cut = len(file_key) + 1
    return [(r[0], r[1]) for r in rows if r[2][cut:].isdigit() and int(r[2][cut:]) > parts]


def delete_page(db: sqlite_utils.Database, page_id: int, edition_id: int) -> None:
    """Delete a page with its articles, furniture and index rows (inside the caller's transaction)."""
    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE page_id = ?", [page_id])]
    if ids:
        index.unindex_articles(db, ids)
    db.execute("DELETE FROM articles WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM furniture WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM pages WHERE id = ?", [page_id])
    _drop_if_empty(db, edition_id)
