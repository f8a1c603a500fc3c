"""转版 links: （下转第X版） / （上接第X版） join an article's parts; ``J`` follows them; the tree marks them."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import notifications, press, settle

from reader.app import ReaderApp
from reader.ingest import import_paths
from reader.ingest.meta import Meta
from reader.store import Store
from reader.store.nav import linked_part, part_links
from reader.text.continued import chinese_number, link_mark, page_links
from reader.widgets._data import StoreAccess

PAGES = {
    "转版日报/2024-06-01/01-要闻.md": (
        "## 城市更新提速\n\n本报讯 今年以来，我市城市更新项目加快推进，老旧小区改造全面铺开。\n\n（下转第3版）\n\n"
        "## 夏粮丰收在望\n\n本报讯 小麦陆续成熟，农机整装待发。\n"
    ),
    "转版日报/2024-06-01/03-城建.md": (
        "## 城市更新提速\n\n（上接第1版）改造后的小区环境焕然一新，居民纷纷点赞。\n\n"
        "## 小店经济\n\n本报讯 街边小店生意红火。（上接第2版）是别的文章的引文。\n"
    ),
}


@pytest.fixture
def linked(tmp_path: Path) -> StoreAccess:
    for rel, text in PAGES.items():
        path = tmp_path / "pages" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    db = tmp_path / "linked.db"
    with Store.open(db) as store:
        report = import_paths(store, [tmp_path / "pages" / "转版日报"], Meta(split="rules"))
    assert not report.error
    return StoreAccess(db)


def test_page_links_read_the_common_forms() -> None:
    assert page_links("正文（下转第3版）") == [("next", 3)]
    assert page_links("（上接第十二版）正文") == [("previous", 12)]
    assert page_links("(转第２版) 与 （紧接一版）") == [("next", 2), ("previous", 1)]
    assert page_links("土地（流转权）不是转版") == []
    assert chinese_number("二十") == 20 and chinese_number("十") == 10 and chinese_number("百") is None
    assert link_mark(page_links("（上接第1版）……（下转第5版）")) == "←1版 →5版"


def ids_by_title(access: StoreAccess) -> dict[tuple[str, int | None], int]:
    with Store.open(access.path, readonly=True, create=False) as store:
        out = {}
        for edition in store.editions(store.papers()[0].id):
            for page in store.pages(edition.id):
                for a in store.articles(page.id):
                    out[(a.title, a.page_number)] = a.id
        return out


def test_linked_part_joins_the_two_parts_either_way(linked: StoreAccess) -> None:
    ids = ids_by_title(linked)
    first, second = ids[("城市更新提速", 1)], ids[("城市更新提速", 3)]
    with Store.open(linked.path, readonly=True, create=False) as store:
        assert linked_part(store, first, "next") == second
        assert linked_part(store, second, "previous") == first
        assert linked_part(store, first, "previous") is None
        assert linked_part(store, ids[("小店经济", 3)], "previous") is None  # page 2 is not in this issue


def test_a_line_standing_alone_belongs_to_the_part_it_marks(tmp_path: Path) -> None:
    # Split apart from the text: （下转） goes with the article before it, （上接） with the one after,
    # or with the headline printed just above it.
    pages = tmp_path / "p" / "日报" / "2024-06-02"
    pages.mkdir(parents=True)
    (pages / "02-要闻.md").write_text(
        "## 城市更新提速\n\n（上接第1版）\n\n改造后的小区环境焕然一新。\n\n## 夏粮丰收在望\n\n本报讯 小麦陆续成熟，农机整装待发。\n\n（下转第5版）\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "s.db") as store:
        import_paths(store, [tmp_path / "p" / "日报"], Meta(split="rules"))
        page = store.pages(store.editions(store.papers()[0].id)[0].id)[0]
        articles = {a.title: a.id for a in store.articles(page.id)}
        assert store.furniture(page.id) == ["（上接第1版）", "（下转第5版）"]
        links = part_links(store, page.id)
    assert links[articles["城市更新提速"]] == [("previous", 1)]
    assert links[articles["夏粮丰收在望"]] == [("next", 5)]


@pytest.mark.pilot
async def test_capital_j_follows_the_link_both_ways_and_the_tree_marks_the_parts(
    linked: StoreAccess,
) -> None:
    ids = ids_by_title(linked)
    app = ReaderApp(linked, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "enter")
        view = app.main.view
        assert view.article is not None and view.article.id == ids[("城市更新提速", 1)]
        tree = app.main.section_tree
        assert tree.article_nodes[view.article.id].label.plain.startswith("  →3版 城市更新提速")  # type: ignore[union-attr]
        await press(pilot, "J")
        assert view.article.id == ids[("城市更新提速", 3)] and view.article.page_number == 3
        assert "←1版 城市更新提速" in tree.article_nodes[view.article.id].label.plain  # type: ignore[union-attr]
        await press(pilot, "J")
        assert view.article.id == ids[("城市更新提速", 1)]
        notes = notifications(app)
        await press(pilot, "right_square_bracket", "J")
        assert view.article.title == "夏粮丰收在望"
        assert any("no 转版 line" in n for n in notes)
        await press(pilot, "colon", *"2024-06-01", "enter")
        app.main.post_message(
            __import__("reader.messages", fromlist=["OpenArticle"]).OpenArticle(ids[("小店经济", 3)])
        )
        await settle(pilot)
        await press(pilot, "J")
        assert view.article.title == "小店经济"
        assert any("（上接第2版）: no such part" in n for n in notes)


def test_a_result_counts_and_cites_every_part_of_an_article(linked: StoreAccess) -> None:
    from reader.search import search
    from reader.text.labels import chinese_citation, hit_citation

    ids = ids_by_title(linked)
    with Store.open(linked.path, readonly=True, create=False) as store:
        result = search(store, "小区", limit=10)
    hits = {h.article_id: h for h in result.hits}
    first, second = hits[ids[("城市更新提速", 1)]], hits[ids[("城市更新提速", 3)]]
    # 小区 once on page 1, once on page 3: each part's result counts both.
    assert (first.hits, second.hits) == (2, 2)
    assert (first.other_pages, second.other_pages) == ((3,), (1,))
    assert hit_citation(first) == "转版日报 · 2024-06-01 · 第1版 要闻、第3版 · 城市更新提速"
    assert (
        chinese_citation(first.paper, first.date, first.page, first.other_pages)
        == "《转版日报》2024年6月1日第1、3版"
    )
    with Store.open(linked.path, readonly=True, create=False) as store:
        quoted = search(store, "小店", limit=10).hits
    assert [(h.title, h.hits, h.other_pages) for h in quoted] == [
        ("小店经济", 2, ())
    ]  # （上接第2版） leads nowhere


@pytest.mark.pilot
async def test_y_and_bookmarks_cite_both_pages_of_an_article(linked: StoreAccess) -> None:
    app = ReaderApp(linked, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "enter", "y", "B")
        assert app.clipboard.rstrip().endswith("—— 转版日报 · 2024-06-01 · 第1版 要闻、第3版 · 城市更新提速")
        assert [b.label for b in app.state.bookmarks()] == [
            "转版日报 · 2024-06-01 · 第1版 要闻、第3版 · 城市更新提速"
        ]
