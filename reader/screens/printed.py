"""``p``: the page as printed — all its articles in order in one pane; Enter opens the one on top."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker

from reader.models import Article
from reader.widgets._data import StoreAccess, post_if_wanted, report_worker_error
from reader.widgets.header_line import HeaderLine
from reader.widgets.printed_page import PrintedPage


class PrintedPageScreen(Screen[int | None]):
    """One page's articles one after another; dismisses with the article to open (None: just back)."""

    BINDINGS = [
        Binding("escape,p", "back", "Back", id="printed_back"),
        Binding("enter", "open", "Open", id="printed_open"),
    ]

    class Loaded(Message):
        """The page's articles were read from the store (posted by the loading worker)."""

        def __init__(self, articles: list[Article]) -> None:
            super().__init__()
            self.articles = articles

    def __init__(self, access: StoreAccess, page_id: int, article_id: int | None = None) -> None:
        super().__init__()
        self.access = access
        self.page_id = page_id
        self.article_id = article_id  # put this one on top first

    def compose(self) -> ComposeResult:
        """Header line, the page, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        yield PrintedPage(id="printed")
        yield Footer()

    def on_mount(self) -> None:
        """Read the page."""
        self.query_one(PrintedPage).focus()
        self._load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store read failed: one line to the user."""
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="nav")
    def _load(self) -> None:
        with self.access.connect() as store:
            articles = store.articles(self.page_id)
        post_if_wanted(self, self.Loaded(articles))

    def on_printed_page_screen_loaded(self, message: Loaded) -> None:
        """Show the page, the article asked for on top."""
        articles = message.articles
        header = self.query_one(HeaderLine)
        if not articles:
            header.show_extra("this page has no articles")
            return
        header.show_article(articles[0])
        ids = [a.id for a in articles]
        index = ids.index(self.article_id) if self.article_id in ids else 0
        self.query_one(PrintedPage).show(articles, index)

    def on_printed_page_moved(self, message: PrintedPage.Moved) -> None:
        """Say which article is on top."""
        self.query_one(HeaderLine).show_extra(f"as printed · article {message.index + 1}/{message.total}")

    def action_back(self) -> None:
        """Escape (or ``p`` again): back where the reader was."""
        self.dismiss(None)

    def action_open(self) -> None:
        """Enter: open the article on top in the article pane."""
        page = self.query_one(PrintedPage)
        if page.articles:
            self.dismiss(page.articles[page.index].id)
