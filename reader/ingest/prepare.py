"""One file at a time: read it, split it into pages, make their records; then write them and count.

Preparing (no writes) runs in the import's worker processes or inline; writing runs in the one
process that holds the store open for writing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reader.ingest.corrections import reapply
from reader.ingest.discover import Found, path_text
from reader.ingest.held import held_signals
from reader.ingest.meta import Meta, file_key, folder_meta, source_key
from reader.models import SplitPage
from reader.split import split_text
from reader.store import PageRecord, Store, StoreError, index
from reader.store.write import made_ahead
from reader.text.decode import NotText, read_page


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


def split_parts(text: str, method: str = "learned") -> list[Part]:
    """Split a file's text into pages at page-name lines that stand between two pages' articles."""
    whole = split_text(text, method)
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
        parts.append(Part(raw, split_text(raw, method), cuts[k - 1][0] if k else None))
    return parts


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C (or the caller's SIGTERM handler) stopped an import; ``report`` counts the pages kept."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"interrupted: {report.pages} page(s) kept")
        self.report = report


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
    forms: dict[str, int] = field(default_factory=dict)  # files read, by form (see ingest.forms)
    bad: list[tuple[str, str]] = field(default_factory=list)  # records skipped: ("file:line", why)

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
    pages: list[PageRecord] = field(default_factory=list)


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
    """Read, check and split one file into its page records (no writes); ``tokens``: with index
    tokens, line maps and packed texts made ahead (:func:`reader.store.write.made_ahead`).

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
        parts = split_parts(page.text, options.split)
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
        if tokens and not (holds and holds(rec.source_key, rec.sha256, paper, date, number, section, name)):
            # A page stored already needs none of it. The rest of the writer's own work on a new
            # page (its line map, its text packed) is done here too, in a worker, not in the one
            # writing process.
            rec = made_ahead(replace(rec, tokens=_precompute(rec)))
        out.pages.append(rec)
    return out


def _precompute(rec: PageRecord) -> tuple[index.Tokens, ...]:
    keys = ("kicker", "title", "subtitle", "body", "byline", "caption", "credit")
    rows: list[dict[str, str]] = [
        {k: getattr(i, k) for k in keys} for i in rec.items if i.kind != "furniture"
    ]
    if rows:  # as the writer does: the page's furniture goes with its first article
        rows[0]["furniture"] = "\n".join(i.text for i in rec.items if i.kind == "furniture")
    try:
        return tuple(index.precompute(rows))
    except Exception:  # the writer tokenises what is missing itself (and reports what fails there)
        return ()


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
    for rec in prep.pages:
        with held_signals():  # the page and its count together: an interrupt comes between pages
            if not _write_one(store, rec, name, report):
                return
    _drop_stale(store, found, name, len(prep.pages), report)


def _write_one(store: Store, rec: PageRecord, name: str, report: ImportReport) -> bool:
    """Write one page and count it; False when it could not be stored (the file is skipped)."""
    try:
        rec, correction, note = reapply(store, rec)
        result = store.write_page(rec)
        if correction is not None:
            store.record_correction(replace(correction, page_id=result.page_id))
        if note:
            report.notes.append((name, f"page {result.page_id}: {note} (paper-reader check)"))
    except StoreError:
        raise
    except Exception as exc:  # e.g. an index hook failing: the page's transaction was rolled back
        report.skipped.append((name, f"could not be stored ({type(exc).__name__}: {exc})"))
        return False
    if result.status == "unchanged":
        report.unchanged += 1
        return True
    report.new += result.status == "new"
    report.replaced += result.status == "replaced"
    if result.status == "new":
        _note_copies(store, result.page_id, name, report)
    report.articles += result.articles
    report.photos += result.photos
    return True


def import_file(store: Store, found: Found, options: Meta, report: ImportReport) -> None:
    """Import one file (one or more pages); a problem with the file is recorded as a skip."""
    write_prepared(store, found, prepare_file(found, options, store.holds), report)


def _note_copies(store: Store, page_id: int, name: str, report: ImportReport) -> None:
    """Say when the same text was stored already under other metadata (e.g. a renamed date folder)."""
    others = store.copies(page_id)
    if others:
        other_id, source = others[0]
        report.notes.append(
            (
                name,
                f"the same text is stored already as page {other_id} (from {source}); "
                "if that file was moved or renamed, paper-reader prune removes the old page",
            )
        )


def _drop_stale(store: Store, found: Found, name: str, parts: int, report: ImportReport) -> None:
    dropped = store.drop_stale_parts(file_key(found.path), parts)
    if dropped:
        report.notes.append((name, f"{dropped} page(s) it no longer holds were removed"))
