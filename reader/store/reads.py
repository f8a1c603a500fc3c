"""The store's read API: papers, editions, pages, articles, furniture, a page's original text, counts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from reader.models import Article, Edition, Page, Paper
from reader.store.core import StoreCore, StoreError, store_error
from reader.store.pack import RawUnreadable, raw_unreadable_message, stored_raw


class StoreReads(StoreCore):
    """What the app, the CLI and search read from a store (each read raises StoreError on failure)."""

    def papers(self) -> list[Paper]:
        """Every paper, by name (the unknown paper last)."""
        return [
            Paper(id=r[0], name=r[1])
            for r in self._rows("SELECT id, name FROM papers ORDER BY name = '', name")
        ]

    def paper(self, paper_id: int) -> Paper | None:
        """One paper by id."""
        rows = self._rows("SELECT id, name FROM papers WHERE id = ?", [paper_id])
        return Paper(id=rows[0][0], name=rows[0][1]) if rows else None

    _EDITION_SQL = (
        "SELECT e.id, e.paper_id, e.date, "
        "(SELECT count(*) FROM pages p WHERE p.edition_id = e.id), "
        "(SELECT count(*) FROM pages p CROSS JOIN articles a ON a.page_id = p.id AND a.kind = 'article' "
        " WHERE p.edition_id = e.id) FROM editions e "
    )  # CROSS JOIN: pages first, by index

    def editions(self, paper_id: int) -> list[Edition]:
        """A paper's editions, newest first, the unknown date last; with page and article counts."""
        rows = self._rows(
            self._EDITION_SQL + "WHERE e.paper_id = ? ORDER BY e.date IS NULL, e.date DESC", [paper_id]
        )
        return [Edition(*r) for r in rows]

    def edition(self, edition_id: int) -> Edition | None:
        """One edition by id, with its counts."""
        rows = self._rows(self._EDITION_SQL + "WHERE e.id = ?", [edition_id])
        return Edition(*rows[0]) if rows else None

    _PAGE_SQL = (
        "SELECT p.id, p.edition_id, p.number, p.section, p.source, "
        "(SELECT count(*) FROM articles a WHERE a.page_id = p.id AND a.kind = 'article') FROM pages p "
    )

    def pages(self, edition_id: int) -> list[Page]:
        """An edition's pages, by number (unknown last), then source, then the order they came in."""
        rows = self._rows(
            self._PAGE_SQL + "WHERE p.edition_id = ? ORDER BY p.number IS NULL, p.number, p.source, p.id",
            [edition_id],
        )
        return [Page(*r) for r in rows]

    def page(self, page_id: int) -> Page | None:
        """One page by id, with its article count."""
        rows = self._rows(self._PAGE_SQL + "WHERE p.id = ?", [page_id])
        return Page(*rows[0]) if rows else None

    def page_by_key(self, source_key: str) -> tuple[int, str, str | None] | None:
        """The page with this identity: (id, layout, section); None when the store has none."""
        rows = self._rows("SELECT id, layout, section FROM pages WHERE source_key = ?", [source_key])
        return (rows[0][0], rows[0][1] or "", rows[0][2]) if rows else None

    def page_raw(self, page_id: int) -> str | None:
        """The page's text exactly as imported (so it can be split again); None for an unknown page.

        Packed text (``raw_codec`` set) is rebuilt from ``raw_pack`` and, for "zlib+page-v1", the
        page's article and furniture texts; raises StoreError when that no longer gives the text.
        """
        if not -(2**63) <= page_id < 2**63:  # no SQLite rowid is that large (sqlite3 raises OverflowError)
            return None
        try:
            return stored_raw(self.db, page_id)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        except RawUnreadable as exc:
            raise StoreError(raw_unreadable_message(exc)) from None

    _ARTICLE_SQL = (
        "SELECT a.id, a.page_id, a.position, a.kind, a.kicker, a.title, a.subtitle, a.byline, "
        "a.subheads, a.body, a.caption, a.credit, pa.name, e.date, p.number, p.section "
        "FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
        "JOIN papers pa ON pa.id = e.paper_id "
    )

    @staticmethod
    def _article(r: Any) -> Article:
        try:
            subheads = tuple(json.loads(r[8] or "[]"))
        except ValueError:
            subheads = ()
        return Article(
            id=r[0],
            page_id=r[1],
            position=r[2],
            kind=r[3],
            kicker=r[4] or "",
            title=r[5] or "",
            subtitle=r[6] or "",
            byline=r[7] or "",
            subheads=subheads,
            body=r[9] or "",
            caption=r[10] or "",
            credit=r[11] or "",
            paper=r[12],
            date=r[13],
            page_number=r[14],
            section=r[15],
        )

    def articles(self, page_id: int) -> list[Article]:
        """A page's articles and photos in reading order."""
        return [
            self._article(r)
            for r in self._rows(self._ARTICLE_SQL + "WHERE a.page_id = ? ORDER BY a.position", [page_id])
        ]

    def article(self, article_id: int) -> Article | None:
        """One article with its paper, date, page number and section; None when it is gone."""
        rows = self._rows(self._ARTICLE_SQL + "WHERE a.id = ?", [article_id])
        return self._article(rows[0]) if rows else None

    def furniture(self, page_id: int) -> list[str]:
        """A page's furniture lines (page names, labels, notes) in reading order."""
        return [
            r[0]
            for r in self._rows("SELECT text FROM furniture WHERE page_id = ? ORDER BY position", [page_id])
        ]

    def stats(self) -> dict[str, int]:
        """Counts of papers, editions, pages, articles and photos, and the store's size in bytes."""
        counts = self._rows(
            "SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM editions), (SELECT count(*) FROM pages), "
            "(SELECT count(*) FROM articles WHERE kind = 'article'), (SELECT count(*) FROM articles WHERE kind = 'photo')"
        )[0]
        keys = ("papers", "editions", "pages", "articles", "photos")
        return {**dict(zip(keys, counts, strict=True)), "size_bytes": self._file_size()}
