"""The import's process pool: workers read, check, split and tokenise files; the calling process alone writes."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from reader.ingest.discover import Found, path_text
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportReport, Prepared, import_file, prepare_file, write_prepared
from reader.store import Store, StoreError

MAX_JOBS = 8
DEPTH = 4  # chunks each worker may hold ahead of the writer
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


def _worker_loop(conn: Connection, others: list[Connection], db_path: str | None, options: Meta) -> None:
    """A worker: prepare each chunk of files it is sent and send the results back, until told to stop."""
    for other in others:  # the writer's ends of the pipes, inherited by fork: only the writer holds them
        other.close()
    _worker_start(db_path, options)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):  # the writer is gone
            return
        if chunk is None:
            return
        try:
            conn.send([_worker_prepare(f) for f in chunk])
        except (BrokenPipeError, OSError):
            return


class _Workers:
    """Worker processes, each with a pipe of its own: no lock or queue is shared, so a worker that
    dies (killed, out of memory) costs only its own chunks, and stopping never waits on a worker."""

    def __init__(self, jobs: int, db_path: str | None, options: Meta) -> None:
        ctx = _context()
        self.procs: list[Any] = []
        self.conns: list[Connection | None] = []
        for _ in range(jobs):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(
                target=_worker_loop, args=(theirs, [c for c in self.conns if c] + [mine], db_path, options)
            )
            proc.daemon = True  # never outlives the writer
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(mine)

    def send(self, w: int, chunk: list[Found]) -> bool:
        """Give worker ``w`` a chunk; False if that worker is gone."""
        conn = self.conns[w]
        if conn is None:
            return False
        try:
            conn.send(chunk)
            return True
        except OSError:
            self._lose(w)
            return False

    def recv(self, w: int) -> list[Prepared] | None:
        """The results of worker ``w``'s oldest chunk, or None if the worker died before sending them."""
        conn = self.conns[w]
        if conn is None:
            return None
        try:
            result: list[Prepared] = conn.recv()
            return result
        except (EOFError, OSError):
            self._lose(w)
            return None

    def _lose(self, w: int) -> None:
        conn, self.conns[w] = self.conns[w], None
        if conn is not None:
            conn.close()

    def stop(self, *, finished: bool) -> None:
        """End every worker: politely after a finished import, at once (SIGKILL) otherwise."""
        for w, proc in enumerate(self.procs):
            conn = self.conns[w]
            if finished and conn is not None:
                with contextlib.suppress(OSError):
                    conn.send(None)
            else:
                with contextlib.suppress(OSError):
                    proc.kill()
        for w, proc in enumerate(self.procs):
            proc.join(timeout=5 if finished else None)
            if proc.is_alive():  # a finished import's worker that did not stop when asked
                proc.kill()
                proc.join()
            self._lose(w)


def import_pooled(
    store: Store,
    files: list[Found],
    options: Meta,
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
) -> None:
    """Import ``files`` with ``jobs`` worker processes preparing them and this process writing, in order.

    Chunk k goes to worker k mod ``jobs``, at most ``DEPTH`` chunks ahead of the writer, so a big
    archive never piles up in memory. The files of a worker that dies are imported here instead.
    """
    db_path = None if str(store.path) == ":memory:" else str(store.path)
    size = max(1, min(16, len(files) // (jobs * 8)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    workers = _Workers(jobs, db_path, options)
    finished = False
    done = 0
    try:
        for k in range(min(len(chunks), jobs * DEPTH)):
            workers.send(k % jobs, chunks[k])
        for k, chunk in enumerate(chunks):
            w = k % jobs
            prepared = workers.recv(w)
            ahead = k + jobs * DEPTH
            if prepared is not None and ahead < len(chunks):
                workers.send(w, chunks[ahead])
            for j, f in enumerate(chunk):
                if progress:
                    progress(done, len(files), str(f.path))
                done += 1
                prep = prepared[j] if prepared is not None else None
                if prep is None or (prep.held is not None and not store.holds(*prep.held)):
                    import_file(
                        store, f, options, report
                    )  # its worker died, or an earlier file changed that page
                else:
                    write_prepared(store, f, prep, report)
        finished = True
    except StoreError as exc:
        report.error = str(exc)
    finally:
        workers.stop(finished=finished)
