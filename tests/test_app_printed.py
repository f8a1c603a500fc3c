"""Pilot tests of ``p``: the page as printed, all its articles in one pane, ``[`` ``]`` between them."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, screen_text, settle
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.screens.printed import PrintedPageScreen
from reader.widgets.header_line import HeaderLine
from reader.widgets.printed_page import PrintedPage, printed_lines

pytestmark = pytest.mark.pilot

# paper → 2024-05-02 → the cursor on 第1版 要闻 (four articles)
TO_0502_P1 = ("enter", "down", "enter", "down")


async def test_p_on_a_page_node_shows_its_articles_in_order_and_brackets_move_between_them(
    tmp_path: Path,
) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *TO_0502_P1)
        node = app.main.section_tree.cursor_node
        assert node is not None and node.data is not None and node.data.kind == "page"
        await press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PrintedPageScreen)
        page = screen.query_one(PrintedPage)
        titles = [a.title for a in page.articles]
        assert titles[0] == "洛阳牡丹文化节开幕" and "黄河生态保护持续推进" in titles and len(titles) >= 2
        text = "\n".join(line.plain for line in page.lines)
        positions = [text.index(t) for t in titles]
        assert positions == sorted(positions)  # one pane, in reading order
        assert "本报讯 4月1日" in text and "花开满城" in text  # bodies and subheads, not just titles
        header = screen.query_one(HeaderLine)
        assert f"article 1/{len(titles)}" in header.extra and "第1版" in header.position
        await press(pilot, "right_square_bracket")
        assert page.index == 1 and f"article 2/{len(titles)}" in header.extra
        assert titles[1] in screen_text(app)
        assert page.scroll_y == min(page.starts[1], page.max_scroll_y)
        notes = notifications(app)
        for _ in titles:
            await press(pilot, "right_square_bracket")
        assert page.index == len(titles) - 1
        assert any("No more articles on this page" in n for n in notes)
        await press(pilot, "left_square_bracket")
        assert page.index == len(titles) - 2
        await press(pilot, "g")
        assert page.scroll_y == 0 and page.index == 0
        await press(pilot, "space")
        assert page.scroll_y > 0
        await press(pilot, "enter")  # opens the article on top in the article pane
        assert app.screen is app.main
        assert app.main.view.article is not None
        assert app.main.view.article.title == titles[page.at_line(int(page.scroll_y))]


async def test_p_from_an_article_starts_on_it_and_escape_goes_back(tmp_path: Path) -> None:
    app = ReaderApp(made_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        await press(pilot, "p")  # the cursor on a paper, nothing open
        assert app.screen is app.main and any("Put the tree cursor on a page" in n for n in notes)
        await press(pilot, *TO_0502_P1, "enter", "down", "down", "enter", "tab")
        opened = app.main.view.article
        assert opened is not None and opened.position > 0
        await press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PrintedPageScreen)
        page = screen.query_one(PrintedPage)
        assert page.articles[page.index].id == opened.id
        await press(pilot, "escape")
        assert app.screen is app.main and app.main.view.article is not None
        assert app.main.view.article.id == opened.id


def test_printed_lines_start_each_article_with_its_headline(tmp_path: Path) -> None:
    from reader.store import Store

    access = made_store(tmp_path)
    with Store.open(access.path, readonly=True, create=False) as store:
        page = store.pages(store.editions(store.papers()[0].id)[0].id)[0]
        articles = store.articles(page.id)
    for width in (30, 78):
        lines, starts = printed_lines(articles, width)
        assert len(starts) == len(articles)
        for start, article in zip(starts, articles, strict=True):
            assert lines[start].plain.startswith(article.title[:5])
        assert all(line.cell_len <= width for line in lines)


async def open_printed(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await press(pilot, *TO_0502_P1, "p")
