"""Search results as people see them: each match's row, where its terms are (标题 / 正文 / 署名 /
图片说明 / 版面), how often, and the snippets around them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from reader.models import Hit, Snippet
from reader.search.query import Query
from reader.search.spans import CONTEXT, query_needles, snippets, spans_of
from reader.store import index
from reader.tokens import norm

PLACE_TITLE, PLACE_BODY, PLACE_BYLINE, PLACE_CAPTION, PLACE_PAGE = "标题", "正文", "署名", "图片说明", "版面"
PLACES = (PLACE_TITLE, PLACE_BODY, PLACE_BYLINE, PLACE_CAPTION, PLACE_PAGE)

ROW_SQL = (
    "SELECT a.id, a.page_id, a.position, a.kicker, a.title, a.subtitle, a.body, a.byline, a.caption, "
    "a.credit, pa.name, e.date, p.number, p.section "
    "FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
    "JOIN papers pa ON pa.id = e.paper_id "
)
ROW_KEYS = (
    "id",
    "page_id",
    "position",
    "kicker",
    "title",
    "subtitle",
    "body",
    "byline",
    "caption",
    "credit",
    "paper",
    "date",
    "page",
    "section",
)
_BATCH = 500


def rows_by_id(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The rows of these articles (with paper, date, page, section and the page's furniture on its first)."""
    wanted = list(ids)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        cur = conn.execute(ROW_SQL + f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
        rows.extend(dict(zip(ROW_KEYS, r, strict=True)) for r in cur)
    return {r["id"]: r for r in index.with_furniture(conn, rows)}


def place_texts(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(place, text) pairs of a row in ranking order; the byline and credit are both 署名."""
    return [
        (PLACE_TITLE, "\n".join(str(row.get(k)) for k in ("kicker", "title", "subtitle") if row.get(k))),
        (PLACE_BODY, str(row.get("body") or "")),
        (PLACE_BYLINE, "\n".join(str(row.get(k)) for k in ("byline", "credit") if row.get(k))),
        (PLACE_CAPTION, str(row.get("caption") or "")),
        (PLACE_PAGE, str(row.get("furniture") or "")),
    ]


def _snippet_source(
    row: dict[str, Any], needles: tuple[tuple[str, str], ...], exact_script: bool
) -> tuple[str, list[Any]]:
    """The text to cut snippets from: the body (or caption), else the first place a term is in."""
    candidates = [
        str(row.get("body") or row.get("caption") or ""),
        str(row.get("title") or ""),
        index.title_text(row).strip("\n"),
        str(row.get("byline") or ""),
        str(row.get("caption") or ""),
        str(row.get("credit") or ""),
        *str(row.get("furniture") or "").split("\n"),
    ]
    found = [(t, spans_of(t, needles, exact_script=exact_script)) for t in candidates if t]
    for text, spans in found:
        if any(kind == "term" for *_, kind in spans):
            return text, spans
    for text, spans in found:
        if spans:
            return text, spans
    return candidates[0], []


def make_hit(
    row: dict[str, Any], score: float, needles: tuple[tuple[str, str], ...], exact_script: bool = False
) -> Hit:
    """One result from its row: the count of its terms, where they are, and its snippets."""
    terms = [t for t, kind in needles if t and kind == "term"]
    places: list[str] = []
    count = 0
    for place, text in place_texts(row):
        low = norm(text, exact_script=exact_script)
        n = sum(low.count(t) for t in terms)
        count += n
        if n and place not in places:
            places.append(place)
    text, spans = _snippet_source(row, needles, exact_script)
    snips = snippets(text, spans) if spans else ((Snippet(text[: 2 * CONTEXT]),) if text else ())
    return Hit(
        article_id=row["id"],
        paper=row["paper"] or "",
        date=row["date"],
        page=row["page"],
        section=row["section"],
        title=row["title"] or "",
        hits=count,
        score=float(f"{score:.6g}"),
        snippets=snips,
        places=tuple(places),
        page_id=row["page_id"],
    )


def make_hits(conn: sqlite3.Connection, q: Query, ranked: list[tuple[int, float]]) -> list[Hit]:
    """The results for these (article id, score) pairs, in their order."""
    if not ranked:
        return []
    rows = rows_by_id(conn, [i for i, _ in ranked])
    needles = query_needles(q)
    return [make_hit(rows[i], score, needles, q.exact_script) for i, score in ranked if i in rows]
