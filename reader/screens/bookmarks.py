"""The bookmarks list: Enter opens one in the main screen, ``d`` removes it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.safe import visible_line
from reader.state import State


class BookmarksScreen(ModalScreen[int | None]):
    """Pick a bookmark; dismisses with the article id (or None)."""

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    BookmarksScreen > Vertical { width: 90%; max-width: 90; height: 80%; border: round $accent; background: $surface; }
    BookmarksScreen #bookmarks-title { text-style: bold; padding: 0 1; }
    BookmarksScreen OptionList { height: 1fr; border: none; }
    BookmarksScreen OptionList > .option-list--option-highlighted {
        background: transparent; color: $foreground; text-style: reverse;
    }
    """

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="bookmarks_close"),
        Binding("j", "cursor('down')", "Down", show=False, id="bookmarks_down"),
        Binding("k", "cursor('up')", "Up", show=False, id="bookmarks_up"),
        Binding("enter", "open", "Open", id="bookmarks_open"),
        Binding("d,delete", "remove", "Remove", id="bookmarks_remove"),
    ]

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        """A title and the list."""
        with Vertical():
            yield Static("Bookmarks", id="bookmarks-title")
            yield OptionList(id="bookmark-list")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list."""
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for bookmark in self.state.bookmarks():
            options.add_option(Option(Text(visible_line(bookmark.label)), id=str(bookmark.article_id)))
        if options.option_count:
            options.highlighted = 0

    def action_cursor(self, direction: str) -> None:
        """j / k move in the list."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_open(self) -> None:
        """Enter: open the highlighted bookmark."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(int(option.id))

    def action_remove(self) -> None:
        """Remove the highlighted bookmark."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.state.remove_bookmark(int(option.id))
            self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the bookmarked article."""
        if event.option.id is not None:
            self.dismiss(int(event.option.id))
