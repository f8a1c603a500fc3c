"""Already-split articles -> pages: placed, grouped by (paper, date, page), assembled, merged, written.

Articles come from the form readers (:mod:`reader.ingest.forms`) one at a time. Each is placed
(paper, date, page, position) from, in order: the command-line options, the record or header
block, the file and folder names, the folder convention. Consecutive articles of the same page
make one group; a group becomes one page whose text is assembled from its articles in position
order, stored with layout "articles" and each article's position. An article of a page the store
holds already (from an earlier import, or earlier in this one) joins it: the stored articles are
kept, and one with the same position is replaced.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.ingest.discover import Found, path_text
from reader.ingest.forms import ArticleIn, Bad, NameMeta, name_meta, read_articles
from reader.ingest.held import held_signals
from reader.ingest.meta import Meta, file_key, folder_meta
from reader.ingest.prepare import ImportReport
from reader.models import Item
from reader.store import PageRecord, Store, StoreError, index, made_ahead

LAYOUT = "articles"
MAX_PAGE_ARTICLES = 1000  # more articles for one page are skipped: no printed page holds so many
UNKNOWN_PAGE_CHUNK = 100  # articles with no page number make pages of this many (in arrival order)
POOL_MIN_BYTES = 1 << 20


@dataclass(frozen=True)
class Placed:
    """An article with where it belongs."""

    paper: str
    date: str | None
    number: int | None
    section: str | None
    position: int | None
    item: Item
    source: str  # the file it came from, as text
    file_id: str  # the file's identity (its real path), for pages keyed by file


def place(a: ArticleIn, names: NameMeta, folder: Meta, options: Meta, file_id: str) -> Placed:
    """Where ``a`` belongs: options, then the record or header, then the names, then the folders."""

    def first(*values: Any) -> Any:
        return next((v for v in values if v is not None), None)

    item = Item(
        kind="article",
        # A column name (专栏) is printed above the headline, where a kicker stands.
        kicker=a.kicker or a.column,
        title=a.title,
        subtitle=a.subtitle,
        byline=a.author,
        body=a.body,
    )
    return Placed(
        paper=first(options.paper, a.paper, names.paper, folder.paper) or "",
        date=first(options.date, a.date, names.date, folder.date),
        number=first(options.number, a.page, names.page, folder.number),
        section=first(options.section, a.section, names.section, folder.section),
        position=first(a.position, names.position),
        item=item,
        source=a.source,
        file_id=file_id,
    )


@dataclass
class Group:
    """Consecutive articles of one page, as (position, item) once :meth:`close` numbered them."""

    key: str
    paper: str
    date: str | None
    number: int | None
    section: str | None
    sources: list[str] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    articles: list[tuple[int, Item]] = field(default_factory=list)

    def close(self) -> Group:
        """Number the articles: a given position stays; a missing one follows the page's highest."""
        nxt = max((p.position for p in self.placed if p.position is not None), default=0) + 1
        by_position: dict[int, Item] = {}
        for p in self.placed:
            if p.position is None:
                by_position[nxt] = p.item
                nxt += 1
            else:
                by_position[p.position] = p.item  # the same position again: the later one stands
        self.articles = sorted(by_position.items(), key=lambda pi: pi[0])
        self.placed = []
        return self


def page_key(paper: str, date: str | None, number: int | None, file_id: str, chunk: int) -> str:
    """A page's identity: (paper, date, number) when the number is known, else its file and chunk."""
    if number is not None:
        return json.dumps([paper, date, number, None], ensure_ascii=False)
    return f"{file_id}#articles|{paper}|{date or ''}|{chunk}"


def group_pages(placed: Iterable[Placed], on_bad: Callable[[Bad], None]) -> Iterator[Group]:
    """Consecutive articles of the same page as one group each (a page seen again makes a new group)."""
    current: Group | None = None
    chunks: dict[tuple[str, str, str | None], int] = {}
    for p in placed:
        if p.number is None:
            ck = (p.file_id, p.paper, p.date)
            n = chunks.get(ck, 0)
            chunks[ck] = n + 1
            key = page_key(p.paper, p.date, None, p.file_id, n // UNKNOWN_PAGE_CHUNK)
        else:
            key = page_key(p.paper, p.date, p.number, p.file_id, 0)
        if current is None or current.key != key:
            if current is not None:
                yield current.close()
            current = Group(key, p.paper, p.date, p.number, p.section)
        if len(current.placed) >= MAX_PAGE_ARTICLES:
            on_bad(Bad(p.source, 0, f"page already holds {MAX_PAGE_ARTICLES} articles"))
            continue
        current.placed.append(p)
        if p.source not in current.sources:
            current.sources.append(p.source)
        current.section = current.section or p.section
    if current is not None:
        yield current.close()


def assemble(items: Sequence[Item]) -> str:
    """A page's text from its articles: headline lines, byline, then paragraphs indented with 　　;
    a blank line between articles."""
    blocks = []
    for it in items:
        lines = [x for x in (it.kicker, it.title, it.subtitle, it.byline) if x]
        lines += ["\u3000\u3000" + p for p in it.paragraphs]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _source(sources: list[str]) -> str:
    if len(sources) == 1:
        return sources[0]
    parents = {str(Path(s).parent) for s in sources}
    return parents.pop() if len(parents) == 1 else sources[0]


def page_record(
    group: Group, stored: Sequence[tuple[int, Item]] = (), section: str | None = None
) -> PageRecord:
    """The page ``group`` makes, joined to the articles ``stored`` for it (theirs replaced by position)."""
    merged = dict(stored)
    merged.update(group.articles)
    order = sorted(merged)
    items = tuple(merged[p] for p in order)
    raw = assemble(items)
    return PageRecord(
        paper=group.paper,
        date=group.date,
        number=group.number,
        section=group.section or section,
        source=_source(group.sources),
        source_key=group.key,
        raw=raw,
        sha256=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding="utf-8",
        layout=LAYOUT,
        items=items,
        positions=tuple(order),
    )


def with_tokens(rec: PageRecord) -> PageRecord:
    """``rec`` with its index tokens, line map and packed text made (the work an import's worker
    processes share, so the one writer has less of it)."""
    # The fields the writer indexes (store.write.insert_items): the byline, caption and credit too,
    # and the page's furniture with its first article.
    rows: list[dict[str, Any]] = [
        {
            "kicker": i.kicker,
            "title": i.title,
            "subtitle": i.subtitle,
            "body": i.body,
            "byline": i.byline,
            "caption": i.caption,
            "credit": i.credit,
        }
        for i in rec.items
        if i.kind != "furniture"
    ]
    if rows:
        rows[0]["furniture"] = "\n".join(i.text for i in rec.items if i.kind == "furniture")
    return made_ahead(replace(rec, tokens=tuple(index.precompute(rows))))


def _stored_items(store: Store, page_id: int) -> list[tuple[int, Item]]:
    return [
        (
            a.position,
            Item(
                kind="photo" if a.kind == "photo" else "article",
                kicker=a.kicker,
                title=a.title,
                subtitle=a.subtitle,
                byline=a.byline,
                subheads=a.subheads,
                body=a.body,
                caption=a.caption,
                credit=a.credit,
            ),
        )
        for a in store.articles(page_id)
    ]


def write_group(store: Store, group: Group, rec: PageRecord, report: ImportReport) -> None:
    """Write a group's page, joined to what the store holds for that page; count it (StoreError stops)."""
    held = store.page_by_key(group.key)
    if held is not None:
        page_id, layout, section = held
        if layout == LAYOUT:
            stored = _stored_items(store, page_id)
            if {p for p, _ in stored} - set(rec.positions):  # the store holds more of this page
                rec = page_record(group, stored, section)
            elif rec.section is None and section is not None:
                rec = replace(rec, section=section)
        else:
            report.notes.append((rec.source, "replaced a page imported as page text by its articles"))
    with held_signals():  # the page and its count together: an interrupt comes between pages
        try:
            result = store.write_page(rec)
        except StoreError:
            raise
        except Exception as exc:  # e.g. an index hook failing: the page's transaction was rolled back
            report.skipped.append((rec.source, f"could not be stored ({type(exc).__name__}: {exc})"))
            return
        if result.status == "unchanged":
            report.unchanged += 1
            return
        report.new += result.status == "new"
        report.replaced += result.status == "replaced"
        report.articles += result.articles
        report.photos += result.photos


def placed_articles(
    files: Sequence[tuple[Found, str]],
    options: Meta,
    mapping: dict[str, str],
    report: ImportReport,
    at: list[int],
    stop: threading.Event | None = None,
) -> Iterator[Placed]:
    """Every article of ``files`` (each with its form), placed; skipped records go to ``report.bad``.

    ``at[0]`` follows how many bytes of the files have been read, for a progress bar.
    """
    done = 0
    for found, form in files:
        if stop is not None and stop.is_set():
            return
        source = path_text(found.path)
        base = done

        def advance(pos: int, base: int = base) -> None:
            at[0] = base + pos

        try:
            size = found.path.stat().st_size
        except OSError:
            size = 0
        try:
            names = name_meta(found.path, found.root)
            # The folder convention adds nothing to a full crawler name but its paper (and costs a path walk).
            full = names.paper is not None and names.date is not None and names.page is not None
            folder = Meta() if full else folder_meta(found.path, found.root)
            fid = ""  # the file's real path: only pages with no number need it
            for a in read_articles(found.path, form, source, mapping, advance):
                if isinstance(a, Bad):
                    report.bad.append((a.where, a.reason))
                    continue
                p = place(a, names, folder, options, fid)
                if p.number is None:
                    fid = fid or file_key(found.path)
                    p = replace(p, file_id=fid)
                yield p
        except Exception as exc:  # one unreadable file never stops the import
            report.bad.append((source, f"could not be read ({type(exc).__name__}: {exc})"))
        done += size
        at[0] = done
