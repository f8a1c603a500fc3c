"""The actions on the open article that every screen showing one offers: read mark, bookmark, copy."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from reader.safe import visible
from reader.text.labels import citation
from reader.widgets._data import mark_read
from reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.messages import ReadChanged
    from reader.models import Article
    from reader.state import State


NO_ARTICLE = "Open an article first (Enter on one in the tree)."


def article_as_text(article: Article) -> str:
    """An article as plain text for the clipboard, ending with its citation."""
    head = [article.kicker, article.title, article.subtitle, article.byline]
    body = "\n".join(p for p in article.paragraphs)
    parts = [h for h in head if h] + ([body] if body else []) + ([article.caption] if article.caption else [])
    # Control bytes made visible: a pasted article must not drive the terminal it lands in.
    return visible("\n".join(parts) + f"\n\n—— {citation(article)}\n")


class ArticleActions:
    """Mixed into a Screen that holds an ArticleView: ``m``, ``B`` and ``y`` act on its article.

    The screens keep their own Binding declarations (their ids are what users remap); only the
    behaviour lives here. A screen says where a read-mark change goes with ``deliver_read_change``.
    """

    state: State

    def deliver_read_change(self, change: ReadChanged) -> None:
        """Where a read-mark change goes (the tree, or the app); the screen decides."""
        self._screen.app.post_message(change)

    @property
    def _screen(self) -> Screen[object]:
        return cast("Screen[object]", self)

    def _open_article(self) -> Article | None:
        """The open article, or None after saying that there is none (a key never does nothing silently)."""
        article = self._screen.query_one(ArticleView).article
        if article is None:
            self._screen.notify(NO_ARTICLE)
        return article

    def action_toggle_read(self) -> None:
        """``m``: mark the open article read or unread."""
        view = self._screen.query_one(ArticleView)
        if self._open_article() is None or view.article is None:
            return
        read = not self.state.is_read(view.article.id)
        self.deliver_read_change(mark_read(self.state, view.article, read, view.edition_id))
        self._screen.notify("Marked read." if read else "Marked unread.")

    def action_bookmark(self) -> None:
        """``B``: bookmark the open article, or remove its bookmark."""
        article = self._open_article()
        if article is None:
            return
        added = self.state.toggle_bookmark(article.id, citation(article))
        self._screen.notify("Bookmarked." if added else "Bookmark removed.")
        self._screen.refresh_bindings()

    def action_copy(self) -> None:
        """``y``: copy the article with its citation to the clipboard (OSC 52, works over SSH)."""
        article = self._open_article()
        if article is None:
            return
        self._screen.app.copy_to_clipboard(article_as_text(article))
        self._screen.notify("Copied the article with its citation.")
