"""The import's process pool: workers read, check, split and tokenise files; the calling process alone writes."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from reader.ingest.discover import Found, path_text
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportReport, Prepared, import_file, prepare_file, write_prepared
from reader.store import Store, StoreError

MAX_JOBS = 8
POOL_MIN_FILES = 8  # fewer files are imported inline: starting the workers would cost more than it saves
_worker: dict[str, Any] = {}


def default_jobs() -> int:
    """Processes an import uses by default: one per CPU, at most MAX_JOBS."""
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def _worker_start(db_path: str | None, options: Meta) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the writer's handler (forked): terminate() ends us
    _worker["options"] = options
    _worker["store"] = None
    if db_path is not None:
        # Each worker checks "unchanged" on its own read-only connection (WAL: readers beside the writer).
        with contextlib.suppress(Exception):
            _worker["store"] = Store.open(db_path, readonly=True, create=False)


def _worker_holds(*args: Any) -> bool:
    try:
        return bool(_worker["store"].holds(*args))
    except Exception:  # no answer: split the file; the writer's own checks keep the result right
        return False


def _worker_prepare(found: Found) -> Prepared:
    holds = _worker_holds if _worker.get("store") is not None else None
    try:
        return prepare_file(found, _worker["options"], holds, tokens=True)
    except BaseException as exc:  # never let one file take the pool down (a worker that dies hangs it)
        return Prepared(path_text(found.path), skip=f"could not be read ({type(exc).__name__}: {exc})")


def _context() -> Any:
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def import_pooled(
    store: Store,
    files: list[Found],
    options: Meta,
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
) -> None:
    """Import ``files`` with ``jobs`` worker processes preparing them and this process writing, in order."""
    db_path = None if str(store.path) == ":memory:" else str(store.path)
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    # At most this many files are read ahead of the writer, so a big archive never piles up in memory.
    window = threading.Semaphore(jobs * chunk * 4)
    stop = threading.Event()

    def feed() -> Iterator[Found]:
        for f in files:
            window.acquire()
            if stop.is_set():
                return
            yield f

    pool = _context().Pool(jobs, initializer=_worker_start, initargs=(db_path, options))
    finished = False
    try:
        for i, prep in enumerate(pool.imap(_worker_prepare, feed(), chunksize=chunk)):
            window.release()
            f = files[i]
            if progress:
                progress(i, len(files), str(f.path))
            if prep.held is not None and not store.holds(*prep.held):
                import_file(store, f, options, report)  # an earlier file of this import changed that page
            else:
                write_prepared(store, f, prep, report)
        finished = True
    except StoreError as exc:
        report.error = str(exc)
    finally:
        stop.set()
        for _ in range(len(files)):  # wake the feeder so that the pool's task thread can end
            window.release()
        if finished:
            pool.close()
        else:  # a store error or Ctrl-C: drop the work still queued
            pool.terminate()
        pool.join()
