"""``m`` in the tree: mark the node under the cursor (an article, a whole page or a whole date);
the changes go out as ReadChanged messages, which the main screen gives the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from reader.messages import ReadChanged

if TYPE_CHECKING:
    from reader.models import Article
    from reader.state import State
    from reader.widgets._data import StoreAccess
    from reader.widgets.section_tree import SectionTree
    from reader.widgets.tree_nodes import NodeData


class PageArticles(Message):
    """The articles under a page or date node, read from the store, to be marked ``read``."""

    def __init__(self, articles: list[tuple[Article, int | None]], read: bool, what: str) -> None:
        super().__init__()
        self.articles = articles
        self.read = read
        self.what = what


def mark_article_node(state: State, data: NodeData) -> ReadChanged:
    """Toggle the read mark of the article a tree node stands for; the message tells the tree."""
    read = not state.is_read(data.id)
    counted = not data.photo
    page_id = data.page_id if counted else None
    edition_id = data.edition_id if counted else None
    state.set_read(data.id, read, page_id=page_id, edition_id=edition_id)
    return ReadChanged(data.id, read, page_id=page_id, edition_id=edition_id, counted=counted)


def mark_all(state: State, articles: list[tuple[Article, int | None]], read: bool) -> list[ReadChanged]:
    """Set every article's mark to ``read``; only the changes come back (the counts move by them)."""
    changes: list[ReadChanged] = []
    already = state.read_ids([a.id for a, _ in articles])
    for article, edition_id in articles:
        if (article.id in already) == read:
            continue
        counted = article.kind == "article"
        page_id = article.page_id if counted else None
        edition = edition_id if counted else None
        state.set_read(article.id, read, page_id=page_id, edition_id=edition)
        changes.append(ReadChanged(article.id, read, page_id=page_id, edition_id=edition, counted=counted))
    return changes


class TreeMarker:
    """Mixed into the main screen: ``m`` with the tree focused marks what the cursor is on."""

    access: StoreAccess
    state: State

    def on_section_tree_mark_wanted(self, message: SectionTree.MarkWanted) -> None:
        """``m`` in the tree: the article under the cursor, or every article of its page or date."""
        data = message.data
        if data.kind == "article":
            self.post_message(mark_article_node(self.state, data))  # type: ignore[attr-defined]
            self.notify_mark("Marked read." if self.state.is_read(data.id) else "Marked unread.")
        else:
            # Everything read already: the key undoes it (marks the whole page or date unread).
            self._read_node(data.kind, data.id, data.unread > 0, data.name)

    def notify_mark(self, text: str) -> None:
        """Say what ``m`` did."""
        self.notify(text)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, exit_on_error=False, group="nav")
    def _read_node(self, kind: str, node_id: int, read: bool, name: str) -> None:
        with self.access.connect() as store:
            pages = [p.id for p in store.pages(node_id)] if kind == "edition" else [node_id]
            edition = store.page(pages[0]).edition_id if pages and kind == "page" else node_id  # type: ignore[union-attr]
            articles = [(a, edition) for page_id in pages for a in store.articles(page_id)]
        self.post_message(PageArticles(articles, read, name))  # type: ignore[attr-defined]

    def on_page_articles(self, message: PageArticles) -> None:
        """Mark them and move the tree's marks and counts."""
        for change in mark_all(self.state, message.articles, message.read):
            self.post_message(change)  # type: ignore[attr-defined]
        self.notify_mark(f"{message.what}: all {'read' if message.read else 'unread'}.")
