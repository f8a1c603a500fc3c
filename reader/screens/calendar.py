"""``C``: a paper's calendar — a month grid of the days with an issue and their unread counts."""

from __future__ import annotations

import calendar
from datetime import date as Date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker

from reader.safe import visible_line
from reader.state import State
from reader.widgets._data import StoreAccess, post_if_wanted, report_worker_error
from reader.widgets.calendar_grid import CalendarGrid
from reader.widgets.header_line import HeaderLine


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text) if text else None
    except ValueError:
        return None


class CalendarScreen(Screen[int | None]):
    """One paper's month; dismisses with the edition to open (None: back without one)."""

    BINDINGS = [Binding("escape,C", "back", "Back", id="calendar_back")]

    class Month(Message):
        """A month's issues were read (posted by the loading worker): date -> (edition id, articles)."""

        def __init__(
            self, paper: str, paper_id: int, month: tuple[int, int], issues: dict[str, tuple[int, int]]
        ) -> None:
            super().__init__()
            self.paper = paper
            self.paper_id = paper_id
            self.month = month
            self.issues = issues

    def __init__(self, access: StoreAccess, state: State, paper: str | None, day: str | None) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.paper_id: int | None = None
        self.paper = paper or ""  # the paper by name (the first paper when none is given)
        self.start = day
        self.issues: dict[str, tuple[int, int]] = {}

    def compose(self) -> ComposeResult:
        """Header line, the month's title, the grid, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        with Vertical(id="calendar"):
            yield Static("", id="calendar-title", markup=False)
            yield CalendarGrid(_day(self.start) or Date.today(), id="calendar-grid")
        yield Footer()

    def on_mount(self) -> None:
        """Read the paper and the month to start in."""
        self.grid.focus()
        self._load(None, self.start, None)

    @property
    def grid(self) -> CalendarGrid:
        """The month grid."""
        return self.query_one(CalendarGrid)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store read failed: one line to the user."""
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="nav")
    def _load(self, paper_id: int | None, start: str | None, month: tuple[int, int] | None) -> None:
        from reader.store.nav import latest_date, month_issues

        with self.access.connect() as store:
            papers = store.papers()
            wanted = [
                p for p in papers if (p.id == paper_id if paper_id is not None else p.name == self.paper)
            ]
            paper = wanted[0] if wanted else (papers[0] if papers else None)
            if paper is None:
                self.app.call_from_thread(self.notify, "The store has no papers yet.")
                return
            if month is None:
                # With no article open, a paper opens on its latest issue.
                day = _day(start) or _day(latest_date(store, paper.id)) or Date.today()
                month = (day.year, day.month)
                self.app.call_from_thread(self.grid.place, day)
            year, number = month
            last = calendar.monthrange(year, number)[1]
            issues = month_issues(
                store, paper.id, f"{year:04d}-{number:02d}-01", f"{year:04d}-{number:02d}-{last:02d}"
            )
        post_if_wanted(self, self.Month(paper.name, paper.id, month, issues))

    def on_calendar_screen_month(self, message: Month) -> None:
        """Show the month's issues with their unread counts (the read marks live in the user's state)."""
        cursor = self.grid.cursor
        if message.month != (cursor.year, cursor.month):
            return  # the cursor moved on meanwhile
        self.paper_id, self.paper, self.issues = message.paper_id, message.paper, message.issues
        reads = self.state.read_count_by_edition([e for e, _ in message.issues.values()])
        unread = {
            int(day[8:10]): max(total - reads.get(edition, 0), 0)
            for day, (edition, total) in message.issues.items()
        }
        self.grid.show_month(unread)
        left = sum(unread.values())
        title = (
            f"{visible_line(message.paper)} · {cursor.year}年{cursor.month}月 · "
            f"{len(unread)} issue{'s' if len(unread) != 1 else ''} · {left} unread"
        )
        self.query_one("#calendar-title", Static).update(title)
        self._say_day()

    def on_calendar_grid_moved(self, message: CalendarGrid.Moved) -> None:
        """A new month: read its issues."""
        if message.new_month:
            self.issues = {}
            self.query_one("#calendar-title", Static).update(f"{visible_line(self.paper)} · reading…")
            self._load(self.paper_id, None, (message.day.year, message.day.month))
        self._say_day()

    def _say_day(self) -> None:
        day = self.grid.cursor.isoformat()
        issue = self.issues.get(day)
        extra = f"{day} · {issue[1]} articles" if issue else f"{day} · no issue"
        self.query_one(HeaderLine).show_extra(extra)

    def on_calendar_grid_chosen(self, message: CalendarGrid.Chosen) -> None:
        """Enter: open the day's issue (a day without one says so)."""
        issue = self.issues.get(message.day.isoformat())
        if issue is None:
            self.notify(f"{self.paper} has no issue on {message.day.isoformat()}.", markup=False)
            return
        self.dismiss(issue[0])

    def action_back(self) -> None:
        """Escape (or ``C`` again): back without opening a day."""
        self.dismiss(None)
