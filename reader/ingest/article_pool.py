"""Importing article files: read and grouped here, pages assembled and tokenised by worker processes,
written here in order (the same division of work as the page import's pool)."""

from __future__ import annotations

import contextlib
import signal
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
GROUPS_PER_TASK = 8  # pages of records a worker makes per task


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

    def bad(b: Bad) -> None:
        report.bad.append((b.where, b.reason))

    groups = group_pages(placed_articles(files, options, mapping, report, at), bad)
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
        groups = group_pages(placed_articles(records, options, mapping, report, at), bad)
        _pooled(store, groups, report, jobs, progress, at, total)


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
    done = [0]

    def write(task: _FilesTask, result: _Built | None) -> None:
        pages, bad = _build_files_task(task) if result is None else result  # None: its worker died
        report.bad.extend(bad)
        _write_all(store, pages, report)
        done[0] += len(task[0])
        if progress:
            progress(
                min(total, done[0] * total // max(1, len(files))), total, pages[-1][1].source if pages else ""
            )

    tasks = ((chunk, options, mapping) for chunk in _chunks(files))
    _run(store, jobs, _build_files_task, tasks, write, report, depth=2)


_FilesTask = tuple[list[tuple[Found, str]], Meta, dict[str, str]]
_Built = tuple[list[tuple[Group, PageRecord]], list[tuple[str, str]]]


def _build_files_task(args: _FilesTask) -> _Built:
    try:
        return _build_files(*args)
    except BaseException as exc:  # never let one chunk take the pool down (a worker that dies hangs it)
        return [], [(str(args[0][0][0].path), f"could not be read ({type(exc).__name__}: {exc})")]


def _build_groups(groups: list[Group]) -> list[tuple[Group, PageRecord]]:
    return [_build(g) for g in groups]


def _write_all(store: Store, pages: list[tuple[Group, PageRecord]], report: ImportReport) -> None:
    for g, rec in pages:
        write_group(store, g, rec, report)


def _store_worker(store: Store) -> None:
    # Inline, the store is written in this same connection: no "held" shortcut (the writer checks).
    _worker["store"] = None


def _batches(groups: Iterator[Group], size: int = GROUPS_PER_TASK) -> Iterator[list[Group]]:
    batch: list[Group] = []
    for g in groups:
        batch.append(g)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pooled(
    store: Store,
    groups: Iterator[Group],
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
    at: list[int],
    total: int,
) -> None:
    """Records: this process reads and groups them, workers make the pages, this process writes them."""

    def write(batch: list[Group], result: list[tuple[Group, PageRecord]] | None) -> None:
        pages = _build_groups(batch) if result is None else result  # None: its worker died
        _write_all(store, pages, report)
        if progress and pages:
            progress(at[0], total, pages[-1][1].source)

    _run(store, jobs, _build_groups, _batches(groups), write, report, depth=4)


def _run(
    store: Store, jobs: int, work: Any, tasks: Iterator[Any], write: Any, report: ImportReport, depth: int
) -> None:
    """The workers (pool.run_ordered: stopping never waits on them), a store error kept in ``report``."""
    db_path = None if str(store.path) == ":memory:" else str(store.path)
    try:
        pool.run_ordered(jobs, _start, (db_path,), work, tasks, write, depth=depth)
    except StoreError as exc:
        report.error = str(exc)
