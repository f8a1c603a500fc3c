"""Keyword in context (a concordance): one line per occurrence of a query's terms, with the
characters either side, in date order or sorted by the context left or right of the hit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.search.hits import place_texts, rows_by_id
from reader.search.rank import SearchResult, search
from reader.search.spans import query_needles, spans_of
from reader.store import index

WIDTH = 20  # characters of context either side
SORTS = ("date", "left", "right")
_BATCH = 200


@dataclass(frozen=True)
class Line:
    """One occurrence: where it is, the hit as the page prints it, and its context either side.

    ``start`` is the hit's offset in the text of ``place`` (in the body: the article's body), so a
    reader can scroll to that very hit.
    """

    article_id: int
    paper: str
    date: str | None
    page: int | None
    section: str | None
    title: str
    place: str
    start: int
    left: str
    hit: str
    right: str

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object of one line."""
        return {
            "id": self.article_id,
            "paper": self.paper,
            "date": self.date,
            "page": self.page,
            "section": self.section,
            "title": self.title,
            "place": self.place,
            "start": self.start,
            "left": self.left,
            "hit": self.hit,
            "right": self.right,
        }


@dataclass
class Concordance:
    """The lines of a query (``lines`` may be cut by a limit; ``articles`` is every matching article)."""

    query: str
    articles: int
    lines: list[Line] = field(default_factory=list)
    message: str | None = None
    failed: bool = False


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ").replace("\t", " ")


def row_lines(
    row: dict[str, Any], needles: tuple[tuple[str, str], ...], exact_script: bool, width: int
) -> list[Line]:
    """The concordance lines of one article row, in reading order (headline, body, byline, caption, page)."""
    out: list[Line] = []
    for place, text in place_texts(row):
        if not text:
            continue
        for s, e, kind in spans_of(text, needles, exact_script=exact_script):
            if kind != "term":
                continue
            out.append(
                Line(
                    article_id=row["id"],
                    paper=row["paper"] or "",
                    date=row["date"],
                    page=row["page"],
                    section=row["section"],
                    title=row["title"] or "",
                    place=place,
                    start=s,
                    left=_flat(text[max(0, s - width) : s]),
                    hit=text[s:e],
                    right=_flat(text[e : e + width]),
                )
            )
    return out


def _only_terms(needles: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(n for n in needles if n[1] == "term")


def iter_lines(db_or_store: Any, result: SearchResult, width: int = WIDTH) -> Iterator[Line]:
    """Every line of a ``lazy`` search's matches, in the search's order (date order for a concordance)."""
    if result.parsed is None:
        return
    conn: sqlite3.Connection = index._conn(db_or_store)
    q = result.parsed
    needles = _only_terms(query_needles(q))
    ids = [i for i, _ in result.ranked]
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        rows = rows_by_id(conn, chunk)
        for i in chunk:
            if i in rows:
                yield from row_lines(rows[i], needles, q.exact_script, width)


def sort_key(sort: str) -> Any:
    """How lines are ordered by ``left`` (the characters nearest the hit first) or ``right`` context."""
    if sort == "left":
        return lambda ln: (ln.left[::-1].casefold(), ln.hit, ln.right.casefold())
    return lambda ln: (ln.hit.casefold(), ln.right.casefold(), ln.left[::-1].casefold())


def kwic(
    db_or_store: Any, query: str, *, width: int = WIDTH, sort: str = "date", limit: int | None = None
) -> Concordance:
    """The concordance of ``query``: date order (newest first), or sorted by left or right context.

    ``limit`` cuts the lines shown (after sorting); date order stops reading once it has enough.
    """
    width = max(1, int(width))
    # In date order, every article gives at least one line: the newest ``limit`` articles suffice.
    first = limit if sort == "date" and limit is not None and limit <= 1000 else None
    result = search(db_or_store, query, limit=first, sort="date", lazy=True)
    out = Concordance(result.query, result.total, message=result.message, failed=result.failed)
    if result.message:
        return out
    lines: list[Line] = []
    for line in iter_lines(db_or_store, result, width):
        lines.append(line)
        if sort == "date" and limit is not None and len(lines) >= limit:
            break
    if sort in ("left", "right"):
        lines.sort(key=sort_key(sort))
    out.lines = lines if limit is None else lines[:limit]
    return out


def where_label(paper: str, date: str | None, page: int | None) -> str:
    """paper · date · page, as a concordance line names its source."""
    from reader.text.labels import date_label, paper_label

    parts = [paper_label(paper), date_label(date)]
    if page is not None:
        parts.append(f"第{page}版")
    return " · ".join(parts)


def aligned(lines: list[Line], *, short: bool = False) -> list[Any]:
    """The lines as rich Text (never markup), the hit column aligned by terminal cells (CJK counts
    two), control characters made visible. ``short``: date and page only, for a narrow screen."""
    from rich.cells import cell_len
    from rich.text import Text

    from reader.safe import visible_line
    from reader.text.labels import date_label

    if short:
        wheres = [
            f"{date_label(ln.date)} {'' if ln.page is None else f'{ln.page}版'}".rstrip() for ln in lines
        ]
    else:
        wheres = [visible_line(where_label(ln.paper, ln.date, ln.page)) for ln in lines]
    lefts = [visible_line(ln.left) for ln in lines]
    w_where = max((cell_len(w) for w in wheres), default=0)
    w_left = max((cell_len(left) for left in lefts), default=0)
    out = []
    for ln, where, left in zip(lines, wheres, lefts, strict=True):
        text = Text(where + " " * (w_where - cell_len(where)), style="dim")
        text.append(" │ " + " " * (w_left - cell_len(left)))
        text.append(left)
        text.append(visible_line(ln.hit), style="reverse bold")
        text.append(visible_line(ln.right))
        out.append(text)
    return out


__all__ = [
    "SORTS",
    "WIDTH",
    "Concordance",
    "Line",
    "aligned",
    "iter_lines",
    "kwic",
    "row_lines",
    "where_label",
]
