"""Snapshots at 80×24 of the main screen, an article, search results and help (fixed store, no clock)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_search import answered
from test_app_support import made_store, press, settle, wait_until
from textual.pilot import Pilot

from reader.app import ReaderApp

pytestmark = pytest.mark.pilot

SIZE = (80, 24)
OPEN_FIRST = ("enter", "down", "enter", "down", "enter", "down", "enter")


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    return ReaderApp(made_store(tmp_path), warm_tokens=False)


def test_main_screen(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_article(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "question_mark")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_search_results(app: ReaderApp, snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("reader.search")
    import reader.screens.search as search_screen

    real = search_screen.summary_line
    # The time a search takes varies from run to run: the snapshot shows a fixed one.
    monkeypatch.setattr(
        search_screen, "summary_line", lambda result: real(result).rsplit(" · ", 1)[0] + " · 1.0 ms"
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "slash")
        for ch in "牡丹":
            await pilot.press(ch)
        await pilot.pause(search_screen.DEBOUNCE)
        await wait_until(pilot, lambda: answered(pilot.app, "牡丹"))
        await press(pilot, "enter")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def _searched(pilot: Pilot[None], query: str) -> None:
    import reader.screens.search as search_screen

    await settle(pilot)
    await press(pilot, "slash")
    for ch in query:
        await pilot.press(ch)
    await pilot.pause(search_screen.DEBOUNCE)
    await wait_until(pilot, lambda: answered(pilot.app, query))
    await press(pilot, "enter")


def test_concordance(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from reader.screens.concordance import ConcordanceScreen

    async def run_before(pilot: Pilot[None]) -> None:
        await _searched(pilot, "牡丹")
        await press(pilot, "K")
        screen = pilot.app.screen
        assert isinstance(screen, ConcordanceScreen)
        await wait_until(pilot, lambda: bool(screen.lines))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_trend_chart(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from reader.screens.trend import TrendScreen

    async def run_before(pilot: Pilot[None]) -> None:
        await _searched(pilot, "牡丹 OR 春耕")
        await press(pilot, "T")
        screen = pilot.app.screen
        assert isinstance(screen, TrendScreen)
        await wait_until(pilot, lambda: bool(screen.periods))
        await press(pilot, "d")
        await wait_until(pilot, lambda: len(screen.periods) == 2)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_search_results_with_a_scrollbar(
    tmp_path: Path, snap_compare, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from test_app_support import sample_store

    import reader.screens.search as search_screen

    real = search_screen.summary_line
    monkeypatch.setattr(
        search_screen, "summary_line", lambda result: real(result).rsplit(" · ", 1)[0] + " · 1.0 ms"
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "slash")
        for ch in "洛宁":
            await pilot.press(ch)
        await pilot.pause(search_screen.DEBOUNCE)
        await wait_until(pilot, lambda: answered(pilot.app, "洛宁"))
        await press(pilot, "enter", "j")

    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
