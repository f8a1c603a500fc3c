"""The importer: metadata from options / folders / the page, page-name splits, discovery, first run."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from store_helpers import run_briefly

from reader.ingest import ImportInterrupted, Meta, import_paths, open_default, pool, prepare, sample
from reader.ingest.discover import discover
from reader.ingest.meta import folder_meta
from reader.ingest.prepare import split_parts
from reader.models import Item, SplitPage
from reader.paths import default_db_path, sample_dir
from reader.store import Store, StoreError
from reader.store import core as store_core

PAGE = "标题一\n\n本报讯 今天天气很好。\n\n标题二\n\n本报讯 明天也很好。\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "papers.db")
    yield s
    s.close()


def write(path: Path, text: str = PAGE, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def pages(s: Store) -> list[tuple]:
    return s.db.execute(
        "SELECT pa.name, e.date, p.number, p.section FROM pages p JOIN editions e ON e.id = p.edition_id "
        "JOIN papers pa ON pa.id = e.paper_id ORDER BY p.id"
    ).fetchall()


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("人民日报/2020-05-02/03-国际.md", Meta("人民日报", "2020-05-02", 3, "国际")),
        ("人民日报/2020-05-02/03.txt", Meta("人民日报", "2020-05-02", 3, None)),
        ("洛阳日报/日期不详/000_4fe1.txt", Meta("洛阳日报", None, None, None)),
        ("洛阳日报/2020-02-30/01-要闻.txt", Meta("洛阳日报", None, 1, "要闻")),  # not a real date
        ("洛阳日报/第一周/x.txt", Meta("洛阳日报", None, None, None)),
        ("loose.txt", Meta(None, None, None, None)),
        ("00-封面.txt", Meta(None, None, None, None)),  # there is no page 0
    ],
)
def test_folder_convention(tmp_path: Path, rel: str, expected: Meta) -> None:
    assert folder_meta(tmp_path / rel, tmp_path) == expected


def test_a_lone_file_outside_the_convention_gets_no_invented_paper(tmp_path: Path) -> None:
    assert folder_meta(tmp_path / "stuff" / "page.txt", None).paper is None
    assert folder_meta(tmp_path / "人民日报" / "2020-05-02" / "03.txt", None).paper == "人民日报"


def test_import_tree_uses_the_folder_convention(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "papers"
    write(root / "人民日报/2020-05-02/03-国际.md")
    write(root / "人民日报/日期不详/page.txt", PAGE + "另一页")
    write(root / "loose.txt", PAGE + "散页")
    report = import_paths(store, [root])
    assert report.ok and report.new == 3 and not report.skipped
    assert sorted(pages(store), key=str) == sorted(
        [("人民日报", "2020-05-02", 3, "国际"), ("人民日报", None, None, None), ("", None, None, None)],
        key=str,
    )
    assert all(n >= 1 for (n,) in store.db.execute("SELECT count(*) FROM articles GROUP BY page_id"))


def test_options_win_over_folders(store: Store, tmp_path: Path) -> None:
    f = write(tmp_path / "人民日报/2020-05-02/03-国际.md")
    import_paths(store, [f], Meta(paper="光明日报", date="2021-01-01", number=7, section="要闻"))
    assert pages(store) == [("光明日报", "2021-01-01", 7, "要闻")]


def test_reimport_is_unchanged_and_an_edit_replaces(store: Store, tmp_path: Path) -> None:
    f = write(tmp_path / "人民日报/2020-05-02/03-国际.md")
    assert import_paths(store, [f]).new == 1
    snapshot = store.db.execute("SELECT * FROM articles").fetchall()
    again = import_paths(store, [f])
    assert (again.new, again.replaced, again.unchanged, again.ok) == (0, 0, 1, True)
    assert store.db.execute("SELECT * FROM articles").fetchall() == snapshot
    write(f, PAGE + "\n标题三\n\n本报讯 后天下雨。\n")
    edited = import_paths(store, [f])
    assert edited.replaced == 1 and store.stats()["pages"] == 1


def _fake_split(text: str, method: str = "learned") -> SplitPage:
    """Blank-line blocks; a block 洛阳·县区 is page-name furniture (a stand-in for the real splitter)."""
    items = []
    for block in (b.strip() for b in text.split("\n\n")):
        if not block:
            continue
        if block == "洛阳·县区":
            items.append(Item(kind="furniture", text=block, role="page-name"))
        else:
            items.append(Item(kind="article", title=block.splitlines()[0], body=block))
    return SplitPage(items=tuple(items))


def test_page_name_between_two_pages_makes_two_pages(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "split_text", _fake_split)
    text = "第一版文章\n\n更多\n\n洛阳·县区\n\n第二版文章\n\n还有\n"
    parts = split_parts(text)
    assert [p.opening_name for p in parts] == [None, "洛阳·县区"]
    assert "".join(p.raw + "\n" for p in parts).rstrip("\n") == text.rstrip("\n")  # nothing lost
    f = write(tmp_path / "洛阳日报/日期不详/002_x.txt", text)
    report = import_paths(store, [f])
    assert report.new == 2
    assert pages(store) == [("洛阳日报", None, None, None), ("洛阳日报", None, None, "洛阳·县区")]
    keys = [k for (k,) in store.db.execute("SELECT source_key FROM pages ORDER BY id")]
    assert keys[1] == keys[0] + "#2"
    assert import_paths(store, [f]).unchanged == 2


def test_page_name_heading_the_page_is_its_section(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "split_text", _fake_split)
    f = write(tmp_path / "洛阳日报/日期不详/x.txt", "洛阳·县区\n\n文章\n")
    import_paths(store, [f])
    assert pages(store) == [("洛阳日报", None, None, "洛阳·县区")]
    g = write(tmp_path / "洛阳日报/2020-01-01/02-要闻.txt", "洛阳·县区\n\n文章\n")
    import_paths(store, [g])  # the folder's section comes first
    assert pages(store)[1] == ("洛阳日报", "2020-01-01", 2, "要闻")


def test_the_sample_imports_with_articles_on_every_page(store: Store) -> None:
    roots = [p for p in sample_dir().iterdir() if p.is_dir()]
    report = import_paths(store, roots)
    assert report.ok and not report.skipped and report.pages >= 5
    assert {name for (name, *_rest) in pages(store)} == {"洛阳日报", "东方今报", "濮阳日报"}
    assert all(date is None for (_n, date, *_r) in pages(store))
    counts = [
        n
        for (n,) in store.db.execute(
            "SELECT (SELECT count(*) FROM articles a WHERE a.page_id = p.id AND a.kind = 'article') FROM pages p"
        )
    ]
    assert counts and min(counts) >= 1


def test_discover_skips_loops_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "a/1.txt")
    write(root / "a/2.MD")
    write(root / "a/notes.pdf")
    write(root / ".git/x.txt")
    write(root / "a/.hidden.txt")
    os.symlink(root, root / "a" / "loop")
    os.symlink(root / "a" / "1.txt", root / "same.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    found, skipped = discover([root, tmp_path / "nope"])
    names = sorted(f.path.name for f in found)  # 1.txt and its link same.txt are one file, imported once
    assert len(names) == 2 and "2.MD" in names and ({"1.txt", "same.txt"} & set(names))
    reasons = dict(skipped)
    assert reasons[str(tmp_path / "nope")] == "no such file or folder"
    assert any("loop" in r for r in reasons.values())
    assert any(k.endswith("broken.txt") for k in reasons)


def test_open_default_builds_the_sample_store_once(monkeypatch: pytest.MonkeyPatch) -> None:
    path = default_db_path()
    assert not path.exists()
    with open_default(None) as s:
        first = s.stats()
        assert first["pages"] >= 5 and first["articles"] >= 5 and not s.readonly
    calls: list[Path] = []
    monkeypatch.setattr(sample, "build_sample_store", lambda p: calls.append(p))
    with open_default(None) as s:
        assert s.stats()["pages"] == first["pages"]
    assert calls == []
    assert not list(path.parent.glob(".*.tmp*"))


def test_open_default_with_an_explicit_missing_store_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_default(str(tmp_path / "missing.db"))
    monkeypatch.setenv("PAPER_READER_DB", str(tmp_path / "env.db"))
    with pytest.raises(StoreError, match="no store"):
        open_default(None)


def test_open_default_falls_back_to_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "papers.db"
    Store.open(path).close()
    monkeypatch.setattr(store_core, "writable", lambda p: False)
    with open_default(str(path)) as s:
        assert s.readonly and s.stats()["pages"] == 0
    with pytest.raises(StoreError, match="read-only"):
        open_default(str(path), readonly_ok=False)


def test_a_file_that_no_longer_holds_two_pages_loses_the_second(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "split_text", _fake_split)
    f = write(tmp_path / "洛阳日报/日期不详/x.txt", "第一版\n\n洛阳·县区\n\n第二版\n")
    assert import_paths(store, [f]).new == 2
    write(f, "第一版\n\n第二版\n")
    report = import_paths(store, [f])
    assert report.replaced == 1 and any("no longer holds" in note for _n, note in report.notes)
    assert pages(store) == [("洛阳日报", None, None, None)]
    assert store.stats()["articles"] == 2


def test_search_index_follows_imports_and_replacements(store: Store, tmp_path: Path) -> None:
    from reader.search import search

    f = write(tmp_path / "人民日报/2020-05-02/01-要闻.txt", "标题\n\n本报讯 甲乙丙丁戊己一事。\n")
    import_paths(store, [f])
    assert search(store, "甲乙丙丁").total == 1
    write(f, "标题\n\n本报讯 庚辛壬癸一事。\n")
    assert import_paths(store, [f]).replaced == 1
    assert search(store, "甲乙丙丁").total == 0 and search(store, "庚辛壬癸").total == 1


def test_open_default_fills_an_empty_default_file() -> None:
    path = default_db_path()
    path.parent.mkdir(parents=True)
    path.touch()
    with open_default(None) as s:
        assert s.stats()["pages"] >= 5


def test_unchanged_files_are_not_split_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = write(tmp_path / "人民日报/日期不详/page.txt")
    assert import_paths(store, [f]).new == 1
    monkeypatch.setattr(prepare, "split_parts", lambda text: pytest.fail("split an unchanged file"))
    assert import_paths(store, [f]).unchanged == 1


def test_a_file_cut_back_to_its_first_page_loses_the_second(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "split_text", _fake_split)
    f = write(tmp_path / "洛阳日报/日期不详/x.txt", "第一版\n\n洛阳·县区\n\n第二版\n")
    assert import_paths(store, [f]).new == 2
    first_raw = store.page_raw(1)
    write(f, first_raw or "")
    import_paths(store, [f])
    assert store.stats()["pages"] == 1


def test_a_file_link_loop_is_skipped_with_its_reason(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "good.txt")
    os.symlink(root / "b.txt", root / "a.txt")
    os.symlink(root / "a.txt", root / "b.txt")
    found, skipped = discover([root])
    assert [f.path.name for f in found] == ["good.txt"]
    assert {Path(name).name for name, _reason in skipped} == {"a.txt", "b.txt"}
    assert all("symbolic links" in reason for _name, reason in skipped)


def _archive(root: Path) -> None:
    """Ten files and more: pages with the folder convention, a file of two pages, a note, a non-text file."""
    for day in (1, 2, 3):
        for number, section in ((1, "要闻"), (2, "国际"), (3, "")):
            name = f"{number:02d}-{section}.txt" if section else f"{number:02d}.txt"
            write(
                root / f"人民日报/2020-05-0{day}/{name}",
                f"标题{day}{number}\n\n本报讯 第{day}天第{number}版。\n",
            )
    write(
        root / "洛阳日报/日期不详/two.txt",
        "洛阳·要闻\n\n标题一\n\n本报讯 今天天气很好。\n\n洛阳·县区\n\n标题二\n\n本报讯 县里开会。\n",
    )
    write(root / "洛阳日报/日期不详/nul.txt", "标题\n\n本报讯 有一个\x00空字符。\n")
    (root / "洛阳日报/日期不详/scan.txt").write_bytes(b"%PDF-1.4 binary")
    write(root / "loose.md", PAGE + "散页")


def _contents(s: Store) -> list[list[tuple]]:
    """Everything an import writes, ids included, in id order (the import time left out)."""
    return [
        s.db.execute(sql).fetchall()
        for sql in (
            "SELECT * FROM papers ORDER BY id",
            "SELECT * FROM editions ORDER BY id",
            "SELECT id, edition_id, number, section, source, source_key, raw, sha256, encoding, layout "
            "FROM pages ORDER BY id",
            "SELECT * FROM articles ORDER BY id",
            "SELECT * FROM furniture ORDER BY page_id, position",
        )
    ]


def test_the_pool_imports_exactly_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import search

    root = tmp_path / "archive"
    _archive(root)
    pooled: list[int] = []
    real_pooled = pool.import_pooled

    def spy(store, files, options, report, jobs, progress):  # type: ignore[no-untyped-def]
        pooled.append(jobs)
        return real_pooled(store, files, options, report, jobs, progress)

    monkeypatch.setattr(pool, "import_pooled", spy)
    reports, contents, seen = [], [], []
    for jobs in (1, 2):
        calls: list[tuple[int, int, str]] = []
        with Store.open(tmp_path / f"jobs{jobs}.db") as s:
            reports.append(import_paths(s, [root], jobs=jobs, progress=lambda *a: calls.append(a)))  # noqa: B023
            contents.append(_contents(s))
            assert search(s, "开会").total == 1 and search(s, "第2天").total == 3
        seen.append(calls)
    assert pooled == [2]
    one, two = reports
    assert one == two and one.ok and not one.error
    assert (one.files, one.new, one.unchanged) == (13, 13, 0)  # 12 files of text, one of them two pages
    assert one.skipped == [(str(root / "洛阳日报/日期不详/scan.txt"), "not a text file (a PDF file)")]
    assert any("holds 2 pages" in note for _n, note in one.notes)
    assert any("NUL" in note for _n, note in one.notes)
    assert contents[0] == contents[1] and len(contents[0][2]) == 13
    assert seen[0] == seen[1] and [c[0] for c in seen[0]] == list(range(14))  # in file order

    # Again: every page unchanged, and (but for the file of two pages) nothing split again.
    def split_only_two_pages(text: str, method: str = "learned") -> list[prepare.Part]:
        if "洛阳·县区" not in text:
            raise RuntimeError("split an unchanged file")
        return split_parts(text, method)

    monkeypatch.setattr(prepare, "split_parts", split_only_two_pages)
    again = []
    for jobs in (1, 2):
        with Store.open(tmp_path / f"jobs{jobs}.db") as s:
            again.append(import_paths(s, [root], jobs=jobs))
            assert _contents(s) == contents[0]
    assert again[0] == again[1]
    assert (again[0].new, again[0].replaced, again[0].unchanged) == (0, 0, 13)
    assert again[0].skipped == one.skipped and again[0].ok


def test_a_store_error_stops_the_pool(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    _archive(root)
    Store.open(tmp_path / "s.db").close()
    with Store.open(tmp_path / "s.db", readonly=True) as s:
        report = run_briefly(lambda: import_paths(s, [root], jobs=2))
    assert report.error and "read-only" in report.error
    assert report.pages == 0 and not report.ok
    assert not multiprocessing.active_children()


def test_a_store_error_midway_keeps_the_pages_before_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    _archive(root)
    real_write = store.write_page
    written: list[str] = []

    def fill_up(rec):  # type: ignore[no-untyped-def]
        if len(written) == 3:
            raise StoreError("the store is full")
        written.append(rec.source)
        return real_write(rec)

    monkeypatch.setattr(store, "write_page", fill_up)
    report = run_briefly(lambda: import_paths(store, [root], jobs=2))
    assert report.error == "the store is full" and report.new == 3
    assert [s for (s,) in store.db.execute("SELECT source FROM pages ORDER BY id")] == written
    assert not multiprocessing.active_children()


def test_ctrl_c_stops_the_pool(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    _archive(root)
    real_write = store.write_page
    written: list[int] = []

    def interrupt(rec):  # type: ignore[no-untyped-def]
        if written:
            raise KeyboardInterrupt
        written.append(1)
        return real_write(rec)

    monkeypatch.setattr(store, "write_page", interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_briefly(lambda: import_paths(store, [root], jobs=2))
    assert not multiprocessing.active_children()
    assert store.stats()["pages"] == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupt_right_after_a_write_still_counts_that_page(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A signal landing between a page's write and its count: the report and the store agree."""
    root = tmp_path / "archive"
    _archive(root)
    real_write = store.write_page
    written: list[int] = []

    def write_then_ctrl_c(rec):  # type: ignore[no-untyped-def]
        result = real_write(rec)
        written.append(1)
        if len(written) == 3:
            signal.raise_signal(signal.SIGINT)  # as a user's Ctrl-C would, just after the write
        return result

    monkeypatch.setattr(store, "write_page", write_then_ctrl_c)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(ImportInterrupted) as caught:
            run_briefly(lambda: import_paths(store, [root], jobs=jobs, commit_every=1))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert store.stats()["pages"] == 3
    assert caught.value.report.pages == 3


def test_a_held_sigterm_reaches_its_handler_when_the_block_ends() -> None:
    from reader.ingest.held import held_signals

    calls: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: calls.append(signum))
    try:
        with held_signals():
            signal.raise_signal(signal.SIGTERM)
            assert calls == []  # noted, not acted on, inside the block
        assert calls == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)
