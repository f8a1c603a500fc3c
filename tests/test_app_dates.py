"""Pilot tests of moving through a paper by date: ``<`` ``>`` the same page on another day, ``:`` a date."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, settle, wait_until

from reader.app import ReaderApp
from reader.widgets._data import StoreAccess

pytestmark = pytest.mark.pilot

# paper → 2024-05-02 → 第2版 经济 → its first article
OPEN_0502_P2 = ("enter", "down", "enter", "down", "down", "enter", "down", "enter")


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


async def test_angle_brackets_open_the_same_page_on_the_day_before_and_after(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_0502_P2)
        view = app.main.view
        assert view.article is not None and (view.article.date, view.article.page_number) == ("2024-05-02", 2)
        await press(pilot, "less_than_sign")
        assert (view.article.date, view.article.page_number) == ("2024-05-01", 2)
        assert view.article.section == "杂谈"
        notes = notifications(app)
        await press(pilot, "less_than_sign")
        assert view.article.date == "2024-05-01"  # nothing earlier
        assert any("No earlier issue" in n for n in notes)
        await press(pilot, "greater_than_sign")
        assert (view.article.date, view.article.page_number) == ("2024-05-02", 2)


async def test_colon_goes_to_a_date_or_the_nearest_and_says_which(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_0502_P2)
        notes = notifications(app)
        await press(pilot, "colon", *"2024-05-01", "enter")
        view = app.main.view

        def at(date: str, page: int | None = None) -> bool:
            # The article loads in a worker: a loaded machine shows it a moment after the key.
            a = view.article
            return a is not None and a.date == date and (page is None or a.page_number == page)

        await wait_until(pilot, lambda: at("2024-05-01", 1), timeout=10)
        await press(pilot, "colon", *"2023-01-01", "enter")
        await wait_until(pilot, lambda: any("nearest" in n and "2024-05-01" in n for n in notes), timeout=10)
        assert at("2024-05-01")
        await press(pilot, "colon", *"+1", "enter")
        await wait_until(pilot, lambda: at("2024-05-02"), timeout=10)
        await press(pilot, "colon", *"nonsense", "enter")
        assert any("not a date" in n for n in notes)
        await press(pilot, "colon", "escape")
        assert app.screen is app.main
