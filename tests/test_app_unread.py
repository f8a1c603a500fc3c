"""Pilot tests of ``u`` (the next unread article, across pages and dates) and ``M`` (the page read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, notifications, press, settle

from reader.app import ReaderApp
from reader.store import Store
from reader.widgets._data import StoreAccess

pytestmark = pytest.mark.pilot


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


def reading_order(access: StoreAccess) -> list[tuple[int, str]]:
    """Every article (not photo) of the store, oldest issue first, page by page, top to bottom."""
    with Store.open(access.path, readonly=True, create=False) as store:
        out = []
        for paper in store.papers():
            for edition in sorted(store.editions(paper.id), key=lambda e: e.date or ""):
                for page in store.pages(edition.id):
                    out += [(a.id, a.title) for a in store.articles(page.id) if a.kind == "article"]
        return out


async def test_u_goes_to_the_next_unread_article_across_pages_and_dates(made: StoreAccess) -> None:
    order = reading_order(made)
    assert len(order) >= 6
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Read the third article ahead of time: u passes over it.
        app.state.set_read(order[2][0], True)
        view = app.main.view
        await press(pilot, "u")  # nothing open: the oldest issue's first unread
        assert view.article is not None and view.article.id == order[0][0]
        assert (view.article.date, view.article.page_number) == ("2024-05-01", 1)
        await press(pilot, "u")  # on to the next page
        assert view.article.id == order[1][0] and view.article.page_number == 2
        await press(pilot, "u")  # on to the next date, past the article read already
        assert view.article.id == order[3][0] and view.article.date == "2024-05-02"
        notes = notifications(app)
        for _ in order[4:]:
            await press(pilot, "u")
        assert view.article.id == order[-1][0]
        assert all(app.state.is_read(i) for i, _ in order)
        await press(pilot, "u")
        assert view.article.id == order[-1][0]
        assert any("No unread articles after 2024-05-02" in n for n in notes)


async def test_capital_m_marks_the_open_articles_page_read(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        await press(pilot, "M")
        assert any("Open an article first" in n for n in notes)
        # paper → 2024-05-02 → 第1版 → its first article
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "enter")
        view = app.main.view
        assert view.article is not None
        with Store.open(made.path, readonly=True, create=False) as store:
            page = [a.id for a in store.articles(view.article.page_id) if a.kind == "article"]
        assert len(page) >= 2 and not all(app.state.is_read(i) for i in page)
        tree = app.main.section_tree
        page_node = tree.page_nodes[view.article.page_id]
        assert page_node.data is not None and page_node.data.unread > 0
        await press(pilot, "tab", "M")
        assert all(app.state.is_read(i) for i in page)
        assert page_node.data.unread == 0
        assert "(" not in page_node.label.plain  # type: ignore[union-attr]
        assert any("all read" in n for n in notes)
