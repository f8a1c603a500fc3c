"""Pilot tests of what a new user tripped on (issue 13): keys in bursts, tree keys, silent keys, labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_search import type_query
from test_app_support import (
    made_store,
    notifications,
    press,
    sample_store,
    screen_text,
    settle,
    wait_until,
)
from textual import events
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.screens.search import SearchScreen
from reader.widgets._data import StoreAccess
from reader.widgets.history_input import HistoryInput
from reader.widgets.result_list import ResultList

pytestmark = pytest.mark.pilot

OPEN_FIRST = ("enter", "down", "enter", "down", "enter", "down", "enter")
CHARS = {"space": " ", "enter": "\r", "escape": "\x1b"}


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


async def burst(app: ReaderApp, *keys: str) -> None:
    """Deliver keys the way one write from a terminal does: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))


async def test_a_burst_of_j_scrolls_one_line_per_key(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab")
        view = app.main.view
        assert view.max_scroll_y >= 10
        await burst(app, *"jjjjjjjjjj")
        await settle(pilot)
        assert view.scroll_y == 10
        await burst(app, *"kkk")
        await settle(pilot)
        assert view.scroll_y == 7


async def test_a_burst_of_spaces_pages_once_per_key(tmp_path: Path) -> None:
    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "enter", "down", "enter", "down", "enter", "down", "enter", "tab")
        view = app.main.view
        page = view.scrollable_content_region.height
        assert view.max_scroll_y > 3 * page
        await burst(app, "space", "space", "space")
        await settle(pilot)
        assert view.scroll_y == 3 * page


async def test_enter_and_j_in_one_burst_go_to_the_results(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(ResultList)
        assert len(results.hits) >= 2
        await burst(app, "enter", "j")
        await settle(pilot)
        assert screen.query_one(HistoryInput).value == "牡丹"
        assert results.has_focus
        assert results.current is results.hits[1]


async def test_h_closes_an_open_node_then_goes_to_the_parent(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        await press(pilot, "l", "j", "l")  # the paper, then its first date, open
        date = tree.cursor_node
        assert date is not None and date.is_expanded
        await press(pilot, "h")
        assert not date.is_expanded and tree.cursor_node is date
        await press(pilot, "h")
        assert tree.cursor_line == 0  # the paper
        assert tree.cursor_node is not None and tree.cursor_node.is_expanded
        await press(pilot, "h")
        assert not tree.cursor_node.is_expanded


async def test_m_marks_the_node_under_the_tree_cursor(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        opened = app.main.view.article
        assert opened is not None and app.state.is_read(opened.id)
        tree = app.main.section_tree
        node = tree.cursor_node
        while node is not None and node.data is not None and node.data.id == opened.id:
            await press(pilot, "down")  # past its subheads to the next article
            node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.kind == "article"
        other = node.data.id
        assert other != opened.id and not app.state.is_read(other)
        await press(pilot, "m")
        assert app.state.is_read(other)
        assert app.state.is_read(opened.id)  # the open article is left alone
        await press(pilot, "tab", "m")  # in the article pane m is about the open article
        assert not app.state.is_read(opened.id)


async def test_m_on_a_page_marks_the_whole_page(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down")  # the cursor on 第1版
        node = app.main.section_tree.cursor_node
        assert node is not None and node.data is not None and node.data.kind == "page"
        await press(pilot, "m")
        assert "第1版 要闻 (" not in screen_text(app)
        assert "2024-05-02 (2)" in screen_text(app)
        await press(pilot, "m")
        assert "第1版 要闻 (2)" in screen_text(app)


async def test_l_without_bookmarks_says_why(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        await press(pilot, "L")
        assert any("No bookmarks" in n for n in notes)


async def test_keys_about_the_open_article_say_why_when_none_is_open(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        for key in ("right_square_bracket", "right_curly_bracket", "B", "y"):
            await press(pilot, key)
        assert len([n for n in notes if "Open an article" in n]) == 4


async def test_l_in_an_article_from_search_lists_the_bookmarks(made: StoreAccess) -> None:
    from reader.screens.bookmarks import BookmarksScreen

    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "B", "slash")
        await type_query(pilot, "春耕")
        await press(pilot, "enter", "enter", "L")
        assert isinstance(app.screen, BookmarksScreen)
        await press(pilot, "enter")
        assert app.screen is app.main
        assert app.main.view.article is not None
        assert app.main.view.article.title == "洛阳牡丹文化节开幕"


async def test_snippets_fit_their_width_when_the_results_scroll(tmp_path: Path) -> None:
    from rich.cells import cell_len

    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "洛宁")
        results = app.screen.query_one(ResultList)
        assert results.max_scroll_y > 0  # the scrollbar shows
        width = results.scrollable_content_region.width - 2  # the option's padding
        for index in range(results.option_count):
            prompt = results.get_option_at_index(index).prompt
            lines = prompt.plain.split("\n")  # type: ignore[union-attr]
            for line in lines:
                assert cell_len(line) <= width, line
            for line in lines[2:]:
                assert "洛宁" in line, line  # each snippet shows its hit
        text = screen_text(app)
        assert not any(line.strip() in ("…", "▕…") for line in text.splitlines())


async def test_pages_without_a_number_are_named_alike_in_tree_header_and_bookmarks(tmp_path: Path) -> None:
    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "enter", "down", "enter", "down", "enter", "down", "enter", "B")
        article = app.main.view.article
        assert article is not None and article.page_number is None and not article.section
        name = f"版次不详 #{article.page_id}"
        text = screen_text(app)
        assert f"{name} (" in text  # the tree
        assert f"日期不详 · {name}" in text.splitlines()[0]  # the header
        assert name in app.state.bookmarks()[0].label
        assert "000_4f" not in text and "001_99" not in text


async def test_result_lines_name_pages_and_highlight_title_hits(made: StoreAccess) -> None:
    from reader.widgets.article_text import STYLE_HIT

    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        results = app.screen.query_one(ResultList)
        prompt = results.get_option_at_index(0).prompt
        title = prompt.plain.split("\n")[0]  # type: ignore[union-attr]
        assert "牡丹" in title
        at = title.index("牡丹")
        assert any(s.start <= at < s.end and STYLE_HIT in str(s.style) for s in prompt.spans)  # type: ignore[union-attr]


async def test_a_date_only_query_does_not_say_0_hits(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "date:2024-05-01")
        assert "0 hits" not in screen_text(app)
        assert "春耕生产忙" in screen_text(app)


async def test_a_filter_error_is_shown_whole(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "date:2020-13-45..x")
        from reader.search import search

        with made.connect() as store:
            message = search(store, "date:2020-13-45..x").message
        assert message
        flat = "".join(line.strip() for line in screen_text(app).splitlines())
        assert message.replace(" ", "") in flat.replace(" ", "")


def many_results_store(tmp: Path, count: int = 130) -> StoreAccess:
    """A store whose query 牡丹 matches ``count`` articles (over two pages)."""
    from reader.ingest import import_paths
    from reader.ingest.meta import Meta
    from reader.store import Store

    root = tmp / "many" / "花报" / "2024-04-01"
    root.mkdir(parents=True)
    half = count // 2
    for page, numbers in ((1, range(half)), (2, range(half, count))):
        text = "".join(f"## 第{n}篇牡丹消息\n\n本报讯 今日牡丹盛开，第{n}篇报道。\n\n" for n in numbers)
        (root / f"0{page}-花事.md").write_text(text, encoding="utf-8")
    path = tmp / "many.db"
    with Store.open(path) as store:
        report = import_paths(store, [tmp / "many" / "花报"], Meta(split="rules"))
    assert not report.error
    return StoreAccess(path)


async def test_every_result_is_reachable_by_going_down(tmp_path: Path) -> None:
    app = ReaderApp(many_results_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_query(pilot, "牡丹")
        await press(pilot, "enter")
        results = app.screen.query_one(ResultList)
        for _ in range(5):
            await press(pilot, "G")
        assert len(results.hits) == 130
        assert results.current is results.hits[-1]
        assert "130 results" in screen_text(app)


async def test_brackets_and_braces_go_on_to_the_next_date(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # paper → 2024-05-01 → 第2版 杂谈 → its article (the last of that date)
        await press(pilot, "enter", "down", "down", "enter", "down", "down", "enter", "down", "enter")
        view = app.main.view
        await wait_until(
            pilot,
            lambda: (
                view.article is not None
                and (view.article.date, view.article.page_number) == ("2024-05-01", 2)
            ),
        )
        assert view.article is not None
        # Each key reads the store in a worker whose answer opens the article in another: wait for
        # the article to change (a loaded machine can put the second step after a settle returns).
        await step_to(pilot, "right_square_bracket", ("2024-05-02", 1))
        assert view.article.title == "洛阳牡丹文化节开幕"
        await step_to(pilot, "left_curly_bracket", ("2024-05-01", 2))
        await step_to(pilot, "right_curly_bracket", ("2024-05-02", 1))


async def step_to(pilot: Pilot[object], key: str, where: tuple[str, int]) -> None:
    """Press ``key`` and wait until the article pane shows an article of that (date, page)."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.press(key)

    def there() -> bool:
        article = app.main.view.article
        return article is not None and (article.date, article.page_number) == where

    await wait_until(pilot, there)


async def test_a_byline_is_shown_once(tmp_path: Path) -> None:
    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "enter")
        view = app.main.view
        assert view.article is not None and view.article.byline
        shown = "".join(line.plain for line in view.rendered.lines)
        assert shown.count("程慧娟") == 1


async def test_the_footer_keeps_help_at_60_columns(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert "Help" in screen_text(app).splitlines()[-1]


async def test_the_cursor_row_reads_without_colour(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        style = tree.get_component_rich_style("tree--cursor")
        assert style.reverse


async def test_the_palette_names_keys_as_typed_and_finds_help(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        commands = list(app.get_system_commands(app.main))
        helps = [c.help for c in commands]
        assert any("key: ]" in h for h in helps)
        assert not any("square_bracket" in h for h in helps)
        assert any(c.title.lower().startswith("help") for c in commands)


async def test_help_lists_the_palette_and_scrolls_with_space_and_G(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "ctrl+p" in text
        from textual.containers import VerticalScroll

        scroll = app.screen.query_one(VerticalScroll)
        await press(pilot, "space")
        assert scroll.scroll_y > 1
        await press(pilot, "G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await press(pilot, "g")
        assert scroll.scroll_y == 0
