"""Trends over time: for each period, how many articles hold each term, how often it occurs, and how
many articles the store has that period (so counts can be normalised)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.search.hits import rows_by_id
from reader.search.plan import driven_sql, make_plan
from reader.search.query import Query, parse
from reader.search.rank import EVERY, matches
from reader.search.spans import query_needles
from reader.store import index
from reader.tokens import norm, variants

_TEXT_KEYS = ("kicker", "title", "subtitle", "body", "byline", "caption", "credit", "furniture")
BY = {"year": 4, "month": 7, "day": 10}
MAX_TERMS = 8


@dataclass
class Period:
    """One period: its label (2020, 2020-05, 2020-05-02; None for unknown dates) and its counts."""

    period: str | None
    articles: int  # articles in the store (of the paper, when one is asked for)
    hits: dict[str, tuple[int, int]] = field(default_factory=dict)  # term -> (articles, occurrences)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object of one period."""
        return {
            "period": self.period,
            "articles": self.articles,
            "terms": {t: {"articles": a, "occurrences": o} for t, (a, o) in self.hits.items()},
        }


@dataclass
class Trend:
    """Every period of the store in date order (unknown dates last), with each term's counts."""

    terms: list[str]
    by: str
    paper: str | None
    periods: list[Period] = field(default_factory=list)
    message: str | None = None
    failed: bool = False


def _paper_sql(paper: str | None) -> tuple[str, list[Any]]:
    return ("WHERE instr(pa.name, ?) > 0", [paper]) if paper else ("", [])


def store_counts(conn: sqlite3.Connection, by: str, paper: str | None = None) -> dict[str | None, int]:
    """Articles in the store per period."""
    n = BY[by]
    where, params = _paper_sql(paper)
    sql = (
        f"SELECT substr(e.date, 1, {n}), count(*) FROM articles a JOIN pages p ON p.id = a.page_id "
        "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id "
        f"{where} GROUP BY 1"
    )
    return {r[0]: r[1] for r in conn.execute(sql, params)}


def term_counts(
    conn: sqlite3.Connection, term: str, by: str, paper: str | None = None
) -> tuple[dict[str | None, tuple[int, int]], str | None]:
    """Per period, the articles matching ``term`` (any query) and the occurrences of its terms; or a message."""
    query = term if not paper else f'{term} paper:"{paper.replace(chr(34), "")}"'
    q = parse(query)
    if q.message or q.empty:
        return {}, q.message or "Type something to count."
    needles = [t for t, kind in query_needles(q) if kind == "term"]
    # Folding changes only the traditional characters it maps: a text holding none that folds into
    # a needle's characters counts the same unfolded, so only those texts are folded.
    others = frozenset() if q.exact_script else variants("".join(needles))
    cased = any(ch.casefold() != ch or ch.upper() != ch for t in needles for ch in t)
    n = BY[by]
    out: dict[str | None, list[int]] = {}
    for rows in _matching_rows(conn, q):
        for row in rows:
            key = row["date"][:n] if row["date"] else None
            # Every place at once: no term holds a newline, so no count runs across two of them.
            text = "\n".join([str(row[k]) for k in _TEXT_KEYS if row.get(k)])
            if others and any(ch in text for ch in others):
                text = norm(text)
            elif cased:
                text = text.casefold()
            count = sum(text.count(t) for t in needles)
            slot = out.setdefault(key, [0, 0])
            slot[0] += 1
            slot[1] += count
    return {k: (v[0], v[1]) for k, v in out.items()}, None


_KEYS = (
    "id",
    "page_id",
    "position",
    "date",
    "kicker",
    "title",
    "subtitle",
    "body",
    "byline",
    "caption",
    "credit",
)


def _matching_rows(conn: sqlite3.Connection, q: Query) -> Iterator[list[dict[str, Any]]]:
    """Every matching article's row (with its date and, on a page's first, the furniture), in batches."""
    driven = driven_sql(make_plan(q), q, ", ".join(("e.date" if k == "date" else f"a.{k}") for k in _KEYS))
    if driven is not None:  # streamed from the index: no ordering, no id list
        cur = conn.execute(*driven)
        while True:
            batch = [dict(zip(_KEYS, r, strict=True)) for r in cur.fetchmany(2000)]
            if not batch:
                return
            yield index.with_furniture(conn, batch)
    ids = [i for i, _ in matches(conn, q, EVERY, "date")[1]]
    for start in range(0, len(ids), 1000):
        yield list(rows_by_id(conn, ids[start : start + 1000]).values())


def trend(db_or_store: Any, terms: list[str], *, by: str = "year", paper: str | None = None) -> Trend:
    """Each term's articles and occurrences per period, beside the store's articles per period.

    A term is any query (``脱贫``, ``"人民 代表"``, ``脱贫 OR 扶贫``, ``華龍區 script:exact``).
    """
    result = Trend(list(terms), by, paper)
    if by not in BY:
        result.message = f"--by must be one of {', '.join(BY)}"
        return result
    if not terms or len(terms) > MAX_TERMS:
        result.message = f"give one to {MAX_TERMS} terms"
        return result
    conn: sqlite3.Connection = index._conn(db_or_store)
    if not index.is_current(conn):
        result.message = "This store's search index is old or missing: run `paper-reader reindex`."
        result.failed = True
        return result
    try:
        totals = store_counts(conn, by, paper)
        per_term = {}
        for t in terms:
            counts, message = term_counts(conn, t, by, paper)
            if message:
                result.message = f"{t}: {message}"
                return result
            per_term[t] = counts
    except sqlite3.Error as exc:
        result.message, result.failed = f"The store could not be searched: {exc}", True
        return result
    keys = sorted(k for k in totals if k is not None) + ([None] if None in totals else [])
    for k in keys:
        result.periods.append(Period(k, totals[k], {t: per_term[t].get(k, (0, 0)) for t in terms}))
    return result
