"""Moving through a paper by date: the next / previous issue, the issue nearest a date, a month's issues.

Plain functions over a Store's connection (one indexed query each, whatever the size of the store),
for the app's ``{`` ``}`` ``<`` ``>`` ``:`` and calendar.
"""

from __future__ import annotations

from datetime import date as Date
from typing import TYPE_CHECKING

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


def edition_dates(store: Store, paper_id: int, first: str, last: str) -> dict[str, int]:
    """The paper's issues from ``first`` to ``last`` (inclusive, YYYY-MM-DD): date -> edition id."""
    rows = store.db.conn.execute(
        "SELECT date, id FROM editions WHERE paper_id = ? AND date BETWEEN ? AND ?", [paper_id, first, last]
    )
    return {r[0]: r[1] for r in rows}


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text) if text else None
    except ValueError:
        return None
