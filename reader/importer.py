"""Files and folders -> the store, with each page's metadata from the options, the folders, or the page.

Metadata comes, in order, from the options; the folder convention
``<paper>/<YYYY-MM-DD>/<NN>[-<版名>].<txt|md>``; and what the page itself says (a page-name line).
What none of them says stays unknown (NULL; the paper ""), never invented.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any

from reader import index
from reader.import_files import Found, discover
from reader.models import SplitPage
from reader.split import split_text
from reader.store import PageRecord, Store, StoreError, WriteResult
from reader.textio import NotText, read_page

# Date folders that say "unknown" outright; any other non-date folder inside an imported tree does too.
UNKNOWN_DATE_DIRS = {"日期不详", "日期未知", "不详", "未知", "unknown", "undated", "unknown-date"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_STEM = re.compile(r"^(\d{1,3})(?:-(.+))?$")


def parse_date(text: str) -> str | None:
    """``text`` if it is a real YYYY-MM-DD date, else None."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Meta:
    """What is known about a file's page: None means unknown (the paper "" when unknown)."""

    paper: str | None = None
    date: str | None = None
    number: int | None = None
    section: str | None = None


def folder_meta(path: Path, root: Path | None) -> Meta:
    """Metadata from the folder convention ``<paper>/<YYYY-MM-DD>/<NN>[-<版名>].<ext>``."""
    absolute = Path(path_text(os.path.abspath(path)))  # folder names become paper and section names
    parent, grand = absolute.parent.name, absolute.parent.parent.name
    depth = len(path.relative_to(root).parts) if root is not None else 1
    date = parse_date(parent)
    paper = None
    if date is not None or parent in UNKNOWN_DATE_DIRS or depth >= 3:
        paper = grand.strip() or None
    number, section = None, None
    m = _STEM.match(absolute.stem.strip())
    if m and int(m[1]) >= 1:
        number, section = int(m[1]), (m[2].strip() or None) if m[2] else None
    return Meta(paper=paper, date=date, number=number, section=section)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Part:
    """One page of a file: its raw text, its split, and the page name that starts it (if any)."""

    raw: str
    split: SplitPage
    opening_name: str | None = None


def _heading_name(split: SplitPage) -> str | None:
    for item in split.items:
        if item.kind != "furniture":
            break
        if item.role == "page-name" and item.text.strip():
            return item.text.strip()
    return split.page_name.strip() or None


def split_parts(text: str) -> list[Part]:
    """Split a file's text into pages at page-name lines that stand between two pages' articles."""
    whole = split_text(text)
    items = whole.items
    content_after = [False] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        content_after[i] = content_after[i + 1] or items[i].kind != "furniture"
    cuts: list[tuple[str, int]] = []  # (page name, which occurrence of that name among page-name lines)
    seen: dict[str, int] = {}
    content_before = False
    for i, item in enumerate(items):
        if item.kind != "furniture":
            content_before = True
            continue
        if item.role != "page-name" or not item.text.strip():
            continue
        key = _squash(item.text)
        seen[key] = seen.get(key, 0) + 1
        if content_before and content_after[i + 1]:
            cuts.append((item.text.strip(), seen[key]))
            content_before = False
    if not cuts:
        return [Part(text, whole)]
    lines = text.split("\n")
    squashed = [_squash(line) for line in lines]
    positions: list[int] = []
    for name, nth in cuts:
        hits = [j for j, s in enumerate(squashed) if s == _squash(name)]
        if len(hits) < nth or (positions and hits[nth - 1] <= positions[-1]):
            return [Part(text, whole)]  # the name cannot be placed in the text: keep the file whole
        positions.append(hits[nth - 1])
    bounds = [0, *positions, len(lines)]
    parts = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        raw = "\n".join(lines[a:b])
        parts.append(Part(raw, split_text(raw), cuts[k - 1][0] if k else None))
    return parts


def path_text(path: str | Path) -> str:
    """A path as text SQLite and the terminal accept: a name that is not UTF-8 is read as GB18030 (archives
    unpacked from Windows zips), else its undecodable bytes become U+FFFD."""
    return "/".join(_name_text(part) for part in os.fsencode(path).split(b"/"))


def _name_text(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    return raw.decode("utf-8", errors="replace")


def source_key(
    paper: str, date: str | None, number: int | None, section: str | None, path: Path, part: int
) -> str:
    """A page's identity: (paper, date, number, section) when the number is known, else its file (+ part)."""
    if number is not None:
        return json.dumps([paper, date, number, section], ensure_ascii=False)
    key = file_key(path)
    return f"{key}#{part + 1}" if part else key


def file_key(path: Path) -> str:
    """The identity of a page known only by its file (the file's real path)."""
    return f"file:{path_text(os.path.realpath(path))}"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class ImportReport:
    """What an import did, for the summary and the exit status."""

    files: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    articles: int = 0
    photos: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def pages(self) -> int:
        """Pages written (new or replaced)."""
        return self.new + self.replaced

    @property
    def ok(self) -> bool:
        """Something was imported, or nothing needed to be, and the store never failed."""
        return self.error is None and (self.pages > 0 or self.unchanged > 0)


@dataclass
class Prepared:
    """One file made ready to write (in a worker process, or inline): its pages, or why it is skipped.

    ``held`` carries the :meth:`Store.holds` arguments when the whole file is one page the store holds
    already (it was not split); the writer checks that again before reporting it unchanged.
    """

    name: str
    skip: str | None = None
    held: tuple[str, str, str, str | None, int | None, str | None, str] | None = None
    notes: list[str] = field(default_factory=list)
    pages: list[tuple[PageRecord, dict[str, str]]] = field(default_factory=list)


def _page_meta(found: Found, options: Meta) -> tuple[str, str | None, int | None, str | None, Meta]:
    folder = folder_meta(found.path, found.root)
    paper = options.paper if options.paper is not None else (folder.paper or "")
    date = options.date or folder.date
    number = options.number if options.number is not None else folder.number
    return paper, date, number, options.section or folder.section, folder


def prepare_file(
    found: Found,
    options: Meta,
    holds: Callable[..., bool] | None,
    tokens: bool = False,
) -> Prepared:
    """Read, check and split one file into its page records (no writes); ``tokens``: with index tokens.

    ``holds`` is :meth:`Store.holds` of a store to check first (None: split every file); a StoreError
    it raises stops the import.
    """
    name = path_text(found.path)
    paper, date, number, given_section, folder = _page_meta(found, options)
    try:
        page = read_page(found.path)
        if holds is not None:
            key = source_key(paper, date, number, given_section, found.path, 0)
            args = (key, _sha(page.text), paper, date, number, given_section, name)
            if holds(*args):  # the whole file is one stored page already: no need to split it again
                return Prepared(name, held=args)
        parts = split_parts(page.text)
    except NotText as exc:
        return Prepared(name, skip=str(exc))
    except OSError as exc:
        return Prepared(name, skip=f"cannot read it: {exc.strerror or exc}")
    except StoreError:
        raise
    except Exception as exc:  # the splitter promises never to raise; if it does, skip just this file
        return Prepared(name, skip=f"could not be split ({type(exc).__name__}: {exc})")
    out = Prepared(name, notes=list(page.notes))
    if len(parts) > 1:
        names = "、".join(p.opening_name or "" for p in parts[1:])
        out.notes.append(f"holds {len(parts)} pages; split at the page name {names}")
    for k, part in enumerate(parts):
        if k == 0:
            section = given_section or _heading_name(part.split)
        else:
            number, section = None, part.opening_name
        rec = PageRecord(
            paper=paper,
            date=date,
            number=number,
            section=section,
            source=name,
            source_key=source_key(paper, date, number, section, found.path, k),
            raw=part.raw,
            sha256=_sha(part.raw),
            encoding=page.encoding,
            layout=part.split.layout,
            items=part.split.items,
        )
        ready: dict[str, str] = {}
        if tokens and not (holds and holds(rec.source_key, rec.sha256, paper, date, number, section, name)):
            ready = _precompute(rec)  # a page stored already needs none (its write changes nothing)
        out.pages.append((rec, ready))
    return out


def _precompute(rec: PageRecord) -> dict[str, str]:
    rows = [
        {"kicker": i.kicker, "title": i.title, "subtitle": i.subtitle, "body": i.body, "caption": i.caption}
        for i in rec.items
        if i.kind != "furniture"
    ]
    try:
        return index.precompute(rows)
    except Exception:  # the writer tokenises what is missing itself (and reports what fails there)
        return {}


def write_prepared(store: Store, found: Found, prep: Prepared, report: ImportReport) -> None:
    """Write one prepared file's pages into ``store`` and count them in ``report`` (StoreError stops)."""
    name = prep.name
    if prep.skip is not None:
        report.skipped.append((name, prep.skip))
        return
    if prep.held is not None:
        report.unchanged += 1
        _drop_stale(store, found, name, 1, report)
        return
    report.notes.extend((name, note) for note in prep.notes)
    for rec, ready in prep.pages:
        try:
            if ready:
                index.provide_tokens(ready)
            result = store.write_page(rec)
        except StoreError:
            raise
        except Exception as exc:  # e.g. an index hook failing: the page's transaction was rolled back
            report.skipped.append((name, f"could not be stored ({type(exc).__name__}: {exc})"))
            return
        if result.status == "unchanged":
            report.unchanged += 1
            continue
        report.new += result.status == "new"
        report.replaced += result.status == "replaced"
        report.articles += result.articles
        report.photos += result.photos
    _drop_stale(store, found, name, len(prep.pages), report)


def import_file(store: Store, found: Found, options: Meta, report: ImportReport) -> None:
    """Import one file (one or more pages); a problem with the file is recorded as a skip."""
    write_prepared(store, found, prepare_file(found, options, store.holds), report)


def _drop_stale(store: Store, found: Found, name: str, parts: int, report: ImportReport) -> None:
    dropped = store.drop_stale_parts(file_key(found.path), parts)
    if dropped:
        report.notes.append((name, f"{dropped} page(s) it no longer holds were removed"))


# The process pool: workers read, check, split and tokenise files; the calling process alone writes.
MAX_JOBS = 8
POOL_MIN_FILES = 8  # fewer files are imported inline: starting the workers would cost more than it saves
_worker: dict[str, Any] = {}


def default_jobs() -> int:
    """Processes an import uses by default: one per CPU, at most MAX_JOBS."""
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def _worker_start(db_path: str | None, options: Meta) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it stops the pool
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


def _import_pooled(
    store: Store,
    files: list[Found],
    options: Meta,
    report: ImportReport,
    jobs: int,
    progress: Callable[[int, int, str], None] | None,
) -> None:
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


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    options: Meta | None = None,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    found: tuple[list[Found], list[tuple[str, str]]] | None = None,
    jobs: int | None = None,
    commit_every: int = 100,
) -> ImportReport:
    """Import files and folders into ``store``; a store failure (busy, full, read-only) stops the import.

    Pages are committed ``commit_every`` at a time (or every second), each page whole or absent.

    ``jobs`` processes (default: one per CPU, at most 8) read, split and tokenise the files while
    this process writes them, in file order; with one job or few files it all happens here.
    """
    options = options or Meta()
    files, skipped = found if found is not None else discover(paths)
    report = ImportReport(files=len(files) + len(skipped), skipped=list(skipped))
    jobs = default_jobs() if jobs is None else max(1, jobs)
    try:
        with store.batch(
            pages=max(1, commit_every)
        ):  # pages commit in groups: each whole or absent, far fewer index flushes
            if jobs > 1 and len(files) >= POOL_MIN_FILES:
                _import_pooled(store, files, options, report, min(jobs, len(files)), progress)
            else:
                for i, f in enumerate(files):
                    if progress:
                        progress(i, len(files), str(f.path))
                    try:
                        import_file(store, f, options, report)
                    except StoreError as exc:
                        report.error = str(exc)
                        break
    except StoreError as exc:  # the last group could not be committed
        report.error = report.error or str(exc)
    _uncount(report, store.rolled_back)
    if report.error is None:
        try:
            store.tidy_index(report.pages)
        except StoreError as exc:
            report.error = f"the pages were imported, but merging the search index failed: {exc}"
    if progress:
        progress(len(files), len(files), "")
    return report


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


def build_sample_store(path: Path) -> None:
    """Create the store at ``path`` holding the bundled sample, atomically (no half-built store remains)."""
    from reader.paths import sample_dir

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the store's folder {path.parent}: {exc.strerror or exc}") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{tmp}{suffix}")
    sample = sample_dir()
    # Only the paper folders: the sample's README and jieba dictionary are not pages.
    papers = sorted(p for p in sample.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    with Store.open(tmp) as store:
        report = import_paths(store, papers)
    if report.error:
        raise StoreError(report.error)
    try:
        # link() fails if another first run made the store meanwhile: keep theirs, never swap a file in use.
        os.link(tmp, path)
    except FileExistsError:
        if path.stat().st_size == 0:  # an empty file (touched, or left by a crash) is not a store
            os.replace(tmp, path)
    except OSError:  # a filesystem without hard links
        os.replace(tmp, path)
    with contextlib.suppress(FileNotFoundError):
        os.remove(tmp)
