"""Pilot test of ``o`` in the search results: sorted by rank or by date, said in the header."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_search import answered, type_query
from test_app_support import made_store, press, settle, wait_until

from reader.app import ReaderApp
from reader.screens.search import SearchScreen
from reader.widgets.header_line import HeaderLine
from reader.widgets.history_input import HistoryInput
from reader.widgets.result_list import ResultList

pytestmark = pytest.mark.pilot


async def test_o_sorts_the_results_by_date_then_by_rank_again(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        header = screen.query_one(HeaderLine)
        assert "sorted by rank" in header.extra
        await type_query(pilot, "春耕 OR 增长")
        results = screen.query_one(ResultList)
        by_rank = [h.title for h in results.hits]
        assert by_rank[0] == "春耕生产忙"  # the title hit ranks first, though it is the older issue
        await press(pilot, "o")  # typed in the query: not a key there
        assert screen.query_one(HistoryInput).value == "春耕 OR 增长o"
        await press(pilot, "backspace")
        await wait_until(pilot, lambda: answered(app, "春耕 OR 增长"))
        await press(pilot, "enter")
        assert results.has_focus
        await press(pilot, "o")
        await wait_until(pilot, lambda: answered(app, "春耕 OR 增长") and bool(results.hits))
        assert "sorted by date" in header.extra
        dates = [h.date or "" for h in results.hits]
        assert dates == sorted(dates, reverse=True) and results.hits[-1].title == "春耕生产忙"
        assert sorted(h.title for h in results.hits) == sorted(by_rank)
        await press(pilot, "o")
        await wait_until(pilot, lambda: answered(app, "春耕 OR 增长") and bool(results.hits))
        assert [h.title for h in results.hits] == by_rank and "sorted by rank" in header.extra
