"""Files and folders -> the store: :func:`import_paths`, inline or through the process pool."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reader.ingest import pool
from reader.ingest.article_pool import import_articles
from reader.ingest.discover import Found, discover
from reader.ingest.forms import IMPORT_SUFFIXES, PAGE, classify
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportInterrupted, ImportReport, import_file
from reader.store import Store, StoreError, WriteResult


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    options: Meta | None = None,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    found: tuple[list[Found], list[tuple[str, str]]] | None = None,
    jobs: int | None = None,
    commit_every: int = 100,
    form: str = "auto",
    mapping: dict[str, str] | None = None,
) -> ImportReport:
    """Import files and folders into ``store``; a store failure (busy, full, read-only) stops the import.

    Pages are committed ``commit_every`` at a time (or every second), each page whole or absent.

    ``jobs`` processes (default: one per CPU, at most 8) read, split and tokenise the files while
    this process writes them, in file order; with one job or few files it all happens here.
    Ctrl-C raises :class:`ImportInterrupted` (a KeyboardInterrupt) carrying the report of what was kept.

    ``form`` is "auto" (each file's form is detected: see :mod:`reader.ingest.forms`), "page" (every
    .txt/.md file is a page to split) or "article" (every .txt/.md file is one article); files of an
    article form are imported after the page files. ``mapping`` names record fields (``--map``).
    """
    options = options or Meta()
    if found is None:
        found = discover(paths, PAGE_SUFFIXES_FOR.get(form, IMPORT_SUFFIXES))
    all_files, skipped = found
    report = ImportReport(files=len(all_files) + len(skipped), skipped=list(skipped))
    files: list[Found] = []
    article_files: list[tuple[Found, str]] = []
    for f in all_files:
        kind = classify(f.path, form)
        report.forms[kind] = report.forms.get(kind, 0) + 1
        if kind == PAGE:
            files.append(f)
        else:
            article_files.append((f, kind))
    jobs = pool.default_jobs() if jobs is None else max(1, jobs)
    try:
        # Pages commit in groups: each whole or absent, far fewer index flushes.
        with store.batch(pages=max(1, commit_every), expected=len(all_files)):
            if jobs > 1 and len(files) >= pool.POOL_MIN_FILES:
                pool.import_pooled(store, files, options, report, min(jobs, len(files)), progress)
            else:
                for i, f in enumerate(files):
                    if progress:
                        progress(i, len(files), str(f.path))
                    try:
                        import_file(store, f, options, report)
                    except StoreError as exc:
                        report.error = str(exc)
                        break
            if article_files and report.error is None:
                import_articles(store, article_files, options, report, mapping or {}, jobs, progress)
    except StoreError as exc:  # the last group could not be committed
        report.error = report.error or str(exc)
    except KeyboardInterrupt as exc:  # the batch committed the whole pages written so far
        _uncount(report, store.rolled_back)
        raise ImportInterrupted(report) from exc
    _uncount(report, store.rolled_back)
    if report.error is None:
        try:
            store.tidy_index(report.pages)
        except StoreError as exc:
            report.error = f"the pages were imported, but merging the search index failed: {exc}"
    store.checkpoint()  # into the store file now: readers left open would keep a big -wal around
    if progress:
        progress(len(files), len(files), "")
    return report


PAGE_SUFFIXES_FOR = {"page": (".txt", ".md")}


def _uncount(report: ImportReport, lost: list[WriteResult]) -> None:
    """Take pages a failed commit rolled back out of the counts, and say so."""
    if not lost:
        return
    for r in lost:
        report.new -= r.status == "new"
        report.replaced -= r.status == "replaced"
        report.articles -= r.articles
        report.photos -= r.photos
    report.error = (report.error or "the store failed") + (
        f" ({len(lost)} page(s) written since the last commit were not kept; run the import again)"
    )
