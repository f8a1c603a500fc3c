"""Importing already-split articles: grouping into pages, metadata order, re-import, late arrivals, bad records."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import run_briefly

from reader.cli import cli
from reader.ingest import Meta, import_paths
from reader.ingest import articles as articles_mod
from reader.search import search
from reader.store import Store, StoreError, index


def _article(folder: Path, date: str, page: int, seq: int, title: str, body: str, kicker: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / f"{date}-{page:02d}-{seq:02d}.txt"
    f.write_bytes(f"{kicker}\r\n{title}\r\n\r\n　　{body}\r\n".encode())
    return f


def _tree(root: Path) -> Path:
    day = root / "晨报" / "2020年5月" / "20200502"
    _article(day, "20200502", 1, 1, "头版头条", "洛阳牡丹盛开。", kicker="春风")
    _article(day, "20200502", 1, 2, "第二篇", "黄河水长。")
    _article(day, "20200502", 2, 1, "二版一", "二版的正文。")
    _article(root / "晨报" / "2020年5月" / "20200503", "20200503", 1, 1, "次日头条", "次日正文。")
    return root


def _page_list(store: Store) -> list[tuple[tuple[str, str | None, int | None], int, list[tuple[int, str]]]]:
    """Every page: ((paper, date, number), page id, [(position, title)])."""
    out = []
    for paper in store.papers():
        for ed in store.editions(paper.id):
            for pg in store.pages(ed.id):
                arts = [(a.position, a.title) for a in store.articles(pg.id)]
                out.append(((paper.name, ed.date, pg.number), pg.id, arts))
    return out


def _pages(store: Store) -> dict[tuple[str, str | None, int | None], list[tuple[int, str]]]:
    return {key: arts for key, _, arts in _page_list(store)}


def test_articles_become_pages_in_position_order(tmp_path: Path) -> None:
    root = _tree(tmp_path / "in")
    with Store.open(tmp_path / "s.db") as store:
        report = import_paths(store, [root], jobs=1)
        assert report.forms == {"article-text": 4}
        assert (report.new, report.articles) == (3, 4)
        pages = _pages(store)
        assert pages == {
            ("晨报", "2020-05-02", 1): [(1, "头版头条"), (2, "第二篇")],
            ("晨报", "2020-05-02", 2): [(1, "二版一")],
            ("晨报", "2020-05-03", 1): [(1, "次日头条")],
        }
        (page_id,) = [pid for key, pid, _ in _page_list(store) if key == ("晨报", "2020-05-02", 1)]
        raw = store.page_raw(page_id)
        assert raw == "春风\n头版头条\n　　洛阳牡丹盛开。\n\n第二篇\n　　黄河水长。\n"
        (a,) = [x for x in store.articles(page_id) if x.title == "头版头条"]
        assert (a.kicker, a.body, a.paper, a.date, a.page_number) == (
            "春风",
            "洛阳牡丹盛开。",
            "晨报",
            "2020-05-02",
            1,
        )
        hits = search(store, "牡丹")
        assert [h.title for h in hits.hits] == ["头版头条"]


def test_reimport_is_idempotent_and_a_changed_article_replaces_only_itself(tmp_path: Path) -> None:
    root = _tree(tmp_path / "in")
    with Store.open(tmp_path / "s.db") as store:
        import_paths(store, [root], jobs=1)
        before = _pages(store)
        again = import_paths(store, [root], jobs=1)
        assert (again.new, again.replaced, again.unchanged, again.articles) == (0, 0, 3, 0)
        assert _pages(store) == before
        _article(root / "晨报" / "2020年5月" / "20200502", "20200502", 1, 2, "改过的第二篇", "长江水长。")
        changed = import_paths(store, [root], jobs=1)
        assert (changed.replaced, changed.unchanged) == (1, 2)
        after = _pages(store)
        assert after[("晨报", "2020-05-02", 1)] == [(1, "头版头条"), (2, "改过的第二篇")]
        assert {k: v for k, v in after.items() if k[2] != 1 or k[1] != "2020-05-02"} == {
            k: v for k, v in before.items() if k[2] != 1 or k[1] != "2020-05-02"
        }
        assert [h.title for h in search(store, "长江").hits] == ["改过的第二篇"]
        assert search(store, "黄河").total == 0


def test_articles_arriving_later_join_their_page_in_order(tmp_path: Path) -> None:
    first, later = tmp_path / "a", tmp_path / "b"
    _article(first, "20200502", 3, 1, "第一篇", "甲。")
    _article(first, "20200502", 3, 3, "第三篇", "丙。")
    _article(later, "20200502", 3, 2, "第二篇", "乙。")
    with Store.open(tmp_path / "s.db") as store:
        import_paths(store, [first], Meta(paper="晚报"), jobs=1)
        report = import_paths(store, [later], Meta(paper="晚报"), jobs=1)
        assert report.replaced == 1
        assert _pages(store) == {("晚报", "2020-05-02", 3): [(1, "第一篇"), (2, "第二篇"), (3, "第三篇")]}
        (page,) = store.pages(store.editions(store.papers()[0].id)[0].id)
        assert store.page_raw(page.id) == "第一篇\n　　甲。\n\n第二篇\n　　乙。\n\n第三篇\n　　丙。\n"
        # Both folders again, in either order: nothing changes (their articles make one group).
        again = import_paths(store, [later, first], Meta(paper="晚报"), jobs=1)
        assert (again.unchanged, again.pages) == (1, 0)


def test_metadata_order_options_then_record_then_names_then_folders(tmp_path: Path) -> None:
    folder = tmp_path / "名报" / "2020-05-02"  # the folder convention: paper and date
    folder.mkdir(parents=True)
    (folder / "20200601-07-01.txt").write_text("\n按名字\n\n　　正文。\n", encoding="utf-8")
    (folder / "recs.jsonl").write_text(
        json.dumps(
            {"title": "按记录", "date": "2020-07-01", "page": 9, "seq": 4, "paper": "记录报"},
            ensure_ascii=False,
        )
        + "\n"
        + json.dumps({"title": "无日期", "body": "正文"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "s.db") as store:
        import_paths(store, [tmp_path / "名报"], jobs=1)
        got = {title: key for key, arts in _pages(store).items() for _, title in arts}
        assert got["按名字"] == ("名报", "2020-06-01", 7)  # the file name beats the folder
        assert got["按记录"] == ("记录报", "2020-07-01", 9)  # the record beats both
        assert got["无日期"] == ("名报", "2020-05-02", None)  # what the record lacks: the folder's
    with Store.open(tmp_path / "t.db") as store:
        import_paths(store, [tmp_path / "名报"], Meta(paper="选项报", date="2021-01-01"), jobs=1)
        papers = {p.name for p in store.papers()}
        dates = {e.date for e in store.editions(store.papers()[0].id)}
        assert papers == {"选项报"} and dates == {"2021-01-01"}


def test_records_without_page_numbers_and_reimport(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(
        "".join(
            json.dumps({"title": f"标题{i}", "content": f"正文{i}"}, ensure_ascii=False) + "\n"
            for i in range(250)
        ),
        encoding="utf-8",
    )
    with Store.open(tmp_path / "s.db") as store:
        report = import_paths(store, [f], Meta(paper="报"), jobs=1)
        assert (report.new, report.articles) == (3, 250)  # pages of 100 articles, in arrival order
        pages = _page_list(store)
        assert [len(arts) for _, _, arts in sorted(pages, key=lambda p: p[1])] == [100, 100, 50]
        assert {key for key, _, _ in pages} == {("报", None, None)}
        first = min(pages, key=lambda p: p[1])[2]
        assert first[:2] == [(1, "标题0"), (2, "标题1")]
        again = import_paths(store, [f], Meta(paper="报"), jobs=1)
        assert (again.unchanged, again.pages) == (3, 0)


def test_pool_and_inline_give_the_same_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles_mod, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr("reader.ingest.article_pool.POOL_MIN_BYTES", 0)
    root = tmp_path / "in"
    for d in range(1, 4):
        for p in range(1, 4):
            for s in range(1, 5):
                _article(
                    root / "报" / f"2020050{d}", f"2020050{d}", p, s, f"标题{d}{p}{s}", f"正文{d}{p}{s}。"
                )
    results = []
    for jobs in (1, 2):
        with Store.open(tmp_path / f"s{jobs}.db") as store:
            report = import_paths(store, [root], jobs=jobs)
            assert (report.new, report.articles) == (9, 36)
            results.append(_pages(store))
    assert results[0] == results[1]


def test_cli_reports_forms_and_bad_records(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    _article(root, "20200502", 1, 1, "标题", "正文。")
    (root / "01-要闻.txt").write_text("一篇页面文本\n\n　　这是页面的正文，需要切分。\n", encoding="utf-8")
    (root / "r.jsonl").write_text('{"title": "好", "page": 2}\n{broken\n', encoding="utf-8")
    (root / "h.md").write_text("### 标题甲\n2020-05-02\n第5版(文化)\n\n正文。\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["import", str(root), "--db", db, "--paper", "报", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (
        "Files by form: raw page 1, article text 1, markdown article (header block) 1, JSON Lines 1."
        in result.stdout
    )
    assert "Bad records skipped: 1" in result.stdout and f"{root / 'r.jsonl'}:2: not JSON" in result.stdout
    forced = CliRunner().invoke(cli, ["import", str(root / "h.md"), "--db", db, "--as", "page"])
    assert forced.exit_code == 0 and "Files by form" not in forced.stdout
    bad_map = CliRunner().invoke(cli, ["import", str(root), "--db", db, "--map", "pages=x"])
    assert bad_map.exit_code == 1 and "--map" in bad_map.stderr and "Traceback" not in bad_map.output
    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_text("{no\n", encoding="utf-8")
    nothing = CliRunner().invoke(cli, ["import", str(only_bad), "--db", db])
    assert nothing.exit_code == 1 and "every file and record was skipped" in nothing.stderr


@pytest.mark.parametrize("form", ["files", "jsonl"])
def test_a_store_error_midway_ends_the_pooled_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """The writer fails after a few pages: the import ends (workers stopped, none left behind), keeps
    the pages written before the failure, and says why."""
    monkeypatch.setattr("reader.ingest.article_pool.POOL_MIN_BYTES", 0)
    root = tmp_path / "in"
    records = []
    for d in range(1, 10):
        for p in range(1, 9):
            for s in range(1, 5):
                title, body = f"标题{d}{p}{s}", f"正文{d}{p}{s}。" * 40
                if form == "files":
                    _article(root / "报" / f"202005{d:02d}", f"202005{d:02d}", p, s, title, body)
                else:
                    records.append(
                        {"title": title, "content": body, "date": f"2020-05-{d:02d}", "page": p, "seq": s}
                    )
    if form == "jsonl":
        root.mkdir()
        (root / "r.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
        )
    with Store.open(tmp_path / "s.db") as store:
        real_write = store.write_page
        written: list[str] = []

        def fill_up(rec):  # type: ignore[no-untyped-def]
            if len(written) == 5:
                raise StoreError("the store is full")
            written.append(rec.source_key)
            return real_write(rec)

        monkeypatch.setattr(store, "write_page", fill_up)
        report = run_briefly(lambda: import_paths(store, [root], Meta(paper="报"), jobs=2))
        assert report.error == "the store is full" and report.new == 5 and not report.ok
        assert [k for (k,) in store.db.execute("SELECT source_key FROM pages ORDER BY id")] == written
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-import (out of memory, say): the writer makes that worker's pages itself."""
    import os

    from reader.ingest import article_pool

    monkeypatch.setattr(article_pool, "POOL_MIN_BYTES", 0)
    root = tmp_path / "in"
    for d in range(1, 7):
        for p in range(1, 9):
            _article(root / "报" / f"202005{d:02d}", f"202005{d:02d}", p, 1, f"标题{d}{p}", f"正文{d}{p}。")
    with Store.open(tmp_path / "one.db") as store:
        import_paths(store, [root], jobs=1)
        expected = _pages(store)
    writer = os.getpid()
    real = article_pool._build_files

    def dies_in_a_worker(chunk, *args):  # type: ignore[no-untyped-def]
        if os.getpid() != writer and any("20200503" in str(f.path) for f, _ in chunk):
            os._exit(1)
        return real(chunk, *args)

    monkeypatch.setattr(article_pool, "_build_files", dies_in_a_worker)
    with Store.open(tmp_path / "two.db") as store:
        report = run_briefly(lambda: import_paths(store, [root], jobs=2))
        assert report.ok and report.new == 48
        assert _pages(store) == expected
    assert not multiprocessing.active_children()


def test_an_articles_byline_is_searchable_at_once(tmp_path: Path) -> None:
    """The tokens made ahead for an imported article hold its byline too (they left it out: the
    author's name was found only after `paper-reader reindex`)."""
    root = tmp_path / "md"
    root.mkdir()
    (root / "2020-05-02_标题甲.md").write_text(
        "### 标题甲\n吴月辉\n2020-05-02\n第5版(文化)\n\n　　正文内容。\n", encoding="utf-8"
    )
    with Store.open(tmp_path / "s.db") as store:
        import_paths(store, [root], Meta(paper="报"), jobs=1)
        found = search(store, "吴月辉")
        assert found.total == 1 and found.hits[0].places == ("署名",)
        vocab = "SELECT * FROM temp.v ORDER BY 1, 2, 3, 4"
        store.db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_index, instance)")
        imported = store.db.execute(vocab).fetchall()
        with store.transaction() as db:
            index.reindex_all(db)
        assert store.db.execute(vocab).fetchall() == imported  # as `reindex` makes it
