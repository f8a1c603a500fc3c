"""A query with terms in both index tables (``洛 党建``: one character, one longer term), answered
from its rarer part first.

SQLite answers ``rowid IN (SELECT rowid FROM search_chars WHERE search_chars MATCH ?)`` by reading
every match of the other table into a temporary index: for a common character that is most of
the store's articles, read again for the count and for each ranking tier. When either part is
rare, its few matches are read first and the other part is asked only about them, either by
looking each one up in the index or, when the other part is not much larger, by reading it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from reader.search.order import newest
from reader.search.plan import Plan
from reader.search.tiers import ranked
from reader.store import index

SMALL = 50000  # a part with at most this many matches is read first
PROBE_COST = 100  # looking one article up in the index costs about as much as reading this many matches
SAMPLE = 8  # the other part's matches are estimated from a 1/SAMPLE slice of the ids' span
SAMPLE_MIN, ESTIMATE_FROM = (
    1000,
    5000,
)  # ids in a slice worth sampling; counts estimated, not counted, from here
IDS = "SELECT value FROM json_each(?)"  # a JSON array of ids as a table (one parameter, no size limit)


def _count(conn: sqlite3.Connection, table: str, expr: str, cap: int) -> int:
    """The matches of ``expr`` in ``table``, counted up to ``cap`` (reading no more than that)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
    return int(conn.execute(sql, [expr, cap]).fetchone()[0])


def _ids(conn: sqlite3.Connection, table: str, expr: str) -> list[int]:
    return [r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expr])]


def _among(conn: sqlite3.Connection, table: str, expr: str, ids: list[int]) -> list[int]:
    """Which of ``ids`` (ascending) match ``expr`` in ``table``: looked up one by one when that is
    cheaper than reading the matches of ``expr`` between the first and last id, else read."""
    lo, hi = ids[0], ids[-1]
    # The matches in an eighth of that span, counted, stand for the rest.
    width = (hi - lo) // SAMPLE
    mid = lo + (hi - lo) // 2 - width // 2
    sample = conn.execute(
        f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid <= ?",
        [expr, mid, mid + width],
    ).fetchone()[0]
    rowid = "rowid" if sample * SAMPLE > len(ids) * PROBE_COST else "+rowid"
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid <= ? AND {rowid} IN ({IDS})"
    return [r[0] for r in conn.execute(sql, [expr, lo, hi, json.dumps(ids)])]


def both(conn: sqlite3.Connection, plan: Plan) -> list[int] | None:
    """The ids (ascending) matching both ``plan.match`` and ``plan.chars``, or None when both parts
    are common (then one SQL statement with the temporary index is the cheaper way)."""
    if plan.match is None or plan.chars is None:
        return None
    parts = [(index.TABLE, plan.match), (index.CHARS, plan.chars)]
    counts = [_count(conn, table, expr, SMALL + 1) for table, expr in parts]
    if min(counts) > SMALL:
        return None
    first = 0 if counts[0] <= counts[1] else 1
    ids = sorted(_ids(conn, *parts[first]))
    if not ids:
        return []
    return sorted(_among(conn, *parts[1 - first], ids))


def narrowed(
    conn: sqlite3.Connection, plan: Plan, ids: list[int], filters: tuple[str | None, list[Any]]
) -> list[int]:
    """``ids`` less those the plan's other conditions (OR groups across tables, excluded terms)
    and the query's filters (``filter_sql``) rule out."""
    more, params = plan.where("value", skip_chars=True)
    fsql, fparams = filters
    if fsql:
        more += f" AND value IN ({fsql})"
        params = [*params, *fparams]
    if not more or not ids:
        return ids
    return [r[0] for r in conn.execute(f"{IDS} WHERE 1{more}", [json.dumps(ids), *params])]


def answer(
    conn: sqlite3.Connection,
    plan: Plan,
    ids: list[int],
    filters: tuple[str | None, list[Any]],
    want: int,
    sort: str,
    total: int | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """The count (unless ``total`` is known) and the best ``want`` of the matches among ``ids`` (what
    :func:`both` found), ranked as the whole query would rank them."""
    ids = narrowed(conn, plan, ids, filters)
    if total is None:
        total = len(ids)
    if not ids or want <= 0:
        return total, []
    held = json.dumps(ids)
    if sort == "date":
        return total, [(i, 0.0) for i in newest(conn, IDS, [held], want, len(ids))]
    # Only the first to last id of the driving index is read (FTS5 seeks to the first).
    where = f" AND rowid >= ? AND rowid <= ? AND +rowid IN ({IDS})"
    return total, ranked(conn, plan, where, [ids[0], ids[-1], held], want)


def about(conn: sqlite3.Connection, sql: str, params: list[Any]) -> int:
    """How many rows ``sql`` (``SELECT count(*) FROM t WHERE t MATCH ?...``) counts: estimated from
    the middle 1/SAMPLE of the article ids when that estimate is ESTIMATE_FROM or more, else
    counted. Never 0 when there are matches; for choosing a plan, not for showing."""
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    width = last // SAMPLE
    if width > SAMPLE_MIN:
        lo = last // 2 - width // 2
        ranged = sql.replace(" MATCH ?", " MATCH ? AND rowid >= ? AND rowid <= ?", 1)
        sample = conn.execute(ranged, [params[0], lo, lo + width, *params[1:]]).fetchone()[0]
        if sample * SAMPLE >= ESTIMATE_FROM:
            return int(sample * SAMPLE)
    return int(conn.execute(sql, params).fetchone()[0])
