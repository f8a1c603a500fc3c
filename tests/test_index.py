"""The index tables: kept in step with the articles, rebuilt by reindex, checked by FTS5 itself."""

from __future__ import annotations

import sqlite3

from reader.search import search
from reader.store import index


def _check(conn: sqlite3.Connection) -> None:
    for table in (index.TABLE, index.CHARS):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, kicker TEXT, title TEXT, subtitle TEXT, body TEXT,"
        " caption TEXT, page_id INTEGER DEFAULT 1, position INTEGER DEFAULT 0, byline TEXT, credit TEXT)"
    )
    conn.execute(
        "CREATE TABLE furniture (id INTEGER PRIMARY KEY, page_id INTEGER, position INTEGER, text TEXT)"
    )
    index.ensure_schema(conn)
    return conn


def _add(conn: sqlite3.Connection, rows: list[dict]) -> None:
    for r in rows:
        conn.execute(
            "INSERT INTO articles (id, kicker, title, subtitle, body, caption, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                r["id"],
                r.get("kicker"),
                r.get("title"),
                r.get("subtitle"),
                r.get("body"),
                r.get("caption"),
                r["id"],
            ],
        )
    index.index_articles(conn, rows)


def _ids(conn: sqlite3.Connection, match: str, table: str = index.TABLE) -> set[int]:
    return {r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [match])}


def test_index_and_unindex_keep_the_index_whole() -> None:
    conn = _db()
    _add(
        conn,
        [{"id": 1, "title": "洛阳实践", "body": "党建引领"}, {"id": 2, "title": "", "body": "洛阳·县区 5G"}],
    )
    assert _ids(conn, '"洛阳"') == {1, 2}
    assert _ids(conn, 'title : "洛阳"') == {1}
    assert _ids(conn, '"引"', index.CHARS) == {1}
    assert _ids(conn, '"0洛"', index.CHARS) == {1}  # 洛 in the headline
    assert _ids(conn, '"·"', index.CHARS) == {2}
    index.unindex_articles(conn, [1, 99])  # an id the index never held is left alone
    _check(conn)
    assert _ids(conn, '"洛阳"') == {2}
    assert _ids(conn, '"5g"') == {2}
    assert _ids(conn, '"洛"', index.CHARS) == {2}
    assert _ids(conn, '"引"', index.CHARS) == set()


def test_unindex_of_rows_never_indexed_is_harmless() -> None:
    conn = _db()
    conn.execute(
        "INSERT INTO articles (id, kicker, title, subtitle, body, caption) VALUES (5, '', '漏网', '', '没有进索引', '')"
    )
    index.unindex_articles(conn, [5])
    _check(conn)


def test_reindex_rebuilds_from_articles() -> None:
    conn = _db()
    _add(conn, [{"id": i, "title": f"标题{i}", "body": "正文内容" * i} for i in range(1, 30)])
    conn.execute(
        "INSERT INTO articles (id, kicker, title, subtitle, body, caption) VALUES (30, '', '后来的', '', '正文不在索引里', '')"
    )  # not indexed
    assert _ids(conn, '"正文"') == set(range(1, 30))
    assert index.reindex_all(conn) == 30
    _check(conn)
    assert _ids(conn, '"正文"') == set(range(1, 31))


def test_photo_captions_are_searchable() -> None:
    conn = _db()
    _add(conn, [{"id": 1, "kind": "photo", "title": "", "body": "", "caption": "涧西区夜景"}])
    assert _ids(conn, '"涧西 西区"') == {1}


def test_index_version_mismatch_asks_for_reindex() -> None:
    conn = _db()
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES (?, 'old')", ["search_index_version"])
    assert not index.is_current(conn)
    assert "reindex" in (search(conn, "洛阳").message or "")
    index.reindex_all(conn)
    assert index.is_current(conn)


def test_an_older_index_is_left_for_reindex_not_emptied() -> None:
    """Opening a store whose index predates the character table keeps the old one until `reindex`."""
    conn = _db()
    _add(conn, [{"id": 1, "title": "洛阳", "body": "党建"}])
    conn.execute(f"DROP TABLE {index.CHARS}")
    index.ensure_schema(conn)
    assert not index.exists(conn)
    assert _ids(conn, '"党建"') == {1}  # untouched
    index.reindex_all(conn)
    _check(conn)
    assert _ids(conn, '"洛"', index.CHARS) == {1}
