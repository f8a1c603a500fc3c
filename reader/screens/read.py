"""An article opened from the search results: every hit highlighted, ``n`` / ``N`` step through them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from reader.screens._data import StoreAccess, mark_read
from reader.state import State
from reader.widgets.article_text import Highlighter, citation
from reader.widgets.article_view import ArticleView
from reader.widgets.header_line import HeaderLine


def query_highlighter(query: str) -> Highlighter:
    """Spans of ``query`` in a text, from reader.search (the words that matched are the words shown)."""
    from reader.search import highlight

    def spans(text: str) -> list[tuple[int, int]]:
        return [(start, end) for start, end, *_ in highlight(text, query)]

    return spans


class ReadScreen(Screen[None]):
    """One article, full width, with the query's hits; Escape goes back to the results."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Results", id="read_back"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="read_toggle_read"),
        Binding("B", "bookmark", "Bookmark", show=False, id="read_bookmark"),
        Binding("y", "copy", "Copy", show=False, id="read_copy"),
    ]

    def __init__(self, access: StoreAccess, state: State, article_id: int, query: str) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.article_id = article_id
        self.query_text = query

    def compose(self) -> ComposeResult:
        """Header line, the article, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        yield ArticleView(self.access, id="article")
        yield Footer()

    def on_mount(self) -> None:
        """Read the article and put the view on the first hit."""
        view = self.query_one(ArticleView)
        view.focus()
        view.open(self.article_id, highlighter=query_highlighter(self.query_text))

    def on_article_view_opened(self, message: ArticleView.Opened) -> None:
        """Mark it read, say where it stands and how many hits it has."""
        article = message.article
        header = self.query_one(HeaderLine)
        header.show_article(article)
        if not self.query_one(ArticleView).hits:
            header.show_extra(f"no hits for {self.query_text}")
        if not self.state.is_read(article.id):
            self.app.post_message(mark_read(self.state, article, True, message.edition_id))

    def on_article_view_hit_moved(self, message: ArticleView.HitMoved) -> None:
        """Say which hit the view is on."""
        self.query_one(HeaderLine).show_extra(f"hit {message.index + 1}/{message.total}")

    def action_toggle_read(self) -> None:
        """``m``: mark read or unread."""
        view = self.query_one(ArticleView)
        if view.article is None:
            return
        read = not self.state.is_read(view.article.id)
        self.app.post_message(mark_read(self.state, view.article, read, view.edition_id))
        self.notify("Marked read." if read else "Marked unread.")

    def action_bookmark(self) -> None:
        """``B``: bookmark the article, or remove its bookmark."""
        article = self.query_one(ArticleView).article
        if article is not None:
            added = self.state.toggle_bookmark(article.id, citation(article))
            self.notify("Bookmarked." if added else "Bookmark removed.")

    def action_copy(self) -> None:
        """``y``: copy the article with its citation."""
        from reader.screens.main import article_as_text

        article = self.query_one(ArticleView).article
        if article is not None:
            self.app.copy_to_clipboard(article_as_text(article))
            self.notify("Copied the article with its citation.")
