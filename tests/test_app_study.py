"""Pilot tests of the study keys on the search screen: K concordance, T trend chart, F facets,
e export, Y citation (and Y in an article), and paging through every result."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_search import type_query
from test_app_support import made_store, notifications, press, screen_text, settle, wait_until
from textual.widgets import OptionList

from reader.app import ReaderApp
from reader.screens.concordance import ConcordanceScreen
from reader.screens.facets import FacetScreen
from reader.screens.read import ReadScreen
from reader.screens.search import SearchScreen
from reader.screens.trend import TrendScreen
from reader.widgets._data import StoreAccess
from reader.widgets.article_view import ArticleView
from reader.widgets.history_input import HistoryInput
from reader.widgets.result_list import ResultList

pytestmark = pytest.mark.pilot


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


async def _search(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press(pilot, "slash")
    await type_query(pilot, query)
    await press(pilot, "enter")  # to the results


async def test_K_shows_the_concordance_sorts_it_and_opens_the_very_hit(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "牡丹")
        await press(pilot, "K")
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        await wait_until(pilot, lambda: bool(screen.lines))
        assert all(ln.hit == "牡丹" for ln in screen.lines)
        assert "lines from" in screen_text(app) and "newest first" in screen_text(app)
        await press(pilot, "l")
        lefts = [ln.left[::-1] for ln in screen.lines]
        assert lefts == sorted(lefts) and "by left context" in screen_text(app)
        await press(pilot, "r")
        assert [ln.right for ln in screen.lines] == sorted(ln.right for ln in screen.lines)
        await press(pilot, "d")
        body_lines = [k for k, ln in enumerate(screen.lines) if ln.place == "正文"]
        target = screen.lines[body_lines[-1]]
        same = [ln for ln in screen.lines if ln.article_id == target.article_id and ln.place == "正文"]
        screen.query_one(OptionList).highlighted = body_lines[-1]
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadScreen)
        await wait_until(pilot, lambda: app.screen.query_one(ArticleView).article is not None)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == target.article_id
        # the view is on the hit the line stands for, not on the first one
        headline_hits = view.hits - len(same)
        assert view.current_hit == headline_hits + same.index(target)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one(ResultList).has_focus


async def test_T_charts_the_terms_and_enter_narrows_to_the_period(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "牡丹 OR 春耕")
        await press(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TrendScreen) and screen.terms == ["牡丹", "春耕"]
        await wait_until(pilot, lambda: bool(screen.periods))
        assert [p.period for p in screen.periods] == ["2024"]
        text = screen_text(app)
        assert "█" in text and "▓" in text and "2024: 牡丹" in text
        await press(pilot, "m")
        await wait_until(pilot, lambda: [p.period for p in screen.periods] == ["2024-05"])
        await press(pilot, "y")
        await wait_until(pilot, lambda: [p.period for p in screen.periods] == ["2024"])
        await press(pilot, "escape")  # back to the results, the query untouched
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(HistoryInput).value == "牡丹 OR 春耕"
        await press(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TrendScreen)
        await wait_until(pilot, lambda: bool(screen.periods))
        await press(pilot, "d")
        await wait_until(pilot, lambda: len(screen.periods) == 2)
        assert [p.period for p in screen.periods] == ["2024-05-01", "2024-05-02"]
        await press(pilot, "enter")
        assert isinstance(app.screen, SearchScreen)
        await settle(pilot)
        assert app.screen.query_one(HistoryInput).value == "牡丹 OR 春耕 date:2024-05-01"
        assert {h.date for h in app.screen.query_one(ResultList).hits} == {"2024-05-01"}


async def test_F_narrows_to_a_facet_and_the_header_shows_them(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "牡丹")
        assert "测试日报" in screen_text(app) and "第1版" in screen_text(app)
        await press(pilot, "F")
        assert isinstance(app.screen, FacetScreen)
        await press(pilot, "escape")  # leaves the query as it is
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one(HistoryInput).value == "牡丹"
        assert app.screen.query_one(ResultList).has_focus
        await press(pilot, "F")
        words = app.screen.words
        pick = words.index("page:1")
        app.screen.query_one(OptionList).highlighted = pick
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one(HistoryInput).value == "牡丹 page:1"
        assert {h.page for h in app.screen.query_one(ResultList).hits} == {1}


async def test_e_exports_and_Y_copies_citations(
    made: StoreAccess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = ReaderApp(made, warm_tokens=False)
    said = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "牡丹")
        total = app.screen.query_one(ResultList).total
        await press(pilot, "e")
        await wait_until(pilot, lambda: any("Exported" in m for m in said))
        done = next(m for m in said if "Exported" in m)
        path = Path(done.split(" to ", 1)[1])
        assert path.is_file() and path.parent.name == "exports"
        assert f"Exported {total} articles" in done
        assert path.read_text(encoding="utf-8").count("> 《测试日报》") == total
        hit = app.screen.query_one(ResultList).current
        await press(pilot, "Y")
        assert (
            app.clipboard
            == f"《测试日报》{int(hit.date[:4])}年{int(hit.date[5:7])}月{int(hit.date[8:])}日第{hit.page}版"
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadScreen)
        app.copy_to_clipboard("")
        await press(pilot, "Y")
        assert app.clipboard.startswith("《测试日报》2024年") and app.clipboard.endswith("版")


async def test_study_keys_are_typed_in_the_input(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "KTFeY")
        assert app.screen.query_one(HistoryInput).value == "KTFeY"
        assert isinstance(app.screen, SearchScreen)


async def test_the_results_page_through_every_match(
    made: StoreAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.screens.search as search_screen

    monkeypatch.setattr(search_screen, "LIMIT", 1)
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "牡丹")
        results = app.screen.query_one(ResultList)
        total = app.screen.query_one(ResultList).total
        assert total >= 2  # one result a page: all of them there means the list paged
        for _ in range(total * 2):
            await press(pilot, "down")
        await wait_until(pilot, lambda: len(results.hits) == total)
        assert len({h.article_id for h in results.hits}) == total


async def test_results_keep_loading_while_the_cursor_stays_near_the_end(
    made: StoreAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of results that lands with the cursor still among the last four lines asks for the
    next, with no key pressed: keys that came faster than the results are not lost."""
    import reader.screens.search as search_screen

    monkeypatch.setattr(search_screen, "LIMIT", 1)
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _search(pilot, "本报讯")
        results = app.screen.query_one(ResultList)
        assert results.total >= 4
        await settle(pilot)
        # One result a page: the first page's highlight asks for a second; only asking again as
        # each lands, while the cursor is still within four lines of the end, brings in more.
        assert len(results.hits) >= 3
        assert results.highlighted == 0
