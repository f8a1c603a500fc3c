"""The search index tables, kept in step with the articles inside the store's page transaction.

Two contentless FTS5 tables (the text lives once, in ``articles``), each keyed by the article id:

- ``search_index`` has three columns, ``body`` (the body), ``title`` (kicker, title, subtitle) and
  ``extra`` (byline, photo caption and credit, and, on the page's first article, the page's
  furniture: every line of the page is somewhere), holding the tokens of
  :func:`reader.tokens.index_tokens` with positions: the overlapping character bigrams of every run.
  A term of two or more characters is an FTS5 phrase of its bigrams (consecutive positions inside
  one run mean an exact substring), ranked by bm25.
- ``search_chars`` (``detail=none``: document lists only, about a sixth of the size of a
  positional one-character index) holds :func:`reader.tokens.char_tokens`: the set of characters
  of each article, its headline's characters marked, and those only in ``extra`` marked. A one-character term is one token there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.tokens import INDEX_VERSION, char_tokens, index_tokens, norm

TABLE = "search_index"
CHARS = "search_chars"
_META_KEY = "search_index_version"
# body is column 0: FTS5 marks every position list of a later column with its number, and
# nearly all tokens are in the body, so this order saves about two bytes per (token, article).
_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "body, title, extra, content='', tokenize='ascii', detail=full)"
)
_CREATE_CHARS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHARS} USING fts5(chars, content='', tokenize='ascii', detail=none)"
)
_BATCH = 500


def _conn(db: Any) -> Any:
    """The sqlite3 connection behind a sqlite_utils Database, a Store, or a connection."""
    db = getattr(db, "db", db)
    return getattr(db, "conn", db)


def title_text(row: dict[str, Any]) -> str:
    """What the title column holds for an article row: kicker, title and subtitle."""
    return "\n".join(str(row.get(k) or "") for k in ("kicker", "title", "subtitle"))


def body_text(row: dict[str, Any]) -> str:
    """What the body column holds for an article row: its body."""
    return str(row.get("body") or "")


EXTRA_KEYS = ("byline", "caption", "credit", "furniture")


def extra_text(row: dict[str, Any]) -> str:
    """What the extra column holds: byline, caption, credit and (first article only) the page furniture."""
    return "\n".join(str(row.get(k) or "") for k in EXTRA_KEYS)


def exists(db: Any) -> bool:
    """Whether the index tables are present."""
    found = _conn(db).execute("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)", [TABLE, CHARS])
    return bool(found.fetchone()[0] == 2)


def is_current(db: Any) -> bool:
    """Whether the index exists and was built by this tokenizer version."""
    conn = _conn(db)
    if not exists(conn):
        return False
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchone()
    except Exception:  # a bare test store without meta
        return True
    return row is None or row[0] == INDEX_VERSION


def _set_version(conn: Any) -> None:
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
    if has_meta:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [_META_KEY, INDEX_VERSION])


def _create(conn: Any) -> None:
    conn.execute(_CREATE)
    conn.execute(_CREATE_CHARS)
    # Merging 8 segments at a time instead of 4 rewrites each token fewer times during an import
    # (one segment per page transaction); queries still see few segments.
    for table in (TABLE, CHARS):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', ?)", [AUTOMERGE])
    use_write_buffer(conn)
    _set_version(conn)


WRITE_BUFFER = 8 << 20  # bytes of new index data FTS5 holds before writing a segment (its default: 1 MiB)
AUTOMERGE = 8  # segments of a level merged at a time while writing (see _create)
# FTS5's own default crisismerge; a bulk import raises it so that no level is merged before the end.
CRISISMERGE, BULK_CRISISMERGE = 16, 1000


def use_write_buffer(db: Any, *, bulk: bool = False) -> None:
    """Let the index hold 8 MiB of new entries before it writes a segment, inside a write transaction;
    ``bulk``: and merge no segments while writing (:func:`merge` or :func:`optimize` at the end).

    FTS5 writes a segment whenever its pending data pass ``hashsize`` (1 MiB by default) and merges
    segments as they pile up: an import of 100,000 articles spent a quarter of its writing time on
    that. The entries and the search are the same; the writer holds up to 8 MiB more per table.
    A bulk import that merges the whole index into one segment at its end gains nothing from the
    merges on the way: each rewrote every entry about twice more. Without ``bulk``, merging is
    turned back on where a bulk import left it off (one that was interrupted, say).
    """
    conn = _conn(db)
    if not exists(conn):
        return
    for table in (TABLE, CHARS):
        want = {"hashsize": WRITE_BUFFER}
        have = dict(
            conn.execute(
                f"SELECT k, v FROM {table}_config WHERE k IN ('hashsize', 'automerge', 'crisismerge')"
            )
        )
        if bulk:
            want.update(automerge=0, crisismerge=BULK_CRISISMERGE)
        elif have.get("automerge") == 0 or have.get("crisismerge") == BULK_CRISISMERGE:
            want.update(automerge=AUTOMERGE, crisismerge=CRISISMERGE)
        for key, value in want.items():
            if have.get(key) != value:
                conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", [key, value])


def merge(db: Any, pages: int = 2000) -> None:
    """Merge the segments new writes left side by side (the work is bounded by what was written,
    unlike :func:`optimize`, which rewrites the whole index)."""
    conn = _conn(db)
    if not exists(conn):
        return
    for table in (TABLE, CHARS):
        while True:  # FTS5's way to say the work is done: a step that changes (almost) nothing
            before = conn.total_changes
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('merge', ?)", [pages])
            if conn.total_changes - before < 2:
                break


def _drop(conn: Any) -> None:
    for table in (TABLE, CHARS):
        conn.execute(f"DROP TABLE IF EXISTS {table}")


def mark_stale(db: Any) -> None:
    """Say the index no longer matches the articles (search then asks for `paper-reader reindex`)."""
    conn = _conn(db)
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
    if has_meta and exists(conn):
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'stale')", [_META_KEY])


def ensure_schema(db: Any) -> None:
    """Create the index tables in a store that has none (an older index is left for `reindex` to replace)."""
    conn = _conn(db)
    found = conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)", [TABLE, CHARS])
    if found.fetchone()[0] == 0:
        _create(conn)


# A row may carry its tokens made ahead of time under "tokens" (title, body, extra, characters): an
# import tokenises in its worker processes, so the one writer does not have to.
Tokens = tuple[str, str, str, str]


def row_tokens(r: dict[str, Any]) -> Tokens:
    """One article row's index tokens: title, body and extra bigrams, and its characters."""
    # Case- and 繁简-folded once per text, for both tables.
    title, body, extra = norm(title_text(r)), norm(body_text(r)), norm(extra_text(r))
    return (
        index_tokens(title, normed=True),
        index_tokens(body, normed=True),
        index_tokens(extra, normed=True),
        char_tokens(title, body, extra, normed=True),
    )


def precompute(rows: Iterable[dict[str, Any]]) -> list[Tokens]:
    """The index tokens of each article row (kicker, title, subtitle, body, byline, caption, credit,
    furniture), in order."""
    return [row_tokens(r) for r in rows]


def _tokens(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, Tokens]]:
    for r in rows:
        ready = r.get("tokens")
        yield int(r["id"]), ready if ready is not None and len(ready) == 4 else row_tokens(r)


def _insert(conn: Any, rows: list[dict[str, Any]], *, delete: bool = False) -> None:
    made = list(_tokens(rows))
    cmd, val = (f"{TABLE}, ", "'delete', ") if delete else ("", "")
    conn.executemany(
        f"INSERT INTO {TABLE} ({cmd}rowid, title, body, extra) VALUES ({val}?, ?, ?, ?)",
        [(i, t[0], t[1], t[2]) for i, t in made],
    )
    cmd, val = (f"{CHARS}, ", "'delete', ") if delete else ("", "")
    conn.executemany(
        f"INSERT INTO {CHARS} ({cmd}rowid, chars) VALUES ({val}?, ?)", [(i, t[3]) for i, t in made]
    )


_ROW_KEYS = (
    "id",
    "page_id",
    "position",
    "kicker",
    "title",
    "subtitle",
    "body",
    "byline",
    "caption",
    "credit",
)
_ROW_SQL = "SELECT a." + ", a.".join(_ROW_KEYS) + " FROM articles a "
# The same with the text read as bytes and decoded here, so that damaged text names its row.
_BLOB_SQL = (
    "SELECT "
    + ", ".join(f"a.{k}" if k in ("id", "page_id", "position") else f"CAST(a.{k} AS BLOB)" for k in _ROW_KEYS)
    + " FROM articles a "
)


def page_furniture(conn: Any, page_ids: Iterable[int]) -> dict[int, str]:
    """Each page's furniture lines joined by newlines (what its first article's index row carries)."""
    ids = sorted(set(page_ids))
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        for page_id, text in conn.execute(
            f"SELECT page_id, text FROM furniture WHERE page_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY page_id, position",
            chunk,
        ):
            out.setdefault(page_id, []).append(text or "")
    return {k: "\n".join(v) for k, v in out.items()}


def with_furniture(conn: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (with page_id and position) with each page's furniture on its first article."""
    pages = sorted({int(r["page_id"]) for r in rows})
    firsts: dict[int, int] = {}
    for start in range(0, len(pages), _BATCH):
        chunk = pages[start : start + _BATCH]
        firsts.update(
            conn.execute(
                f"SELECT page_id, min(position) FROM articles WHERE page_id IN ({','.join('?' * len(chunk))}) "
                "GROUP BY page_id",
                chunk,
            ).fetchall()
        )
    lead = [r for r in rows if firsts.get(int(r["page_id"])) == r["position"]]
    furniture = page_furniture(conn, (r["page_id"] for r in lead))
    for r in lead:
        r["furniture"] = furniture.get(int(r["page_id"]), "")
    return rows


def index_articles(db: Any, rows: list[dict[str, Any]]) -> None:
    """Add these article rows (id, kicker, title, subtitle, body, byline, caption, credit, and
    ``furniture`` on a page's first article; tokens if made) to the index."""
    conn = _conn(db)
    if not rows or not exists(conn):
        return  # no index yet: search says to run `paper-reader reindex`
    _insert(conn, rows)


def unindex_articles(db: Any, article_ids: list[int]) -> None:
    """Remove these articles from the index; called while their rows (and the page's furniture) still exist."""
    conn = _conn(db)
    if not article_ids or not exists(conn):
        return
    for start in range(0, len(article_ids), _BATCH):
        chunk = [int(i) for i in article_ids[start : start + _BATCH]]
        marks = ",".join("?" * len(chunk))
        # Only rows the index holds: a contentless delete with tokens it never saw corrupts it.
        cur = conn.execute(_ROW_SQL + f"JOIN {TABLE}_docsize d ON d.id = a.id WHERE a.id IN ({marks})", chunk)
        found = [dict(zip(_ROW_KEYS, r, strict=True)) for r in cur.fetchall()]
        if found:
            _insert(conn, with_furniture(conn, found), delete=True)


def error_text(exc: BaseException) -> str:
    """An sqlite3 error as a message, except that damaged text is named, never quoted (sqlite3 quotes it)."""
    if "could not decode" in str(exc).lower():
        return "it holds damaged article text (not UTF-8); paper-reader reindex names the damaged articles"
    return str(exc)


class DamagedText(Exception):
    """An article whose stored text is not valid UTF-8 (bytes damaged on disk), named by its ids."""

    def __init__(self, page_id: int, article_id: int) -> None:
        super().__init__(
            f"the stored text of article {article_id} (page {page_id}) is damaged (not UTF-8); "
            "run paper-reader reindex to index the rest and list every damaged article"
        )
        self.page_id, self.article_id = page_id, article_id


def article_rows(
    conn: Any, batch: int = 2000, damaged: list[tuple[int, int]] | None = None
) -> Iterator[list[dict[str, Any]]]:
    """Every article row in id order, in batches, furniture on each page's first (what the index is built from).

    An article whose text does not decode is added to ``damaged`` as (page id, article id) and left
    out, or, without ``damaged``, raises :class:`DamagedText`.
    """
    last = -1
    while True:
        rows = conn.execute(_BLOB_SQL + "WHERE a.id > ? ORDER BY a.id LIMIT ?", [last, batch]).fetchall()
        if not rows:
            return
        out = []
        for r in rows:
            row = dict(zip(_ROW_KEYS, r, strict=True))
            try:
                row.update({k: bytes(v).decode("utf-8") for k, v in row.items() if isinstance(v, bytes)})
            except UnicodeDecodeError:
                if damaged is None:
                    raise DamagedText(row["page_id"], row["id"]) from None
                damaged.append((row["page_id"], row["id"]))
                continue
            out.append(row)
        yield with_furniture(conn, out)
        last = rows[-1][0]


def optimize(db: Any) -> None:
    """Merge the index's segments into one (faster queries after a bulk import)."""
    conn = _conn(db)
    was_open = conn.in_transaction
    for table in (TABLE, CHARS):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    if not was_open and conn.in_transaction:
        conn.commit()  # Python's sqlite3 opened a transaction for the INSERT: close it


def reindex_all(db: Any, damaged: list[tuple[int, int]] | None = None) -> int:
    """Rebuild the whole index from the articles table; returns the number of articles indexed.

    Articles whose text is damaged are left out and listed in ``damaged`` (see :func:`article_rows`).
    """
    conn = _conn(db)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        _drop(conn)
        _create(conn)
        use_write_buffer(conn, bulk=True)  # merged once, at the end
        n = 0
        for rows in article_rows(conn, damaged=damaged):
            _insert(conn, rows)
            n += len(rows)
        use_write_buffer(conn)
        optimize(conn)
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return n
