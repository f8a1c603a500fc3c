"""Pilot tests of the main screen: tree, article pane, keys, read marks, bookmarks, state, read-only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_app_support import (
    HOSTILE_BODY,
    made_store,
    make_pages,
    notifications,
    press,
    sample_store,
    screen_text,
    settle,
    wait_until,
)

from reader.app import ReaderApp
from reader.config import Config
from reader.screens.help import HelpScreen
from reader.state import State
from reader.store import Store
from reader.widgets._data import StoreAccess
from reader.widgets.article_view import ArticleView
from reader.widgets.section_tree import SectionTree

pytestmark = pytest.mark.pilot

OPEN_FIRST = ("enter", "down", "enter", "down", "enter", "down", "enter")  # paper, 05-02, 第1版, 1st article


@pytest.fixture
def made(tmp_path: Path) -> StoreAccess:
    return made_store(tmp_path)


def article_title(app: ReaderApp) -> str | None:
    view = app.main.view
    return view.article.title if view.article else None


async def test_first_frame_lists_the_sample_papers(tmp_path: Path) -> None:
    app = ReaderApp(sample_store(tmp_path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for paper in ("洛阳日报", "东方今报", "濮阳日报"):
            assert paper in text
        assert "paper-reader · sample.db" in text
        assert "Search" in text and "Help" in text  # the footer


async def test_enter_opens_an_article_set_like_print(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        assert article_title(app) == "洛阳牡丹文化节开幕"
        text = screen_text(app)
        assert "测试日报 · 2024-05-02 · 第1版 要闻" in text  # header position and meta line
        assert "本报记者 张" in text
        assert "\u3000\u3000本报讯" in text  # the first-line indent
        for line in text.splitlines():
            pane = line.split("▕", 1)[-1].strip()
            assert not pane.startswith(tuple("，。、；：？！）」』》…")), line


async def test_tree_shows_dates_pages_and_unread_counts(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        text = screen_text(app)
        assert "2024-05-02 (4)" in text and "2024-05-01 (2)" in text
        await press(pilot, "down", "enter")
        assert "第1版 要闻 (2)" in screen_text(app)
        await press(pilot, "down", "enter", "down", "enter")
        text = screen_text(app)
        assert "2024-05-02 (3)" in text and "第1版 要闻 (1)" in text


async def test_m_toggles_read_and_the_counts_follow(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        article_id = app.main.view.article.id  # type: ignore[union-attr]
        assert app.state.is_read(article_id)
        await press(pilot, "m")
        assert not app.state.is_read(article_id)
        assert "2024-05-02 (4)" in screen_text(app)
        await press(pilot, "m")
        assert app.state.is_read(article_id)
        assert "2024-05-02 (3)" in screen_text(app)


async def test_subhead_nodes_jump_into_a_long_article(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        assert "§ 花开满城" in screen_text(app)
        await press(pilot, "down", "down", "enter")  # § 文旅融合
        view = app.main.view
        assert view.scroll_y == min(view.rendered.subhead_lines[1], view.max_scroll_y) > 0
        assert view.has_focus


async def test_brackets_step_articles_and_braces_step_pages(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        await press(pilot, "right_square_bracket")
        assert article_title(app) == "黄河生态保护持续推进"
        await press(pilot, "right_square_bracket")  # on over the page's end
        assert article_title(app) == "制造业投资稳步增长"
        await press(pilot, "left_square_bracket")
        assert article_title(app) == "黄河生态保护持续推进"
        await press(pilot, "right_curly_bracket")
        assert article_title(app) == "制造业投资稳步增长"
        await press(pilot, "left_curly_bracket")
        assert article_title(app) == "洛阳牡丹文化节开幕"
        await press(pilot, "left_curly_bracket")  # before the first page: the previous date's last
        assert app.main.view.article is not None and app.main.view.article.date == "2024-05-01"
        await press(pilot, "left_curly_bracket", "left_curly_bracket")
        assert app.main.view.article.date == "2024-05-01"  # no issue before the first
        assert app.main.view.article.page_number == 1


async def test_article_keys_scroll(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab")
        view = app.main.view
        assert view.has_focus
        await press(pilot, "j", "j")
        assert view.scroll_y == 2
        await press(pilot, "k")
        assert view.scroll_y == 1
        await press(pilot, "G")
        assert view.scroll_y == view.max_scroll_y > 0
        await press(pilot, "g")
        assert view.scroll_y == 0
        await press(pilot, "space")
        assert view.scroll_y > 1
        await press(pilot, "b")
        assert view.scroll_y == 0


async def test_t_hides_the_tree_and_tab_switches_panes(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        assert tree.has_focus
        await press(pilot, "tab")
        assert app.main.view.has_focus
        await press(pilot, "shift+tab")
        assert tree.has_focus
        await press(pilot, "t")
        assert not tree.display and app.main.view.has_focus
        assert app.main.view.outer_size.width == 80
        await press(pilot, "t")
        assert tree.display and tree.has_focus


async def test_bookmarks_add_list_open_remove(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "B")
        first = app.main.view.article.id  # type: ignore[union-attr]
        assert [b.article_id for b in app.state.bookmarks()] == [first]
        await press(pilot, "right_square_bracket")
        assert article_title(app) == "黄河生态保护持续推进"
        await press(pilot, "L")
        assert "测试日报 · 2024-05-02 · 第1版 要闻 · 洛阳牡丹文化节开幕" in screen_text(app)
        await press(pilot, "enter")
        assert article_title(app) == "洛阳牡丹文化节开幕"
        await press(pilot, "B")
        assert app.state.bookmarks() == []


async def test_position_is_restored_after_a_restart(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab", "j", "j", "j", "q")
    again = ReaderApp(made, warm_tokens=False)
    async with again.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        # The saved article opens in a worker after the first frame; on a loaded machine (a CI run
        # on two busy cores) it can land after the app first looks quiet.
        await wait_until(pilot, lambda: article_title(again) is not None, timeout=5)
        assert article_title(again) == "洛阳牡丹文化节开幕"
        # The scroll lands once the text is laid out, a refresh after the article loads.
        await wait_until(pilot, lambda: again.main.view.scroll_y == 3, timeout=5)
        tree = again.main.section_tree
        # The tree loads the paper's dates in a worker of its own and then moves its cursor: on a
        # loaded machine that lands after the article (a clean-clone run once saw the paper node).
        await wait_until(
            pilot,
            lambda: tree.cursor_node is not None and tree.cursor_node.data.id == again.main.view.article.id,  # type: ignore[union-attr]
            timeout=10,
        )
        assert again.state.is_read(again.main.view.article.id)  # type: ignore[union-attr]


async def test_a_read_only_store_opens_and_reads(made: StoreAccess) -> None:
    from reader.ingest import open_default

    folder = made.path.parent
    with Store.open(made.path):
        pass  # checkpoint the WAL so the file alone holds everything
    os.chmod(made.path, stat.S_IRUSR)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(made.path, os.W_OK):
            access = StoreAccess(made.path, readonly=True)  # root writes anyway: ask for read-only
        else:
            store = open_default(str(made.path))
            assert store.readonly
            access = StoreAccess(store.path, store.readonly)
            store.close()
        app = ReaderApp(access, warm_tokens=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "(read-only)" in screen_text(app)
            await press(pilot, *OPEN_FIRST, "m", "B", "right_curly_bracket")
            assert article_title(app) == "制造业投资稳步增长"
            assert app.state.bookmarks()  # the state is the user's, not the store's
    finally:
        os.chmod(folder, stat.S_IRWXU)
        os.chmod(made.path, stat.S_IRUSR | stat.S_IWUSR)


async def test_help_lists_every_binding_with_the_users_keys(made: StoreAccess) -> None:
    app = ReaderApp(made, Config(keymap={"toggle_tree": "T"}), warm_tokens=False)
    async with app.run_test(size=(80, 90)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        statics = screen_text(app)
        assert "toggle_tree" in statics and "Bookmarks" in statics and "Next hit" in statics
        assert " T             Tree" in statics  # the user's key, not the declared one
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "T")
        assert not app.main.section_tree.display


async def test_y_copies_the_article_with_a_citation(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "y")
        assert app.clipboard.startswith("洛阳牡丹文化节开幕")
        assert app.clipboard.rstrip().endswith("—— 测试日报 · 2024-05-02 · 第1版 要闻 · 洛阳牡丹文化节开幕")


async def test_refresh_shows_pages_imported_meanwhile(made: StoreAccess, tmp_path: Path) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        article_id = app.main.view.article.id  # type: ignore[union-attr]
        assert "2024-05-03" not in screen_text(app)
        page = tmp_path / "more" / "测试日报" / "2024-05-03" / "01-要闻.md"
        page.parent.mkdir(parents=True)
        page.write_text("## 新的一天\n\n本报讯 又是新的一天。\n", encoding="utf-8")
        from reader.ingest import import_paths

        with Store.open(made.path) as store:  # an import while the app is open
            assert not import_paths(store, [tmp_path / "more" / "测试日报"]).error
        await press(pilot, "r")
        text = screen_text(app)
        assert "2024-05-03 (1)" in text
        assert "§ 花开满城" in text  # what was open stays open
        tree = app.main.section_tree
        assert tree.cursor_node is not None and tree.cursor_node.data.id == article_id  # type: ignore[union-attr]


async def test_hostile_text_is_shown_literally(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "down", "enter", "down", "down", "enter", "down", "enter")
        view = app.main.view
        assert view.article is not None and view.article.body == HOSTILE_BODY
        text = screen_text(app)
        assert "␛]0;PWNED␇" in text and "[bold]x[/]" in text
        assert "␛[31m红色" in text and "<U+202E>" in text and "[red]markup[/red]" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_state_file_is_outside_the_store(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        article_id = app.main.view.article.id  # type: ignore[union-attr]
    assert app.state.path.parent != made.path.parent
    with Store.open(made.path) as store:
        assert "read" not in store.db.table_names()
    assert State(made.key).is_read(article_id)


def test_tree_class_is_a_textual_tree() -> None:
    from textual.widgets import Tree

    assert issubclass(SectionTree, Tree) and ArticleView.can_focus
    assert make_pages  # the support module stays importable


async def test_the_command_palette_offers_the_screens_actions(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search" in titles and "Tree" in titles
        assert "Copy" not in titles  # nothing open to copy yet
        await press(pilot, "ctrl+p")
        assert "CommandPalette" in type(app.screen).__name__
        await press(pilot, *"tree", "enter")
        assert not app.main.section_tree.display


async def test_reading_while_an_import_writes_never_says_locked(made: StoreAccess, tmp_path: Path) -> None:
    import threading

    from reader.ingest import import_paths

    stop = threading.Event()
    errors: list[str] = []

    def writer() -> None:
        n = 0
        with Store.open(made.path) as store:
            while not stop.is_set() and n < 200:
                page = (
                    tmp_path
                    / "live"
                    / "测试日报"
                    / f"2024-06-{n % 28 + 1:02d}"
                    / f"{n // 28 + 1:02d}-要闻.md"
                )
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(f"## 第{n}篇\n\n本报讯 第{n}篇稿件的正文。\n", encoding="utf-8")
                report = import_paths(store, [page])
                if report.error:
                    errors.append(report.error)
                n += 1

    app = ReaderApp(made, warm_tokens=False)
    notes = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        thread = threading.Thread(target=writer)
        thread.start()
        try:
            await press(pilot, *OPEN_FIRST)
            for _ in range(5):
                await press(pilot, "r", "right_square_bracket", "left_square_bracket")
        finally:
            stop.set()
            thread.join()
        await press(pilot, "r")
        dates = {n.data.name for n in app.main.section_tree.edition_nodes.values() if n.data is not None}
        assert "2024-06-01" in dates  # (maybe below the fold: the writer may have made 28 dates)
    assert not errors
    assert not [n for n in notes if "locked" in n or "Error" in n], notes


async def test_a_store_that_vanishes_is_a_message_not_a_crash(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    messages = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{made.path}{suffix}").unlink(missing_ok=True)
        await press(pilot, "r")
        assert any("no store" in m for m in messages), messages
        assert app.is_running


async def test_the_config_theme_applies_and_a_light_theme_reads(made: StoreAccess) -> None:
    app = ReaderApp(made, Config(theme="textual-light"), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        await press(pilot, *OPEN_FIRST)
        assert "洛阳牡丹文化节开幕" in screen_text(app)
    bad = ReaderApp(made, Config(theme="no-such-theme"), warm_tokens=False)
    notes = notifications(bad)
    async with bad.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("no-such-theme" in n for n in notes), notes


async def test_no_animation_by_default(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    assert app.animation_level == "none"


async def test_a_paper_of_many_dates_groups_them_by_year(tmp_path: Path) -> None:
    from reader.ingest import import_paths

    root = tmp_path / "pages" / "日报"
    for n in range(45):
        year = 2023 if n < 20 else 2024
        page = root / f"{year}-{n % 12 + 1:02d}-{n // 12 + 1:02d}" / "01-要闻.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"## 第{n}篇\n\n本报讯 第{n}篇的正文。\n", encoding="utf-8")
    path = tmp_path / "many.db"
    with Store.open(path) as store:
        assert not import_paths(store, [root]).error
    app = ReaderApp(StoreAccess(path), warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        text = screen_text(app)
        assert "2024年 (25)" in text and "2023年 (20)" in text
        await press(pilot, "down", "enter", "down", "enter", "down", "enter", "down", "enter")
        assert app.main.view.article is not None
        assert "2024年 (24)" in screen_text(app)  # the read mark rolls up into the year
        article_id = app.main.view.article.id
        before = screen_text(app)
        await press(pilot, "r")
        assert screen_text(app).splitlines()[1:12] == before.splitlines()[1:12]  # the same nodes open
        tree = app.main.section_tree
        assert tree.cursor_node is not None and tree.cursor_node.data.id == article_id  # type: ignore[union-attr]
        await press(pilot, "q")
    again = ReaderApp(StoreAccess(path), warm_tokens=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = again.main.section_tree
        assert tree.cursor_node is not None and tree.cursor_node.data.id == article_id  # type: ignore[union-attr]


async def test_the_article_is_set_again_when_the_terminal_resizes(made: StoreAccess) -> None:
    from rich.cells import cell_len

    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST)
        view = app.main.view
        for width in (60, 120, 200):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            pane = view.scrollable_content_region.width
            assert view.rendered.width <= min(pane, 80)
            assert all(cell_len(line.plain) <= view.rendered.width for line in view.rendered.lines)
        assert view.rendered.width == 80  # a comfortable measure on a wide terminal


async def test_an_unknown_keymap_id_is_a_warning(made: StoreAccess) -> None:
    app = ReaderApp(made, Config(keymap={"toggle_tre": "T"}), warm_tokens=False)
    notes = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("toggle_tre" in n for n in notes), notes


def test_every_binding_has_an_id_and_a_description() -> None:
    from textual.binding import Binding

    from reader.app import binding_sections

    ids: dict[str, str] = {}
    for title, owner in binding_sections():
        for binding in owner.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), (title, binding)
            assert binding.id and binding.description, (title, binding)
            for key in binding.key.split(","):
                assert key not in {"ctrl+m", "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+s", "ctrl+q"}, key
            assert ids.setdefault(binding.id, title) == title, (
                f"id {binding.id} used in {title} and {ids[binding.id]}"
            )


async def test_tree_keys_move_the_cursor(made: StoreAccess) -> None:
    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.main.section_tree
        await press(pilot, "l")  # open the paper
        await press(pilot, "j", "j")
        assert tree.cursor_line == 2
        await press(pilot, "k")
        assert tree.cursor_line == 1
        await press(pilot, "G")
        assert tree.cursor_line == tree.last_line
        await press(pilot, "g")
        assert tree.cursor_line == 0
        await press(pilot, "j", "h")
        assert tree.cursor_line == 0  # back to the parent


async def test_bookmarks_list_removes_with_d(made: StoreAccess) -> None:
    from reader.screens.bookmarks import BookmarksScreen

    app = ReaderApp(made, warm_tokens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "B", "right_square_bracket", "B", "L")
        assert isinstance(app.screen, BookmarksScreen)
        assert len(app.state.bookmarks()) == 2
        await press(pilot, "d")
        assert [b.label.endswith("洛阳牡丹文化节开幕") for b in app.state.bookmarks()] == [True]
        await press(pilot, "escape")
        assert app.screen is app.main


async def test_the_place_is_saved_without_q(made: StoreAccess) -> None:
    def saved() -> tuple[int | None, int]:
        state = State(made.key)
        try:
            return state.last_position()
        finally:
            state.close()

    app = ReaderApp(made, warm_tokens=False, save_every=0.1)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        await press(pilot, *OPEN_FIRST, "tab", "j", "j")
        article_id = app.main.view.article.id  # type: ignore[union-attr]
        # The periodic save writes the scrolled place; the session then drops (no q).
        await wait_until(pilot, lambda: saved() == (article_id, 2))
