"""Writing one page: its row, articles, furniture and index rows (inside the caller's transaction)."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
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


CODEC_ZLIB = "zlib"  # zlib.compress(text): what the sqlite3 shell's sqlar_uncompress reads
CODEC_PAGE = "zlib+page-v1"  # zlib with the page's own stored item texts as preset dictionary
ZLIB_LEVEL = 6
_ZDICT_MAX = 32768  # zlib uses only the last 32 KiB of a preset dictionary

# Every stored text of a page's items, in reading order: the preset dictionary's source. Articles and
# furniture share one position sequence per page. Subheads as stored (their JSON list).
_ARTICLE_TEXTS = 8  # kicker, title, subtitle, byline, subheads, body, caption, credit
_ITEM_TEXTS_SQL = (
    "SELECT position, 0, kicker, title, subtitle, byline, subheads, body, caption, credit "
    "FROM articles WHERE page_id = :page "
    "UNION ALL SELECT position, 1, text, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
    "FROM furniture WHERE page_id = :page ORDER BY 1"
)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # as the page's sha256 is taken


def raw_dictionary(items_texts: Iterable[str | None]) -> bytes:
    """The zlib preset dictionary of a page: its item texts (None as "") joined by "\\n", last 32 KiB."""
    return _utf8("\n".join(t or "" for t in items_texts))[-_ZDICT_MAX:]


def page_dictionary(db: sqlite_utils.Database, page_id: int) -> bytes:
    """The preset dictionary of a stored page, from its article and furniture rows as they are now."""
    rows = db.execute(_ITEM_TEXTS_SQL, {"page": page_id}).fetchall()
    return raw_dictionary(
        text for row in rows for text in (row[2:3] if row[1] else row[2 : 2 + _ARTICLE_TEXTS])
    )


def unpack_raw(pack: bytes, codec: str, dictionary: bytes) -> bytes:
    """The page text's UTF-8 bytes from ``raw_pack``; raises zlib.error or ValueError when it cannot."""
    if codec == CODEC_ZLIB:
        return zlib.decompress(pack)
    if codec != CODEC_PAGE:
        raise ValueError(f"unknown codec {codec!r}")
    d = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
    data = d.decompress(pack) + d.flush()
    if not d.eof or d.unused_data:
        raise zlib.error("the packed text is incomplete")
    return data


class RawUnreadable(Exception):
    """A page's packed text cannot be rebuilt: ``reason`` is "edited", "damaged" or "unknown codec"."""

    def __init__(self, page_id: int, codec: str, reason: str, source: str | None) -> None:
        super().__init__(f"page {page_id}: {reason} ({codec})")
        self.page_id, self.codec, self.reason, self.source = page_id, codec, reason, source


def stored_raw(db: sqlite_utils.Database, page_id: int) -> str | None:
    """The page's text exactly as imported (None: no such page); raises RawUnreadable.

    A packed text must come back with the page's sha256, so an article edited outside paper-reader
    (which changes the preset dictionary) is found, never returned as a wrong text.
    """
    row = db.execute(
        "SELECT raw, raw_pack, raw_codec, sha256, source FROM pages WHERE id = ?", [page_id]
    ).fetchone()
    if row is None:
        return None
    raw, pack, codec, sha256, source = row
    if codec is None:
        return str(raw) if raw is not None else None
    if codec not in (CODEC_PAGE, CODEC_ZLIB):
        raise RawUnreadable(page_id, codec, "unknown codec", source)
    dictionary = page_dictionary(db, page_id) if codec == CODEC_PAGE else b""
    try:
        data = unpack_raw(bytes(pack or b""), codec, dictionary)
    except zlib.error:
        data = None
    if data is None or hashlib.sha256(data).hexdigest() != sha256:
        raise RawUnreadable(page_id, codec, "edited" if codec == CODEC_PAGE else "damaged", source)
    return data.decode("utf-8", "surrogatepass")


def dictionary_fits(db: sqlite_utils.Database, page_id: int) -> bool:
    """A quick check that a packed page's dictionary is the one it was packed with.

    The zlib header of a "zlib+page-v1" pack holds the Adler-32 of its dictionary (zlib checks it
    too); an article edited outside paper-reader changes it. Other forms always fit.
    """
    row = db.execute("SELECT raw_pack, raw_codec FROM pages WHERE id = ?", [page_id]).fetchone()
    if row is None or row[1] != CODEC_PAGE:
        return True
    pack = bytes(row[0] or b"")
    if len(pack) < 6 or not pack[1] & 0x20:  # FDICT: a dictionary id follows the two header bytes
        return False
    return int.from_bytes(pack[2:6], "big") == zlib.adler32(page_dictionary(db, page_id))


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


def plain_pages(db: sqlite_utils.Database) -> list[int]:
    """The pages whose text is still stored plain (written before schema 2, or not packable)."""
    return [r[0] for r in db.execute("SELECT id FROM pages WHERE raw_codec IS NULL AND raw IS NOT NULL")]


def pack_page(db: sqlite_utils.Database, page_id: int) -> bool:
    """Pack one plain page's text against its articles, when a packed form reads back; whether it did."""
    row = db.execute("SELECT raw, sha256 FROM pages WHERE id = ? AND raw_codec IS NULL", [page_id]).fetchone()
    if row is None or row[0] is None:
        return False
    text, pack, codec = pack_raw(row[0], row[1], page_dictionary(db, page_id))
    if codec is None:
        return False
    db.execute(
        "UPDATE pages SET raw = ?, raw_pack = ?, raw_codec = ? WHERE id = ?", [text, pack, codec, page_id]
    )
    return True


def pack_raw(raw: str, sha256: str, dictionary: bytes) -> tuple[str | None, bytes | None, str | None]:
    """``(raw, raw_pack, raw_codec)`` for a page row: the smallest form that reads back exactly.

    Packed only when ``sha256`` is the text's own hash (so a read can prove the rebuild) and the
    pack is smaller than the text; otherwise the text stays plain in ``raw``.
    """
    data = _utf8(raw)
    if hashlib.sha256(data).hexdigest() != sha256:
        return raw, None, None
    best: tuple[bytes, str] | None = None
    if dictionary:
        c = zlib.compressobj(ZLIB_LEVEL, zdict=dictionary)
        best = (c.compress(data) + c.flush(), CODEC_PAGE)
    plain = zlib.compress(data, ZLIB_LEVEL)
    if best is None or len(plain) < len(best[0]):
        best = (plain, CODEC_ZLIB)
    pack, codec = best
    if len(pack) >= len(data):
        return raw, None, None
    try:
        if unpack_raw(pack, codec, dictionary) != data:
            return raw, None, None
    except (zlib.error, ValueError):
        return raw, None, None
    return None, pack, codec


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
        _unindex_page(db, page_id)
        db.execute("DELETE FROM articles WHERE page_id = ?", [page_id])
        db.execute("DELETE FROM furniture WHERE page_id = ?", [page_id])
        db.conn.execute(
            f"UPDATE pages SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?", [*row.values(), page_id]
        )
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
    raw, pack, codec = pack_raw(rec.raw, rec.sha256, page_dictionary(db, page_id))
    db.execute(
        "UPDATE pages SET raw = ?, raw_pack = ?, raw_codec = ? WHERE id = ?", [raw, pack, codec, page_id]
    )
    if old and old[2] != edition_id:
        _drop_if_empty(db, old[2])
    return WriteResult("replaced" if old else "new", page_id, articles, photos)


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
    _unindex_page(db, page_id)
    db.execute("DELETE FROM articles WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM furniture WHERE page_id = ?", [page_id])
    db.execute("DELETE FROM pages WHERE id = ?", [page_id])
    _drop_if_empty(db, edition_id)
