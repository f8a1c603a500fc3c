"""The import's process pool: workers read, check, split and tokenise files; the calling process alone writes."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from reader.ingest.discover import Found, path_text
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportReport, Prepared, import_file, prepare_file, write_prepared
from reader.store import Store, StoreError

MAX_JOBS = 8
DEPTH = 4  # chunks each worker may hold ahead of the writer
POOL_MIN_FILES = 8  # fewer files are imported inline: starting the workers would cost more than it saves
_worker: dict[str, Any] = {}
T = TypeVar("T")


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


def _worker_loop(
    conn: Connection, others: list[Connection], start: Callable[..., None], args: tuple[Any, ...], work: Any
) -> None:
    """A worker: ``start(*args)``, then ``work`` each task it is sent and send the result back, until
    told to stop (``work`` must not raise: a worker that dies costs its tasks, done by the writer)."""
    for other in others:  # the writer's ends of the pipes, inherited by fork: only the writer holds them
        other.close()
    start(*args)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the writer is gone
            return
        if task is None:
            return
        try:
            conn.send(work(task))
        except (BrokenPipeError, OSError):
            return


class Workers:
    """Worker processes, each with a pipe of its own: no lock or queue is shared, so a worker that
    dies (killed, out of memory) costs only its own tasks, and stopping never waits on a worker
    (``multiprocessing.Pool.terminate`` could deadlock in its queues, and hang an import for good)."""

    def __init__(self, jobs: int, start: Callable[..., None], args: tuple[Any, ...], work: Any) -> None:
        ctx = _context()
        self.procs: list[Any] = []
        self.conns: list[Connection | None] = []
        for _ in range(jobs):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(
                target=_worker_loop, args=(theirs, [c for c in self.conns if c] + [mine], start, args, work)
            )
            proc.daemon = True  # never outlives the writer
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(mine)

    def send(self, w: int, task: Any) -> bool:
        """Give worker ``w`` a task; False if that worker is gone."""
        conn = self.conns[w]
        if conn is None:
            return False
        try:
            conn.send(task)
            return True
        except Exception:  # gone (or closed by the other thread as it died): the writer does the task
            self._lose(w)
            return False

    def recv(self, w: int) -> Any | None:
        """The result of worker ``w``'s oldest task, or None if the worker died before sending it."""
        conn = self.conns[w]
        if conn is None:
            return None
        try:
            return conn.recv()
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


def run_ordered(
    jobs: int,
    start: Callable[..., None],
    args: tuple[Any, ...],
    work: Any,
    tasks: Iterable[T],
    handle: Callable[[T, Any | None], None],
    depth: int = DEPTH,
) -> None:
    """``work`` each task in ``jobs`` worker processes; ``handle(task, result)`` here, in task order
    (result None: its worker died, the caller does that task itself).

    Task k goes to worker k mod ``jobs``, at most ``depth`` per worker ahead of ``handle``, so a big
    archive never piles up in memory. A thread sends the tasks (and draws them from ``tasks``), and a
    thread per worker takes its results off the pipe as soon as they come: a worker never waits with
    a finished result for the writer to get to it (the writer, busy with the pages before, then kept
    every worker but one idle), and never waits on the writer sending it more. Whatever ``handle``
    or ``tasks`` raises stops the workers (killed) and is raised here.
    """
    workers = Workers(jobs, start, args, work)
    stop = threading.Event()
    window = threading.Semaphore(jobs * depth)
    sent: queue.Queue[Any] = queue.Queue()
    results: list[queue.SimpleQueue[Any]] = [queue.SimpleQueue() for _ in range(jobs)]
    end, gone = object(), object()

    def feed() -> None:
        try:
            for k, task in enumerate(tasks):
                window.acquire()
                if stop.is_set():
                    return
                sent.put((k % jobs, task, workers.send(k % jobs, task)))
        except BaseException as exc:  # reading the input failed: the writer raises it
            sent.put(exc)
        finally:
            sent.put(end)

    def receive(w: int) -> None:
        while (result := workers.recv(w)) is not None:
            results[w].put(result)
        results[w].put(gone)  # the worker ended (or died): no more results from it

    threads = [threading.Thread(target=feed, name="import-feeder", daemon=True)]
    threads += [
        threading.Thread(target=receive, args=(w,), name=f"import-results-{w}", daemon=True)
        for w in range(jobs)
    ]
    dead = [False] * jobs
    finished = False
    try:
        for thread in threads:
            thread.start()
        while (item := sent.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            w, task, given = item
            result = None
            if given and not dead[w]:
                result = results[w].get()
                if result is gone:
                    dead[w], result = True, None
            window.release()
            handle(task, result)
        finished = True
    finally:
        stop.set()
        for _ in range(jobs * depth + 1):  # wake the feeder if it waits for room
            window.release()
        workers.stop(finished=finished)  # killed: a send or receive blocked on a worker ends at once
        for thread in threads:
            thread.join()


def _prepare_chunk(chunk: list[Found]) -> list[Prepared]:
    return [_worker_prepare(f) for f in chunk]


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
    done = [0]

    def write(chunk: list[Found], prepared: list[Prepared] | None) -> None:
        for j, f in enumerate(chunk):
            if progress:
                progress(done[0], len(files), str(f.path))
            done[0] += 1
            prep = prepared[j] if prepared is not None else None
            if prep is None or (prep.held is not None and not store.holds(*prep.held)):
                import_file(
                    store, f, options, report
                )  # its worker died, or an earlier file changed that page
            else:
                write_prepared(store, f, prep, report)

    try:
        run_ordered(jobs, _worker_start, (db_path, options), _prepare_chunk, chunks, write)
    except StoreError as exc:
        report.error = str(exc)
