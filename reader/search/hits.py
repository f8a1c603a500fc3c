"""Search results as people see them: each match's row, where its terms are (标题 / 正文 / 署名 /
图片说明 / 版面), how often, and the snippets around them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
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


def term_count(
    row: dict[str, Any], terms: list[str], exact_script: bool = False, places: tuple[str, ...] = PLACES
) -> tuple[int, list[str]]:
    """How often the terms occur in a row's ``places``, and in which of them (ranking order)."""
    found: list[str] = []
    count = 0
    for place, text in place_texts(row):
        if place not in places:
            continue
        n = sum(norm(text, exact_script=exact_script).count(t) for t in terms)
        count += n
        if n and place not in found:
            found.append(place)
    return count, found


def make_hit(
    row: dict[str, Any], score: float, needles: tuple[tuple[str, str], ...], exact_script: bool = False
) -> Hit:
    """One result from its row: the count of its terms, where they are, and its snippets."""
    terms = [t for t, kind in needles if t and kind == "term"]
    count, places = term_count(row, terms, exact_script)
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


def join_parts(
    conn: sqlite3.Connection,
    hits: list[Hit],
    rows: dict[int, dict[str, Any]],
    needles: tuple[tuple[str, str], ...],
    exact_script: bool = False,
) -> list[Hit]:
    """Results of articles printed across pages (转版): each counts its terms in every part and names
    the other parts' pages. Only an article that prints a 转版 line (in its text, or beside it on its
    page) is followed; the part it leads to is found even when that part prints none."""
    from reader.store.nav import article_parts, pages_with_link_furniture
    from reader.text.continued import page_links

    terms = [t for t, kind in needles if t and kind == "term"]
    flagged = pages_with_link_furniture(conn, [h.page_id for h in hits if h.page_id is not None])
    out: list[Hit] = []
    for hit in hits:
        row = rows.get(hit.article_id, {})
        if hit.page_id not in flagged and not page_links(str(row.get("body") or "")):
            out.append(hit)
            continue
        parts = article_parts(conn, hit.article_id)
        others = rows_by_id(conn, [i for i, _ in parts]) if parts else {}
        # The other parts' own text: their page's furniture is not the article's.
        extra = sum(
            term_count(others[i], terms, exact_script, PLACES[:4])[0] for i, _ in parts if i in others
        )
        pages = tuple(n for _, n in parts if n is not None)
        out.append(replace(hit, hits=hit.hits + extra, other_pages=pages) if parts else hit)
    return out


def make_hits(conn: sqlite3.Connection, q: Query, ranked: list[tuple[int, float]]) -> list[Hit]:
    """The results for these (article id, score) pairs, in their order."""
    if not ranked:
        return []
    rows = rows_by_id(conn, [i for i, _ in ranked])
    needles = query_needles(q)
    hits = [make_hit(rows[i], score, needles, q.exact_script) for i, score in ranked if i in rows]
    return join_parts(conn, hits, rows, needles, q.exact_script)
