"""Importing article files: read and grouped here, pages assembled and tokenised by worker processes,
written here in order (the same division of work as the page import's pool)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reader.ingest import pool
from reader.ingest.articles import (
    POOL_MIN_BYTES,
    Group,
    group_pages,
    page_record,
    placed_articles,
    with_tokens,
    write_group,
)
from reader.ingest.discover import Found
from reader.ingest.forms import Bad
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportReport
from reader.store import PageRecord, Store, StoreError

RECORD_FORMS = ("jsonl", "json", "csv")
_worker: dict[str, Any] = {}
CHUNK_FILES = 48  # article files a worker reads per task


def _start(db_path: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's: it stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker["store"] = None
    if db_path is not None:
        with contextlib.suppress(Exception):
            _worker["store"] = Store.open(db_path, readonly=True, create=False)


def _build(group: Group) -> tuple[Group, PageRecord]:
    """A group's page; with its tokens unless the store holds that page with this text already."""
    rec = page_record(group)
    store = _worker.get("store")
    if store is not None:
        try:
            if store.holds(rec.source_key, rec.sha256, rec.paper, rec.date, rec.number, None, rec.source):
                return group, rec
        except Exception:  # no answer: tokenise; the writer's own checks keep the result right
            pass
    try:
        return group, with_tokens(rec)
    except Exception:  # the writer tokenises what is missing itself (and reports what fails there)
        return group, rec


def _build_files(
    chunk: list[tuple[Found, str]], options: Meta, mapping: dict[str, str]
) -> tuple[list[tuple[Group, PageRecord]], list[tuple[str, str]]]:
    """Read a run of article files and make their pages (in a worker): the pages, and the bad records."""
    report = ImportReport()
    at = [0]
    groups = group_pages(
        placed_articles(chunk, options, mapping, report, at), lambda b: report.bad.append((b.where, b.reason))
    )
    return [_build(g) for g in groups], report.bad


def _chunks(files: Sequence[tuple[Found, str]], size: int = CHUNK_FILES) -> Iterator[list[tuple[Found, str]]]:
    """Runs of files for the workers, cut where a page cannot go on (another folder, another page by
    the crawler's name), so a page's articles seldom arrive in two parts."""
    chunk: list[tuple[Found, str]] = []
    last: tuple[str, str] | None = None
    for f, form in files:
        key = (str(f.path.parent), f.path.name[:11])
        if len(chunk) >= size and key != last:
            yield chunk
            chunk = []
        chunk.append((f, form))
        last = key
    if chunk:
        yield chunk


def import_articles(
    store: Store,
    files: Sequence[tuple[Found, str]],
    options: Meta,
    report: ImportReport,
    mapping: dict[str, str],
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
) -> None:
    """Import article files (each with its form): pages written in the order their articles come."""
    total = 0
    for f, _ in files:
        with contextlib.suppress(OSError):
            total += f.path.stat().st_size
    at = [0]
    stop = threading.Event()

    def bad(b: Bad) -> None:
        report.bad.append((b.where, b.reason))

    groups = group_pages(placed_articles(files, options, mapping, report, at, stop), bad)
    if jobs <= 1 or total < POOL_MIN_BYTES:
        _store_worker(store)
        try:
            for group in groups:
                g, rec = _build(group)
                write_group(store, g, rec, report)
                if progress:
                    progress(at[0], total, rec.source)
        finally:
            _worker.clear()
        return
    by_file = [(f, form) for f, form in files if form not in RECORD_FORMS]
    records = [(f, form) for f, form in files if form in RECORD_FORMS]
    if by_file:
        _pooled_files(store, by_file, options, mapping, report, jobs, progress, total)
        at[0] = sum(_size(f) for f, _ in by_file)
    if records and report.error is None:
        groups = group_pages(placed_articles(records, options, mapping, report, at, stop), bad)
        _pooled(store, groups, report, jobs, progress, at, total, stop)


def _size(f: Found) -> int:
    try:
        return f.path.stat().st_size
    except OSError:
        return 0


def _pooled_files(
    store: Store,
    files: list[tuple[Found, str]],
    options: Meta,
    mapping: dict[str, str],
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
    total: int,
) -> None:
    """Article files: workers read them and make their pages, this process writes them in order."""
    db_path = None if str(store.path) == ":memory:" else str(store.path)
    workers = pool._context().Pool(jobs, initializer=_start, initargs=(db_path,))
    finished = False
    done = 0
    # imap takes tasks as fast as the workers go: at most this many chunks are ahead of the writer.
    window = threading.Semaphore(jobs * 2)
    stop = threading.Event()

    def tasks() -> Iterator[tuple[list[tuple[Found, str]], Meta, dict[str, str]]]:
        for chunk in _chunks(files):
            window.acquire()
            if stop.is_set():
                return
            yield chunk, options, mapping

    try:
        for pages, bad in workers.imap(_build_files_task, tasks()):
            window.release()
            report.bad.extend(bad)
            for g, rec in pages:
                write_group(store, g, rec, report)
            done += sum(len(g.articles) for g, _ in pages)
            if progress:
                progress(
                    min(total, done * total // max(1, len(files))),
                    total,
                    pages[-1][1].source if pages else "",
                )
        finished = True
    except StoreError as exc:
        report.error = str(exc)
    finally:
        stop.set()
        for _ in range(jobs * 2 + 1):  # wake the feeder so that the pool's task thread can end
            window.release()
        if finished:
            workers.close()
        else:
            workers.terminate()
        workers.join()


def _build_files_task(
    args: tuple[list[tuple[Found, str]], Meta, dict[str, str]],
) -> tuple[list[tuple[Group, PageRecord]], list[tuple[str, str]]]:
    try:
        return _build_files(*args)
    except BaseException as exc:  # never let one chunk take the pool down (a worker that dies hangs it)
        return [], [(str(args[0][0][0].path), f"could not be read ({type(exc).__name__}: {exc})")]


def _store_worker(store: Store) -> None:
    # Inline, the store is written in this same connection: no "held" shortcut (the writer checks).
    _worker["store"] = None


def _pooled(
    store: Store,
    groups: Iterator[Group],
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
    at: list[int],
    total: int,
    stop: threading.Event,
) -> None:
    db_path = None if str(store.path) == ":memory:" else str(store.path)
    # At most this many pages are read ahead of the writer, so a big archive never piles up in memory.
    window = threading.Semaphore(jobs * 16)

    def feed() -> Iterator[Group]:
        for g in groups:
            window.acquire()
            if stop.is_set():
                return
            yield g

    workers = pool._context().Pool(jobs, initializer=_start, initargs=(db_path,))
    finished = False
    try:
        for g, rec in workers.imap(_build, feed(), chunksize=4):
            window.release()
            write_group(store, g, rec, report)
            if progress:
                progress(at[0], total, rec.source)
        finished = True
    except StoreError as exc:
        report.error = str(exc)
    finally:
        stop.set()
        for _ in range(jobs * 16 + 1):  # wake the feeder so that the pool's task thread can end
            window.release()
        if finished:
            workers.close()
        else:
            workers.terminate()
        workers.join()
