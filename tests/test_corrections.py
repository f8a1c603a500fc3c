"""Split corrections in the library: lines and roles, applying a decision, and decisions that last
(re-import unchanged and changed, export/import between stores, reindex and compact)."""

from __future__ import annotations

import getpass
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS

from reader.ingest import import_paths
from reader.ingest.corrections import (
    CorrectionError,
    correct_page,
    export_corrections,
    import_corrections,
    page_json,
    page_lines,
    parse_roles,
)
from reader.models import Item
from reader.search import search
from reader.state import State
from reader.store import Store, StoreError, index
from reader.text.roles import build_item, map_lines, raw_lines, role_of

# Three short articles; the splitter is free to split it any way: the tests decide the split.
PAGE = (
    "春耕备耕正当时\n"
    "本报讯 连日来，各地抢抓农时，田间地头一派忙碌景象。\n"
    "农技人员深入村组，指导农户科学施肥。\n"
    "\n"
    "老街换新颜\n"
    "（记者 王五）\n"
    "经过半年改造，老街的石板路重新铺好，沿街店铺陆续开张。\n"
    "\n"
    "图书馆延长开放时间\n"
    "市图书馆自下月起每晚开放到九点，方便读者下班后借阅。\n"
)


def write_page(root: Path, text: str = PAGE, name: str = "人民日报/2020-05-02/03-要闻.txt") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "a.db")
    report = import_paths(s, [write_page(tmp_path / "papers")])
    assert report.new == 1
    yield s
    s.close()


def page_id(store: Store) -> int:
    return int(store.db.execute("SELECT id FROM pages").fetchone()[0])


def titles(store: Store, pid: int) -> list[str]:
    return [a.title for a in store.articles(pid)]


def test_roles_read_by_letter_and_name() -> None:
    assert role_of("t") == "T" and role_of("title") == "T" and role_of("dateline") == "D"
    assert role_of("x") is None and role_of("") is None
    assert parse_roles(["5=title", "6=B"]) == {5: "T", 6: "B"}
    for bad in ("5", "x=title", "5=nothing"):
        with pytest.raises(CorrectionError):
            parse_roles([bad])


def test_lines_map_to_items_and_roles() -> None:
    lines = raw_lines(PAGE)
    items = [
        Item(
            kind="article",
            title="春耕备耕正当时",
            body="本报讯 连日来，各地抢抓农时，田间地头一派忙碌景象。\n农技人员深入村组，指导农户科学施肥。",
        ),
        Item(
            kind="article",
            title="老街换新颜",
            byline="记者 王五",
            body="经过半年改造，老街的石板路重新铺好，沿街店铺陆续开张。",
        ),
        Item(kind="furniture", text="图书馆延长开放时间"),
    ]
    found = map_lines(lines, items)
    assert found.roles[:8] == "TDP.TBP."
    assert found.owner[:3] == (0, 0, 0) and found.owner[4] == 1
    assert found.span(1) == (5, 7)
    assert found.roles[8] == "F"


def test_an_item_is_rebuilt_from_lines_and_roles() -> None:
    lines = [
        "## 引题在此",
        "主标题",
        "（记者 王五）",
        "　　第一段第一行",
        "第一段第二行",
        "　　第二段",
        "小标题",
    ]
    item = build_item(lines, "KTBPPPH", first=10)
    assert (item.kicker, item.title, item.byline) == ("引题在此", "主标题", "记者 王五")
    assert item.paragraphs == ["第一段第一行第一段第二行", "第二段", "小标题"]
    assert item.subheads == ("小标题",)
    assert item.lines == (10, 16)
    photo = build_item(["图为新修的石板路。", "王五 摄"], "CB")
    assert (photo.kind, photo.caption, photo.credit) == ("photo", "图为新修的石板路。", "王五 摄")
    assert build_item(["第3版"], "F").kind == "furniture"


def test_a_correction_replaces_the_items_and_search_finds_them(store: Store, tmp_path: Path) -> None:
    pid = page_id(store)
    made = correct_page(store, pid, [1, 5, 9], {6: "B", 9: "T", 10: "P"})
    assert titles(store, pid) == ["春耕备耕正当时", "老街换新颜", "图书馆延长开放时间"]
    items = page_json(store, pid)
    assert [i["lines"] for i in items] == [[1, 4], [5, 8], [9, 11]]
    assert all(i["corrected"] and i["confidence"] == 1.0 for i in items)
    hits = search(store, "延长开放").hits
    assert [h.title for h in hits] == ["图书馆延长开放时间"]
    assert made.decided_by == getpass.getuser()
    # A user can read the decision with sqlite3 alone.
    con = sqlite3.connect(tmp_path / "a.db")
    row = con.execute(
        "SELECT starts, roles, decided_by, status FROM corrections WHERE page_id = ?", [pid]
    ).fetchone()
    con.close()
    assert row == ("[1, 5, 9]", '{"6": "B", "9": "T", "10": "P"}', getpass.getuser(), "applied")
    # Reviewed: off the list of pages to check.
    assert pid not in [p.page_id for p in store.pages_to_check()]


def test_page_lines_show_each_line_its_item_and_role(store: Store) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9], {1: "T", 2: "D", 5: "T", 6: "B", 9: "T", 10: "P"})
    view = page_lines(store, pid)
    assert view.lines[0] == "春耕备耕正当时"
    assert view.roles[:10] == "TDP.TBP.TP"
    assert view.owner[:9] == (0, 0, 0, None, 1, 1, 1, None, 2)
    assert view.corrected


def test_bad_decisions_change_nothing(store: Store) -> None:
    pid = page_id(store)
    before = page_json(store, pid)
    for starts, roles in (
        ([], {}),
        ([5, 1], {}),
        ([1, 5, 5], {}),
        ([1, 99], {}),
        ([0, 5], {}),
        ([2, 5], {}),  # line 1 would belong to no item
        ([1, 4, 5], {}),  # the item at 4 is a blank line only
        ([1], {4: "T"}),  # a blank line takes no role
        ([1], {99: "T"}),
    ):
        with pytest.raises(CorrectionError):
            correct_page(store, pid, starts, roles)
    assert page_json(store, pid) == before
    assert store.correction(pid) is None


def test_marks_stay_on_articles_that_still_exist(store: Store) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9])
    first, second, third = store.articles(pid)
    state = State(str(store.path))
    state.set_read(first.id, True, page_id=pid)
    state.toggle_bookmark(third.id, "图书馆")
    correct_page(store, pid, [1, 5])  # joins the third article to the second
    after = store.articles(pid)
    assert [a.id for a in after][:2] == [first.id, second.id]
    assert state.is_read(first.id)
    assert third.id not in [a.id for a in after]


def test_reimporting_the_unchanged_page_keeps_the_correction(store: Store, tmp_path: Path) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9])
    report = import_paths(store, [tmp_path / "papers"])
    assert report.unchanged == 1 and report.pages == 0
    assert titles(store, pid)[2] == "图书馆延长开放时间"
    assert all(i["corrected"] for i in page_json(store, pid))


def test_a_changed_page_keeps_the_correction_while_its_lines_read_the_same(
    store: Store, tmp_path: Path
) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9], {6: "B", 9: "T"})
    write_page(tmp_path / "papers", PAGE + "读者可凭证件免费办理借书卡。\n")
    report = import_paths(store, [tmp_path / "papers"])
    assert report.replaced == 1 and not report.notes
    assert titles(store, pid) == ["春耕备耕正当时", "老街换新颜", "图书馆延长开放时间"]
    assert "借书卡" in store.articles(pid)[2].body
    assert search(store, "借书卡").total == 1
    kept = store.correction(pid)
    assert kept is not None and kept.status == "applied" and kept.sha256 == store.page_sha(pid)
    # The line map is the corrected items', not the one the import's workers made for the split.
    view = page_lines(store, pid)
    added = view.lines.index("读者可凭证件免费办理借书卡。")
    assert view.corrected and view.owner[8] == view.owner[added] == 2


def test_a_changed_page_whose_lines_moved_is_marked_for_review(store: Store, tmp_path: Path) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9])
    write_page(tmp_path / "papers", "新加的一行导语\n" + PAGE)
    report = import_paths(store, [tmp_path / "papers"])
    assert report.replaced == 1
    assert any("marked for review" in note for _, note in report.notes)
    first = store.pages_to_check()[0]
    assert first.page_id == pid and first.review
    assert not any(i["corrected"] for i in page_json(store, pid))
    mark = store.correction(pid)
    assert mark is not None and mark.status == "review"


def test_corrections_move_between_stores(store: Store, tmp_path: Path) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9], {9: "T"})
    data = export_corrections(store)
    entry = data["corrections"][0]
    assert (entry["paper"], entry["date"], entry["page"]) == ("人民日报", "2020-05-02", 3)
    other = Store.open(tmp_path / "b.db")
    import_paths(other, [tmp_path / "papers"])
    stranger = dict(entry, sha256="0" * 64)
    result = import_corrections(other, {**data, "corrections": [entry, stranger, "junk"]})
    assert result.applied == 1 and len(result.unmatched) == 2
    assert "no page with this text" in result.unmatched[0]
    opid = page_id(other)
    assert titles(other, opid) == titles(store, pid)
    got = other.correction(opid)
    assert got is not None and got.decided_by == entry["decided_by"] and got.decided_at == entry["decided_at"]
    with pytest.raises(CorrectionError):
        import_corrections(other, {"corrections": []})
    other.close()


def test_reindex_and_compact_keep_corrections(store: Store) -> None:
    pid = page_id(store)
    correct_page(store, pid, [1, 5, 9], {9: "T"})
    index.reindex_all(store.db)
    store.compact()
    assert titles(store, pid)[2] == "图书馆延长开放时间"
    assert store.correction(pid) is not None
    assert [h.title for h in search(store, "延长开放").hits] == ["图书馆延长开放时间"]
    assert store.page_raw(pid) == PAGE


def test_a_read_only_store_refuses_a_correction(store: Store, tmp_path: Path) -> None:
    store.close()
    ro = Store.open(tmp_path / "a.db", readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        correct_page(ro, 1, [1, 5])
    assert page_lines(ro, 1).lines[0] == "春耕备耕正当时"  # looking still works
    ro.close()


def test_every_seed_page_lines_belong_to_its_items(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "seeds.db")
    import_paths(s, [SEEDS])
    for (pid,) in s.db.execute("SELECT id FROM pages").fetchall():
        view = page_lines(s, pid)
        for line, owner, role in zip(view.lines, view.owner, view.roles, strict=True):
            assert (owner is None) == (not line.strip()), line
            assert (role == ".") == (not line.strip())
    checked = s.pages_to_check()
    assert [p.confidence for p in checked] == sorted(p.confidence or 0 for p in checked)
    s.close()


def test_a_derived_headline_role_below_the_body_is_body() -> None:
    from reader.ingest.corrections import _row

    # The splitter's guesses: a title, body, then a "subtitle" under the body; the user set none.
    assert _row(["标题", "正文一句。", "又一句", ""], 1, {}, "TPS.") == "TPP."
    # What the user sets stands, even below the body.
    assert _row(["标题", "正文一句。", "小标题"], 1, {3: "T"}, "TPS") == "TPT"
    # A byline ends the headline too; a kicker above a title stays.
    assert _row(["引题", "标题", "（记者 王五）", "副题"], 1, {}, "KTBS") == "KTBP"
