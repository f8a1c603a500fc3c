"""Putting matches in order: best first with ties newest first, or newest first (unknown dates last)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
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
_READ_COST = 175  # probing one article id in the index costs about as much as reading this many matches
_BATCH = 40  # editions read at a time when every match is in hand


def _editions(conn: sqlite3.Connection) -> Iterator[tuple[int, str | None]]:
    """Every edition newest first, unknown dates last; read lazily (through the date index)."""
    yield from conn.execute(
        "SELECT id, date FROM editions WHERE date IS NOT NULL ORDER BY date DESC, id DESC"
    )
    yield from conn.execute("SELECT id, date FROM editions WHERE date IS NULL ORDER BY id DESC")


def _batches(conn: sqlite3.Connection, size: Callable[[], int]) -> Iterator[list[int]]:
    """Edition ids newest first in batches of about ``size()``; one date never straddles two batches,
    so ties stay ordered newest id first."""
    batch: list[tuple[int, str | None]] = []
    for row in _editions(conn):
        if len(batch) >= size() and row[1] != batch[-1][1]:
            yield [e for e, _ in batch]
            batch = []
        batch.append(row)
    if batch:
        yield [e for e, _ in batch]


def newest(
    conn: sqlite3.Connection,
    ids_sql: str,
    params: list[Any],
    want: int,
    total: int,
    probe: str | None = None,
) -> list[int]:
    """The newest ``want`` of the article ids ``ids_sql`` selects (unknown dates last, then newest id).

    A few thousand matches are sorted by SQLite. More are found by walking the editions newest first
    until enough are found, checking each edition's articles either against every match read into a
    set, or, when reading them would cost more (many matches, but few needed), by looking each
    article up in the index: ``probe`` is ``ids_sql`` narrowed to the ids of a JSON array, its last
    parameter. Sorting 100,000 matches by date would cost ~100 ms.
    """
    if want <= 0 or total <= 0:
        return []
    if total <= _SMALL:
        sql = (
            "SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
            f"WHERE a.id IN ({ids_sql}) {_DATE_ORDER} LIMIT ?"
        )
        return [r[0] for r in conn.execute(sql, [*params, want])]
    articles = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 1
    share = min(1.0, total / articles)  # of the articles, how many match
    found: set[int] | None = None
    if probe is None or total < want / share * _READ_COST:
        found = {r[0] for r in conn.execute(ids_sql, params)}
    out: list[int] = []
    per_edition = max(1.0, articles / max(1, conn.execute("SELECT max(id) FROM editions").fetchone()[0] or 1))

    def size() -> int:
        if found is not None:
            return _BATCH
        return max(1, int(1.5 * (want - len(out)) / share / per_edition) + 1)

    for batch in _batches(conn, size):
        rows = conn.execute(
            "SELECT a.id, e.date FROM editions e JOIN pages p ON p.edition_id = e.id "
            f"JOIN articles a ON a.page_id = p.id WHERE e.id IN ({','.join('?' * len(batch))})",
            batch,
        ).fetchall()
        if found is None:
            assert probe is not None
            held = {r[0] for r in conn.execute(probe, [*params, json.dumps([r[0] for r in rows])])}
        else:
            held = found
        hits = [r for r in rows if r[0] in held]
        hits.sort(key=lambda r: (r[1] is not None, r[1] or "", r[0]), reverse=True)
        out.extend(r[0] for r in hits)
        if len(out) >= want:
            break
    return out[:want]
