"""The :class:`Store`: the reads, plus writing pages and keeping the file small and its index merged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from reader.store import index
from reader.store.core import PAGE_SIZE, StoreError, store_error
from reader.store.pack import dictionary_fits, pack_page, plain_pages
from reader.store.reads import StoreReads
from reader.store.review import StoreReview
from reader.store.sources import Prunable, copies, prunable
from reader.store.write import PageRecord, WriteResult, delete_page, stale_parts, write_page


class Store(StoreReads, StoreReview):
    """A paper-reader store. A connection belongs to one thread: open a Store per thread."""

    def tidy_index(self, written: int) -> bool:
        """After an import that wrote ``written`` pages: merge the search index into one segment when
        that was a large share of the store (a first or bulk import), so queries read one segment.

        A small daily import is left alone: merging rewrites the whole index (the segments of a bulk
        batch that wrote less than expected are merged with each other only). Returns whether the
        whole index was merged.
        """
        unmerged, self.unmerged = self.unmerged, False
        if self.readonly:
            return False
        whole = written >= 200 and written * 4 >= self._page_count()
        if not whole and not unmerged:
            return False
        try:
            with self.transaction() as db:
                if whole:
                    index.optimize(db)
                else:  # a bulk import wrote less than it expected: merge what it wrote, no more
                    index.merge(db)
            if whole:
                # The merge freed the old segments' pages: give them back to the file system (a
                # no-op on stores made before incremental auto-vacuum was chosen). It frees one page
                # per step, and only executescript() steps a statement that returns no rows to the end.
                self.db.conn.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None
        return whole

    def compact(self, progress: Callable[[str], None] | None = None) -> dict[str, int]:
        """Bring the store to its smallest current form: pack page texts still stored plain, rebuild
        a stale or old search index, then VACUUM into 16 KiB pages with incremental auto-vacuum.

        VACUUM needs the store to itself: with another program reading or writing it, this raises
        StoreError and the store is left as it was (the packing done so far is kept; it is valid).
        Returns sizes in bytes before and after, and counts of what was done.
        """
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only; compacting needs write access")
        say = progress or (lambda _msg: None)
        before = self._file_size()
        packed = 0
        try:
            ids = plain_pages(self.db)
            if ids:
                say(f"packing the text of {len(ids)} pages")
            for start in range(0, len(ids), 200):
                with self.transaction() as db:
                    packed += sum(pack_page(db, i) for i in ids[start : start + 200])
            reindexed = 0
            if not index.is_current(self.db):
                say("rebuilding the search index")
                try:
                    reindexed = index.reindex_all(self.db)
                except index.DamagedText as exc:
                    raise StoreError(str(exc)) from None
            say("rewriting the file (VACUUM)")
            conn = self.db.conn
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise StoreError(
                    f"the store {self.path} is in use by another program; close it (e.g. the reader) "
                    "and run compact again"
                )
            try:
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                conn.execute("VACUUM")
            finally:
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            err = store_error(exc, self.path, self.doing)
            if "busy" in str(err):
                err = StoreError(
                    f"the store {self.path} is in use by another program; close it (e.g. the reader) "
                    "and run compact again"
                )
            raise err from None
        return {"before": before, "after": self._file_size(), "packed": packed, "reindexed": reindexed}

    def write_page(self, rec: PageRecord) -> WriteResult:
        """Write one page and its articles, furniture and index rows in one transaction (or batch)."""
        result: WriteResult = self._write(lambda db: write_page(db, rec))
        if result.status != "unchanged":
            self._tick(result)
        return result

    def holds(
        self,
        key: str,
        sha256: str,
        paper: str,
        date: str | None,
        number: int | None,
        section: str | None,
        source: str,
    ) -> bool:
        """Whether the page ``key`` is stored with this text, place and source (``section`` None: any)."""
        rows = self._rows(
            "SELECT p.sha256, pa.name, e.date, p.number, p.section, p.source, p.id FROM pages p "
            "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id WHERE p.source_key = ?",
            [key],
        )
        if not rows:
            return False
        stored = tuple(rows[0])
        held = (
            stored[:4] == (sha256, paper, date, number)
            and section in (None, stored[4])
            and stored[5] == source
        )
        # A page whose articles were edited outside paper-reader no longer rebuilds its text:
        # not held, so importing its file again writes it anew.
        return held and self._dictionary_fits(rows[0][6])

    def _dictionary_fits(self, page_id: int) -> bool:
        try:
            return dictionary_fits(self.db, page_id)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None

    def copies(self, page_id: int) -> list[tuple[int, str]]:
        """Other pages holding exactly this page's text: (page id, source)."""
        try:
            return copies(self.db, page_id)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None

    def prune(self, *, gone: bool = False, dry_run: bool = False) -> list[Prunable]:
        """Remove the pages whose file is moved (or, with ``gone``, gone): see :func:`sources.prunable`.

        Returns what was (with ``dry_run``: would be) removed; each page goes with its articles and
        index rows, 200 pages to a transaction.
        """
        try:
            found = list(prunable(self.db, gone=gone))
            if not dry_run:
                for start in range(0, len(found), 200):
                    with self.transaction() as db:
                        for p in found[start : start + 200]:
                            delete_page(db, p.page_id, p.edition_id)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None
        return found

    def drop_stale_parts(self, file_key: str, parts: int) -> int:
        """Delete pages left from a time a file split into more than ``parts`` pages; returns how many."""
        try:
            if not stale_parts(self.db, file_key, parts):
                return 0

            def drop(db: sqlite_utils.Database) -> int:
                stale = stale_parts(db, file_key, parts)
                for page_id, edition_id in stale:
                    delete_page(db, page_id, edition_id)
                return len(stale)

            return int(self._write(drop))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None
