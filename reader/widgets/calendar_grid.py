"""A month of a paper as a grid: the days that have an issue, each with its unread count."""

from __future__ import annotations

import calendar
from datetime import date as Date
from datetime import timedelta

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

WEEKDAYS = "一二三四五六日"  # Monday first, as Chinese calendars print it
CELL = 10  # cells per day: "  2   12  " fits 80 columns seven times with room to spare


def month_grid(year: int, month: int, unread: dict[int, int], cursor: int) -> list[Text]:
    """The month's lines: weekday names, then a line per week. ``unread`` maps each day that has an
    issue to its unread count; days without one are dim, the cursor's day is in reverse video with a ``▸``, and
    an issue read through shows ``✓`` (all of it readable without colour)."""
    head = Text()
    for name in WEEKDAYS:
        head.append(" 周" + name + " " * (CELL - 5), style="bold")  # 周一 is four cells wide
    lines = [head]
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
        line = Text()
        for day in week:
            if day == 0:
                line.append(" " * CELL)
                continue
            if day in unread:
                count = unread[day]
                cell = f"{day:>3} {count:>4}  " if count else f"{day:>3}    ✓  "
                style = "bold" if count else ""
            else:
                cell, style = f"{day:>3}       ", "dim"
            if day == cursor:
                cell = "▸" + cell[1:]
                style = f"{style} reverse".strip()
            line.append(cell[: CELL - 1], style=style)
            line.append(" ")
        lines.append(line)
    return lines


class CalendarGrid(Widget, can_focus=True):
    """The grid of one month; keys move the cursor by day, week and month, Enter opens the day."""

    DEFAULT_CSS = """
    CalendarGrid { height: auto; width: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("h,left", "move(-1)", "Day before", show=False, id="calendar_day_before"),
        Binding("l,right", "move(1)", "Day after", show=False, id="calendar_day_after"),
        Binding("k,up", "move(-7)", "Week before", show=False, id="calendar_week_before"),
        Binding("j,down", "move(7)", "Week after", show=False, id="calendar_week_after"),
        Binding("left_square_bracket,pageup", "month(-1)", "Prev month", id="calendar_month_before"),
        Binding("right_square_bracket,pagedown", "month(1)", "Next month", id="calendar_month_after"),
        Binding("enter", "open", "Open day", id="calendar_open"),
    ]

    class Moved(Message):
        """The cursor is on ``day``; ``new_month`` when that is a month not shown yet."""

        def __init__(self, day: Date, new_month: bool) -> None:
            super().__init__()
            self.day = day
            self.new_month = new_month

    class Chosen(Message):
        """Enter on ``day``."""

        def __init__(self, day: Date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, day: Date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = day
        self.unread: dict[int, int] = {}  # day of the shown month -> unread articles of its issue

    def show_month(self, unread: dict[int, int]) -> None:
        """The issues of the cursor's month (day -> unread count)."""
        self.unread = unread
        self.refresh(layout=True)

    def render(self) -> Text:
        """The grid."""
        return Text("\n").join(month_grid(self.cursor.year, self.cursor.month, self.unread, self.cursor.day))

    def place(self, day: Date) -> None:
        """Start on ``day`` (its month's issues come with ``show_month``)."""
        self.cursor = day
        self.refresh(layout=True)

    def go_to(self, day: Date) -> None:
        """Put the cursor on ``day`` (asking for its month's issues when the month changes)."""
        new_month = (day.year, day.month) != (self.cursor.year, self.cursor.month)
        self.cursor = day
        if new_month:
            self.unread = {}
        self.refresh(layout=True)
        self.post_message(self.Moved(day, new_month))

    def action_move(self, days: int) -> None:
        """By a day or a week."""
        try:
            self.go_to(self.cursor + timedelta(days=days))
        except OverflowError:
            self.notify("No further that way.")

    def action_month(self, step: int) -> None:
        """The same day of the month before / after (its last day when shorter)."""
        year, month = divmod(self.cursor.year * 12 + self.cursor.month - 1 + step, 12)
        month += 1
        if not 1 <= year <= 9999:
            self.notify("No further that way.")
            return
        day = min(self.cursor.day, calendar.monthrange(year, month)[1])
        self.go_to(Date(year, month, day))

    def action_open(self) -> None:
        """Open the day under the cursor."""
        self.post_message(self.Chosen(self.cursor))
