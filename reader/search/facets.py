"""Facets: how a query's matches spread over papers, years and page numbers.

A query the index answers alone is counted from its matching ids through a map of every article's
page and every page's paper, year and number, made once per store state (the files' times and
sizes and the highest ids say when it is stale); the others in one SQL query grouped by page.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from reader.search.plan import checked_sql, driven_sql, make_plan, match_ids_sql
from reader.search.query import Query

FACETS = ("paper", "year", "page")
UNKNOWN = None  # an unknown paper name, date or page number


Where = tuple[Any, Any, Any]  # a page's paper, year and number
_maps: dict[str, tuple[tuple[Any, ...], dict[int, int], dict[int, Where]]] = {}
_lock = threading.Lock()


def _stamp(conn: sqlite3.Connection) -> tuple[str, tuple[Any, ...]] | None:
    """The store file and what changes when it is written (None for a store in memory)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return None
    key: list[Any] = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
            key += [st.st_mtime_ns, st.st_size]
        except OSError:
            key += [0, 0]
    key += conn.execute(
        "SELECT (SELECT max(id) FROM articles), (SELECT max(id) FROM pages), (SELECT max(id) FROM editions)"
    ).fetchone()
    return path, tuple(key)


def store_maps(conn: sqlite3.Connection) -> tuple[dict[int, int], dict[int, Where]] | None:
    """Every article's page and every page's paper, year and number (cached per store state)."""
    stamp = _stamp(conn)
    if stamp is None:
        return None
    path, key = stamp
    with _lock:
        held = _maps.get(path)
        if held is not None and held[0] == key:
            return held[1], held[2]
    page_of: dict[int, int] = dict(conn.execute("SELECT id, page_id FROM articles"))
    where: dict[int, Where] = {
        r[0]: (r[1] or None, r[2], r[3])
        for r in conn.execute(
            "SELECT p.id, pa.name, substr(e.date, 1, 4), p.number FROM pages p "
            "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id"
        )
    }
    with _lock:
        _maps.clear()  # one store at a time: the maps of 100k articles take a few MB
        _maps[path] = (key, page_of, where)
    return page_of, where


def _from_maps(conn: sqlite3.Connection, q: Query) -> list[tuple[Any, Any, Any, int]] | None:
    ids = match_ids_sql(make_plan(q), q)
    if ids is None:
        return None
    maps = store_maps(conn)
    if maps is None:
        return None
    page_of, where = maps
    per_page = Counter(page_of.get(r[0]) for r in conn.execute(*ids))
    counts: Counter[Where] = Counter()
    for page, n in per_page.items():
        counts[where.get(page, (None, None, None)) if page is not None else (None, None, None)] += n
    return [(*w, n) for w, n in counts.items()]


def _page_counts_sql(
    conn: sqlite3.Connection, q: Query, every: Callable[[], list[int]]
) -> tuple[str, list[Any]]:
    """SQL giving (page_id, matching articles on it), found the way the search itself finds them."""
    plan = make_plan(q)
    driven = driven_sql(plan, q, "a.page_id, count(*)")
    if driven is not None:
        return driven[0] + " GROUP BY a.page_id", driven[1]
    checked = checked_sql(plan, q)
    if checked is not None and checked[0].startswith("SELECT a.id FROM articles a "):
        sql, params = checked
        return "SELECT a.page_id, count(*)" + sql[len("SELECT a.id") :] + " GROUP BY a.page_id", params
    ids = every()  # checked in Python (letters SQLite cannot fold): the search's own list
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS facet_ids (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM facet_ids")
    conn.executemany("INSERT INTO facet_ids VALUES (?)", [(i,) for i in ids])
    return "SELECT a.page_id, count(*) FROM facet_ids f JOIN articles a ON a.id = f.id GROUP BY a.page_id", []


def facets(
    conn: sqlite3.Connection, q: Query, every: Callable[[], list[int]]
) -> dict[str, list[dict[str, Any]]]:
    """Counts of matching articles by paper (most first), year (newest first) and page (in order).

    Each facet is a list of ``{"value": ..., "count": n}``; ``value`` None is unknown. ``every``
    gives every matching id, for the queries whose matches cannot be said in SQL.
    """
    rows = _from_maps(conn, q)
    if rows is None:
        pages_sql, params = _page_counts_sql(conn, q, every)
        # Grouped by page first: the join to pages, editions and papers then runs once per page,
        # not once per matching article.
        rows = conn.execute(
            f"WITH m(page_id, n) AS ({pages_sql}) "
            "SELECT pa.name, substr(e.date, 1, 4), p.number, sum(m.n) FROM m JOIN pages p ON p.id = m.page_id "
            "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id GROUP BY 1, 2, 3",
            params,
        ).fetchall()
    counts: dict[str, dict[Any, int]] = {f: {} for f in FACETS}
    for paper, year, page, n in rows:
        for name, value in (("paper", paper or None), ("year", year), ("page", page)):
            counts[name][value] = counts[name].get(value, 0) + n
    return {
        "paper": _listed(counts["paper"], key=lambda kv: (-kv[1], kv[0] is None, kv[0] or "")),
        "year": _listed(
            counts["year"], key=lambda kv: (kv[0] is None, "" if kv[0] is None else kv[0]), reverse_known=True
        ),
        "page": _listed(counts["page"], key=lambda kv: (kv[0] is None, kv[0] or 0)),
    }


def _listed(counts: dict[Any, int], key: Any, reverse_known: bool = False) -> list[dict[str, Any]]:
    items = sorted(counts.items(), key=key)
    if reverse_known:
        known = [kv for kv in items if kv[0] is not None][::-1]
        items = known + [kv for kv in items if kv[0] is None]
    return [{"value": v, "count": n} for v, n in items]


def filter_word(facet: str, value: Any) -> str | None:
    """The query word that narrows results to one facet value (None: an unknown value has none)."""
    if value is None:
        return None
    if facet == "paper":
        return f'paper:"{value}"' if " " in str(value) else f"paper:{value}"
    if facet == "year":
        return f"date:{value}"
    return f"page:{value}"


def facet_line(found: dict[str, list[dict[str, Any]]], most: int = 3) -> str:
    """One line for a header: the top values of each facet with their counts."""
    from reader.text.labels import date_label, page_label, paper_label

    parts = []
    for name, label in (
        ("paper", paper_label),
        ("year", date_label),
        ("page", lambda v: page_label(v, None)),
    ):
        values = found.get(name, [])
        if values:
            shown = " ".join(f"{label(v['value'])} {v['count']}" for v in values[:most])
            parts.append(shown + (" …" if len(values) > most else ""))
    return " │ ".join(parts)
