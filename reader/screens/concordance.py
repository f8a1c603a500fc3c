"""The concordance of the search's query: one aligned line per occurrence; ``l`` / ``r`` / ``d`` sort
by left context, right context or date; Enter opens the article on that very hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.safe import visible_line
from reader.state import State
from reader.widgets._data import StoreAccess, post_if_wanted
from reader.widgets.header_line import HeaderLine

if TYPE_CHECKING:
    from reader.search.kwic import Concordance, Line

LIMIT = 2000  # lines read for the screen (the CLI gives every line)
SORT_NAMES = {"date": "newest first", "left": "by left context", "right": "by right context"}


def context_width(cells: int) -> int:
    """Characters of context either side that fit a screen ``cells`` wide (CJK: two cells each)."""
    return max(4, (cells - 22) // 4)


class ConcordanceScreen(Screen[None]):
    """Keyword in context for one query."""

    BINDINGS = [
        Binding("escape", "back", "Results", id="kwic_back"),
        Binding("l", "sort('left')", "Sort left", id="kwic_sort_left"),
        Binding("r", "sort('right')", "Sort right", id="kwic_sort_right"),
        Binding("d", "sort('date')", "By date", id="kwic_sort_date"),
        Binding("enter", "open", "Open", show=False, id="kwic_open"),
    ]

    DEFAULT_CSS = """
    ConcordanceScreen > OptionList, ConcordanceScreen > OptionList:focus { height: 1fr; border: none; padding: 0; }
    """

    class Ready(Message):
        """The concordance was read (posted by the worker)."""

        def __init__(self, result: Concordance | None, error: str | None = None) -> None:
            super().__init__()
            self.result = result
            self.error = error

    def __init__(self, access: StoreAccess, state: State, query: str) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.query_text = query
        self.sort = "date"
        self.lines: list[Line] = []
        self.by_date: list[Line] = []
        self.articles = 0

    def compose(self) -> ComposeResult:
        """Header, the summary line, the lines, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        yield Static("Reading the concordance…", id="kwic-summary", markup=False)
        yield OptionList(id="kwic-lines")
        yield Footer()

    def on_mount(self) -> None:
        """Read the lines in a worker."""
        self.query_one(OptionList).focus()
        self._read(context_width(self.app.size.width))

    @work(thread=True, exclusive=True, exit_on_error=False, group="kwic")
    def _read(self, width: int) -> None:
        try:
            from reader import tokens
            from reader.search.kwic import kwic

            tokens.ensure_loaded()
            with self.access.connect() as store:
                result = kwic(store, self.query_text, width=width, limit=LIMIT)
        except Exception as exc:  # one line, never a crash
            self.post_message(self.Ready(None, f"{type(exc).__name__}: {exc}"))
            return
        post_if_wanted(self, self.Ready(result))

    def on_concordance_screen_ready(self, message: Ready) -> None:
        """Show the lines (or why there are none)."""
        summary = self.query_one("#kwic-summary", Static)
        if message.result is None or message.result.message:
            error = message.error if message.result is None else message.result.message
            summary.update(visible_line(f"No concordance: {error}"))
            return
        self.by_date = list(message.result.lines)
        self.lines = list(self.by_date)
        self.articles = message.result.articles
        self._show()

    def _show(self) -> None:
        from reader.search.kwic import aligned, sort_key

        # The library reads them newest first; the other orders are sorts of that list.
        self.lines = (
            list(self.by_date) if self.sort == "date" else sorted(self.by_date, key=sort_key(self.sort))
        )
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(t, id=str(i)) for i, t in enumerate(aligned(self.lines, short=True))])
        if self.lines:
            listing.highlighted = 0
        noun = "line" if len(self.lines) == 1 else "lines"
        self.query_one("#kwic-summary", Static).update(
            visible_line(
                f"{self.query_text} · {len(self.lines)} {noun} from {self.articles} articles · {SORT_NAMES[self.sort]}"
            )
        )

    def action_sort(self, sort: str) -> None:
        """``l`` / ``r`` / ``d``: sort by the left context, the right context, or date."""
        self.sort = sort
        if self.by_date:
            self._show()

    @property
    def current(self) -> Line | None:
        """The line under the cursor."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not self.lines:
            return None
        return self.lines[listing.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: the article, on this very hit."""
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the article of the line under the cursor, scrolled to its hit."""
        line = self.current
        if line is None:
            return
        from reader.screens.read import ReadScreen

        self.app.push_screen(
            ReadScreen(
                self.access,
                self.state,
                [line.article_id],
                0,
                self.query_text,
                target=(line.place, line.start),
            )
        )

    def action_back(self) -> None:
        """Escape: back to the search results."""
        self.app.pop_screen()
