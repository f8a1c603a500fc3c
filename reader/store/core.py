"""The store's connection: opening (with schema checks and migrations), transactions and batches.

One SQLite file in WAL mode; its tables are described in docs/ARCHITECTURE.md. Every page is
written in one transaction together with its search-index rows, so a page is in the store whole or
not at all. :class:`reader.store.Store` adds the reads and the page writes on top of this.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from reader.store import index
from reader.store.readonly import Reading, wal_refusal
from reader.store.schema import SchemaError, create_or_migrate, needs_work, stored_version
from reader.store.write import WriteResult

if TYPE_CHECKING:
    import sqlite_utils

PAGE_SIZE = 16384  # bytes per SQLite page in new stores: ~1.4 KB article rows waste ~20% of 4 KiB pages
BUSY_TIMEOUT = 5.0  # seconds to wait for another writer before giving up with a clear message
BULK_PAGES = 200  # a batch expected to write this many pages, and a quarter of the store, is a bulk one

_S = TypeVar("_S", bound="StoreCore")


class StoreError(Exception):
    """A store problem, with a one-line message for the user."""


def store_error(exc: BaseException, path: Path | str, doing: str = "importing") -> StoreError:
    """Turn an sqlite3 / OS error into a StoreError whose message says what happened and what to do.

    ``doing`` names what the user ran (importing, reindexing, compacting) in the messages.
    """
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreError(
            f"the store {path} is busy: another program is writing to it; try again when it has finished"
        )
    if "full" in low:
        then = (
            "nothing of the current page was written — free some space and import again"
            if doing == "importing"
            else f"the store is as it was before — free some space and try {doing} again"
        )
        return StoreError(f"the store {path} is full (no space left on its disk); {then}")
    if "readonly" in low or "read-only" in low:
        return StoreError(f"the store {path} is read-only; {doing} needs write access to it and its folder")
    if "could not decode" in low:  # sqlite3's message quotes the damaged text: never show it
        return StoreError(
            f"the store {path} holds damaged article text (not UTF-8); "
            "run paper-reader reindex to name the damaged articles and index the rest"
        )
    if "not a database" in low or "malformed" in low:
        return StoreError(f"{path} is not a usable paper-reader store ({msg})")
    if isinstance(exc, OSError):
        return StoreError(f"cannot use the store {path}: {exc.strerror or msg}")
    return StoreError(f"store error in {path}: {msg}")


def writable(path: Path) -> bool:
    """Whether we may write the store file and create its WAL files beside it."""
    # WAL needs to create the -wal and -shm files beside the store, so the folder counts too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    refusal = wal_refusal(path)
    if refusal is not None:
        raise StoreError(refusal)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:  # not a database, truncated, a damaged header, no -shm
        conn.close()
        raise store_error(exc, path, "reading") from None


def _connect_file(p: Path, *, readonly: bool, create: bool, doing: str = "importing") -> sqlite3.Connection:
    if p.is_dir():
        raise StoreError(f"{p} is a folder, not a store file")
    if p.exists() and not p.is_file():  # /dev/null, a FIFO, a socket: SQLite would put a journal beside it
        raise StoreError(f"{p} is not a regular file; give the store's file name (or a new one)")
    exists = p.exists() and p.stat().st_size > 0
    if not exists and (readonly or not create):
        raise StoreError(f"there is no store at {p} (create one with: paper-reader import --db {p} FOLDER)")
    if not exists:
        p.parent.mkdir(parents=True, exist_ok=True)
    elif not readonly and not writable(p):
        raise StoreError(
            f"the store {p} is read-only (no write permission); {doing} needs write access to it and its folder"
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
    bulk: bool = False  # a large share of the store: the index merges nothing until tidy_index


class StoreCore:
    """A store's connection, transactions and batches. A connection belongs to one thread."""

    path: Path
    readonly: bool
    db: sqlite_utils.Database

    def __init__(self, path: Path, db: sqlite_utils.Database, readonly: bool) -> None:
        self.path, self.db, self.readonly = path, db, readonly
        self._batch: _Batch | None = None
        # Pages a failed batch took back with it (the importer un-counts them): see batch().
        self.rolled_back: list[WriteResult] = []
        self.unmerged = False  # a bulk batch left the index's new segments unmerged (see tidy_index)
        self.doing = "importing"  # what the user ran, for messages about write access

    @classmethod
    def open(
        cls: type[_S],
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        busy_timeout: float | None = None,
        doing: str = "importing",
    ) -> _S:
        """Open (or create) the store at ``path`` (":memory:" for a throwaway one); raises StoreError.

        ``doing`` names the command in messages about write access (importing, reindexing, compacting).
        """
        p = Path(path).expanduser()
        if str(path) == ":memory:":
            conn = sqlite3.connect(":memory:")
            _set_page_size(conn)
        else:
            try:
                conn = _connect_file(p, readonly=readonly, create=create, doing=doing)
            except (OSError, sqlite3.Error) as exc:
                raise store_error(exc, p, doing) from None
        if readonly:
            # What reading uses of sqlite_utils, without importing it (a tenth of a one-shot search).
            db = cast("sqlite_utils.Database", Reading(conn))
        else:
            import sqlite_utils

            db = sqlite_utils.Database(conn)
        store = cls(p, db, readonly)
        store.doing = doing
        try:
            store._prepare(BUSY_TIMEOUT if busy_timeout is None else busy_timeout)
        except SchemaError as exc:
            conn.close()
            raise StoreError(f"{p}: {exc}") from None
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(exc, p, doing) from None
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
        # A read makes the -wal and -shm files now, which readers without write access need.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # NORMAL is crash-safe in WAL mode (a killed import loses at most its open transaction).
        conn.execute("PRAGMA synchronous = NORMAL")
        if needs_work(version):
            with self.transaction():
                version = stored_version(self.db)  # another process may have done it meanwhile
                if needs_work(version):
                    create_or_migrate(self.db, version)

    def close(self) -> None:
        """Close the connection; a writer first checkpoints the WAL and, when it is the last one open,
        leaves the store in rollback mode, which readers without write access to its folder can read."""
        if not self.readonly and str(self.path) != ":memory:":
            with contextlib.suppress(sqlite3.Error):  # sqlite3.ProgrammingError: closed already
                self.checkpoint()
                self.db.conn.execute("PRAGMA busy_timeout = 0")  # others still open: stay in WAL mode
                self.db.conn.execute("PRAGMA journal_mode = DELETE")
        self.db.close()

    @contextlib.contextmanager
    def turn(self, waiting: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the store's writer turn: one import, reindex or compact at a time, the others wait.

        Without it a second writer waits only ``busy_timeout`` for each commit of the first one and
        then fails partway. ``waiting`` is called once if another writer has the turn. An flock on
        the store file: SQLite's own locks (fcntl) are separate, and readers never take it.
        """
        if self.readonly or str(self.path) == ":memory:":
            yield
            return
        fd = os.open(self.path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # and with it the lock

    def checkpoint(self) -> None:
        """Copy the WAL into the store file and empty it, when no reader still needs it (else later)."""
        if self.readonly or self.db.conn.in_transaction:
            return
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction that takes the write lock up front (so it never deadlocks later)."""
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only; {self.doing} needs write access")
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
    def batch(self, pages: int = 100, seconds: float = 1.0, expected: int = 0) -> Iterator[None]:
        """Commit the pages written inside in groups of ``pages`` (or every ``seconds``), not one by one;
        ``expected``: how many pages the caller means to write (a bulk import's index is merged once,
        by :meth:`Store.tidy_index`, not as it grows).

        Committing once per group instead of once per page lets FTS5 write its index in large
        segments, which was most of an import's time. Each page is still whole or absent: a group
        commits or rolls back as one, and a page that fails is undone by rolling the group back and
        writing its earlier pages again (FTS5 flushes at every savepoint, so savepoints would cost
        what grouping saves). If a commit fails, its pages are listed in ``rolled_back``.
        """
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only; {self.doing} needs write access")
        bulk = expected >= BULK_PAGES and expected * 4 >= self._page_count() + expected
        self._batch = _Batch(pages, seconds, bulk=bulk)
        self.unmerged = self.unmerged or bulk
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
                if bulk:  # the index merges as it grows again (best effort: a new batch does it too)
                    with contextlib.suppress(sqlite3.Error, StoreError), self.transaction() as db:
                        index.use_write_buffer(db)

    def _page_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM pages").fetchone()[0])

    def _write(self, op: Callable[[sqlite_utils.Database], Any]) -> Any:
        """Run one page's writes: in a transaction of its own, or as part of the open batch."""
        batch = self._batch
        if batch is None:
            try:
                with self.transaction() as db:
                    return op(db)
            except sqlite3.Error as exc:
                raise store_error(exc, self.path, self.doing) from None
        try:
            if not self.db.conn.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
                batch.started = time.monotonic()
                index.use_write_buffer(self.db, bulk=batch.bulk)  # each group: one may be rolled back
            result = op(self.db)
        except BaseException as exc:
            self._undo_last()
            if isinstance(exc, sqlite3.Error):
                raise store_error(exc, self.path, self.doing) from None
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
            raise exc if isinstance(exc, StoreError) else store_error(exc, self.path, self.doing) from None

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
                raise store_error(exc, self.path, self.doing) from None
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

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, self.doing) from None

    def _file_size(self) -> int:
        size = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                size += os.path.getsize(f"{self.path}{suffix}")
        return size
