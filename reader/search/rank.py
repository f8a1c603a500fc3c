"""Search: matching through the bigram index and BM25 ranking by jieba words (snippets: ``spans``).

A term of letters and digits is answered by the index alone (exactly: see reader.store.index). A term
holding other characters (``洛阳·县区``, ``c++``) is answered from the index's candidates on its
indexable parts and then checked as a substring; a term with no indexable character at all is a
scan. Matching ignores case; everything else is matched as written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from reader.models import Hit, Snippet
from reader.search.plan import Compiled, Plan, checked_sql, filter_sql, make_plan, narrowing_sql
from reader.search.query import Query, parse
from reader.search.spans import CONTEXT, query_needles, snippets, spans_of
from reader.store import index

TITLE_WEIGHT = 4.0  # a hit in the headline counts as much as four in the body
MAX_LIMIT = 1000
_TIE_PAD = 30  # extra ranked rows fetched so equal scores can be ordered newest first

__all__ = ["MAX_LIMIT", "SearchResult", "search"]


@dataclass
class SearchResult:
    """What a search found: the total, the page of hits asked for, the time, or a message."""

    query: str
    total: int
    took_ms: float
    hits: list[Hit] = field(default_factory=list)
    message: str | None = None
    failed: bool = False  # the store could not be searched (not a problem with the query)


def _conn(db_or_store: Any) -> tuple[sqlite3.Connection, Any]:
    """The connection to search, and a Store to close afterwards when we opened it from a path."""
    if isinstance(db_or_store, (str, Path)):
        from reader.store import Store

        store = Store.open(db_or_store, readonly=True, create=False)
        return store.db.conn, store
    return index._conn(db_or_store), None


_ROW = (
    "SELECT a.id, a.kicker, a.title, a.subtitle, a.body, a.caption, pa.name, e.date, p.number, p.section, p.id "
    "FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
    "JOIN papers pa ON pa.id = e.paper_id "
)
_KEYS = (
    "id",
    "kicker",
    "title",
    "subtitle",
    "body",
    "caption",
    "paper",
    "date",
    "page",
    "section",
    "page_id",
)


def _texts(row: dict[str, Any]) -> tuple[str, str]:
    return index.title_text(row).casefold(), index.body_text(row).casefold()


def _holds(c: Compiled, title: str, body: str) -> bool:
    return c.needle in title or (c.term.field is None and c.needle in body)


def _passes(plan: Plan, title: str, body: str) -> bool:
    if not all(any(_holds(c, title, body) for c in g) for g in plan.groups):
        return False
    return not any(_holds(c, title, body) for c in plan.excluded)


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


def _order(conn: sqlite3.Connection, scored: list[tuple[int, float]], sort: str) -> list[tuple[int, float]]:
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


def _bm25(weight: float = TITLE_WEIGHT) -> str:
    return f"bm25({index.TABLE}, 1.0, {weight})"  # columns: body, title


def _ranked(
    conn: sqlite3.Connection, plan: Plan, where: str, params: list[Any], want: int
) -> list[tuple[int, float]]:
    """The best ``want`` matches: those with a term in the headline first, each tier by bm25.

    Ranking the headline tier first is also what keeps very common terms fast: when it alone fills
    the page, bm25 never runs over the tens of thousands of articles that merely mention the term.
    """
    sql = f"SELECT rowid, -{_bm25()} FROM {index.TABLE} WHERE {index.TABLE} MATCH ?{where} ORDER BY 2 DESC LIMIT ?"
    need = want + _TIE_PAD
    if not plan.titled:
        return _order(conn, conn.execute(sql, [plan.rank, *params, need]).fetchall(), "rank")
    first = conn.execute(sql, [f"({plan.rank}) AND ({plan.titled})", *params, need]).fetchall()
    out = _order(conn, first, "rank")
    if len(first) < need:
        rest = conn.execute(
            sql, [f"({plan.rank}) NOT ({plan.titled})", *params, need - len(first)]
        ).fetchall()
        out += _order(conn, rest, "rank")
    return out


_DATE_ORDER = "ORDER BY e.date IS NULL, e.date DESC, a.id DESC"
_SMALL = 3000  # up to this many matches, SQLite sorts them by date itself


def _newest(conn: sqlite3.Connection, ids_sql: str, params: list[Any], want: int, total: int) -> list[int]:
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


def _matching(table: str, expr_where: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?{expr_where}"


def _exact(
    conn: sqlite3.Connection, plan: Plan, q: Query, want: int, sort: str
) -> tuple[int, list[tuple[int, float]]]:
    """Matches answered by the index alone: the count, and the best ``want`` (id, score) pairs."""
    assert plan.driver is not None
    table, expr = plan.driver
    more, mparams = plan.where()
    fsql, fparams = filter_sql(q)
    if fsql:
        more += f" AND +rowid IN ({fsql})"
        mparams = [*mparams, *fparams]
    total = conn.execute(
        f"SELECT count(*) FROM {table} WHERE {table} MATCH ?{more}", [expr, *mparams]
    ).fetchone()[0]
    if not total or want <= 0:
        return total, []
    if sort == "date":
        return total, [(i, 0.0) for i in _newest(conn, _matching(table, more), [expr, *mparams], want, total)]
    if table == index.TABLE:
        return total, _ranked(conn, plan, more, mparams, want)
    # Only one-character terms: the character table keeps no counts to rank by, so headline
    # matches come first, each tier newest first.
    tiers = [(expr, total, 0.0)]
    if plan.titled_chars:
        head = f"({expr}) AND ({plan.titled_chars})"
        n = conn.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?{more}", [head, *mparams]
        ).fetchone()[0]
        tiers = [(head, n, 1.0), (f"({expr}) NOT ({plan.titled_chars})", total - n, 0.0)]
    out: list[tuple[int, float]] = []
    for tier, n, score in tiers:
        ids = _newest(conn, _matching(table, more), [tier, *mparams], want - len(out), n)
        out += [(i, score) for i in ids]
    return total, out


def _score(plan: Plan, title: str, body: str) -> float:
    """A simple tf score for matches the index could not rank (terms with no indexable character)."""
    s = 0.0
    for g in plan.groups:
        for c in g:
            if c.needle:
                s += TITLE_WEIGHT * title.count(c.needle) + body.count(c.needle) / (1 + len(body) / 2000)
    return s


def _checked(
    conn: sqlite3.Connection, plan: Plan, ids: tuple[str, list[Any]], want: int, sort: str
) -> tuple[int, list[tuple[int, float]]]:
    """Count and rank the matches of a query whose substring checks run inside SQLite."""
    ids_sql, params = ids
    total = conn.execute(f"SELECT count(*) FROM ({ids_sql})", params).fetchone()[0]
    if not total or want <= 0:
        return total, []
    if sort == "date" or not plan.match:
        return total, [(i, 0.0) for i in _newest(conn, ids_sql, params, want, total)]
    return total, _ranked(conn, plan, f" AND +rowid IN ({ids_sql})", params, want)


def _verified(conn: sqlite3.Connection, plan: Plan, q: Query, sort: str) -> list[tuple[int, float]]:
    """Every match, checked as substrings in Python (letters SQLite cannot fold, e.g. É, Σ, Д)."""
    narrow, params = narrowing_sql(plan, q, "id")
    sql = "SELECT id, kicker, title, subtitle, body, caption FROM articles WHERE 1" + narrow
    keys = ("id", "kicker", "title", "subtitle", "body", "caption")
    found: list[tuple[int, float]] = []
    headed: set[int] = set()
    for r in conn.execute(sql, params):
        row = dict(zip(keys, r, strict=True))
        title, body = _texts(row)
        if _passes(plan, title, body):
            found.append((row["id"], _score(plan, title, body)))
            if any(c.needle in title for g in plan.groups for c in g):
                headed.add(row["id"])
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
    return [r for r in ordered if r[0] in headed] + [r for r in ordered if r[0] not in headed]


def _listing(conn: sqlite3.Connection, plan: Plan, q: Query) -> tuple[int, list[tuple[int, float]]]:
    """No positive term: the filtered articles (less the excluded terms), newest first (checked in Python)."""
    fsql, fparams = filter_sql(q)
    ids_sql = fsql or "SELECT id FROM articles"
    params = list(fparams)
    more, mparams = plan.where("id")  # the excluded terms the index answers
    if more:
        ids_sql = f"SELECT id FROM ({ids_sql}) WHERE 1{more}"
        params.extend(mparams)
    ids = [r[0] for r in conn.execute(ids_sql, params)]
    others = [c for c in plan.excluded if not c.exact]
    if others:
        keep: list[int] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in conn.execute(
                "SELECT id, kicker, title, subtitle, body, caption FROM articles "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                row = dict(zip(("id", "kicker", "title", "subtitle", "body", "caption"), r, strict=True))
                title, body = _texts(row)
                if not any(_holds(c, title, body) for c in others):
                    keep.append(row["id"])
        ids = keep
    return len(ids), _order(conn, [(i, 0.0) for i in ids], "date")


def _hits(conn: sqlite3.Connection, q: Query, ranked: list[tuple[int, float]]) -> list[Hit]:
    if not ranked:
        return []
    ids = [i for i, _ in ranked]
    rows = {
        r[0]: dict(zip(_KEYS, r, strict=True))
        for r in conn.execute(_ROW + f"WHERE a.id IN ({','.join('?' * len(ids))})", ids)
    }
    needles = query_needles(q)
    out: list[Hit] = []
    for article_id, score in ranked:
        row = rows.get(article_id)
        if row is None:
            continue
        title, body = _texts(row)
        count = sum(title.count(t) + body.count(t) for t, kind in needles if t and kind == "term")
        text = row["body"] or row["caption"] or ""
        spans = spans_of(text, needles)
        if not any(kind == "term" for *_, kind in spans):
            head = row["title"] or ""
            head_spans = spans_of(head, needles)
            if head_spans or not spans:
                text, spans = head, head_spans
        snips = snippets(text, spans) if spans else ((Snippet(text[: 2 * CONTEXT]),) if text else ())
        out.append(
            Hit(
                article_id=article_id,
                paper=row["paper"] or "",
                date=row["date"],
                page=row["page"],
                section=row["section"],
                title=row["title"] or "",
                hits=count,
                score=float(f"{score:.6g}"),
                snippets=snips,
                page_id=row["page_id"],
            )
        )
    return out


def search(
    db_or_store: Any, query: str, *, limit: int = 20, offset: int = 0, sort: str = "rank"
) -> SearchResult:
    """Search the store; any query string gives a SearchResult (problems are in ``message``)."""
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
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    sort = "date" if sort == "date" else "rank"
    try:
        conn, opened = _conn(db_or_store)
    except Exception as exc:  # a StoreError from a path: its message is for the user
        return done(message=str(exc), failed=True)
    try:
        if not index.is_current(conn):
            return done(
                message="This store has no search index yet (or an old one): run `paper-reader reindex`.",
                failed=True,
            )
        plan = make_plan(q)
        want = offset + limit
        if not plan.groups:
            listed = checked_sql(plan, q)
            if listed is not None:  # ordered and cut in SQL: no id list through Python
                total, ranked = _checked(conn, plan, listed, want, "date")
            else:
                total, ranked = _listing(conn, plan, q)
        elif plan.verify or plan.driver is None:
            checked = checked_sql(plan, q)
            if checked is not None:
                total, ranked = _checked(conn, plan, checked, want, sort)
            else:
                ranked = _verified(conn, plan, q, sort)
                total = len(ranked)
        else:
            total, ranked = _exact(conn, plan, q, want, sort)
        hits = _hits(conn, q, ranked[offset:want])
        return done(total, hits)
    except sqlite3.Error as exc:
        return done(message=f"The store could not be searched: {index.error_text(exc)}", failed=True)
    finally:
        if opened is not None:
            opened.close()
