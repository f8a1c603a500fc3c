"""Pages and the files they came from: copies of one text under other metadata, and pages whose file is
gone or moved (what ``paper-reader prune`` removes)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Prunable:
    """A page ``prune`` would remove, and why ("moved": its text is stored from a file that exists)."""

    page_id: int
    edition_id: int
    source: str
    reason: str  # "moved" or "gone"


def copies(db: Any, page_id: int) -> list[tuple[int, str]]:
    """Other pages holding exactly the text of page ``page_id``: (page id, source), in id order."""
    return [
        (int(r[0]), str(r[1]))
        for r in db.execute(
            "SELECT o.id, o.source FROM pages p JOIN pages o ON o.sha256 = p.sha256 AND o.id != p.id "
            "WHERE p.id = ? ORDER BY o.id",
            [page_id],
        ).fetchall()
    ]


def _exists(source: str, cache: dict[str, bool]) -> bool | None:
    """Whether a page's file exists; None when that cannot be known (a relative path)."""
    if not os.path.isabs(source):
        return None
    if source not in cache:
        cache[source] = os.path.isfile(source)
    return cache[source]


def prunable(db: Any, *, gone: bool = False) -> Iterator[Prunable]:
    """Pages whose file no longer exists where it was imported from, in id order.

    A page is "moved" when the same text is stored from a file that does exist (a renamed date
    folder imported again leaves such copies); with ``gone`` also pages whose file is gone with no
    copy. Pages imported by a relative path are never listed: where they came from is not known.
    """
    cache: dict[str, bool] = {}
    rows = db.execute("SELECT id, edition_id, source, sha256 FROM pages ORDER BY id").fetchall()
    for page_id, edition_id, source, sha in rows:
        if _exists(source or "", cache) is not False:
            continue
        others = db.execute(
            "SELECT source FROM pages WHERE sha256 = ? AND id != ?", [sha, page_id]
        ).fetchall()
        if any(_exists(o[0] or "", cache) for o in others):
            yield Prunable(page_id, edition_id, source, "moved")
        elif gone:
            yield Prunable(page_id, edition_id, source, "gone")
