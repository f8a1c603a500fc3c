"""Putting matches in order: best first with ties newest first, or newest first (unknown dates last)."""

from __future__ import annotations

import sqlite3
from typing import Any


def _by_date(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str | None]:
    out: dict[int, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = (
            "SELECT a.id, e.date FROM articles a JOIN pages p ON p.id = a.page_id "
            f"JOIN editions e ON e.id = p.edition_id WHERE a.id IN ({','.join('?' * len(chunk))})"
        )
        out.update(conn.execute(sql, chunk).fetchall())
    return out


def order(conn: sqlite3.Connection, scored: list[tuple[int, float]], sort: str) -> list[tuple[int, float]]:
    """Best first (ties newest first), or newest first with ``sort="date"``; unknown dates last."""
    dates = _by_date(conn, [i for i, _ in scored])
    newest = sorted(
        scored, key=lambda r: (dates.get(r[0]) is None, dates.get(r[0]) or "", r[0]), reverse=True
    )
    newest.sort(key=lambda r: dates.get(r[0]) is None)  # reverse put unknown dates first; put them last
    if sort == "date":
        return newest
    # Ties up to float noise; relative, since bm25 scores terms in over half the articles near 1e-6.
    return sorted(newest, key=lambda r: -float(f"{r[1]:.9g}"))


_DATE_ORDER = "ORDER BY e.date IS NULL, e.date DESC, a.id DESC"
_SMALL = 3000  # up to this many matches, SQLite sorts them by date itself


def newest(conn: sqlite3.Connection, ids_sql: str, params: list[Any], want: int, total: int) -> list[int]:
    """The newest ``want`` of the article ids ``ids_sql`` selects (unknown dates last, then newest id).

    A few thousand matches are sorted by SQLite. More are read into a set and the editions walked
    newest first until enough are found: sorting 100,000 matches by date would cost ~100 ms, the
    walk reads one batch of editions.
    """
    if want <= 0 or total <= 0:
        return []
    if total <= _SMALL:
        sql = (
            "SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
            f"WHERE a.id IN ({ids_sql}) {_DATE_ORDER} LIMIT ?"
        )
        return [r[0] for r in conn.execute(sql, [*params, want])]
    found = {r[0] for r in conn.execute(ids_sql, params)}
    editions = conn.execute(
        "SELECT id, date FROM editions ORDER BY date IS NULL, date DESC, id DESC"
    ).fetchall()
    out: list[int] = []
    i = 0
    while i < len(editions) and len(out) < want:
        j = min(i + 40, len(editions))
        while j < len(editions) and editions[j][1] == editions[j - 1][1]:
            j += 1  # one date never straddles two batches, so ties stay ordered newest id first
        batch = [e[0] for e in editions[i:j]]
        rows = conn.execute(
            "SELECT a.id, e.date FROM editions e JOIN pages p ON p.edition_id = e.id "
            f"JOIN articles a ON a.page_id = p.id WHERE e.id IN ({','.join('?' * len(batch))})",
            batch,
        ).fetchall()
        hits = [r for r in rows if r[0] in found]
        hits.sort(key=lambda r: (r[1] is not None, r[1] or "", r[0]), reverse=True)
        out.extend(r[0] for r in hits)
        i = j
    return out[:want]
