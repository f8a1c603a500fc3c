"""Moving through a paper by date: the next / previous issue, the issue nearest a date, a month's issues.

Plain functions over a Store's connection (one indexed query each, whatever the size of the store),
for the app's ``{`` ``}`` ``<`` ``>`` ``:`` and calendar; and the parts of an article printed across
pages (转版), for ``J``, the tree's marks, search counts and citations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from reader.models import Edition

if TYPE_CHECKING:
    from reader.store.api import Store


def _edition(store: Store, row: tuple[int, int, str | None] | None) -> Edition | None:
    return Edition(id=row[0], paper_id=row[1], date=row[2]) if row else None


def edition_step(store: Store, edition_id: int, step: int) -> Edition | None:
    """The same paper's issue on the nearest later (``step`` > 0) or earlier date; None past the ends
    or for an issue of unknown date."""
    conn = store.db.conn
    row = conn.execute("SELECT paper_id, date FROM editions WHERE id = ?", [edition_id]).fetchone()
    if row is None or row[1] is None:
        return None
    op, order = (">", "ASC") if step > 0 else ("<", "DESC")
    found = conn.execute(
        f"SELECT id, paper_id, date FROM editions WHERE paper_id = ? AND date {op} ? "
        f"ORDER BY date {order} LIMIT 1",
        [row[0], row[1]],
    ).fetchone()
    return _edition(store, found)


def edition_near(store: Store, paper_id: int, day: str) -> Edition | None:
    """The paper's issue on ``day`` (YYYY-MM-DD), else the one nearest it (the later on a tie)."""
    conn = store.db.conn
    after = conn.execute(
        "SELECT id, paper_id, date FROM editions WHERE paper_id = ? AND date >= ? ORDER BY date LIMIT 1",
        [paper_id, day],
    ).fetchone()
    before = conn.execute(
        "SELECT id, paper_id, date FROM editions WHERE paper_id = ? AND date < ? ORDER BY date DESC LIMIT 1",
        [paper_id, day],
    ).fetchone()
    if after is None or before is None:
        return _edition(store, after or before)
    target = _day(day)
    later, earlier = _day(after[2]), _day(before[2])
    if target is None or later is None or earlier is None:
        return _edition(store, after)
    return _edition(store, after if (later - target) <= (target - earlier) else before)


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text) if text else None
    except ValueError:
        return None


def edition_articles(store: Store, edition_id: int) -> list[int]:
    """An issue's articles (not photos) in reading order: page by page (as the tree lists them),
    each page top to bottom."""
    rows = store.db.conn.execute(
        "SELECT a.id FROM pages p CROSS JOIN articles a ON a.page_id = p.id AND a.kind = 'article' "
        "WHERE p.edition_id = ? ORDER BY p.number IS NULL, p.number, p.source, p.id, a.position",
        [edition_id],
    )
    return [r[0] for r in rows]


def first_edition(store: Store) -> Edition | None:
    """The oldest dated issue of the first paper (by name), else its first issue: where reading starts."""
    row = store.db.conn.execute(
        "SELECT e.id, e.paper_id, e.date FROM papers pa JOIN editions e ON e.paper_id = pa.id "
        "ORDER BY pa.name = '', pa.name, e.date IS NULL, e.date LIMIT 1"
    ).fetchone()
    return _edition(store, row)


def month_issues(store: Store, paper_id: int, first: str, last: str) -> dict[str, tuple[int, int]]:
    """The paper's issues from ``first`` to ``last`` (YYYY-MM-DD, inclusive), for a calendar:
    date -> (edition id, number of articles). One range scan of ``editions(paper_id, date)``, then
    each issue's pages and their articles by index."""
    rows = store.db.conn.execute(
        "SELECT e.date, e.id, (SELECT count(*) FROM pages p CROSS JOIN articles a "
        "ON a.page_id = p.id AND a.kind = 'article' WHERE p.edition_id = e.id) "
        "FROM editions e WHERE e.paper_id = ? AND e.date BETWEEN ? AND ?",
        [paper_id, first, last],
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def latest_date(store: Store, paper_id: int) -> str | None:
    """The date of the paper's latest issue (None when it has no dated issue): where its calendar opens."""
    row = store.db.conn.execute(
        "SELECT max(date) FROM editions WHERE paper_id = ? AND date IS NOT NULL", [paper_id]
    ).fetchone()
    return row[0] if row else None


PartLinks = dict[int, list[tuple[str, int]]]  # article id -> its 转版 lines ("next", 3) …
MAX_PARTS = 8  # parts of one article followed at most (a chain of 转版 lines)


def _conn(store: Any) -> sqlite3.Connection:
    """The connection of a Store (or a connection itself)."""
    db = getattr(store, "db", store)
    return getattr(db, "conn", db)


def part_links(store: Store | sqlite3.Connection, page_id: int) -> PartLinks:
    """The 转版 lines of a page's articles: article id -> [("next", 3), ("previous", 1) …].

    A line may be in the article's body, or stand alone as page furniture: （下转第X版） then belongs to
    the article printed before it, （上接第X版） to the one after it."""
    from reader.text.continued import page_links

    conn = _conn(store)
    rows = conn.execute(
        "SELECT id, position, body FROM articles WHERE page_id = ? AND kind = 'article' ORDER BY position",
        [page_id],
    ).fetchall()
    links: PartLinks = {}
    for article_id, _, body in rows:
        found = page_links(body or "")
        if found:
            links[article_id] = list(found)
    notes = conn.execute("SELECT position, text FROM furniture WHERE page_id = ?", [page_id])
    for position, text in notes:
        for direction, number in page_links(text or ""):
            if direction == "next":
                owner = next((r[0] for r in reversed(rows) if r[1] < position), None)
            else:
                before = next((r for r in reversed(rows) if r[1] < position), None)
                # A headline printed above the line, its body below: the line is the headline's.
                headline = before is not None and before[1] == position - 1 and not (before[2] or "").strip()
                owner = (
                    before[0] if headline and before else next((r[0] for r in rows if r[1] > position), None)
                )
            if owner is not None and (direction, number) not in links.get(owner, []):
                links.setdefault(owner, []).append((direction, number))
    return links


def pages_with_link_furniture(store: Store | sqlite3.Connection, page_ids: Iterable[int]) -> set[int]:
    """Which of these pages print a 转版 line on a line of its own (one query for them all)."""
    from reader.text.continued import page_links

    wanted = sorted(set(page_ids))
    found: set[int] = set()
    conn = _conn(store)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            f"SELECT page_id, text FROM furniture WHERE page_id IN ({','.join('?' * len(chunk))})", chunk
        )
        found.update(page_id for page_id, text in rows if page_links(text or ""))
    return found


def linked_part(store: Store | sqlite3.Connection, article_id: int, direction: str) -> int | None:
    """The other part of an article printed across pages of one issue, following its 转版 line:
    ``direction`` "next" follows （下转第X版） to the part that says （上接第N版） on page X, "previous"
    the other way. A part with the same title is preferred when several say so; a part that prints
    no line of its own is found by its title."""
    conn = _conn(store)
    row = conn.execute(
        "SELECT a.page_id, a.title, p.edition_id, p.number FROM articles a JOIN pages p ON p.id = a.page_id "
        "WHERE a.id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    page_id, title, edition_id, number = row
    numbers = [n for d, n in part_links(conn, page_id).get(article_id, []) if d == direction]
    if not numbers:
        return None
    back = "previous" if direction == "next" else "next"
    targets = conn.execute(
        "SELECT id FROM pages WHERE edition_id = ? AND number = ? AND id != ? ORDER BY source, id",
        [edition_id, numbers[0], page_id],
    ).fetchall()
    for (target,) in targets:
        links = part_links(conn, target)
        articles = conn.execute(
            "SELECT id, title FROM articles WHERE page_id = ? AND kind = 'article' ORDER BY position",
            [target],
        ).fetchall()
        candidates = [a for a in articles if (back, number) in links.get(a[0], [])]
        pool = candidates or articles
        same = [a for a in pool if a[1] and a[1] == title]
        if same or candidates:
            return int((same or candidates)[0][0])
    return None


def article_parts(store: Store | sqlite3.Connection, article_id: int) -> list[tuple[int, int | None]]:
    """Every other part of an article printed across pages of one issue, following its 转版 lines
    both ways (and theirs): [(article id, page number)] by page; [] for an article in one piece."""
    conn = _conn(store)
    seen, todo = {article_id}, [article_id]
    while todo and len(seen) < MAX_PARTS:
        current = todo.pop()
        for direction in ("next", "previous"):
            other = linked_part(conn, current, direction)
            if other is not None and other not in seen:
                seen.add(other)
                todo.append(other)
    others = sorted(seen - {article_id})
    if not others:
        return []
    rows = conn.execute(
        "SELECT a.id, p.number FROM articles a JOIN pages p ON p.id = a.page_id "
        f"WHERE a.id IN ({','.join('?' * len(others))})",
        others,
    ).fetchall()
    return sorted(((int(i), n) for i, n in rows), key=lambda r: (r[1] is None, r[1] or 0, r[0]))
