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
# Rough costs in microseconds, measured on a 1M-article store: SQLite sorting one match by date
# (it reads the article's row), reading one match's id, walking past one article of an edition
# (the pages and articles indexes only), looking one article up in the index.
_SORT_COST, _READ_COST, _WALK_COST, _PROBE_COST = 8.0, 0.3, 1.0, 35.0
TEXT_COST = 5.0  # finding a character in an article's text (a probe given as substring tests)
_BATCH = 40  # editions in the first batch of a walk when every match is in hand
_GIVE_UP = 1.0  # a walk stops for the sort once it has cost this many times what the sort would


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


def _sorted(conn: sqlite3.Connection, ids_sql: str, params: list[Any], want: int) -> list[int]:
    sql = (
        "SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
        f"WHERE a.id IN ({ids_sql}) {_DATE_ORDER} LIMIT ?"
    )
    return [r[0] for r in conn.execute(sql, [*params, want])]


def newest(
    conn: sqlite3.Connection,
    ids_sql: str,
    params: list[Any],
    want: int,
    total: int,
    probe: str | None = None,
    probe_params: list[Any] | None = None,
    probe_cost: float = _PROBE_COST,
) -> list[int]:
    """The newest ``want`` of the article ids ``ids_sql`` selects (unknown dates last, then newest id).

    Few matches are sorted by SQLite, which reads each match's article row. With more, the editions
    are walked newest first until enough are found, each edition's articles checked against every
    match read into a set or, when only a few of many matches are wanted, looked up in the index one
    by one: ``probe`` is ``ids_sql`` narrowed to the ids of a JSON array (its last parameter, after
    ``probe_params``, by default ``params``), each id costing ``probe_cost``. The choice is by rough cost; a walk that costs more than the sort would (the matches are older than
    their number suggests) stops, and SQLite sorts.
    """
    if want <= 0 or total <= 0:
        return []
    articles = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 1
    editions = conn.execute("SELECT max(id) FROM editions").fetchone()[0] or 1
    per_edition = max(1.0, articles / editions)
    passed = articles / total  # articles walked past per match, if they are spread evenly
    sort_cost = total * _SORT_COST
    set_cost = total * _READ_COST + want * passed * _WALK_COST
    walk_cost = want * passed * (_WALK_COST + probe_cost) if probe else sort_cost
    if sort_cost <= min(set_cost, walk_cost):
        return _sorted(conn, ids_sql, params, want)
    found: set[int] | None = None
    step = _WALK_COST + probe_cost
    if set_cost < walk_cost:
        found = {r[0] for r in conn.execute(ids_sql, params)}
        step = _WALK_COST
    out: list[int] = []
    walked = 0
    growth = 1

    def size() -> int:
        need = 1.5 * (want - len(out)) * passed / per_edition
        return max(_BATCH if found is not None else 1, int(need) + 1) * growth

    for batch in _batches(conn, size):
        rows = conn.execute(
            "SELECT a.id, e.date FROM editions e JOIN pages p ON p.edition_id = e.id "
            f"JOIN articles a ON a.page_id = p.id WHERE e.id IN ({','.join('?' * len(batch))})",
            batch,
        ).fetchall()
        if found is None:
            assert probe is not None
            given = params if probe_params is None else probe_params
            held = {r[0] for r in conn.execute(probe, [*given, json.dumps([r[0] for r in rows])])}
        else:
            held = found
        hits = [r for r in rows if r[0] in held]
        hits.sort(key=lambda r: (r[1] is not None, r[1] or "", r[0]), reverse=True)
        out.extend(r[0] for r in hits)
        if len(out) >= want:
            break
        walked += len(rows)
        if walked * step > sort_cost * _GIVE_UP:
            return _sorted(conn, ids_sql, params, want)
        growth *= 2  # the matches are older than their number suggests: take bigger steps
    return out[:want]
