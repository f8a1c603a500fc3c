"""Ranking in tiers: terms in the headline first, then in the body, then in the byline, caption or
page furniture; each tier by bm25, ties newest first."""

from __future__ import annotations

import sqlite3
from typing import Any

from reader.search.order import order
from reader.search.plan import Plan
from reader.store import index

TITLE_WEIGHT = 4.0  # a hit in the headline counts as much as four in the body
_TIE_PAD = 30  # extra ranked rows fetched so equal scores can be ordered newest first


def bm25(weight: float = TITLE_WEIGHT) -> str:
    """The bm25 call ranking ``search_index`` (the headline weighted ``weight``)."""
    return f"bm25({index.TABLE}, 1.0, {weight}, 0.5)"  # columns: body, title, extra


def tiers(first: str | None, second: str | None) -> list[str | None]:
    """FTS5 conditions of the ranking tiers: terms in the headline, then in the body, then elsewhere."""
    if not first and not second:
        return [None]
    out: list[str | None] = []
    done: list[str] = []
    for cond in (first, second):
        if cond:
            out.append(" NOT ".join([f"({cond})", *(f"({d})" for d in done)]) if done else cond)
            done.append(cond)
    out.append("NOT " + " NOT ".join(f"({d})" for d in done))
    return out


def tier_expr(base: str, tier: str | None) -> str:
    """``base`` narrowed to one tier of :func:`tiers`."""
    if tier is None:
        return base
    if tier.startswith("NOT "):
        return f"({base}) {tier}"
    return f"({base}) AND ({tier})"


def ranked(
    conn: sqlite3.Connection,
    plan: Plan,
    where: str,
    params: list[Any],
    want: int,
    total: int | None = None,
) -> list[tuple[int, float]]:
    """The best ``want`` matches: terms in the headline first, then in the body, then in the byline,
    caption or page furniture; each tier by bm25. ``total``, the number of matches when known,
    spares the tiers after the one that holds the last of them.

    Ranking the headline tier first is also what keeps very common terms fast: when it alone fills
    the page, bm25 never runs over the tens of thousands of articles that merely mention the term.
    Each tier's statement costs bm25 a read of every phrase's matches, however few rows it ranks.
    """
    sql = f"SELECT rowid, -{bm25()} FROM {index.TABLE} WHERE {index.TABLE} MATCH ?{where} ORDER BY 2 DESC LIMIT ?"
    need = want + _TIE_PAD
    out: list[tuple[int, float]] = []
    for tier in tiers(plan.titled, plan.bodied):
        got = conn.execute(sql, [tier_expr(str(plan.rank), tier), *params, need]).fetchall()
        out += order(conn, got, "rank")
        need -= len(got)
        if need <= 0 or (total is not None and len(out) >= total):
            break
    return out
