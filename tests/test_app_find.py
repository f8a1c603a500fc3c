"""Pilot tests of ``f``: find words in the open article, highlighted, stepped through with n / N."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, settle

from reader.app import ReaderApp
from reader.widgets._data import StoreAccess
from reader.widgets.article_text import STYLE_CURRENT_HIT, STYLE_HIT, find_highlighter
from reader.widgets.header_line import HeaderLine

pytestmark = pytest.mark.pilot

OPEN_FIRST = ("enter", "down", "enter", "down", "enter", "down", "enter")


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


def test_find_highlighter_ignores_case_and_spacing() -> None:
    spans = find_highlighter("Ab  c")("xab c,AB\u3000C")
    assert spans == [(1, 5), (6, 10)]
    assert find_highlighter("")("anything") == []
    assert find_highlighter("[bold]")("a[bold]b") == [(1, 7)]  # text, not a pattern or markup


def highlighted(app: ReaderApp) -> list[tuple[str, str]]:
    """(text, style) of every highlighted run the article pane shows."""
    runs = []
    for line in app.main.view.rendered.lines:
        for span in line.spans:
            if str(span.style) in (STYLE_HIT, STYLE_CURRENT_HIT):
                runs.append((line.plain[span.start : span.end], str(span.style)))
    return runs


async def test_f_finds_words_in_the_article_and_n_steps_through_them(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab")
        view = app.main.view
        assert view.article is not None and "牡丹" in view.article.body
        expected = view.article.title.count("牡丹") + view.article.body.count("牡丹")
        await press(pilot, "f", *"牡丹", "enter")
        assert view.hits == expected >= 3
        runs = highlighted(app)
        assert [t for t, _ in runs] == ["牡丹"] * expected
        assert [s for _, s in runs].count(STYLE_CURRENT_HIT) == 1
        header = app.main.query_one(HeaderLine)
        assert f"find 牡丹 1/{expected}" in header.extra
        await press(pilot, "n", "n")
        assert view.current_hit == 2 and f"find 牡丹 3/{expected}" in header.extra
        await press(pilot, "N")
        assert view.current_hit == 1
        last_line = view.rendered.hit_lines[-1]
        await press(pilot, "N", "N")  # wraps round to the last place
        assert view.current_hit == expected - 1
        assert view.scroll_y <= last_line <= view.scroll_y + view.scrollable_content_region.height


async def test_f_says_when_nothing_is_found_and_an_empty_find_clears(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab")
        view = app.main.view
        notes = notifications(app)
        await press(pilot, "f", *"濮阳", "enter")
        assert view.hits == 0 and any("Not in this article" in n for n in notes)
        assert "find 濮阳: none" in app.main.query_one(HeaderLine).extra
        await press(pilot, "f")
        await press(pilot, *["backspace"] * 2, *"游客", "enter")
        assert view.hits == 2 and view.finding == "游客"
        await press(pilot, "f", "backspace", "backspace", "enter")
        assert view.hits == 0 and view.finding == "" and highlighted(app) == []
        await press(pilot, "f", "escape")  # Escape leaves things as they were
        assert app.screen is app.main and view.has_focus


async def test_f_with_no_article_says_why(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        await press(pilot, "tab", "f")
        assert app.screen is app.main
        assert any("Open an article first" in n for n in notes)


async def test_f_in_an_article_from_search_and_an_empty_find_brings_the_query_hits_back(
    made: StoreAccess,
) -> None:
    from test_app_search import type_query

    from reader.screens.read import ReadScreen
    from reader.widgets.article_view import ArticleView

    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, ReadScreen)
        view = app.screen.query_one(ArticleView)
        query_hits = view.hits
        assert query_hits >= 2
        await press(pilot, "f", *"游客", "enter")
        assert view.hits == 2 and "find 游客 1/2" in app.screen.query_one(HeaderLine).extra
        await press(pilot, "f", "backspace", "backspace", "enter")
        assert view.hits == query_hits and view.finding == ""
