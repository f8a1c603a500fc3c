"""Storing a page's original text small: zlib against the page's own item texts, proved on read.

A packed text must rebuild to the page's sha256, so an article edited outside paper-reader (which
changes the preset dictionary) is found, never returned as a wrong text.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

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


def items_dictionary(items: Iterable[tuple[int, Any]]) -> bytes:
    """The preset dictionary a page will have once ``(position, item)`` are its rows (what
    :func:`page_dictionary` reads back after they are written)."""
    import json

    texts: list[str | None] = []
    for _, item in sorted(items, key=lambda pi: pi[0]):
        if item.kind == "furniture":
            texts.append(item.text)
        else:
            subheads = json.dumps(list(item.subheads), ensure_ascii=False)
            texts += [item.kicker, item.title, item.subtitle, item.byline, subheads, item.body]
            texts += [item.caption, item.credit]
    return raw_dictionary(texts)


def dictionary_digest(dictionary: bytes) -> bytes:
    """A short digest of a preset dictionary (to check a pack made ahead was made against it)."""
    return hashlib.blake2b(dictionary, digest_size=16).digest()


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


def raw_unreadable_message(exc: RawUnreadable) -> str:
    """The one-line message for a page whose original text cannot be rebuilt."""
    again = f"re-import the file ({exc.source}) to store it again" if exc.source else "re-import its file"
    if exc.reason == "unknown codec":
        return (
            f"page {exc.page_id}'s original text is stored in a form this paper-reader does not know "
            f"({exc.codec!r}): upgrade paper-reader (pip install -U paper-reader)"
        )
    if exc.reason == "edited":
        return (
            f"page {exc.page_id}'s original text cannot be rebuilt because its articles were changed "
            f"outside paper-reader; {again}"
        )
    return f"page {exc.page_id}'s original text cannot be rebuilt because its stored copy is damaged; {again}"


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
    """``(raw, raw_pack, raw_codec)`` for a page row: a small form that reads back exactly.

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
    # A page's items hold nearly all its text, so the dictionary makes packs of a few per cent of
    # it (4 % over 10,000 real-text pages, against 62 % without): plain zlib, which costs more
    # time than the dictionary's pack, is tried only when the dictionary did not help.
    if best is None or len(best[0]) * 2 > len(data):
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
