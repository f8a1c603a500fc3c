"""``f`` in the tree: filter it by paper, title words or a date range."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, settle

from reader.app import ReaderApp
from reader.store.tree_filter import parse_tree_filter
from reader.widgets.section_tree import SectionTree


def test_parse_tree_filter_reads_papers_dates_and_words() -> None:
    f = parse_tree_filter("paper:洛阳  2020-5..2020-06 牡丹 Expo")
    assert (f.paper, f.words, f.first, f.last) == ("洛阳", ("牡丹", "Expo"), "2020-05", "2020-06~")
    assert f.keeps_date("2020-06-30") and f.keeps_date("2020-05-01") and not f.keeps_date("2020-07-01")
    assert not f.keeps_date(None)
    one = parse_tree_filter("date:2024-05-01")
    assert one.keeps_date("2024-05-01") and not one.keeps_date("2024-05-02") and not one.words
    assert parse_tree_filter("..2019").keeps_date("2019-12-31")
    assert not parse_tree_filter("..2019").keeps_date("2020-01-01")
    assert parse_tree_filter("  ").empty
    assert parse_tree_filter("2020年").words == ("2020年",)  # not a date form: a title word


def shown(tree: SectionTree) -> list[str]:
    """The labels of the nodes the tree shows, top to bottom."""
    out = []
    stack = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        out.append(node.label.plain)  # type: ignore[union-attr]
        if node.is_expanded:
            stack.extend(reversed(node.children))
    return out


@pytest.mark.pilot
async def test_f_filters_the_tree_by_paper_date_and_title_words(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        await press(pilot, "l")  # open the paper
        assert [s.split(" (")[0] for s in shown(tree)] == ["测试日报", "2024-05-02", "2024-05-01"]
        await press(pilot, "f", *"2024-05-01", "enter")
        assert [s.split(" (")[0] for s in shown(tree)] == ["测试日报", "2024-05-01"]
        assert tree.border_title == "filter: 2024-05-01"
        await press(pilot, "f", *["backspace"] * 10, *"牡丹", "enter")
        labels = shown(tree)
        assert [s.split(" (")[0] for s in labels] == ["测试日报", "2024-05-02"]
        await press(pilot, "j", "l", "j", "l")  # the date, its pages, the first page, its articles
        labels = shown(tree)
        assert len([s for s in labels if s.startswith("第")]) == 1  # only the page with such a title
        articles = [s for s in labels if "牡丹" in s or "黄河" in s]
        assert articles and all("牡丹" in s for s in articles)
        notes = notifications(app)
        await press(pilot, "f", "backspace", "backspace", *"paper:人民日报", "enter")
        assert shown(tree) == []
        assert any("Nothing matches the filter" in n for n in notes)
        await press(pilot, "f", *["backspace"] * 20, "enter")
        assert shown(tree)[0] == "测试日报" and tree.border_title is None
        await press(pilot, "f", "escape")
        assert app.screen is app.main


@pytest.mark.pilot
async def test_a_filtered_tree_shows_and_moves_the_unread_counts_of_the_whole_tree(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        await press(pilot, "l", "j", "l", "j", "l")  # the paper, 2024-05-02, its 第1版 要闻
        whole = [s for s in shown(tree) if s.startswith(("2024-", "第"))]
        assert whole == ["2024-05-02 (4)", "第1版 要闻 (2)", "第2版 经济 (2)", "2024-05-01 (2)"]
        await press(pilot, "f", *"牡丹", "enter")
        await press(pilot, "g", "j", "l", "j", "l")
        # The same counts as unfiltered: the filter narrows what is shown, not what is unread.
        assert [s for s in shown(tree) if s.startswith(("2024-", "第"))] == [
            "2024-05-02 (4)",
            "第1版 要闻 (2)",
        ]
        await press(pilot, "j", "m")  # the page's one article with 牡丹 in its title
        assert [s for s in shown(tree) if s.startswith(("2024-", "第"))] == [
            "2024-05-02 (3)",
            "第1版 要闻 (1)",
        ]
        # A date range and the words: the tree is read again, with the same counts.
        await press(pilot, "f", "backspace", "backspace", *"2024-05", "space", *"牡丹", "enter")
        assert tree.border_title == "filter: 2024-05 牡丹"
        assert [s for s in shown(tree) if s.startswith(("2024-", "第"))] == [
            "2024-05-02 (3)",
            "第1版 要闻 (1)",
        ]
