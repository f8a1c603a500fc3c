"""Plain data that crosses layers: split items, and rows read back from the store.

stdlib only, so every layer (split, store, search, cli, app) can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ItemKind = Literal["article", "photo", "furniture"]


@dataclass(frozen=True)
class Item:
    """One thing found on a page: an article, a photo caption, or page furniture.

    ``body`` holds the article's paragraphs joined by "\\n"; in-article subheads stand in it as
    paragraphs of their own, in place, and are also listed in ``subheads`` (so a reader can tell
    them apart and a search of the body finds them).
    """

    kind: ItemKind
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    subheads: tuple[str, ...] = ()
    body: str = ""
    caption: str = ""
    credit: str = ""
    text: str = ""
    role: str = ""  # furniture only: "page-name", "label", "note", ... ("" when unknown)
    part: str = ""  # a feature's part mark as printed after its headline (e.g. "3"); "" when none
    confidence: float = 1.0  # the splitter's certainty of this item's boundaries and roles (0-1)
    lines: tuple[int, int] = (0, 0)  # first and last raw line (1-based) it came from; (0, 0) unknown

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs (subheads included, in place)."""
        return [p for p in self.body.split("\n") if p]

    def to_json(self) -> dict[str, Any]:
        """The JSONL contract of ``paper-reader split --format jsonl`` (see shared/eval)."""
        out = self._fields()
        out["confidence"] = self.confidence
        if self.lines != (0, 0):
            out["lines"] = list(self.lines)
        return out

    def _fields(self) -> dict[str, Any]:
        if self.kind == "article":
            return {
                "kind": "article",
                "kicker": self.kicker,
                "title": self.title,
                # The part mark follows the title, as printed, so the two read on together.
                **({"part": self.part} if self.part else {}),
                "subtitle": self.subtitle,
                "byline": self.byline,
                "subheads": list(self.subheads),
                "body": self.body,
            }
        if self.kind == "photo":
            return {"kind": "photo", "caption": self.caption, "credit": self.credit}
        out: dict[str, Any] = {"kind": "furniture", "text": self.text}
        if self.role:
            out["role"] = self.role
        return out


@dataclass(frozen=True)
class SplitPage:
    """The result of splitting one page text: its items in reading order."""

    items: tuple[Item, ...]
    layout: str = ""  # "pdf-text", "paragraphs" or "markdown"
    page_name: str = ""  # a page-name line the page itself prints (e.g. 洛阳·县区), if any


@dataclass(frozen=True)
class Paper:
    """A newspaper in the store."""

    id: int
    name: str


@dataclass(frozen=True)
class Edition:
    """One day's issue of a paper; ``date`` is YYYY-MM-DD or None when unknown."""

    id: int
    paper_id: int
    date: str | None
    pages: int = 0
    articles: int = 0


@dataclass(frozen=True)
class Page:
    """One printed page (版) of an edition."""

    id: int
    edition_id: int
    number: int | None
    section: str | None
    source: str
    articles: int = 0


@dataclass(frozen=True)
class Article:
    """An article or photo as stored, with where it stands."""

    id: int
    page_id: int
    position: int
    kind: str
    kicker: str
    title: str
    subtitle: str
    byline: str
    subheads: tuple[str, ...]
    body: str
    caption: str = ""
    credit: str = ""
    paper: str = ""
    date: str | None = None
    page_number: int | None = None
    section: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs (subheads included, in place)."""
        return [p for p in self.body.split("\n") if p]


@dataclass(frozen=True)
class Snippet:
    """A keyword-in-context window with highlight spans (character offsets into ``text``)."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result."""

    article_id: int
    paper: str
    date: str | None
    page: int | None
    section: str | None
    title: str
    hits: int
    score: float
    snippets: tuple[Snippet, ...] = field(default_factory=tuple)
    # Where the terms are, best first: 标题 (kicker, title, subtitle), 正文, 署名 (byline, credit),
    # 图片说明 (caption), 版面 (the page's furniture, found with the page's first article).
    places: tuple[str, ...] = ()
    page_id: int | None = None
    # The pages an article printed across pages (转版) goes on or began on: its hit count covers them.
    other_pages: tuple[int, ...] = ()
