"""An article opened from the search results: every hit highlighted, ``n`` / ``N`` step through them."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from reader.safe import visible_line
from reader.screens._article_keys import ArticleKeys
from reader.state import State
from reader.text.labels import chinese_citation
from reader.widgets._data import StoreAccess
from reader.widgets.article_text import Highlighter, hit_number
from reader.widgets.article_view import ArticleView
from reader.widgets.header_line import HeaderLine


def query_highlighter(query: str) -> Highlighter:
    """Spans of ``query`` in a text, from reader.search (the words that matched are the words shown)."""
    from reader.search import highlight

    def spans(text: str) -> list[tuple[int, int]]:
        return [(start, end) for start, end, *_ in highlight(text, query)]

    return spans


class ReadScreen(ArticleKeys, Screen[int]):
    """One article of the results, full width, with the query's hits; ``[``/``]`` step through the
    results; Escape goes back to them (dismissing with the index of the result last read)."""

    BINDINGS = [
        Binding("escape", "back", "Results", id="read_back"),
        Binding("left_square_bracket", "step(-1)", "Prev result", show=False, id="read_previous_result"),
        Binding("right_square_bracket", "step(1)", "Next result", show=False, id="read_next_result"),
        Binding("Y", "copy_citation", "Copy citation", show=False, id="read_copy_citation"),
        Binding("L", "bookmarks", "Bookmarks", show=False, id="read_bookmarks"),
    ]

    def __init__(
        self,
        access: StoreAccess,
        state: State,
        article_ids: list[int],
        index: int,
        query: str,
        target: tuple[str, int] | None = None,
    ) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.article_ids = article_ids
        self.index = index
        self.query_text = query
        self.target = target  # (place, start) of the one hit to open on (from the concordance)
        self._hit = ""

    def compose(self) -> ComposeResult:
        """Header line, the article, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        yield ArticleView(self.access, self.state, id="article")
        yield Footer()

    def on_mount(self) -> None:
        """Read the article and put the view on the first hit."""
        view = self.query_one(ArticleView)
        view.focus()
        if self.target is not None:
            self._open_on_target()
            return
        view.open(self.article_ids[self.index], highlighter=query_highlighter(self.query_text))

    @work(thread=True, exclusive=True, exit_on_error=False, group="target")
    def _open_on_target(self) -> None:
        """Read the article to count the hits before the target, then open it on that one."""
        assert self.target is not None
        with self.access.connect() as store:
            article = store.article(self.article_ids[self.index])
        highlighter = query_highlighter(self.query_text)
        hit = hit_number(article, highlighter, *self.target) if article is not None else 0
        self.app.call_from_thread(
            self.query_one(ArticleView).open, self.article_ids[self.index], highlighter=highlighter, hit=hit
        )

    def action_back(self) -> None:
        """Escape: back to the results, on the one read last."""
        self.dismiss(self.index)

    def action_bookmarks(self) -> None:
        """``L``: the bookmarks; Enter opens one in the main screen (leaving search)."""
        from reader.screens.bookmarks import BookmarksScreen

        if not self.state.bookmarks():
            self.notify("No bookmarks yet: B bookmarks the open article.")
            return
        self.app.push_screen(BookmarksScreen(self.state), callback=self._open_bookmark)

    def _open_bookmark(self, article_id: int | None) -> None:
        if article_id is None:
            return
        from reader.messages import OpenArticle

        main = self.app.screen_stack[0]
        while self.app.screen is not main:
            self.app.pop_screen()
        main.post_message(OpenArticle(article_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``[`` / ``]`` only where there is a result that way."""
        if action == "step" and parameters:
            step = parameters[0]
            return isinstance(step, int) and 0 <= self.index + step < len(self.article_ids)
        return True

    def action_step(self, step: int) -> None:
        """The previous / next result, its hits highlighted."""
        index = self.index + step
        if 0 <= index < len(self.article_ids):
            self.index = index
            self._hit = ""
            view = self.query_one(ArticleView)
            view.open(self.article_ids[index], highlighter=query_highlighter(self.query_text))

    def on_article_view_opened(self, message: ArticleView.Opened) -> None:
        """Say where it stands and how many hits it has (the view marked it read)."""
        article = message.article
        header = self.query_one(HeaderLine)
        header.show_article(article)
        self._hit = self._hit if self.query_one(ArticleView).hits else f"no hits for {self.query_text}"
        self._show_status()
        self.refresh_bindings()

    def on_article_view_hit_moved(self, message: ArticleView.HitMoved) -> None:
        """Say which hit the view is on."""
        finding = self.query_one(ArticleView).finding
        where = f"find {visible_line(finding)[:20]} " if finding else "hit "
        self._hit = f"{where}{message.index + 1}/{message.total}"
        self._show_status()

    def on_article_view_found(self, message: ArticleView.Found) -> None:
        """A find with no places, or cleared (back to the query's hits)."""
        if not message.total:
            self._hit = f"find {visible_line(message.needle)[:20]}: none" if message.needle else ""
            self._show_status()

    def _show_status(self) -> None:
        results = f"result {self.index + 1}/{len(self.article_ids)}" if len(self.article_ids) > 1 else ""
        self.query_one(HeaderLine).show_extra(" · ".join(p for p in (self._hit, results) if p))

    def action_copy_citation(self) -> None:
        """``Y``: copy the open article's citation (《人民日报》2020年5月2日第3版) over OSC 52."""
        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            return
        cite = chinese_citation(article.paper, article.date, article.page_number, view.other_pages)
        self.app.copy_to_clipboard(cite)
        self.notify(f"Copied {cite}", markup=False)
