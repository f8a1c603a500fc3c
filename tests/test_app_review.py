"""Pilot tests of the page view (``v``), its review keys, the role picker and the pages to check (``c``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import notifications, press, screen_text, settle, wait_until
from test_corrections import PAGE, write_page
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.ingest import import_paths
from reader.ingest.corrections import correct_page, page_json
from reader.screens.check_list import CheckListScreen
from reader.screens.page_view import READ_ONLY, PageViewScreen
from reader.screens.role_picker import RolePicker
from reader.search import search
from reader.state import State
from reader.store import Store
from reader.widgets._data import StoreAccess
from reader.widgets.page_lines import PageLines

pytestmark = pytest.mark.pilot

SIZE = (80, 24)
ROLES = {1: "T", 2: "D", 3: "P", 5: "T", 6: "B", 7: "P", 9: "T", 10: "P"}


@pytest.fixture
def access(tmp_path: Path) -> StoreAccess:
    """Page 3 (id 1) split as the tests decide (articles at lines 1, 5, 9); page 4 (id 2) as imported."""
    path = tmp_path / "r.db"
    write_page(tmp_path / "papers")
    write_page(tmp_path / "papers", PAGE.replace("老街", "新街"), "人民日报/2020-05-02/04-地方.txt")
    with Store.open(path) as store:
        import_paths(store, [tmp_path / "papers"])
        correct_page(store, 1, [1, 5, 9], ROLES)
    return StoreAccess(path)


def items(access: StoreAccess, page_id: int = 1) -> list[dict]:
    with access.connect() as store:
        return page_json(store, page_id)


async def open_view(app: ReaderApp, pilot: Pilot[None], page_id: int = 1, **kw: object) -> PageViewScreen:
    await settle(pilot)
    screen = PageViewScreen(app.access, page_id, **kw)  # type: ignore[arg-type]
    app.push_screen(screen)
    await settle(pilot)
    return screen


def cursor_row(app: ReaderApp) -> str:
    return next(line for line in screen_text(app).splitlines() if line.startswith("▶"))


async def test_v_on_an_article_opens_its_page_with_the_cursor_on_its_first_line(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # paper, date, page 3, its second article (lines 5-8)
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "down", "enter")
        assert app.main.view.article is not None and app.main.view.article.title == "老街换新颜"
        await press(pilot, "v")
        assert isinstance(app.screen, PageViewScreen)
        assert cursor_row(app).startswith("▶   5 T│老街换新颜")
        await press(pilot, "escape")
        assert app.screen is app.main
        await press(pilot, "tab", "v")  # from the article pane: the open article's page
        assert cursor_row(app).startswith("▶   5 T")


async def test_v_on_a_page_node_opens_it_at_its_first_line(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down")  # the page 3 node
        await press(pilot, "v")
        assert isinstance(app.screen, PageViewScreen)
        text = screen_text(app)
        assert "Page 1 · 人民日报 · 2020-05-02 · 第3版 要闻 · 11 lines · 3 items · corrected" in text
        assert "── 1 · article · 1.00 春耕备耕正当时" in text
        assert cursor_row(app).startswith("▶   1 T│春耕备耕正当时")


async def test_v_does_nothing_where_there_is_no_page(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main.palette_offers("page_view") is False  # on a paper node, nothing open
        said = notifications(app)
        await press(pilot, "v")
        assert app.screen is app.main
        assert any("No page here" in s for s in said)


async def test_cursor_keys_move_over_raw_lines(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await open_view(app, pilot)
        view = app.screen.query_one(PageLines)
        await press(pilot, "j", "down")
        assert view.cursor == 3
        await press(pilot, "k", "up", "up")
        assert view.cursor == 1
        await press(pilot, "G")
        assert view.cursor == 11 and "▶  11" in screen_text(app)  # scrolled into sight
        await press(pilot, "g")
        assert view.cursor == 1
        await press(pilot, "space")
        assert view.cursor > 1 and f"▶{view.cursor:>4} " in screen_text(app)
        await press(pilot, "b")
        assert view.cursor == 1
        await press(pilot, "end", "home", "pagedown", "pageup")
        assert view.cursor == 1


async def test_s_starts_an_article_and_w_saves_it(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(app, pilot)
        assert screen.check_action("undo", ()) is False  # nothing changed yet
        await press(pilot, "j", "j", "s")  # line 3
        text = screen_text(app)
        assert "── 2 · edited" in text and "unsaved changes" in text
        said = notifications(app)
        await press(pilot, "w")
        assert [i["lines"] for i in items(access)] == [[1, 2], [3, 4], [5, 8], [9, 11]]
        assert any("Page 1 saved" in s for s in said)
        assert "4 items" in screen_text(app)
        with access.connect() as store:
            assert search(store, "施肥").hits[0].title == ""  # the new article, found at once


async def test_s_on_a_start_or_blank_line_says_why_not(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, "s")
        assert "Not done: an article starts at line 1 already" in screen_text(app)
        await press(pilot, "j", "j", "j", "s")
        assert "Not done: an article cannot start at a blank line" in screen_text(app)


async def test_J_joins_with_the_previous_article_and_u_undoes(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(app, pilot)
        await press(pilot, "J")
        assert "Not done: the first article has none before it" in screen_text(app)
        await press(pilot, *["j"] * 8, "J")  # line 9
        assert screen.draft is not None and screen.draft.starts == [1, 5]
        await press(pilot, "u")
        assert screen.draft.starts == [1, 5, 9] and not screen.draft.dirty
        await press(pilot, "J", "w")
        assert [i["lines"] for i in items(access)] == [[1, 4], [5, 11]]


async def test_r_sets_the_role_of_the_cursor_line(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, "j", "r")
        assert isinstance(app.screen, RolePicker)
        assert "Role of line 2:" in screen_text(app) and "H  subhead" in screen_text(app)
        await press(pilot, "k")  # kicker, in either case
        assert cursor_row(app).startswith("▶   2 K│")
        await press(pilot, "r", "escape")
        assert cursor_row(app).startswith("▶   2 K│")
        await press(pilot, "r", "x")  # not a role: the picker waits
        assert isinstance(app.screen, RolePicker)
        await press(pilot, "S", "w")
        assert items(access)[0]["subtitle"].startswith("本报讯")


@pytest.mark.parametrize("letter", list("KTSBDPHCF"))
async def test_every_role_letter_is_a_key(access: StoreAccess, letter: str) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, "j", "j", "r", letter.lower())
        assert cursor_row(app).startswith(f"▶   3 {letter}│")


async def test_brackets_move_a_headline_block(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(app, pilot)
        await press(pilot, *["j"] * 8, "left_square_bracket")  # line 9's title opens article 3
        assert screen.draft is not None and screen.draft.starts == [1, 5, 10]
        assert "Not done" not in screen_text(app)
        await press(pilot, "right_square_bracket")  # now at article 2's end: back to article 3
        assert screen.draft.starts == [1, 5, 9]
        await press(pilot, "j", "right_square_bracket")  # line 10 is body, not a headline
        assert "Not done: the cursor is not on a headline" in screen_text(app)
        await press(pilot, "g", "right_square_bracket")  # line 1 opens article 1: it would empty it
        assert "Not done: the headline block must end its article" in screen_text(app)
        await press(pilot, "left_square_bracket")
        assert "Not done: there is no article before this one" in screen_text(app)
        await press(pilot, *["j"] * 8, "left_square_bracket", "w")
        assert [i["lines"] for i in items(access)] == [[1, 4], [5, 9], [10, 11]]


async def test_escape_with_unsaved_changes_asks_then_discards_them(access: StoreAccess) -> None:
    from reader.screens.confirm_leave import ConfirmLeave

    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        before = items(access)
        screen = await open_view(app, pilot)
        await press(pilot, "j", "j", "s", "escape")
        assert isinstance(app.screen, ConfirmLeave)
        assert "Page 1 has unsaved changes" in screen_text(app)
        await press(pilot, "escape")  # stay: the edit is still there
        assert app.screen is screen and screen.draft is not None and screen.draft.dirty
        await press(pilot, "escape", "d")
        assert app.screen is app.main
        assert items(access) == before


async def test_escape_with_nothing_changed_leaves_at_once(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, "j", "j", "s", "u", "escape")  # undone: nothing to lose
        assert app.screen is app.main


async def test_leaving_with_unsaved_changes_can_save_them_first(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, "j", "j", "s", "escape", "w")
        assert app.screen is app.main
        assert [i["lines"] for i in items(access)] == [[1, 2], [3, 4], [5, 8], [9, 11]]


async def test_q_with_unsaved_changes_asks_before_quitting(access: StoreAccess) -> None:
    from reader.screens.confirm_leave import ConfirmLeave

    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        before = items(access)
        screen = await open_view(app, pilot)
        await press(pilot, "j", "j", "s", "q")
        assert isinstance(app.screen, ConfirmLeave) and app.is_running
        await press(pilot, "c")  # stay
        assert app.screen is screen and app.is_running
        await press(pilot, "q", "d")
        assert app.return_code == 0  # quit, the change dropped
    assert items(access) == before


async def test_c_lists_pages_to_check_and_n_goes_on_after_saving(access: StoreAccess, tmp_path: Path) -> None:
    with Store.open(access.path) as store:  # page 1 reviewed already; a third page to check
        write_page(tmp_path / "papers", PAGE.replace("图书馆", "博物馆"), "人民日报/2020-05-02/05-文化.txt")
        import_paths(store, [tmp_path / "papers"])
        waiting = [p.page_id for p in store.pages_to_check()]
    assert len(waiting) == 2 and 1 not in waiting
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CheckListScreen)
        assert "Pages to check · 2" in screen_text(app) and "人民日报 · 2020-05-02 · 第" in screen_text(app)
        await press(pilot, "j", "k", "enter")
        screen = app.screen
        assert isinstance(screen, PageViewScreen) and screen.page_id == waiting[0]
        assert screen.check_action("next_page", ()) is True
        await press(pilot, "j", "j", "s", "w")
        await press(pilot, "n")
        assert screen.page_id == waiting[1] and screen.check_action("next_page", ()) is False
        await press(pilot, "escape")
        assert isinstance(app.screen, CheckListScreen)
        assert "Pages to check · 1" in screen_text(app)  # the saved page left the list
        await press(pilot, "escape")
        assert app.screen is app.main


async def test_palette_offers_pages_to_check(access: StoreAccess) -> None:
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Pages to check" in names


async def test_marks_stay_on_kept_articles_after_saving(access: StoreAccess) -> None:
    first, second, _ = (i["id"] for i in items(access))
    state = State(access.key)
    state.set_read(first, True, page_id=1)
    state.toggle_bookmark(second, "老街换新颜")
    app = ReaderApp(access, warm_tokens=False, state=state)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        await press(pilot, *["j"] * 8, "J", "w")
    ids = [i["id"] for i in items(access)]
    assert ids == [first, second]
    assert state.is_read(first) and state.is_bookmarked(second)


async def test_a_read_only_store_shows_the_page_and_says_review_needs_write_access(
    access: StoreAccess,
) -> None:
    app = ReaderApp(StoreAccess(access.path, readonly=True), warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(app, pilot)
        text = screen_text(app)
        assert READ_ONLY in text and "春耕备耕正当时" in text
        for action in ("new_article", "join", "role", "move_headline", "undo", "save"):
            assert screen.check_action(action, ()) is False
        before = items(access)
        await press(pilot, "j", "j", "s", "J", "r", "w")
        assert items(access) == before and isinstance(app.screen, PageViewScreen)


async def test_page_text_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    write_page(tmp_path / "p", "[bold]标题[/bold]\n正文\x1b[31m红色\x07。\n")
    with Store.open(path) as store:
        import_paths(store, [tmp_path / "p"])
    app = ReaderApp(StoreAccess(path), warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot)
        text = screen_text(app)
        assert "[bold]标题[/bold]" in text
        assert "\x1b" not in text and "\x07" not in text and "红色" in text


async def test_w_with_no_change_marks_the_page_reviewed(access: StoreAccess) -> None:
    with Store.open(access.path) as store:
        assert [p.page_id for p in store.pages_to_check()] == [2]
    before = items(access, 2)
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, 2)
        said = notifications(app)
        await press(pilot, "w")
        assert any("Page 2 marked reviewed" in s for s in said)
    with Store.open(access.path) as store:
        assert store.pages_to_check() == []
    assert items(access, 2) == before


async def test_n_with_unsaved_changes_asks_before_the_next_page(access: StoreAccess, tmp_path: Path) -> None:
    from reader.screens.confirm_leave import ConfirmLeave

    with Store.open(access.path) as store:
        write_page(tmp_path / "papers", PAGE.replace("图书馆", "博物馆"), "人民日报/2020-05-02/05-文化.txt")
        import_paths(store, [tmp_path / "papers"])
        waiting = [p.page_id for p in store.pages_to_check()]
    app = ReaderApp(access, warm_tokens=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c", "enter")
        screen = app.screen
        assert isinstance(screen, PageViewScreen) and screen.page_id == waiting[0]
        before = items(access, waiting[0])
        await press(pilot, "j", "j", "s", "n")
        assert isinstance(app.screen, ConfirmLeave)  # not gone on with the edit dropped
        await press(pilot, "c")  # stay: the edit is still there
        assert app.screen is screen and screen.page_id == waiting[0] and screen.draft.dirty  # type: ignore[union-attr]
        await press(pilot, "n", "w")  # save, then go on
        await wait_until(pilot, lambda: screen.page_id == waiting[1], timeout=10)  # a worker saves first
        assert items(access, waiting[0]) != before
