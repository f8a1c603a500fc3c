"""Pilot tests of ``C``: a paper's month, the days with an issue and their unread counts."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, settle

from reader.app import ReaderApp
from reader.screens.calendar import CalendarScreen
from reader.store import Store
from reader.store.nav import month_issues
from reader.widgets.calendar_grid import CalendarGrid, month_grid
from reader.widgets.header_line import HeaderLine

pytestmark = pytest.mark.pilot

OPEN_0502_P2 = ("enter", "down", "enter", "down", "down", "enter", "down", "enter")


def test_month_issues_counts_each_issues_articles(tmp_path: Path) -> None:
    access = made_store(tmp_path)
    with Store.open(access.path, readonly=True, create=False) as store:
        paper = store.papers()[0]
        issues = month_issues(store, paper.id, "2024-05-01", "2024-05-31")
        editions = {e.date: (e.id, e.articles) for e in store.editions(paper.id)}
        assert issues == editions and len(issues) == 2
        assert month_issues(store, paper.id, "2024-06-01", "2024-06-30") == {}


def article_totals(app: ReaderApp) -> dict[int, int]:
    """Articles of each May 2024 issue of the made store, by day."""
    with Store.open(app.access.path, readonly=True, create=False) as store:
        editions = store.editions(store.papers()[0].id)
    return {int((e.date or "")[8:]): e.articles for e in editions}


def test_month_grid_reads_without_colour() -> None:
    lines = month_grid(2024, 5, {1: 2, 2: 0}, 2)
    text = [line.plain for line in lines]
    assert text[0].split() == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    first_week = text[1]  # 2024-05-01 is a Wednesday
    assert first_week.index("1") > 20 and "   1    2" in first_week
    assert "▸ 2    ✓" in first_week  # the cursor and a read-through issue, as characters
    assert all(line.cell_len <= 80 for line in lines)
    assert len(lines) == 1 + 5


async def test_c_shows_the_month_and_keys_move_by_day_week_and_month(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_0502_P2)
        assert app.main.view.article is not None
        await press(pilot, "C")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        grid = screen.query_one(CalendarGrid)
        assert grid.cursor == Date(2024, 5, 2)
        totals = article_totals(app)
        # One article of 05-02 read (the one open), none of 05-01.
        assert grid.unread == {1: totals[1], 2: totals[2] - 1}
        title = str(screen.query_one("#calendar-title").render())
        assert f"测试日报 · 2024年5月 · 2 issues · {totals[1] + totals[2] - 1} unread" in title
        header = screen.query_one(HeaderLine)
        assert f"2024-05-02 · {totals[2]} articles" in header.extra
        await press(pilot, "j")
        assert grid.cursor == Date(2024, 5, 9) and "no issue" in header.extra
        notes = notifications(app)
        await press(pilot, "enter")
        assert app.screen is screen and any("no issue on 2024-05-09" in n for n in notes)
        await press(pilot, "k", "h")
        assert grid.cursor == Date(2024, 5, 1)
        await press(pilot, "right_square_bracket")
        assert grid.cursor == Date(2024, 6, 1) and grid.unread == {}
        assert "2024年6月 · 0 issues" in str(screen.query_one("#calendar-title").render())
        await press(pilot, "left_square_bracket")
        assert grid.cursor == Date(2024, 5, 1) and grid.unread == {1: totals[1], 2: totals[2] - 1}
        await press(pilot, "l", "left")
        assert grid.cursor == Date(2024, 5, 1)
        await press(pilot, "enter")  # opens that day's first page
        assert app.screen is app.main
        article = app.main.view.article
        assert article is not None and (article.date, article.page_number) == ("2024-05-01", 1)
        await press(pilot, "C", "escape")
        assert app.screen is app.main


async def test_c_with_nothing_open_shows_the_latest_issues_month(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "C")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert screen.query_one(CalendarGrid).cursor == Date(2024, 5, 2)
        totals = article_totals(app)
        assert screen.query_one(CalendarGrid).unread == totals
