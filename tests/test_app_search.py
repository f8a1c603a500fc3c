"""Pilot tests of search in the app: typing, results, opening with hits, n/N, Escape, history."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_app_support import made_store, press, screen_text, settle, wait_until
from textual.pilot import Pilot
from textual.widgets import Static

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from reader.screens.search import DEBOUNCE, SearchScreen
from reader.widgets._data import StoreAccess
from reader.widgets.article_text import STYLE_HIT
from reader.widgets.article_view import ArticleView
from reader.widgets.history_input import HistoryInput
from reader.widgets.result_list import ResultList

pytestmark = pytest.mark.pilot


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


def answered(app: object, query: str) -> bool:
    """Whether the search screen shows the answer to ``query``."""
    screen = app.screen  # type: ignore[attr-defined]
    if not isinstance(screen, SearchScreen) or screen.query_text != query.strip():
        return False
    summary = str(screen.query_one("#summary", Static).render())
    return not summary.startswith(("Searching", "Loading", "Type"))


async def type_query(pilot: Pilot[None], text: str) -> None:
    """Type like a person, then wait out the debounce and the search worker."""
    for ch in text:
        await pilot.press(ch)
    await pilot.pause(DEBOUNCE)
    await wait_until(pilot, lambda: answered(pilot.app, pilot.app.screen.query_one(HistoryInput).value))


async def test_slash_opens_search_and_results_follow_the_typing(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(HistoryInput).has_focus
        await type_query(pilot, "牡丹")
        results = app.screen.query_one(ResultList)
        titles = [h.title for h in results.hits]
        assert "洛阳牡丹文化节开幕" in titles and "春耕生产忙" in titles
        text = screen_text(app)
        assert " ms" in text and "result" in text
        assert "测试日报 · 2024-05-02 · 第1版 要闻 ·" in text
        prompt = results.get_option_at_index(0).prompt
        assert any(str(span.style) == STYLE_HIT for span in prompt.spans)  # type: ignore[union-attr]


async def test_enter_opens_with_hits_and_n_N_step_through_them(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        await press(pilot, "enter")  # to the results
        assert app.screen.query_one(ResultList).has_focus
        first = app.screen.query_one(ResultList).current
        assert first is not None
        await press(pilot, "enter")  # open
        assert isinstance(app.screen, ReadScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == first.article_id
        total = view.hits
        assert total >= 2
        assert f"hit 1/{total}" in screen_text(app)
        await press(pilot, "n")
        assert f"hit 2/{total}" in screen_text(app)
        await press(pilot, "N", "N")
        assert f"hit {total}/{total}" in screen_text(app)  # wraps round
        assert app.state.is_read(first.article_id)
        await press(pilot, "escape")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(HistoryInput).value == "牡丹"  # the query is kept
        assert app.screen.query_one(ResultList).hits
        assert app.screen.query_one(ResultList).has_focus  # back in the results
        await press(pilot, "escape")
        assert app.screen is app.main
        await press(pilot, "slash")  # search again: the query and results are still there
        assert app.screen.query_one(HistoryInput).value == "牡丹"
        assert app.screen.query_one(ResultList).hits


async def test_history_is_on_up_and_down_and_survives_a_restart(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "slash")
        field = app.screen.query_one(HistoryInput)
        field.value = ""
        await type_query(pilot, "牡丹")
        await press(pilot, "enter", "slash", "up")
        assert field.value == "牡丹"
        await press(pilot, "up")
        assert field.value == "黄河"
        await press(pilot, "down", "down")
        assert field.value == "牡丹"  # the draft being typed
    again = ReaderApp(made, warm_tokens=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "up")
        assert again.screen.query_one(HistoryInput).value == "牡丹"


async def test_a_search_typed_before_the_dictionary_is_ready_is_answered_when_it_is(
    made: StoreAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import tokens

    gate = threading.Event()
    real = tokens.ensure_loaded

    def slow() -> None:
        gate.wait(5)
        real()

    monkeypatch.setattr(tokens, "is_loaded", lambda: gate.is_set())
    monkeypatch.setattr(tokens, "ensure_loaded", slow)
    app = ReaderApp(made, warm_tokens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "测试日报" in screen_text(app)  # the first frame did not wait for jieba
        # No settling until the gate opens: the dictionary worker is held back on purpose.
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), then_settle=False)
        for ch in "黄河":
            await pilot.press(ch)
        await wait_until(pilot, lambda: "Loading the dictionary" in screen_text(app), then_settle=False)
        assert not gate.is_set()
        gate.set()
        await wait_until(pilot, lambda: answered(app, "黄河"))
        assert [h.title for h in app.screen.query_one(ResultList).hits] == ["黄河生态保护持续推进"]


async def test_y_in_results_copies_the_snippet_with_a_citation(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "y")
        assert "黄河" in app.clipboard
        assert app.clipboard.rstrip().endswith("测试日报 · 2024-05-02 · 第1版 要闻 · 黄河生态保护持续推进")


async def test_reading_from_search_updates_the_tree(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert "2024-05-02 (4)" in screen_text(app)
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "enter", "escape", "escape")
        assert "2024-05-02 (3)" in screen_text(app)


async def test_an_odd_query_is_a_message_not_a_crash(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, '"((( -')
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#summary").render()  # some line, not a traceback


async def test_a_query_with_markup_and_control_characters_is_shown_literally(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        field = app.screen.query_one(HistoryInput)
        field.value = "[red]x[/red] \x1b]0;t\x07 [bold"
        await pilot.pause(DEBOUNCE)
        await wait_until(pilot, lambda: answered(app, field.value))
        assert isinstance(app.screen, SearchScreen)
        assert "\x1b" not in screen_text(app)


async def test_brackets_step_through_the_results_and_escape_lands_on_the_last_read(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        hits = app.screen.query_one(ResultList).hits
        assert len(hits) == 2
        await press(pilot, "enter", "enter")
        assert "result 1/2" in screen_text(app)
        await press(pilot, "right_square_bracket")
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == hits[1].article_id
        assert "hit 1/1 · result 2/2" in screen_text(app)
        await press(pilot, "right_square_bracket")  # no result after the last
        assert view.article.id == hits[1].article_id
        await press(pilot, "escape")
        assert app.screen.query_one(ResultList).current == hits[1]
