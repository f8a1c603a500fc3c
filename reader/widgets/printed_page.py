"""The page as printed: all of a page's articles in reading order, one after another, in one pane."""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import Static

from reader.models import Article
from reader.text.layout import measure
from reader.widgets.article_text import STYLE_META, render_article
from reader.widgets.scrolling import ImmediateScroll


def printed_lines(articles: list[Article], pane_width: int) -> tuple[list[Text], list[int]]:
    """The page's articles set for ``pane_width``, each with its headline block, a rule between them;
    and the line each article starts on."""
    lines: list[Text] = []
    starts: list[int] = []
    rule = Text("─" * min(measure(pane_width), 40), style=STYLE_META)
    for index, article in enumerate(articles):
        if index:
            lines += [Text(), rule, Text()]
        starts.append(len(lines))
        lines += render_article(article, pane_width).lines
    return lines, starts


class PrintedPage(ImmediateScroll, VerticalScroll, can_focus=True):
    """A page's articles one after another; ``[`` / ``]`` go to the previous / next one."""

    DEFAULT_CSS = """
    PrintedPage { padding: 0 1; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    PrintedPage > Static { width: auto; height: auto; }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="printed_down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="printed_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="printed_page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="printed_page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="printed_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="printed_bottom"),
        Binding("left_square_bracket", "step(-1)", "Prev", id="printed_previous"),
        Binding("right_square_bracket", "step(1)", "Next", id="printed_next"),
    ]

    class Moved(Message):
        """The article at the top of the pane is now ``index`` of ``total`` (0-based)."""

        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self.starts: list[int] = []
        self.lines: list[Text] = []
        self._last = -1
        self.index = 0  # the current article: the one ``[`` / ``]`` step from
        self._asked_y = -1  # where go_to scrolled (a scroll there is not a scroll by hand)

    def compose(self) -> ComposeResult:
        """One Static holding the pre-broken lines."""
        yield Static(markup=False)

    def show(self, articles: list[Article], index: int = 0) -> None:
        """Put up the page's articles, with article ``index`` at the top."""
        self.articles = articles
        self._render_now()
        self.call_after_refresh(self.go_to, index)

    def _render_now(self) -> None:
        width = max(self.scrollable_content_region.width or self.size.width, 10)
        self.lines, self.starts = printed_lines(self.articles, width)
        self.query_one(Static).update(Text("\n").join(self.lines))

    def at_line(self, y: int) -> int:
        """The article whose lines are at line ``y``."""
        return max(bisect_right(self.starts, y) - 1, 0) if self.starts else -1

    def go_to(self, index: int) -> None:
        """Put article ``index`` at the top of the pane (near the end: as near the top as it goes)."""
        if 0 <= index < len(self.starts):
            self.index = index
            self._asked_y = min(self.starts[index], int(self.max_scroll_y))
            self.scroll_to(y=self.starts[index], animate=False, immediate=True)
            self._announce()

    def action_step(self, step: int) -> None:
        """The previous / next article on the page."""
        target = self.index + step
        if 0 <= target < len(self.starts):
            self.go_to(target)
        else:
            self.notify("No more articles on this page this way.")

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled by hand: the article now on top is the current one (``article 2/5`` follows)."""
        super().watch_scroll_y(old_value, new_value)
        if round(new_value) != self._asked_y:
            self._asked_y = -1
            self.index = self.at_line(round(new_value))
            self._announce()

    def _announce(self) -> None:
        if self.index != self._last and self.index >= 0:
            self._last = self.index
            self.post_message(self.Moved(self.index, len(self.starts)))

    def on_resize(self, event: Resize) -> None:
        """Set the text again for the new width, the same article on top."""
        if self.articles:
            index = self.index
            self._render_now()
            self.call_after_refresh(self.go_to, index)
