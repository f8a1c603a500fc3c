"""The search index tables, kept in step with the articles inside the store's page transaction.

``search_index`` is a contentless FTS5 table (the text lives once, in ``articles``) whose rowid is
the article id. Its two columns, ``body`` (body, caption) and ``title`` (kicker, title, subtitle),
hold the tokens of :func:`reader.tokens.index_tokens`: overlapping character bigrams of every run of
letters and digits plus each run's last character, with a one-character prefix index. So a term of
two or more characters is an FTS5 phrase of its bigrams (consecutive positions inside one run mean
an exact substring) and a one-character term is a prefix query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.tokens import INDEX_VERSION, index_tokens

TABLE = "search_index"
_META_KEY = "search_index_version"
# body is column 0: FTS5 marks every position list of a later column with its number, and
# nearly all tokens are in the body, so this order saves about two bytes per (token, article).
_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "body, title, content='', tokenize='ascii', prefix='1', detail=full)"
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
    """What the body column holds for an article row: body and photo caption."""
    return "\n".join(str(row.get(k) or "") for k in ("body", "caption"))


def exists(db: Any) -> bool:
    """Whether the index table is present."""
    return _conn(db).execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TABLE]).fetchone() is not None


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
    # Merging 8 segments at a time instead of 4 rewrites each token fewer times during an import
    # (one segment per page transaction); queries still see few segments.
    conn.execute(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('automerge', 8)")
    _set_version(conn)


def ensure_schema(db: Any) -> None:
    """Create the index tables if they are missing."""
    conn = _conn(db)
    if not exists(conn):
        _create(conn)


# Tokens made ahead of time by other processes (a bulk import tokenises in a process pool and
# writes in one writer); each is used once, then dropped.
_ready: dict[str, str] = {}


def provide_tokens(tokens_by_text: dict[str, str]) -> None:
    """Hand over index_tokens() results computed elsewhere for texts about to be indexed."""
    _ready.update(tokens_by_text)


def _tokens(text: str) -> str:
    ready = _ready.pop(text, None)
    return ready if ready is not None else index_tokens(text)


def _pairs(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    for r in rows:
        yield int(r["id"]), _tokens(title_text(r)), _tokens(body_text(r))


def index_articles(db: Any, rows: list[dict[str, Any]]) -> None:
    """Add these article rows (id, title, body, kicker, subtitle, caption) to the index."""
    conn = _conn(db)
    if not rows or not exists(conn):
        return  # no index yet: search says to run `paper-reader reindex`
    conn.executemany(f"INSERT INTO {TABLE} (rowid, title, body) VALUES (?, ?, ?)", _pairs(rows))


def unindex_articles(db: Any, article_ids: list[int]) -> None:
    """Remove these articles from the index; called while their rows still exist."""
    conn = _conn(db)
    if not article_ids or not exists(conn):
        return
    for start in range(0, len(article_ids), _BATCH):
        chunk = [int(i) for i in article_ids[start : start + _BATCH]]
        marks = ",".join("?" * len(chunk))
        # Only rows the index holds: a contentless delete with tokens it never saw corrupts it.
        cur = conn.execute(
            f"SELECT a.id, a.kicker, a.title, a.subtitle, a.body, a.caption FROM articles a "
            f"JOIN {TABLE}_docsize d ON d.id = a.id WHERE a.id IN ({marks})",
            chunk,
        )
        keys = ("id", "kicker", "title", "subtitle", "body", "caption")
        found = [dict(zip(keys, r, strict=True)) for r in cur.fetchall()]
        conn.executemany(
            f"INSERT INTO {TABLE} ({TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", _pairs(found)
        )


def article_rows(conn: Any, batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Every article row in id order, in batches (what the index is built from)."""
    keys = ("id", "kicker", "title", "subtitle", "body", "caption")
    last = -1
    while True:
        rows = conn.execute(
            "SELECT id, kicker, title, subtitle, body, caption FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            [last, batch],
        ).fetchall()
        if not rows:
            return
        yield [dict(zip(keys, r, strict=True)) for r in rows]
        last = rows[-1][0]


def optimize(db: Any) -> None:
    """Merge the index's segments into one (faster queries after a bulk import)."""
    conn = _conn(db)
    was_open = conn.in_transaction
    conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
    if not was_open and conn.in_transaction:
        conn.commit()  # Python's sqlite3 opened a transaction for the INSERT: close it


def reindex_all(db: Any) -> int:
    """Rebuild the whole index from the articles table; returns the number of articles indexed."""
    conn = _conn(db)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        _create(conn)
        n = 0
        for rows in article_rows(conn):
            conn.executemany(f"INSERT INTO {TABLE} (rowid, title, body) VALUES (?, ?, ?)", _pairs(rows))
            n += len(rows)
        optimize(conn)
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return n
