"""Search: an input whose results follow the typing; Enter opens a result with its hits highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static

from reader.safe import visible_line
from reader.screens._search_actions import STUDY_ACTIONS, STUDY_BINDINGS, SearchStudy
from reader.state import State
from reader.widgets._data import StoreAccess, post_if_wanted
from reader.widgets.header_line import HeaderLine
from reader.widgets.history_input import HistoryInput
from reader.widgets.result_list import ResultList

if TYPE_CHECKING:
    from reader.search import SearchResult

DEBOUNCE = 0.25  # seconds of quiet typing before a search runs
LIMIT = 50


def ensure_tokens() -> None:
    """Make sure jieba's dictionary is loaded (blocks the calling worker thread until it is)."""
    from reader import tokens

    tokens.ensure_loaded()


def tokens_ready() -> bool:
    """Whether jieba's dictionary is already loaded (so a search answers at once)."""
    from reader import tokens

    return tokens.is_loaded()


def summary_line(result: SearchResult) -> str:
    """The line above the results: the total and the time, or why there are none."""
    if result.message:
        return result.message
    from reader.text.labels import result_count_line

    more = " (more load as you go down)"
    return result_count_line(result.total, len(result.hits), result.took_ms, more=more)


class SearchScreen(SearchStudy, Screen[None]):
    """The search input, the total and time, the facets, the results."""

    BINDINGS = [
        Binding("escape", "back", "Close", id="search_back"),
        Binding("tab", "switch", "Results/query", show=False, id="search_switch"),
        Binding("o", "toggle_sort", "Sort rank/date", show=False, id="search_sort"),
        *STUDY_BINDINGS,
    ]

    class Answered(Message):
        """A search finished (posted by the search worker)."""

        def __init__(
            self, query: str, result: SearchResult | None, error: str | None = None, offset: int = 0
        ) -> None:
            super().__init__()
            self.query = query
            self.result = result
            self.error = error
            self.offset = offset  # a further page of the same search (appended to the results)

    class Counted(Message):
        """The facets of a search were counted (posted by the facets worker)."""

        def __init__(self, query: str, facets: dict[str, list[dict[str, object]]]) -> None:
            super().__init__()
            self.query = query
            self.facets = facets

    class Waiting(Message):
        """The search waits for jieba's dictionary to finish loading."""

    def __init__(self, access: StoreAccess, state: State) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.query_text = ""
        self._timer: Timer | None = None
        self._reading = False  # an article opened from the results is on top
        self.sort = "rank"  # or "date": newest first (``o`` toggles)
        self.facets: dict[str, list[dict[str, object]]] | None = None

    def compose(self) -> ComposeResult:
        """Header, input, summary line, results, footer."""
        yield HeaderLine(self.access.name, id="header-line")
        # Compact (no border): at 80×24 every line counts.
        yield HistoryInput(
            self.state.history(), placeholder='Search: words, "a phrase", -not …', id="query", compact=True
        )
        yield Static("Type to search; Enter goes to the results.", id="summary", markup=False)
        yield Static("", id="facets", markup=False)
        yield ResultList(id="results")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Back from an article: the results, where the reader was; opened with ``/``: the input."""
        if self._reading:
            self._reading = False
            self.results.focus()
        else:
            self.query_one(HistoryInput).focus()

    @property
    def results(self) -> ResultList:
        """The result list."""
        return self.query_one(ResultList)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again once the typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input: search now if needed, then go to the results."""
        query = event.value.strip()
        if not query:
            return
        self.query_one(HistoryInput).remember(query)
        self.state.add_query(query)
        if query != self.query_text:
            if self._timer is not None:
                self._timer.stop()
            self.run_search(query)
        self.results.focus()

    def run_search(self, query: str) -> None:
        """Start a search for ``query`` (an empty query clears the results)."""
        query = query.strip()
        self.query_text = query
        if not query:
            self.results.show_hits([])
            self.query_one("#summary", Static).update("Type to search; Enter goes to the results.")
            return
        self.query_one("#summary", Static).update("Searching…")
        self._search(query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, query: str) -> None:
        if not tokens_ready():
            self.post_message(self.Waiting())
        try:
            ensure_tokens()
            from reader.search import search

            with self.access.connect() as store:
                result = search(store, query, limit=LIMIT, sort=self.sort)
        except Exception as exc:  # shown as a line, never a crash: the query may be odd
            post_if_wanted(self, self.Answered(query, None, f"{type(exc).__name__}: {exc}"))
            return
        post_if_wanted(self, self.Answered(query, result))

    def on_result_list_more_wanted(self, message: ResultList.MoreWanted) -> None:
        """Load the next results of the same search."""
        self._more(self.query_text, len(self.results.hits))

    @work(thread=True, exclusive=True, exit_on_error=False, group="search-more")
    def _more(self, query: str, offset: int) -> None:
        from reader.search import search

        with self.access.connect() as store:
            result = search(store, query, limit=LIMIT, offset=offset, sort=self.sort)
        if not result.message:
            self.post_message(self.Answered(query, result, offset=offset))

    @work(thread=True, exclusive=True, exit_on_error=False, group="search-facets")
    def _count_facets(self, query: str) -> None:
        from reader.search.rank import search_facets

        with self.access.connect() as store:
            found = search_facets(store, query)
        if found is not None:
            self.post_message(self.Counted(query, found))

    def on_search_screen_counted(self, message: Counted) -> None:
        """The facets line under the total (for the query still shown)."""
        if message.query != self.query_text:
            return
        from reader.search.facets import facet_line

        self.facets = message.facets
        self.query_one("#facets", Static).update(visible_line(facet_line(message.facets)))

    def on_search_screen_waiting(self, message: Waiting) -> None:
        """Say why the answer is slow the first time."""
        self.query_one("#summary", Static).update(
            "Loading the dictionary… your search runs when it is ready."
        )

    def on_search_screen_answered(self, message: Answered) -> None:
        """Show the results of the latest query (answers to older queries are dropped)."""
        if message.query != self.query_text:
            return
        summary = self.query_one("#summary", Static)
        if message.result is None:
            summary.update(visible_line(f"Search failed: {message.error}"))
            self.results.show_hits([])
            return
        if message.offset:
            if message.offset == len(self.results.hits):  # not an answer already appended
                self.results.add_hits(message.result.hits)
            return
        summary.update(visible_line(summary_line(message.result)))
        self.facets = None
        self.query_one("#facets", Static).update("")
        if not message.result.message:
            self._count_facets(message.query)  # after the results: they never wait for the counts
        self.results.show_hits(message.result.hits, message.query, message.result.total)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a result opens the article with every hit highlighted."""
        hit = self.results.current
        if hit is None:
            return
        self.state.add_query(self.query_text)
        from reader.screens.read import ReadScreen

        self._reading = True
        ids = [h.article_id for h in self.results.hits]
        self.app.push_screen(
            ReadScreen(self.access, self.state, ids, ids.index(hit.article_id), self.query_text),
            callback=self._back_from_reading,
        )

    def _back_from_reading(self, index: int | None) -> None:
        """Put the results' cursor on the result read last."""
        if index is not None and 0 <= index < len(self.results.hits):
            self.results.highlighted = self.results.get_option_index(str(index))

    def action_back(self) -> None:
        """Escape: back to the tree (``/`` brings the query and results back)."""
        self.app.pop_screen()

    def on_result_list_edit_wanted(self, message: ResultList.EditWanted) -> None:
        """``/`` in the results: edit the query."""
        self.query_one(HistoryInput).focus()

    def widget_bindings(self) -> list[tuple[ResultList, Binding]]:
        """The result list's ``/`` and ``y``, which the palette offers beside the screen's keys."""
        return [
            (self.results, b)
            for b in ResultList.BINDINGS
            if isinstance(b, Binding) and b.action in ResultList.PALETTE
        ]

    def action_switch(self) -> None:
        """Tab: between the query and the results."""
        if self.results.has_focus:
            self.query_one(HistoryInput).focus()
        else:
            self.results.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The study keys only mean something in the results (in the input they are typed)."""
        if action == "copy_citation":
            return self.results.has_focus and self.results.current is not None
        if action == "toggle_sort":
            return self.results.has_focus
        if action in STUDY_ACTIONS:
            return (
                self.results.has_focus and bool(self.query_text) and (action != "facets" or bool(self.facets))
            )
        return True

    def on_mount(self) -> None:
        """Say how the results are sorted."""
        self._show_sort()

    def _show_sort(self) -> None:
        self.query_one(HeaderLine).show_extra(f"sorted by {self.sort} (o)")

    def action_toggle_sort(self) -> None:
        """``o`` in the results: sort by rank (best first) or by date (newest first), and search again."""
        self.sort = "date" if self.sort == "rank" else "rank"
        self._show_sort()
        if self.query_text:
            self.results.show_hits([])
            self.run_search(self.query_text)
