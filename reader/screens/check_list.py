"""Pages to check: the pages nobody reviewed, lowest split confidence first; Enter opens the page
view, and after saving there ``n`` goes on to the next page of the list."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from reader.safe import visible_line
from reader.text.labels import date_label, page_label, paper_label
from reader.widgets._data import StoreAccess, post_if_wanted, report_worker_error

LIMIT = 200


def row_text(page: Any) -> Text:
    """One list row: confidence, paper · date · page, and why it is marked (if it is)."""
    conf = f"{page.confidence:.2f}" if page.confidence is not None else "  ? "
    where = f"{paper_label(page.paper)} · {date_label(page.date)} · {page_label(page.number, page.section)}"
    text = Text(f"{conf}  ")
    text.append(visible_line(where))
    if page.review:
        text.append(" · review: " + visible_line(page.review), style="bold")
    return text


class CheckListScreen(Screen[None]):
    """The pages to check (``c`` on the main screen, or the command palette)."""

    DEFAULT_CSS = """
    CheckListScreen #check-title { height: 1; padding: 0 1; text-style: bold; }
    CheckListScreen OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="check_close"),
        Binding("j", "cursor('down')", "Down", show=False, id="check_down"),
        Binding("k", "cursor('up')", "Up", show=False, id="check_up"),
    ]

    class Loaded(Message):
        """The list arrived from the store."""

        def __init__(self, pages: list[Any]) -> None:
            super().__init__()
            self.pages = pages

    def __init__(self, access: StoreAccess) -> None:
        super().__init__()
        self.access = access
        self.pages: list[Any] = []

    def compose(self) -> ComposeResult:
        """A title, the list, the footer."""
        yield Static("Pages to check", id="check-title", markup=False)
        yield OptionList(id="check-list")
        yield Footer()

    def on_mount(self) -> None:
        """Load the list."""
        self.query_one(OptionList).focus()
        self._load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read failed: one line."""
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def _load(self) -> None:
        with self.access.connect() as store:
            pages = store.pages_to_check(LIMIT)
        post_if_wanted(self, self.Loaded(pages))

    def on_check_list_screen_loaded(self, message: Loaded) -> None:
        """Fill the list (keeping the cursor's place)."""
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        self.pages = message.pages
        options.clear_options()
        for page in self.pages:
            options.add_option(Option(row_text(page), id=str(page.page_id)))
        title = f"Pages to check · {len(self.pages)} · lowest split confidence first · Enter: page view"
        if not self.pages:
            title = "Pages to check · none: every page has been reviewed"
        self.query_one("#check-title", Static).update(title)
        if options.option_count:
            options.highlighted = min(keep, options.option_count - 1)

    def action_cursor(self, direction: str) -> None:
        """j / k move in the list."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_close(self) -> None:
        """Escape: back to the main screen."""
        self.app.pop_screen()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: the page view of that page; the pages after it wait behind ``n``."""
        from reader.screens.page_view import PageViewScreen

        ids = [p.page_id for p in self.pages]
        at = event.option_index
        screen = PageViewScreen(self.access, ids[at], queue=ids[at + 1 :])
        self.app.push_screen(screen, callback=self._back)

    def _back(self, saved: bool | None) -> None:
        """Back from the page view: reviewed pages leave the list."""
        self._load()
