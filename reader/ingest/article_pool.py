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

_worker: dict[str, Any] = {}


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
    _pooled(store, groups, report, jobs, progress, at, total, stop)


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
