"""Filtering the section tree: by paper, by words in article titles, by a range of dates.

``paper:洛阳 2020-05..2020-06 牡丹`` keeps the papers whose name holds 洛阳, their issues from May to
June 2020, and of those only the issues, pages and articles whose titles hold 牡丹.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.models import Article, Paper
    from reader.store.api import Store

_BOUND = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_RANGE = re.compile(rf"(?:date:)?({_BOUND})?(\.\.)?({_BOUND})?")


@dataclass(frozen=True)
class TreeFilter:
    """What the tree shows: a paper name part, title words (all of them), a date range (inclusive)."""

    paper: str = ""
    words: tuple[str, ...] = ()
    first: str | None = None
    last: str | None = None
    text: str = field(default="", compare=False)

    @property
    def empty(self) -> bool:
        """Whether it lets everything through."""
        return not (self.paper or self.words or self.first or self.last)

    def keeps_paper(self, paper: Paper) -> bool:
        """Whether the paper's name holds the paper part (ignoring case)."""
        return self.paper.casefold() in paper.name.casefold()

    def keeps_date(self, day: str | None) -> bool:
        """Whether an issue of this date is in the range (an unknown date is in no range)."""
        if self.first is None and self.last is None:
            return True
        if not day:
            return False
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def keeps_title(self, article: Article) -> bool:
        """Whether the article's title (a photo's caption) holds every word (ignoring case)."""
        title = (article.title or article.caption or "").casefold()
        return all(w.casefold() in title for w in self.words)


def _bound(text: str, upper: bool) -> str:
    """A date bound as a text to compare dates with: ``2020-5`` -> ``2020-05`` (or ``2020-05~``)."""
    parts = text.split("-")
    padded = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
    return padded + "~" if upper else padded  # "~" sorts after every digit: the whole month or year


def parse_tree_filter(text: str) -> TreeFilter:
    """``paper:NAME``, a date or range (``2020``, ``2020-05``, ``2020-05-02..2020-06``, ``..2020``),
    and title words, in any order; what is neither a paper nor a date is a title word."""
    paper, words, first, last = "", [], None, None
    for token in text.split():
        if token.startswith(("paper:", "报:")):
            paper = token.split(":", 1)[1]
            continue
        m = _RANGE.fullmatch(token)
        if m and (m.group(1) or m.group(3)):
            low, dots, high = m.groups()
            if dots:
                first = _bound(low, False) if low else None
                last = _bound(high, True) if high else None
            else:
                first, last = _bound(low, False), _bound(low, True)
            continue
        words.append(token)
    return TreeFilter(paper, tuple(words), first, last, text=" ".join(text.split()))


def matching(
    store: Store, tree_filter: TreeFilter, paper_id: int, edition_id: int | None = None
) -> tuple[set[int], set[int]]:
    """The issues and pages of a paper (or of one of its issues) holding an article whose title has
    every word."""
    clauses = " AND ".join(
        "instr(lower(coalesce(nullif(a.title, ''), a.caption, '')), lower(?)) > 0" for _ in tree_filter.words
    )
    rows = store.db.conn.execute(
        "SELECT DISTINCT p.edition_id, p.id FROM editions e JOIN pages p ON p.edition_id = e.id "
        f"JOIN articles a ON a.page_id = p.id WHERE e.paper_id = ? AND e.id = coalesce(?, e.id) "
        f"AND {clauses or '1'}",
        [paper_id, edition_id, *tree_filter.words],
    ).fetchall()
    return {r[0] for r in rows}, {r[1] for r in rows}


def filter_children(
    store: Store, tree_filter: TreeFilter, kind: str, node_id: int, children: list[Any]
) -> list[Any]:
    """The children of a tree node (papers, issues, pages, articles) that the filter keeps."""
    from reader.models import Article, Edition, Page, Paper

    if tree_filter.empty:
        return children
    if kind == "root":
        return [p for p in children if isinstance(p, Paper) and tree_filter.keeps_paper(p)]
    if kind == "paper":
        editions = [e for e in children if isinstance(e, Edition) and tree_filter.keeps_date(e.date)]
        if tree_filter.words:
            issues, _ = matching(store, tree_filter, node_id)
            editions = [e for e in editions if e.id in issues]
        return list(editions)
    if kind == "edition" and tree_filter.words:
        edition = store.edition(node_id)
        _, pages = matching(store, tree_filter, edition.paper_id, node_id) if edition else (set(), set())
        return [p for p in children if isinstance(p, Page) and p.id in pages]
    if kind == "page" and tree_filter.words:
        return [a for a in children if isinstance(a, Article) and tree_filter.keeps_title(a)]
    return children
