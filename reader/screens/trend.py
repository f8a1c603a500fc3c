"""A chart of up to four terms over time, drawn with block characters (one character per term, so
it reads without colour); ``y`` / ``m`` / ``d`` by year, month or day; Enter lists that period's results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.safe import visible_line
from reader.text.labels import date_label
from reader.widgets._data import StoreAccess
from reader.widgets.header_line import HeaderLine

if TYPE_CHECKING:
    from reader.search.trend import Period, Trend

MAX_TERMS = 4
BARS = ("█", "▓", "▒", "░")  # one per term: told apart by shape, not colour alone
STYLES = ("bold", "cyan", "magenta", "yellow")


def chart_terms(query: str) -> list[str]:
    """The query's positive terms as trend terms (at most four), its filters left to the search."""
    from reader.search import parse

    q = parse(query)
    out: list[str] = []
    for t in q.terms:
        text = f'"{t.text}"' if " " in t.text else t.text
        out.append(f"{t.field}:{text}" if t.field else text)
    return list(dict.fromkeys(out))[:MAX_TERMS]


def period_rows(period: Period, terms: list[str], top: int, width: int) -> Text:
    """One period: its label, then a bar per term (articles holding it), with the counts."""
    text = Text(f"{date_label(period.period):<10}", style="bold")
    text.append(f" · {period.articles} articles", style="dim")
    for k, term in enumerate(terms):
        articles, occurrences = period.hits.get(term, (0, 0))
        cells = 0 if top == 0 else round(width * articles / top)
        if articles and cells == 0:
            cells = 1
        text.append("\n ")
        text.append(BARS[k] * cells, style=STYLES[k])
        text.append(f" {articles}", style="bold")
        text.append(f"/{occurrences}", style="dim")
    return text


class TrendScreen(Screen[str | None]):
    """The chart; dismissed with a period (2020, 2020-05, 2020-05-02) to list its results, or None."""

    BINDINGS = [
        Binding("escape", "back", "Results", id="trend_back"),
        Binding("y", "by('year')", "By year", id="trend_by_year"),
        Binding("m", "by('month')", "By month", id="trend_by_month"),
        Binding("d", "by('day')", "By day", id="trend_by_day"),
    ]

    DEFAULT_CSS = """
    TrendScreen > OptionList, TrendScreen > OptionList:focus { height: 1fr; border: none; padding: 0; }
    """

    class Ready(Message):
        """The counts were read (posted by the worker)."""

        def __init__(self, result: Trend | None, error: str | None = None) -> None:
            super().__init__()
            self.result = result
            self.error = error

    def __init__(self, access: StoreAccess, query: str) -> None:
        super().__init__()
        self.access = access
        self.query_text = query
        self.terms = chart_terms(query)
        self.by = "year"
        self.periods: list[Period] = []

    def compose(self) -> ComposeResult:
        """Header, the legend, the chart, the counts under the cursor, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        legend = Text()
        for k, term in enumerate(self.terms):
            legend.append(f"{BARS[k]}{BARS[k]} ", style=STYLES[k])
            legend.append(visible_line(term) + "  ")
        legend.append("articles/hits", style="dim")
        yield Static(legend, id="trend-legend")
        yield OptionList(id="trend-chart")
        yield Static("Counting…", id="trend-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Count in a worker."""
        self.query_one(OptionList).focus()
        self._count(self.by)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trend")
    def _count(self, by: str) -> None:
        try:
            from reader import tokens
            from reader.search.trend import trend

            tokens.ensure_loaded()
            with self.access.connect() as store:
                result = trend(store, self.terms, by=by)
        except Exception as exc:  # one line, never a crash
            self.post_message(self.Ready(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.Ready(result))

    def on_trend_screen_ready(self, message: Ready) -> None:
        """Draw the chart."""
        status = self.query_one("#trend-status", Static)
        if message.result is None or message.result.message:
            error = message.error if message.result is None else message.result.message
            status.update(visible_line(f"No chart: {error}"))
            return
        self.periods = message.result.periods
        top = max((a for p in self.periods for a, _ in p.hits.values()), default=0)
        width = max(10, self.app.size.width - 16)
        chart = self.query_one(OptionList)
        chart.clear_options()
        chart.add_options(
            [Option(period_rows(p, self.terms, top, width), id=str(i)) for i, p in enumerate(self.periods)]
        )
        if self.periods:
            chart.highlighted = 0
        self._say()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The counts of the period under the cursor."""
        self._say()

    def _say(self) -> None:
        chart = self.query_one(OptionList)
        if chart.highlighted is None or not self.periods:
            return
        p = self.periods[chart.highlighted]
        parts = [f"{t} {p.hits[t][0]}/{p.hits[t][1]}" for t in self.terms]
        line = f"{date_label(p.period)}: " + " · ".join(parts) + f" (articles/hits) of {p.articles} articles"
        self.query_one("#trend-status", Static).update(visible_line(line))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: back to the search, narrowed to this period."""
        event.stop()
        if event.option_index < len(self.periods):
            period = self.periods[event.option_index].period
            self.dismiss(period)

    def action_by(self, by: str) -> None:
        """``y`` / ``m`` / ``d``: count by year, month or day."""
        self.by = by
        self.query_one("#trend-status", Static).update("Counting…")
        self._count(by)

    def action_back(self) -> None:
        """Escape: back to the results, as they were."""
        self.dismiss(None)
