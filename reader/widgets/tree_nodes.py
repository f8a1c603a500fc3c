"""The section tree's nodes: what each stands for, its label, and the names of papers, dates and pages.

No Textual here: the labels are rich Text, built from store rows, so they are unit-testable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from rich.text import Text

from reader.models import Article, Edition, Page
from reader.safe import visible_line
from reader.text.labels import page_label

NodeKind = Literal["root", "paper", "year", "edition", "page", "article", "subhead"]
# A paper with more dates than this groups them by year, so no expansion adds thousands of lines.
YEAR_GROUPING = 40
UNREAD = "● "
READ = "  "


@dataclass
class NodeData:
    """What a tree node stands for, and the counts its label shows."""

    kind: NodeKind
    id: int
    name: str = ""
    total: int = 0
    read: int = 0
    loaded: bool = False
    photo: bool = False
    subhead: int = -1
    page_id: int | None = None
    edition_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def unread(self) -> int:
        """Articles not yet read under this node."""
        return max(self.total - self.read, 0)


def label(data: NodeData) -> Text:
    """A node's label: plain Text (never markup), with its unread count or mark."""
    if data.kind == "article":
        text = Text(READ if data.read else UNREAD, style="bold" if not data.read else "")
        if data.photo:
            text.append("［图］", style="italic")
        text.append(data.name, style="" if data.read else "bold")
        return text
    if data.kind == "subhead":
        return Text("§ " + data.name, style="italic")
    text = Text(data.name)
    if data.kind in ("year", "edition", "page") and data.unread:
        text.append(f" ({data.unread})", style="bold")
    return text


def by_year(editions: list[Edition]) -> tuple[dict[str, list[Edition]], list[Edition]]:
    """Dated editions grouped by year (in the order given), and the editions of unknown date."""
    years: dict[str, list[Edition]] = {}
    undated: list[Edition] = []
    for edition in editions:
        if edition.date:
            years.setdefault(edition.date[:4], []).append(edition)
        else:
            undated.append(edition)
    return years, undated


def page_name(page: Page) -> str:
    """A page's name in the tree, as everywhere: 第3版 要闻, 洛阳·县区, or 版次不详 #12."""
    return page_label(page.number, page.section, page_id=page.id)


def article_name(article: Article) -> str:
    """An article's name in the tree: its title (a photo's caption), at most 60 characters."""
    title = article.title if article.kind != "photo" else (article.caption or article.title)
    return visible_line(title or "（无题）")[:60]
