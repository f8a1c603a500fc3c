"""The SQLite store: opening (with schema checks and migrations), page writes, and the reads.

One file in WAL mode; its tables are described in docs/ARCHITECTURE.md. Every page is written in
one transaction together with its search-index rows, so a page is in the store whole or not at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from reader import index
from reader.models import Article, Edition, Page, Paper
from reader.store_schema import SchemaError, create_or_migrate, needs_work, stored_version
from reader.store_write import (
    PageRecord,
    RawUnreadable,
    WriteResult,
    delete_page,
    dictionary_fits,
    pack_page,
    plain_pages,
    stale_parts,
    stored_raw,
    write_page,
)

PAGE_SIZE = 16384  # bytes per SQLite page in new stores: ~1.4 KB article rows waste ~20% of 4 KiB pages
BUSY_TIMEOUT = 5.0  # seconds to wait for another writer before giving up with a clear message
UNKNOWN_PAPER = "报名不详"
UNKNOWN_DATE = "日期不详"


class StoreError(Exception):
    """A store problem, with a one-line message for the user."""


def paper_label(name: str | None) -> str:
    """A paper's name for display: 报名不详 when unknown."""
    return name or UNKNOWN_PAPER


def date_label(date: str | None) -> str:
    """An edition's date for display: 日期不详 when unknown."""
    return date or UNKNOWN_DATE


def store_error(exc: BaseException, path: Path | str) -> StoreError:
    """Turn an sqlite3 / OS error into a StoreError whose message says what happened and what to do."""
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreError(
            f"the store {path} is busy: another program is writing to it; try again when it has finished"
        )
    if "full" in low:
        return StoreError(
            f"the store {path} is full (no space left on its disk); "
            "nothing of the current page was written — free some space and import again"
        )
    if "readonly" in low or "read-only" in low:
        return StoreError(f"the store {path} is read-only; importing needs write access to it and its folder")
    if "not a database" in low or "malformed" in low:
        return StoreError(f"{path} is not a usable paper-reader store ({msg})")
    if isinstance(exc, OSError):
        return StoreError(f"cannot use the store {path}: {exc.strerror or msg}")
    return StoreError(f"store error in {path}: {msg}")


def raw_unreadable_message(exc: RawUnreadable) -> str:
    """The one-line message for a page whose original text cannot be rebuilt."""
    again = f"re-import the file ({exc.source}) to store it again" if exc.source else "re-import its file"
    if exc.reason == "unknown codec":
        return (
            f"page {exc.page_id}'s original text is stored in a form this paper-reader does not know "
            f"({exc.codec!r}): upgrade paper-reader (pip install -U paper-reader)"
        )
    if exc.reason == "edited":
        return (
            f"page {exc.page_id}'s original text cannot be rebuilt because its articles were changed "
            f"outside paper-reader; {again}"
        )
    return f"page {exc.page_id}'s original text cannot be rebuilt because its stored copy is damaged; {again}"


def writable(path: Path) -> bool:
    """Whether we may write the store file and create its WAL files beside it."""
    # WAL needs to create the -wal and -shm files beside the store, so the folder counts too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # A WAL store in a folder we cannot write cannot get its -shm file: read it as immutable.
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _connect_file(p: Path, *, readonly: bool, create: bool) -> sqlite3.Connection:
    if p.is_dir():
        raise StoreError(f"{p} is a folder, not a store file")
    exists = p.exists() and p.stat().st_size > 0
    if not exists and (readonly or not create):
        raise StoreError(f"there is no store at {p} (create one with: paper-reader import --db {p} FOLDER)")
    if not exists:
        p.parent.mkdir(parents=True, exist_ok=True)
    elif not readonly and not writable(p):
        raise StoreError(
            f"the store {p} is read-only (no write permission); importing needs write access to it and its folder"
        )
    if readonly:
        return _connect_readonly(p)
    conn = sqlite3.connect(str(p))
    if not exists:
        _set_page_size(conn)
    return conn


def _set_page_size(conn: sqlite3.Connection) -> None:
    """Give a new, empty store its page size: before WAL and any table, or SQLite keeps 4 KiB for good.

    On a store that already has pages (another process made it meanwhile) SQLite ignores it.
    Incremental auto-vacuum, which also must be chosen before the first table, lets
    :meth:`Store.tidy_index` hand back the pages an index merge frees (a fifth of a new store).
    """
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")


@dataclass
class _Batch:
    pages: int
    seconds: float
    started: float = 0.0
    pending: list[WriteResult] = field(default_factory=list)  # pages written since the last commit
    log: list[Callable[[sqlite_utils.Database], Any]] = field(default_factory=list)  # their writes


class Store:
    """A paper-reader store. A connection belongs to one thread: open a Store per thread."""

    path: Path
    readonly: bool
    db: sqlite_utils.Database

    def __init__(self, path: Path, db: sqlite_utils.Database, readonly: bool) -> None:
        self.path, self.db, self.readonly = path, db, readonly
        self._batch: _Batch | None = None
        # Pages a failed batch took back with it (the importer un-counts them): see batch().
        self.rolled_back: list[WriteResult] = []

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        busy_timeout: float | None = None,
    ) -> Store:
        """Open (or create) the store at ``path`` (":memory:" for a throwaway one); raises StoreError."""
        p = Path(path).expanduser()
        if str(path) == ":memory:":
            conn = sqlite3.connect(":memory:")
            _set_page_size(conn)
        else:
            try:
                conn = _connect_file(p, readonly=readonly, create=create)
            except OSError as exc:
                raise store_error(exc, p) from None
        db = sqlite_utils.Database(conn)
        store = cls(p, db, readonly)
        try:
            store._prepare(BUSY_TIMEOUT if busy_timeout is None else busy_timeout)
        except SchemaError as exc:
            conn.close()
            raise StoreError(f"{p}: {exc}") from None
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(exc, p) from None
        return store

    def _prepare(self, busy_timeout: float) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        version = stored_version(self.db)
        if self.readonly:
            if needs_work(version):
                raise SchemaError(
                    "this store needs upgrading to the current schema; "
                    "open it once with write access (e.g. paper-reader stats)"
                )
            return
        conn.execute("PRAGMA foreign_keys = ON")
        self.db.enable_wal()
        # NORMAL is crash-safe in WAL mode (a killed import loses at most its open transaction).
        conn.execute("PRAGMA synchronous = NORMAL")
        if needs_work(version):
            with self.transaction():
                version = stored_version(self.db)  # another process may have done it meanwhile
                if needs_work(version):
                    create_or_migrate(self.db, version)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL when this is the last one)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction that takes the write lock up front (so it never deadlocks later)."""
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only; importing needs write access")
        if self._batch is not None:
            self._commit_batch()  # a transaction of its own: the group so far is committed first
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")  # may fail too (a full disk): then roll back like any error
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def batch(self, pages: int = 100, seconds: float = 1.0) -> Iterator[None]:
        """Commit the pages written inside in groups of ``pages`` (or every ``seconds``), not one by one.

        Committing once per group instead of once per page lets FTS5 write its index in large
        segments, which was most of an import's time. Each page is still whole or absent: a group
        commits or rolls back as one, and a page that fails is undone by rolling the group back and
        writing its earlier pages again (FTS5 flushes at every savepoint, so savepoints would cost
        what grouping saves). If a commit fails, its pages are listed in ``rolled_back``.
        """
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only; importing needs write access")
        self._batch = _Batch(pages, seconds)
        self.rolled_back = []
        try:
            yield
        finally:
            # Also after an error or Ctrl-C: the pages written so far are whole, so keep them if
            # the commit still can.
            try:
                self._commit_batch()
            finally:
                self._batch = None

    def _write(self, op: Callable[[sqlite_utils.Database], Any]) -> Any:
        """Run one page's writes: in a transaction of its own, or as part of the open batch."""
        batch = self._batch
        if batch is None:
            try:
                with self.transaction() as db:
                    return op(db)
            except sqlite3.Error as exc:
                raise store_error(exc, self.path) from None
        try:
            if not self.db.conn.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
                batch.started = time.monotonic()
            result = op(self.db)
        except BaseException as exc:
            self._undo_last()
            if isinstance(exc, sqlite3.Error):
                raise store_error(exc, self.path) from None
            raise
        batch.log.append(op)
        return result

    def _undo_last(self) -> None:
        """Roll the group back and write again all it held before the page that failed."""
        batch = self._batch
        assert batch is not None
        if self.db.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
        if not batch.log:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for op in batch.log:
                op(self.db)
        except (sqlite3.Error, StoreError) as exc:
            self._rollback_batch()
            raise exc if isinstance(exc, StoreError) else store_error(exc, self.path) from None

    def _tick(self, result: WriteResult) -> None:
        """Count a page written in a batch; commit the group when it is full or old enough."""
        batch = self._batch
        if batch is None:
            return
        batch.pending.append(result)
        if len(batch.pending) >= batch.pages or time.monotonic() - batch.started >= batch.seconds:
            self._commit_batch()

    def _commit_batch(self) -> None:
        batch = self._batch
        if batch is None:
            return
        if self.db.conn.in_transaction:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback_batch()
                raise store_error(exc, self.path) from None
        batch.pending, batch.log = [], []

    def _rollback_batch(self) -> None:
        batch = self._batch
        if batch is None:
            return
        if self.db.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
        self.rolled_back.extend(batch.pending)
        batch.pending, batch.log = [], []

    # writes

    def tidy_index(self, written: int) -> bool:
        """After an import that wrote ``written`` pages: merge the search index into one segment when
        that was a large share of the store (a first or bulk import), so queries read one segment.

        A small daily import is left alone: merging rewrites the whole index. Returns whether it ran.
        """
        if self.readonly or written < 200:
            return False
        total = self.db.execute("SELECT count(*) FROM pages").fetchone()[0]
        if written * 4 < total:
            return False
        try:
            with self.transaction() as db:
                index.optimize(db)
            # The merge freed the old segments' pages: give them back to the file system (a
            # no-op on stores made before incremental auto-vacuum was chosen). It frees one page
            # per step, and only executescript() steps a statement that returns no rows to the end.
            self.db.conn.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        return True

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
                reindexed = index.reindex_all(self.db)
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
            err = store_error(exc, self.path)
            if "busy" in str(err):
                err = StoreError(
                    f"the store {self.path} is in use by another program; close it (e.g. the reader) "
                    "and run compact again"
                )
            raise err from None
        return {"before": before, "after": self._file_size(), "packed": packed, "reindexed": reindexed}

    def _file_size(self) -> int:
        size = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                size += os.path.getsize(f"{self.path}{suffix}")
        return size

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
            raise store_error(exc, self.path) from None

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
            raise store_error(exc, self.path) from None

    # reads

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

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

    def page_raw(self, page_id: int) -> str | None:
        """The page's text exactly as imported (so it can be split again); None for an unknown page.

        Packed text (``raw_codec`` set) is rebuilt from ``raw_pack`` and, for "zlib+page-v1", the
        page's article and furniture texts; raises StoreError when that no longer gives the text.
        """
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


def open_default(db: str | None, *, readonly_ok: bool = True) -> Store:
    """The store the app opens: ``db``, else $PAPER_READER_DB, else the default one (made on first run
    from the bundled sample); a store we cannot write is opened read-only when ``readonly_ok``."""
    from reader.paths import default_db_path

    explicit = db or os.environ.get("PAPER_READER_DB")
    path = Path(explicit).expanduser() if explicit else default_db_path()
    if not explicit and not (path.exists() and path.stat().st_size > 0):
        from reader.importer import build_sample_store

        build_sample_store(path)
    try:
        return Store.open(path, create=False)
    except StoreError:
        if not readonly_ok or not path.exists() or writable(path):
            raise
        return Store.open(path, readonly=True)
