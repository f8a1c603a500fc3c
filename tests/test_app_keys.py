"""Pilot tests of where keys live (issue 14 §3): the open article's keys are declared once, on the
article view, and work on every screen that shows one; every read mark reaches the tree one way."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from test_app_search import type_query
from test_app_support import made_store, press, sample_store, screen_text, settle, wait_until
from test_app_unread import reading_order
from textual import work

from reader.app import ReaderApp, binding_sections
from reader.config import Config
from reader.screens.read import ReadScreen
from reader.widgets._data import StoreAccess
from reader.widgets.history_input import HistoryInput

pytestmark = pytest.mark.pilot

OPEN_FIRST = ("enter", "down", "enter", "down", "enter", "down", "enter")


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


def test_m_b_and_y_are_declared_once() -> None:
    declared = [
        (title, b.id)
        for title, owner in binding_sections()
        for b in owner.__dict__.get("BINDINGS", [])
        if b.action in ("toggle_read", "bookmark", "copy") and title != "Results"
    ]
    assert declared == [("Article", "toggle_read"), ("Article", "bookmark"), ("Article", "copy")]


async def test_one_keymap_entry_remaps_bookmark_in_the_tree_the_article_and_from_search(
    made: StoreAccess,
) -> None:
    app = ReaderApp(made, Config(keymap={"bookmark": "x"}), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        assert app.main.section_tree.has_focus
        first = app.main.view.article
        assert first is not None
        await press(pilot, "B")
        assert app.state.bookmarks() == []  # B is no longer the key
        await press(pilot, "x")  # the tree has focus: the open article's keys still apply
        assert [b.article_id for b in app.state.bookmarks()] == [first.id]
        await press(pilot, "tab", "x")
        assert app.state.bookmarks() == []
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, ReadScreen)
        await press(pilot, "x")
        assert [b.label for b in app.state.bookmarks()] == [
            "测试日报 · 2024-05-02 · 第1版 要闻 · 黄河生态保护持续推进"
        ]


async def test_the_palette_offers_the_article_keys_on_both_screens(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Bookmark"] == "key: B  (id bookmark)" and helps["Copy"] == "key: y  (id copy)"
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "enter")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert commands["Read/unread"].help == "key: m  (id toggle_read)"
        await commands["Bookmark"].callback()
        await settle(pilot)
        assert len(app.state.bookmarks()) == 1


async def test_m_in_an_article_from_search_moves_the_trees_count(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert "2024-05-02 (4)" in screen_text(app)
        await press(pilot, "slash")
        await type_query(pilot, "黄河")
        await press(pilot, "enter", "enter")
        await press(pilot, "m")  # read on opening, unread again
        await press(pilot, "escape", "escape")
        assert "2024-05-02 (4)" in screen_text(app)


async def test_m_in_the_tree_on_a_paper_marks_the_open_article(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "g")
        article = app.main.view.article
        assert article is not None and app.state.is_read(article.id)
        node = app.main.section_tree.cursor_node
        assert node is not None and node.data is not None and node.data.kind == "paper"
        await press(pilot, "m")
        assert not app.state.is_read(article.id)


def test_slash_and_y_in_the_results_are_the_result_lists() -> None:
    from reader.screens.search import SearchScreen
    from reader.widgets.result_list import ResultList

    owned = {b.id: b.key for b in ResultList.BINDINGS}
    assert owned["search_edit"] == "slash" and owned["search_copy"] == "y"
    assert not {"search_edit", "search_copy"} & {b.id for b in SearchScreen.BINDINGS}


async def test_y_in_the_results_cites_the_page_as_the_article_does(tmp_path: Path) -> None:
    from reader.widgets.result_list import ResultList

    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "省级森林城市")
        await press(pilot, "enter")
        hit = app.screen.query_one(ResultList).current
        assert hit is not None and hit.page is None and hit.page_id is not None
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Copy", "Edit query"} <= titles
        await press(pilot, "y")
        snippet_cite = app.clipboard.rstrip().rsplit("—— ", 1)[1]
        assert f"版次不详 #{hit.page_id}" in snippet_cite
        await press(pilot, "enter", "y")
        assert app.clipboard.rstrip().rsplit("—— ", 1)[1] == snippet_cite
        await press(pilot, "escape", "slash")
        assert app.screen.query_one(HistoryInput).has_focus


async def test_an_older_open_read_late_does_not_replace_the_newer(
    made: StoreAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys in quick succession: the first article's read is slow and lands after the second's."""
    import reader.store.nav as nav

    order = [a for a, _ in reading_order(made)]
    first, second = order[0], order[1]
    started, hold, read_late = threading.Event(), threading.Event(), threading.Event()
    real_parts = nav.article_parts

    def slow_parts(store: Any, article_id: int) -> Any:
        if article_id == first:
            started.set()
            hold.wait(10)
            read_late.set()
        return real_parts(store, article_id)

    monkeypatch.setattr(nav, "article_parts", slow_parts)
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.main.view
        view.open(first)
        await wait_until(pilot, started.is_set, then_settle=False)
        view.open(second)  # cancels the first open's worker, but its thread is reading and runs on
        await wait_until(pilot, lambda: view.article is not None and view.article.id == second)
        hold.set()
        await wait_until(pilot, read_late.is_set)
        for _ in range(10):  # the first read's message, posted from its thread, arrives now
            await pilot.pause(0.02)
        await settle(pilot)
        assert view.article is not None and view.article.id == second


async def test_a_cancelled_thread_worker_posts_nothing() -> None:
    """``post_if_wanted``: the u, J and date moves, page and calendar loads post through it."""
    from textual.app import App
    from textual.message import Message

    from reader.widgets._data import post_if_wanted

    class Done(Message):
        pass

    got: list[str] = []
    started, hold = threading.Event(), threading.Event()

    class Tiny(App[None]):
        def on_done(self, message: Done) -> None:
            got.append("done")

        @work(thread=True, exclusive=True, group="t")
        def late(self) -> None:
            started.set()
            hold.wait(10)
            got.append("posted" if post_if_wanted(self, Done()) else "dropped")

    app = Tiny()
    async with app.run_test() as pilot:
        worker = app.late()
        await wait_until(pilot, started.is_set, then_settle=False)
        worker.cancel()  # as a newer request of its group does
        hold.set()
        await wait_until(pilot, lambda: bool(got))
        for _ in range(5):
            await pilot.pause(0.02)
        assert got == ["dropped"]
        got.clear()
        app.late()
        await wait_until(pilot, lambda: len(got) == 2)
        # The app may handle the message before the thread notes that it posted it: either order.
        assert sorted(got) == ["done", "posted"]
