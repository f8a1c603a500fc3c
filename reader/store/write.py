"""Writing one page: its row, articles, furniture and index rows (inside the caller's transaction)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from reader.models import Item
from reader.store import index
from reader.store.pack import (
    RawUnreadable,
    dictionary_digest,
    dictionary_fits,
    items_dictionary,
    pack_raw,
    page_dictionary,
    stored_raw,
)
from reader.text.roles import LineMap, map_lines, raw_lines


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
    # The index tokens of each non-furniture item, made ahead of time (an import's worker process
    # makes them); empty: the writer makes them itself.
    tokens: tuple[index.Tokens, ...] = ()
    # Set when a user's correction made the items: each item's role letters over its line span.
    roles: tuple[str, ...] = ()
    corrected: bool = False
    review: str | None = None  # why the page needs a person to look at it again (None: it does not)
    # Each item's position on the page (an article's number as its archive gives it, so articles
    # that arrive later can join the page in order); empty: 0, 1, 2 ... in reading order.
    positions: tuple[int, ...] = ()
    # Made ahead from raw and items by an import's worker process (see :func:`made_ahead`), so the
    # one writer need not: which item and role each raw line has, and the packed text (raw, raw_pack,
    # raw_codec) with the digest of the preset dictionary it was packed against.
    line_map: LineMap | None = None
    pack: tuple[str | None, bytes | None, str | None, bytes] | None = None


@dataclass(frozen=True)
class WriteResult:
    """What writing one page did: status is "new", "replaced" or "unchanged"."""

    status: str
    page_id: int
    articles: int = 0
    photos: int = 0


def _repack_if_unreadable(db: sqlite_utils.Database, page_id: int, rec: PageRecord) -> bool:
    """Store the page's text again when its pack no longer reads back (an article edited outside
    paper-reader); whether it did. The articles stay as they are: replacing them would feed the
    contentless search index a delete with tokens it never saw, which corrupts it.
    """
    try:
        stored_raw(db, page_id)
        return False
    except RawUnreadable:
        pass
    raw, pack, codec = pack_raw(rec.raw, rec.sha256, page_dictionary(db, page_id))
    db.execute(
        "UPDATE pages SET raw = ?, raw_pack = ?, raw_codec = ? WHERE id = ?", [raw, pack, codec, page_id]
    )
    index.mark_stale(db)  # the index holds the articles' text from before the edit
    return True


def _unindex_page(db: sqlite_utils.Database, page_id: int) -> None:
    """Take a page's articles out of the search index before they are deleted.

    A contentless index deletes a row by tokenising its text again; an article edited outside
    paper-reader would feed it tokens it never saw and corrupt it. So when the page's pack shows
    such an edit, its rows are left for `paper-reader reindex`, which the index now asks for.
    """
    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE page_id = ?", [page_id])]
    if not ids:
        return
    if dictionary_fits(db, page_id):
        index.unindex_articles(db, ids)
    else:
        index.mark_stale(db)


def _insert(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    # Plain SQL, not sqlite-utils' insert(): inside a transaction that wraps each call in a
    # SAVEPOINT, and FTS5 flushes its pending index data at every savepoint (a grouped import
    # would write one tiny index segment per page again).
    cols = list(row)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    pk = db.conn.execute(sql, [row[c] for c in cols]).lastrowid
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
        return _same_text(db, old, rec, repacked=_repack_if_unreadable(db, old[0], rec))
    edition_id = _edition_id(db, rec.paper, rec.date)
    row = {
        "edition_id": edition_id,
        "number": rec.number,
        "section": rec.section,
        "source": rec.source,
        "source_key": rec.source_key,
        "raw": None,  # set below, packed against the article and furniture rows once they exist
        "raw_pack": None,
        "raw_codec": None,
        "sha256": rec.sha256,
        "encoding": rec.encoding,
        "layout": rec.layout,
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if old:
        page_id = old[0]
        clear_items(db, page_id)
        db.conn.execute(
            f"UPDATE pages SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?", [*row.values(), page_id]
        )
    else:
        page_id = _insert(db, "pages", row)
    ready = rec.tokens if len(rec.tokens) == sum(i.kind != "furniture" for i in rec.items) else ()
    articles, photos = insert_items(
        db,
        page_id,
        rec.raw,
        rec.items,
        tokens=ready,
        roles=rec.roles,
        corrected=rec.corrected,
        positions=rec.positions,
        line_map=rec.line_map,
    )
    reviewed = datetime.now(timezone.utc).isoformat(timespec="seconds") if rec.corrected else None
    db.execute("UPDATE pages SET review = ?, reviewed_at = ? WHERE id = ?", [rec.review, reviewed, page_id])
    repack(db, page_id, rec.raw, rec.sha256, rec.pack)
    if old and old[2] != edition_id:
        _drop_if_empty(db, old[2])
    return WriteResult("replaced" if old else "new", page_id, articles, photos)


def insert_items(
    db: sqlite_utils.Database,
    page_id: int,
    raw: str,
    items: Sequence[Item],
    *,
    tokens: Sequence[index.Tokens] = (),
    ids: Sequence[int | None] = (),
    roles: Sequence[str] = (),
    corrected: bool = False,
    positions: Sequence[int] = (),
    line_map: LineMap | None = None,
) -> tuple[int, int]:
    """Insert a page's items (with their raw line spans and roles) and index them; the page has none.

    ``tokens``: each non-furniture item's index tokens, made ahead of time (or empty); ``ids``: an
    id to give each item's article row (None: a new one), so marks on a kept article stay on it;
    ``roles``: each item's role letters over its span as a user decided them (else they are found);
    ``positions``: each item's stored position (else 0, 1, 2 ...); ``line_map``: the raw lines'
    items and roles, made ahead from ``raw`` and ``items`` (else made here).
    Sets the page's lowest confidence. Returns how many articles and photos it wrote.
    """
    lines = line_map if line_map is not None else line_map_of(raw, items)
    articles, photos = 0, 0
    indexed: list[dict[str, Any]] = []
    furniture = "\n".join(i.text for i in items if i.kind == "furniture")
    for k, item in enumerate(items):
        position = positions[k] if len(positions) == len(items) else k
        first, last = lines.span(k)
        found = roles[k] if k < len(roles) else lines.item_roles(k)
        if k < len(roles) and item.lines != (0, 0):
            first, last = item.lines
        where = [first or None, last or None, found or None, item.confidence]
        where.append(int(corrected))
        if item.kind == "furniture":
            db.execute(
                "INSERT INTO furniture (page_id, position, role, text, line_first, line_last, roles,"
                " confidence, corrected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [page_id, position, item.role, item.text, *where],
            )
            continue
        cur = db.execute(
            "INSERT INTO articles (id, page_id, position, kind, kicker, title, subtitle, byline, subheads,"
            " body, caption, credit, line_first, line_last, roles, confidence, corrected)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ids[k] if k < len(ids) else None,
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
                *where,
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
                "byline": item.byline,
                "caption": item.caption,
                "credit": item.credit,
            }
        )
        if len(indexed) == 1:  # the page's furniture is indexed with its first article
            indexed[0]["furniture"] = furniture
        if tokens:
            indexed[-1]["tokens"] = tokens[len(indexed) - 1]
        if item.kind == "photo":
            photos += 1
        else:
            articles += 1
    if indexed:
        index.index_articles(db, indexed)
    lowest = min((item.confidence for item in items), default=None)
    db.execute("UPDATE pages SET min_confidence = ? WHERE id = ?", [lowest, page_id])
    return articles, photos


def clear_items(db: sqlite_utils.Database, page_id: int) -> None:
    """Take a page's articles out of the index and delete them and its furniture."""
    _unindex_page(db, page_id)
    db.execute("DELETE FROM articles WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM furniture WHERE page_id = ?", [page_id])


def line_map_of(raw: str, items: Sequence[Item]) -> LineMap:
    """Which item and role each raw line of a page has (none, when the items cannot be read)."""
    try:
        return map_lines(raw_lines(raw), items)
    except Exception:  # noqa: BLE001 - line roles help a reviewer; an item they cannot read is still stored
        return LineMap((), "")


def made_ahead(rec: PageRecord) -> PageRecord:
    """``rec`` with the writer's own work on a new page done ahead (in an import's worker process):
    its line map, and its text packed against the rows it will have. The writer uses them only when
    they still fit (the pack: when the dictionary it reads back has the same digest); the stored
    result is the same either way."""
    positions = rec.positions if len(rec.positions) == len(rec.items) else range(len(rec.items))
    dictionary = items_dictionary(zip(positions, rec.items, strict=True))
    packed = pack_raw(rec.raw, rec.sha256, dictionary)
    return replace(
        rec, line_map=line_map_of(rec.raw, rec.items), pack=(*packed, dictionary_digest(dictionary))
    )


def repack(
    db: sqlite_utils.Database,
    page_id: int,
    raw: str,
    sha256: str,
    ahead: tuple[str | None, bytes | None, str | None, bytes] | None = None,
) -> None:
    """Pack the page's text against its rows as they are now (after they changed); ``ahead``: a pack
    made ahead, used when it was made against the same dictionary."""
    dictionary = page_dictionary(db, page_id)
    if ahead is not None and ahead[3] == dictionary_digest(dictionary):
        packed, pack, codec = ahead[:3]
    else:
        packed, pack, codec = pack_raw(raw, sha256, dictionary)
    db.execute(
        "UPDATE pages SET raw = ?, raw_pack = ?, raw_codec = ? WHERE id = ?", [packed, pack, codec, page_id]
    )


def _same_text(db: sqlite_utils.Database, old: Any, rec: PageRecord, *, repacked: bool) -> WriteResult:
    """The page's text is unchanged: keep its articles (and their ids, which bookmarks point at).

    ``repacked``: its text was just stored again, so it counts as replaced even in the same place.
    """
    page_id, _sha, old_edition, number, section, source, date, paper = old
    if not repacked and (number, section, date, paper) == (rec.number, rec.section, rec.date, rec.paper):
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
    clear_items(db, page_id)
    db.execute("DELETE FROM corrections WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM pages WHERE id = ?", [page_id])
    _drop_if_empty(db, edition_id)
