"""Search: matching through the bigram index and BM25 ranking by jieba words (snippets: ``spans``).

A term of letters and digits is answered by the index alone (exactly: see reader.store.index). A term
holding other characters (``洛阳·县区``, ``c++``) is answered from the index's candidates on its
indexable parts and then checked as a substring; a term with no indexable character at all is a
scan. Matching ignores case; everything else is matched as written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from reader.models import Hit
from reader.search import order as ordering
from reader.search import stages
from reader.search.facets import counted
from reader.search.facets import facets as facet_counts
from reader.search.hits import make_hits, rows_by_id
from reader.search.order import newest as _newest
from reader.search.order import order as _order
from reader.search.plan import FOLD_SQL, Compiled, Plan, checked_sql, filter_sql, make_plan, narrowing_sql
from reader.search.query import Query, parse
from reader.search.tiers import TITLE_WEIGHT
from reader.search.tiers import bm25 as _bm25
from reader.search.tiers import ranked as _ranked
from reader.search.tiers import tier_expr as _tier_expr
from reader.search.tiers import tiers as _tiers
from reader.store import index
from reader.tokens import fold, norm

MAX_LIMIT = 1000
_CHUNK = 500

__all__ = ["MAX_LIMIT", "SearchResult", "iter_hits", "matches", "search", "search_facets"]


@dataclass
class SearchResult:
    """What a search found: the total, the page of hits asked for, the time, or a message."""

    query: str
    total: int
    took_ms: float
    hits: list[Hit] = field(default_factory=list)
    message: str | None = None
    failed: bool = False  # the store could not be searched (not a problem with the query)
    ranked: list[tuple[int, float]] = field(default_factory=list, repr=False)  # lazy: every match in order
    parsed: Query | None = field(default=None, repr=False)  # lazy: the query, for iter_hits
    facets: dict[str, list[dict[str, Any]]] | None = None  # with facets=True: by paper, year, page


def _conn(db_or_store: Any) -> tuple[sqlite3.Connection, Any]:
    """The connection to search, and a Store to close afterwards when we opened it from a path."""
    if isinstance(db_or_store, (str, Path)):
        from reader.store import Store

        store = Store.open(db_or_store, readonly=True, create=False)
        return store.db.conn, store
    return index._conn(db_or_store), None


def _texts(row: dict[str, Any], exact_script: bool = False) -> tuple[str, str, str]:
    """A row's title alone, its headline (kicker, title, subtitle) and all its text, as the index
    compares them (case- and, unless ``exact_script``, 繁简-folded)."""
    head = index.title_text(row)
    every = "\n".join([head, index.body_text(row), index.extra_text(row)])
    return tuple(norm(t, exact_script=exact_script) for t in (str(row.get("title") or ""), head, every))  # type: ignore[return-value]


def _holds(c: Compiled, texts: tuple[str, str, str]) -> bool:
    title, head, every = texts
    if c.term.field == "title":
        return c.needle in title
    return c.needle in (head if c.term.field == "head" else every)


def _passes(plan: Plan, texts: tuple[str, str, str]) -> bool:
    if not all(any(_holds(c, texts) for c in g) for g in plan.groups):
        return False
    return not any(_holds(c, texts) for c in plan.excluded)


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    """Article rows (``sql`` selects ``a.id``), with the fields search checks, in batches."""
    cur = conn.execute(sql, params)
    while True:
        ids = [r[0] for r in cur.fetchmany(_CHUNK)]
        if not ids:
            return
        yield from rows_by_id(conn, ids).values()


def _matching(table: str, expr_where: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?{expr_where}"


def _probe(table: str, expr_where: str) -> str:
    """The matches narrowed to a JSON array of ids, its last parameter (looked up one by one)."""
    return _matching(table, expr_where) + f" AND rowid IN ({stages.IDS})"


def _exact(
    conn: sqlite3.Connection, plan: Plan, q: Query, want: int, sort: str, total: int | None = None
) -> tuple[int, list[tuple[int, float]]]:
    """Matches the index answers alone: the count (unless ``total`` is known), the best ``want``."""
    assert plan.driver is not None
    table, expr = plan.driver
    fsql, fparams = filter_sql(q)
    found = stages.both(conn, plan)  # a rare part read first, when there is one
    if found is not None:
        return stages.answer(conn, plan, found, (fsql, fparams), want, sort, total)
    more, mparams = plan.where()
    if fsql:
        more += f" AND +rowid IN ({fsql})"
        mparams = [*mparams, *fparams]
    ch = None if more else stages.one_char(plan)  # then found in the text, not looked up in the index
    if total is None:
        total = (
            stages.char_count(conn, ch)
            if ch is not None
            else conn.execute(
                f"SELECT count(*) FROM {table} WHERE {table} MATCH ?{more}", [expr, *mparams]
            ).fetchone()[0]
        )
    if not total or want <= 0:
        return total, []

    tiers = _tiers(plan.titled_chars, plan.bodied_chars)

    def newest(cond: str, k: int | None, n: int, wanted: int) -> list[int]:
        """The newest ``wanted`` of ``cond``'s ``n`` matches (tier ``k`` of ``tiers``, or all)."""
        if ch is None or (k is not None and len(tiers) != 3):
            return _newest(conn, _matching(table, more), [cond, *mparams], wanted, n, _probe(table, more))
        sql, params = stages.char_tier_sql(ch, k)
        return _newest(conn, _matching(table, ""), [cond], wanted, n, sql, params, ordering.TEXT_COST)

    if sort == "date":
        return total, [(i, 0.0) for i in newest(expr, None, total, want)]
    if table == index.TABLE:
        return total, _ranked(conn, plan, more, mparams, want, total)
    # Only one-character terms: the character table keeps no counts to rank by, so headline
    # matches come first, then body matches, each tier newest first.
    out: list[tuple[int, float]] = []
    for k, tier in enumerate(tiers):
        cond = _tier_expr(expr, tier)
        n = total
        if len(tiers) > 1:  # the tier's size only chooses how to find its newest
            n = stages.about(
                conn, f"SELECT count(*) FROM {table} WHERE {table} MATCH ?{more}", [cond, *mparams]
            )
        ids = newest(cond, k, n, want - len(out))
        out += [(i, float(len(tiers) - 1 - k)) for i in ids]
        if len(out) >= want:
            break
    return total, out


def _score(plan: Plan, texts: tuple[str, str, str]) -> float:
    """A simple tf score for matches the index could not rank (terms with no indexable character)."""
    _, head, every = texts
    s = 0.0
    for g in plan.groups:
        for c in g:
            if c.needle:
                s += TITLE_WEIGHT * head.count(c.needle) + every.count(c.needle) / (1 + len(every) / 2000)
    return s


def _tier_of(plan: Plan, row: dict[str, Any]) -> int:
    """0: a term in the headline, 1: in the body, 2: only in the byline, caption or furniture."""
    exact = any(c.term.exact_script for g in plan.groups for c in g)
    head = norm(index.title_text(row), exact_script=exact)
    body = norm(index.body_text(row), exact_script=exact)
    needles = [c.needle for g in plan.groups for c in g if c.needle]
    if any(n in head for n in needles):
        return 0
    return 1 if any(n in body for n in needles) else 2


def _checked(
    conn: sqlite3.Connection,
    plan: Plan,
    ids: tuple[str, list[Any]],
    want: int,
    sort: str,
    listed: str | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """Count and rank matches whose substring checks run in SQLite: the checks run once, listing
    the ids, and the count and the ranking read that list (before, the ranking ran them again);
    ``listed``: that list made already (as JSON), by the facets' count."""
    if listed is None:
        ids_sql, params = ids
        listed = conn.execute(f"SELECT json_group_array(id) FROM ({ids_sql})", params).fetchone()[0]
    total = len(json.loads(listed)) if listed else 0
    if not total or want <= 0:
        return total, []
    given = [listed]  # the JSON array as SQLite wrote it: the ids' look-up reads it as it is
    if sort == "date" or not plan.match:
        return total, [(i, 0.0) for i in _newest(conn, stages.IDS, given, want, total)]
    return total, _ranked(conn, plan, f" AND +rowid IN ({stages.IDS})", given, want, total)


def _verified(conn: sqlite3.Connection, plan: Plan, q: Query, sort: str) -> list[tuple[int, float]]:
    """Every match, checked as substrings in Python (letters SQLite cannot fold, e.g. É, Σ, Д)."""
    narrow, params = narrowing_sql(plan, q, "a.id")
    found: list[tuple[int, float]] = []
    tier: dict[int, int] = {}
    for row in _rows(conn, "SELECT a.id FROM articles a WHERE 1" + narrow, params):
        texts = _texts(row, q.exact_script)
        if _passes(plan, texts):
            found.append((row["id"], _score(plan, texts)))
            tier[row["id"]] = _tier_of(plan, row)
    if plan.match and found and sort != "date":
        keep = {i for i, _ in found}
        scores = {
            r[0]: r[1]
            for r in conn.execute(
                f"SELECT rowid, -{_bm25()} FROM {index.TABLE} WHERE {index.TABLE} MATCH ?", [plan.rank]
            )
            if r[0] in keep
        }
        found = [(i, scores.get(i, s)) for i, s in found]
    ordered = _order(conn, found, sort)
    if sort == "date":
        return ordered
    return sorted(ordered, key=lambda r: tier[r[0]])  # stable: each tier keeps its order


def _listing(conn: sqlite3.Connection, plan: Plan, q: Query) -> tuple[int, list[tuple[int, float]]]:
    """No positive term: the filtered articles (less the excluded terms), newest first (checked in Python)."""
    fsql, fparams = filter_sql(q)
    ids_sql = fsql or "SELECT id FROM articles"
    params = list(fparams)
    more, mparams = plan.where("id")  # the excluded terms the index answers
    if more:
        ids_sql = f"SELECT id FROM ({ids_sql}) WHERE 1{more}"
        params.extend(mparams)
    others = [c for c in plan.excluded if not c.exact]
    if others:
        ids = [
            row["id"]
            for row in _rows(conn, ids_sql, params)
            if not any(_holds(c, _texts(row, q.exact_script)) for c in others)
        ]
    else:
        ids = [r[0] for r in conn.execute(ids_sql, params)]
    return len(ids), _order(conn, [(i, 0.0) for i in ids], "date")


def matches(
    conn: sqlite3.Connection,
    q: Query,
    want: int,
    sort: str = "rank",
    total: int | None = None,
    checked: str | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """The number of articles matching a parsed query, and the first ``want`` (id, score) pairs in order.

    ``total``, when the caller has counted the matches already (see ``facets.counted``), saves
    counting them again; ``checked``, the ids it listed with substring checks (JSON), saves running
    the checks again. Raises sqlite3.Error; ``q`` must have no message and not be empty.
    """
    conn.create_function(FOLD_SQL, 1, fold, deterministic=True)
    plan = make_plan(q)
    if not plan.groups:
        listed = checked_sql(plan, q)
        if listed is not None:  # ordered and cut in SQL: no id list through Python
            return _checked(conn, plan, listed, want, "date", checked)
        return _listing(conn, plan, q)
    if plan.verify or plan.driver is None:
        sql = checked_sql(plan, q)
        if sql is not None:
            return _checked(conn, plan, sql, want, sort, checked)
        ranked = _verified(conn, plan, q, sort)
        return len(ranked), ranked
    return _exact(conn, plan, q, want, sort, total)


EVERY = 1 << 62  # "every match" as a count no store reaches


def search(
    db_or_store: Any,
    query: str,
    *,
    limit: int | None = 20,
    offset: int = 0,
    sort: str = "rank",
    lazy: bool = False,
    facets: bool = False,
) -> SearchResult:
    """Search the store; any query string gives a SearchResult (problems are in ``message``).

    ``limit=None`` asks for every result. ``lazy`` makes no hits: ``ranked`` holds the ordered
    (article id, score) pairs for :func:`iter_hits` to turn into hits a batch at a time. ``facets``
    also counts every match by paper, year and page number (``result.facets``).
    """
    started = perf_counter()

    def done(
        total: int = 0, hits: list[Hit] | None = None, message: str | None = None, failed: bool = False
    ) -> SearchResult:
        return SearchResult(
            query if isinstance(query, str) else str(query),
            total,
            round((perf_counter() - started) * 1000, 2),
            hits or [],
            message,
            failed,
        )

    q = parse(query)
    if q.message:
        return done(message=q.message)
    if q.empty:
        return done(message="Type something to search for.")
    offset = max(0, int(offset))
    want = EVERY if limit is None else offset + max(0, min(int(limit), MAX_LIMIT))
    sort = "date" if sort == "date" else "rank"
    try:
        conn, opened = _conn(db_or_store)
    except Exception as exc:  # a StoreError from a path: its message is for the user
        return done(message=str(exc), failed=True)
    try:
        if not index.is_current(conn):
            return done(
                message=(
                    "This store's search index is from an older paper-reader (no bylines, furniture or "
                    "繁简-blind search yet): run `paper-reader reindex`."
                    if index.exists(conn)
                    else "This store has no search index yet: run `paper-reader reindex`."
                ),
                failed=True,
            )
        # Facets need every match: counted in one pass, they also give the total.
        found = counted(conn, q) if facets else None
        total, ranked = matches(
            conn, q, want, sort, None if found is None else found[0], None if found is None else found[2]
        )
        spread = None if found is None else found[1]
        if facets and found is None:
            # Checked in Python: every match is ranked already, unless there are more.
            ids = [i for i, _ in (ranked if len(ranked) >= total else matches(conn, q, EVERY, "date")[1])]
            spread = facet_counts(conn, ids)
        if lazy:
            result = done(total)
            result.ranked = ranked[offset:want]
            result.parsed = q
            result.facets = spread
            return result
        result = done(total, make_hits(conn, q, ranked[offset:want]))
        result.facets = spread
        return result
    except sqlite3.Error as exc:
        return done(message=f"The store could not be searched: {index.error_text(exc)}", failed=True)
    finally:
        if opened is not None:
            opened.close()


def search_facets(db_or_store: Any, query: str) -> dict[str, list[dict[str, Any]]] | None:
    """The facets of ``query`` alone (None when it cannot be answered): the app counts them after
    showing the results, so the results never wait for them."""
    q = parse(query)
    if q.message or q.empty:
        return None
    conn, opened = _conn(db_or_store)
    try:
        if not index.is_current(conn):
            return None
        found = counted(conn, q)
        if found is None:
            return facet_counts(conn, [i for i, _ in matches(conn, q, EVERY, "date")[1]])
        return found[1]
    finally:
        if opened is not None:
            opened.close()


def iter_hits(db_or_store: Any, result: SearchResult, batch: int = 200) -> Iterator[Hit]:
    """The hits of a ``lazy`` search, in order, made a batch at a time (for streaming every result)."""
    if result.parsed is None:
        yield from result.hits
        return
    conn = index._conn(db_or_store)
    for start in range(0, len(result.ranked), batch):
        yield from make_hits(conn, result.parsed, result.ranked[start : start + batch])
