"""The store against temporary files: schema, page writes, transactions, reads, versions."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from store_helpers import real_record

from reader.models import Item
from reader.store import PageRecord, Store, StoreError, index
from reader.store.schema import SCHEMA_VERSION
from reader.text.labels import date_label, paper_label


def record(
    key: str = "k1",
    *,
    raw: str = "raw",
    paper: str = "洛阳日报",
    date: str | None = None,
    number: int | None = None,
    section: str | None = None,
    n_articles: int = 2,
) -> PageRecord:
    items = [Item(kind="furniture", text="洛阳·县区", role="page-name")]
    items += [
        Item(kind="article", title=f"标题{i}", body=f"正文{i}\n小标题{i}", subheads=(f"小标题{i}",))
        for i in range(n_articles)
    ]
    items.append(Item(kind="photo", caption="图片说明", credit="记者 某某 摄"))
    return PageRecord(
        paper=paper,
        date=date,
        number=number,
        section=section,
        source=f"{key}.txt",
        source_key=key,
        raw=raw,
        sha256=f"sha-{raw}",
        encoding="utf-8",
        layout="paragraphs",
        items=tuple(items),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "papers.db")
    yield s
    s.close()


def counts(s: Store) -> dict[str, int]:
    return {
        t: s.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("papers", "editions", "pages", "articles", "furniture")
    }


def test_new_store_has_the_documented_schema(store: Store) -> None:
    db = store.db
    assert set(db.table_names()) >= {"meta", "papers", "editions", "pages", "articles", "furniture"}
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert set(db["pages"].columns_dict) == {
        "id",
        "edition_id",
        "number",
        "section",
        "source",
        "source_key",
        "raw",
        "sha256",
        "encoding",
        "layout",
        "imported_at",
        "raw_pack",
        "raw_codec",
        "min_confidence",
        "review",
        "reviewed_at",
    }
    raw = next(c for c in db["pages"].columns if c.name == "raw")
    assert not raw.notnull  # NULL when the text is packed into raw_pack
    assert db.execute("PRAGMA page_size").fetchone()[0] == 16384
    assert set(db["articles"].columns_dict) == {
        "id",
        "page_id",
        "position",
        "kind",
        "kicker",
        "title",
        "subtitle",
        "byline",
        "subheads",
        "body",
        "caption",
        "credit",
        "line_first",
        "line_last",
        "roles",
        "confidence",
        "corrected",
    }
    assert set(db["corrections"].columns_dict) >= {"page_id", "sha256", "starts", "roles", "decided_by"}
    indexed = {
        tuple(i.columns)[0] for t in ("editions", "pages", "articles", "furniture") for i in db[t].indexes
    }
    assert {"paper_id", "edition_id", "page_id", "date", "sha256"} <= indexed


def test_write_then_read_back(store: Store) -> None:
    result = store.write_page(record(date="2020-05-02", number=3, section="国际"))
    assert (result.status, result.articles, result.photos) == ("new", 2, 1)
    [paper] = store.papers()
    [edition] = store.editions(paper.id)
    assert (edition.date, edition.pages, edition.articles) == ("2020-05-02", 1, 2)
    [page] = store.pages(edition.id)
    assert (page.number, page.section, page.articles) == (3, "国际", 2)
    arts = store.articles(page.id)
    assert [a.kind for a in arts] == ["article", "article", "photo"]
    assert arts[0].subheads == ("小标题0",) and arts[0].paragraphs == ["正文0", "小标题0"]
    assert arts[2].caption == "图片说明"
    full = store.article(arts[0].id)
    assert full and (full.paper, full.date, full.page_number, full.section) == (
        "洛阳日报",
        "2020-05-02",
        3,
        "国际",
    )
    assert store.furniture(page.id) == ["洛阳·县区"]
    assert (
        store.page(page.id) == page
        and store.edition(edition.id) == edition
        and store.paper(paper.id) == paper
    )
    assert store.page_raw(page.id) == "raw"
    assert store.article(99999) is None and store.page(99999) is None
    stats = store.stats()
    assert {k: stats[k] for k in ("papers", "editions", "pages", "articles", "photos")} == {
        "papers": 1,
        "editions": 1,
        "pages": 1,
        "articles": 2,
        "photos": 1,
    }
    assert stats["size_bytes"] > 0


def test_same_page_again_changes_nothing(store: Store) -> None:
    first = store.write_page(record())
    before = store.db.execute("SELECT * FROM pages").fetchall(), counts(store)
    again = store.write_page(record())
    assert again.status == "unchanged" and again.page_id == first.page_id
    assert (store.db.execute("SELECT * FROM pages").fetchall(), counts(store)) == before


def test_changed_page_replaces_its_articles(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    unindexed: list[list[int]] = []
    monkeypatch.setattr(index, "unindex_articles", lambda db, ids: unindexed.append(list(ids)))
    first = store.write_page(record(n_articles=3))
    old_ids = [a.id for a in store.articles(first.page_id)]
    second = store.write_page(record(raw="changed", n_articles=1))
    assert second.status == "replaced" and second.page_id == first.page_id
    assert unindexed == [old_ids]
    assert [a.kind for a in store.articles(first.page_id)] == ["article", "photo"]
    assert counts(store) == {"papers": 1, "editions": 1, "pages": 1, "articles": 2, "furniture": 1}


def test_moving_a_page_to_another_edition_drops_the_empty_one(store: Store) -> None:
    store.write_page(record(paper=""))
    store.write_page(record(raw="v2", paper="洛阳日报", date="2020-01-02"))
    assert [p.name for p in store.papers()] == ["洛阳日报"]
    assert counts(store)["editions"] == 1


@pytest.mark.parametrize("where", ["index", "insert"])
def test_a_failing_page_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    store.write_page(record("kept"))
    before = counts(store)
    if where == "index":

        def boom(db: object, rows: object) -> None:
            raise RuntimeError("index failed")

        monkeypatch.setattr(index, "index_articles", boom)
    rec = dataclasses.replace(record("broken"), paper="新报")
    if where == "insert":
        # A value SQLite cannot bind, after the page, its edition and earlier articles went in.
        rec = dataclasses.replace(rec, items=rec.items + (Item(kind="article", title=["unbindable"]),))  # type: ignore[arg-type]
    with pytest.raises((RuntimeError, StoreError)):
        store.write_page(rec)
    assert counts(store) == before
    assert store.db.execute("SELECT count(*) FROM pages WHERE source_key='broken'").fetchone()[0] == 0
    assert not store.db.conn.in_transaction


def test_changed_page_failing_keeps_the_old_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store.write_page(record(n_articles=3))
    monkeypatch.setattr(index, "index_articles", lambda db, rows: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        store.write_page(record(raw="new", n_articles=1))
    assert len(store.articles(first.page_id)) == 4
    assert store.page_raw(first.page_id) == "raw"


def test_index_hooks_run_inside_the_page_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bool, int]] = []

    def spy(db: object, rows: list[dict]) -> None:
        seen.append((store.db.conn.in_transaction, len(rows)))
        assert all({"id", "title", "body", "kicker", "subtitle"} <= set(r) for r in rows)

    monkeypatch.setattr(index, "index_articles", spy)
    store.write_page(record(n_articles=2))
    assert seen == [(True, 3)]


def test_tokens_made_ahead_travel_on_the_record(store: Store) -> None:
    rec = record(n_articles=1)  # one article, one photo
    made = [
        ("zz", "yy", "tt", "x"),
        ("ww", "vv", "ss", "u"),
    ]  # not what the writer would make: proves it used them
    store.write_page(dataclasses.replace(rec, tokens=tuple(made)))
    for table, match in (
        (index.TABLE, "title : zz"),
        (index.TABLE, "body : vv"),
        (index.TABLE, "extra : ss"),
        (index.CHARS, "u"),
    ):
        found = store.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [match]).fetchall()
        assert len(found) == 1, (table, match)
    # A record without them (or with the wrong number) is tokenised by the writer.
    other = record("k2", raw="other", n_articles=1)
    store.write_page(dataclasses.replace(other, tokens=(("only", "one", "x"),)))
    assert (
        store.db.execute(f"SELECT count(*) FROM {index.TABLE} WHERE {index.TABLE} MATCH 'only'").fetchone()[0]
        == 0
    )


def test_unknown_date_and_paper(store: Store) -> None:
    store.write_page(record("a", paper="", date=None))
    store.write_page(record("b", paper="", date=None))
    store.write_page(record("c", paper="", date="2021-03-04"))
    [paper] = store.papers()
    assert paper.name == "" and paper_label(paper.name) == "报名不详"
    eds = store.editions(paper.id)
    assert [e.date for e in eds] == ["2021-03-04", None]  # newest first, unknown last
    assert date_label(eds[1].date) == "日期不详" and eds[1].pages == 2
    with pytest.raises(sqlite3.IntegrityError):  # one edition per paper and date, unknown included
        store.db.execute("INSERT INTO editions (paper_id, date) VALUES (?, NULL)", [paper.id])


def test_tree_order(store: Store) -> None:
    for key, date, number in [
        ("a", "2020-01-01", 2),
        ("b", "2020-01-01", None),
        ("c", "2020-01-01", 1),
        ("d", "2020-02-01", 1),
        ("e", None, 1),
    ]:
        store.write_page(record(key, date=date, number=number))
    store.write_page(record("z", paper="人民日报"))
    store.write_page(record("y", paper=""))
    assert [p.name for p in store.papers()] == sorted(["洛阳日报", "人民日报"]) + [""]
    paper = next(p for p in store.papers() if p.name == "洛阳日报")
    eds = store.editions(paper.id)
    assert [e.date for e in eds] == ["2020-02-01", "2020-01-01", None]
    assert [p.number for p in store.pages(eds[1].id)] == [1, 2, None]


def test_readonly_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        s.write_page(record())
    with Store.open(path, readonly=True) as ro:
        assert ro.readonly and ro.stats()["pages"] == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.write_page(record("other"))


def test_store_without_write_permission_is_refused_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "papers.db"
    Store.open(path).close()
    monkeypatch.setattr("reader.store.core.os.access", lambda p, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        Store.open(path)


def test_missing_store_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "nope.db", create=False)
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "nope.db", readonly=True)
    assert not (tmp_path / "nope.db").exists()


def test_not_a_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable paper-reader store"):
        Store.open(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a paper-reader store"):
        Store.open(other)


def test_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        s.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    for readonly in (False, True):
        with pytest.raises(StoreError, match="upgrade paper-reader"):
            Store.open(path, readonly=readonly)


def test_older_schema_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE papers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE editions (id INTEGER PRIMARY KEY, paper_id INTEGER NOT NULL, date TEXT);
        CREATE TABLE pages (id INTEGER PRIMARY KEY, edition_id INTEGER NOT NULL, number INTEGER, section TEXT,
            source TEXT, source_key TEXT NOT NULL, raw TEXT NOT NULL, sha256 TEXT NOT NULL);
        CREATE TABLE articles (id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL, position INTEGER NOT NULL,
            kind TEXT NOT NULL, kicker TEXT, title TEXT, subtitle TEXT, byline TEXT, subheads TEXT, body TEXT);
        CREATE TABLE furniture (id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL, position INTEGER NOT NULL,
            role TEXT, text TEXT);
        INSERT INTO papers VALUES (1, '洛阳日报');
        INSERT INTO editions VALUES (1, 1, NULL);
        INSERT INTO pages VALUES (1, 1, NULL, NULL, 'a.txt', 'file:a.txt', 'raw', 'h');
        INSERT INTO articles VALUES (1, 1, 0, 'article', '', '旧标题', '', '', '[]', '旧正文');
    """)
    conn.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store.open(path, readonly=True)
    ensured: list[object] = []
    monkeypatch.setattr(index, "ensure_schema", lambda db: ensured.append(db))
    with Store.open(path) as s:
        assert ensured
        assert s.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
            SCHEMA_VERSION
        )
        assert "layout" in s.db["pages"].columns_dict and "caption" in s.db["articles"].columns_dict
        [art] = s.articles(1)
        assert art.title == "旧标题" and art.caption == ""
        s.write_page(record())
    with Store.open(path, readonly=True) as ro:
        assert ro.stats()["pages"] == 2


V1_DDL = """
    CREATE TABLE [meta] ([key] TEXT PRIMARY KEY, [value] TEXT);
    CREATE TABLE [papers] ([id] INTEGER PRIMARY KEY, [name] TEXT NOT NULL);
    CREATE TABLE [editions] ([id] INTEGER PRIMARY KEY,
        [paper_id] INTEGER NOT NULL REFERENCES [papers]([id]), [date] TEXT);
    CREATE TABLE [pages] ([id] INTEGER PRIMARY KEY, [edition_id] INTEGER NOT NULL REFERENCES [editions]([id]),
        [number] INTEGER, [section] TEXT, [source] TEXT, [source_key] TEXT NOT NULL, [raw] TEXT NOT NULL,
        [sha256] TEXT NOT NULL, [encoding] TEXT, [layout] TEXT, [imported_at] TEXT);
    CREATE TABLE [articles] ([id] INTEGER PRIMARY KEY, [page_id] INTEGER NOT NULL REFERENCES [pages]([id]),
        [position] INTEGER NOT NULL, [kind] TEXT NOT NULL, [kicker] TEXT, [title] TEXT, [subtitle] TEXT,
        [byline] TEXT, [subheads] TEXT, [body] TEXT, [caption] TEXT, [credit] TEXT);
    CREATE TABLE [furniture] ([id] INTEGER PRIMARY KEY, [page_id] INTEGER NOT NULL REFERENCES [pages]([id]),
        [position] INTEGER NOT NULL, [role] TEXT, [text] TEXT);
    CREATE UNIQUE INDEX [idx_papers_name] ON [papers] ([name]);
    CREATE INDEX [idx_editions_paper_id_date] ON [editions] ([paper_id], [date]);
    CREATE INDEX [idx_editions_date] ON [editions] ([date]);
    CREATE UNIQUE INDEX idx_editions_paper_date_key ON editions (paper_id, coalesce(date, ''));
    CREATE INDEX [idx_pages_edition_id_number] ON [pages] ([edition_id], [number]);
    CREATE UNIQUE INDEX [idx_pages_source_key] ON [pages] ([source_key]);
    CREATE INDEX [idx_pages_sha256] ON [pages] ([sha256]);
    CREATE INDEX [idx_articles_page_id_kind] ON [articles] ([page_id], [kind]);
    CREATE INDEX [idx_furniture_page_id] ON [furniture] ([page_id]);
    INSERT INTO meta VALUES ('schema_version', '1');
    INSERT INTO papers VALUES (1, '洛阳日报');
    INSERT INTO editions VALUES (1, 1, '2020-01-01');
    INSERT INTO pages VALUES (1, 1, 1, NULL, 'a.txt', 'file:a.txt', '旧标题\n\n旧正文\n', 'h', 'utf-8', 'paragraphs', '');
    INSERT INTO articles VALUES (1, 1, 0, 'article', '', '旧标题', '', '', '[]', '旧正文', '', '');
"""


def test_schema_1_store_is_migrated_to_packed_text(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store.open(path, readonly=True)

    def indexes() -> set[str]:
        con = sqlite3.connect(path)
        try:
            rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        finally:
            con.close()
        return {r[0] for r in rows if not r[0].startswith("sqlite_")}

    before = indexes()
    with Store.open(path) as s:
        assert s.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
            SCHEMA_VERSION
        )
        assert {"raw_pack", "raw_codec"} <= set(s.db["pages"].columns_dict)
        assert not next(c for c in s.db["pages"].columns if c.name == "raw").notnull
        assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert s.db.execute("PRAGMA page_size").fetchone()[0] == 4096  # an existing store keeps its size
        # The old row is read as it is: plain raw, no codec.
        assert s.db.execute("SELECT raw_codec, raw_pack FROM pages WHERE id = 1").fetchone() == (None, None)
        assert s.page_raw(1) == "旧标题\n\n旧正文\n"
        assert [a.title for a in s.articles(1)] == ["旧标题"]
        text = "洛阳·县区\n\n" + "".join(
            f"标题{i}\n\n本报讯 正文第{i}段，古都夜八点。\n\n" for i in range(30)
        )
        new = s.write_page(real_record(text, "k-new"))
        row = s.db.execute("SELECT raw, raw_codec FROM pages WHERE id = ?", [new.page_id]).fetchone()
        assert row == (None, "zlib+page-v1")
        assert s.page_raw(new.page_id) == text
    assert before <= indexes()
    with Store.open(path, readonly=True) as ro:
        assert ro.stats()["pages"] == 2 and ro.page_raw(1) == "旧标题\n\n旧正文\n"


def test_locked_store_waits_then_says_so(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    Store.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")  # as a writing paper-reader has it
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path, busy_timeout=0.2) as s:
            with pytest.raises(StoreError, match="busy"):
                s.write_page(record())
            assert s.stats()["pages"] == 0  # reading goes on while another program writes
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store.open(path) as s:
        assert s.write_page(record()).status == "new"


def test_full_disk_is_a_clear_error_and_corrupts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        s.write_page(record("first"))
        pages = s.db.execute("PRAGMA page_count").fetchone()[0]
        s.db.execute(f"PRAGMA max_page_count = {pages}")
        # Its sha256 is not the text's, so the text is stored plain (never packed) and really fills the disk.
        big = dataclasses.replace(record("big"), raw="大" * 200_000, sha256="big")
        with pytest.raises(StoreError, match="full"):
            s.write_page(big)
        assert s.stats()["pages"] == 1 and len(s.articles(1)) == 3
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.db.execute("SELECT count(*) FROM pages WHERE source_key='big'").fetchone()[0] == 0
        assert s.write_page(big).status == "new"


def test_tree_reads_use_indexes_not_scans(store: Store) -> None:
    store.write_page(record())
    queries = [
        ("SELECT id, name FROM papers ORDER BY name = '', name", []),
        (Store._EDITION_SQL + "WHERE e.paper_id = ? ORDER BY e.date IS NULL, e.date DESC", [1]),
        (Store._PAGE_SQL + "WHERE p.edition_id = ? ORDER BY p.number IS NULL, p.number, p.source, p.id", [1]),
        (Store._ARTICLE_SQL + "WHERE a.page_id = ? ORDER BY a.position", [1]),
        (Store._ARTICLE_SQL + "WHERE a.id = ?", [1]),
        ("SELECT text FROM furniture WHERE page_id = ? ORDER BY position", [1]),
    ]
    for sql, params in queries:
        plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
        scans = [step for step in plan if step.startswith("SCAN") and "papers" not in step]
        assert not scans, (sql, plan)


def test_in_memory_store_for_quick_tests() -> None:
    with Store.open(":memory:") as s:
        assert s.write_page(record()).status == "new"
        assert s.stats()["pages"] == 1


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path)


def test_same_text_under_new_metadata_keeps_its_articles(store: Store) -> None:
    first = store.write_page(record())
    ids = [a.id for a in store.articles(first.page_id)]
    moved = store.write_page(dataclasses.replace(record(), date="2020-01-02", section="要闻"))
    assert (moved.status, moved.page_id, moved.articles, moved.photos) == ("replaced", first.page_id, 2, 1)
    assert [a.id for a in store.articles(first.page_id)] == ids
    [paper] = store.papers()
    assert [e.date for e in store.editions(paper.id)] == ["2020-01-02"]
    again = store.write_page(
        dataclasses.replace(record(), date="2020-01-02", section="要闻", source="elsewhere.txt")
    )
    assert again.status == "unchanged" and store.page(first.page_id).source == "elsewhere.txt"


def _count_from_outside(path: Path) -> int:
    other = sqlite3.connect(path)
    try:
        return int(other.execute("SELECT count(*) FROM pages").fetchone()[0])
    finally:
        other.close()


def test_a_batch_commits_pages_in_groups(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        with s.batch(pages=3, seconds=3600):
            s.write_page(record("a"))
            s.write_page(record("b"))
            assert _count_from_outside(path) == 0  # the group is not committed yet
            s.write_page(record("c"))
            assert _count_from_outside(path) == 3
            s.write_page(record("d"))
        assert _count_from_outside(path) == 4  # the last, partial group is committed on leaving
        assert s.rolled_back == []


def test_a_page_failing_inside_a_batch_is_undone_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "papers.db"
    real = index.index_articles

    def failing(db: object, rows: list[dict]) -> None:
        if any(r["title"] == "坏" for r in rows):
            raise RuntimeError("index hook failed")
        real(db, rows)

    monkeypatch.setattr(index, "index_articles", failing)
    bad = dataclasses.replace(record("bad"), items=(Item(kind="article", title="坏", body="写了一半的稿件"),))
    with Store.open(path) as s:
        with s.batch(pages=10, seconds=3600):
            s.write_page(record("a"))
            s.write_page(record("b"))
            with pytest.raises(RuntimeError):
                s.write_page(bad)  # its page row and articles were written before the index failed
            s.write_page(record("c"))
        keys = [r[0] for r in s.db.execute("SELECT source_key FROM pages ORDER BY id")]
        assert keys == ["a", "b", "c"]
        assert s.db.execute("SELECT count(*) FROM articles WHERE title = '坏'").fetchone()[0] == 0
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in (index.TABLE, index.CHARS):
            s.db.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        assert [h.title for h in s.articles(3) if h.kind == "article"] == ["标题0", "标题1"]


def test_a_full_disk_inside_a_batch_keeps_the_committed_groups(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        s.write_page(record("first"))
        pages = s.db.execute("PRAGMA page_count").fetchone()[0]
        s.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = dataclasses.replace(record("big"), raw="大" * 200_000, sha256="big")
        with pytest.raises(StoreError, match="full"), s.batch(pages=10, seconds=3600):
            s.write_page(record("small"))
            s.write_page(big)
        keys = {r[0] for r in s.db.execute("SELECT source_key FROM pages")}
        assert keys == {"first", "small"}  # the page before the failure was kept, whole
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_bulk_import_merges_the_index_a_small_one_does_not(tmp_path: Path) -> None:
    with Store.open(tmp_path / "papers.db") as s:
        with s.batch(pages=50):
            for i in range(240):
                s.write_page(record(f"p{i}"))
        assert not s.tidy_index(20)  # a small share of the store: merging would rewrite it all
        assert s.tidy_index(240)
        # The pages the merge freed went back to the file system (incremental auto-vacuum).
        assert s.db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        assert s.db.execute("PRAGMA freelist_count").fetchone()[0] == 0
        for table in (index.TABLE, index.CHARS):
            s.db.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        assert (
            s.db.execute(
                f"SELECT count(*) FROM {index.TABLE} WHERE {index.TABLE} MATCH '\"标题\"'"
            ).fetchone()[0]
            == 480  # two articles a page
        )


def test_compact_brings_an_old_store_to_the_current_form(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reader.cli import cli
    from reader.search import search

    path = tmp_path / "old.db"
    text = (
        "洛阳实践\n\n本报讯 古都夜八点，相约洛阳城。涧西区的新闻。\n\n党建引领\n\n本报讯 又一条消息。\n" * 8
    )
    with Store.open(path) as s:
        s.write_page(real_record(text))
    # As an upgraded store looks: 4 KiB pages, text plain, an index from an older version.
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA page_size = 4096")
    con.execute("PRAGMA auto_vacuum = NONE")
    con.execute("VACUUM")
    con.execute("UPDATE pages SET raw = ?, raw_pack = NULL, raw_codec = NULL", [text])
    con.execute("UPDATE meta SET value = 'bigram-4' WHERE key = 'search_index_version'")
    con.commit()
    con.close()
    with Store.open(path) as s:
        assert "reindex" in (search(s, "涧西区").message or "")
    result = CliRunner().invoke(cli, ["--db", str(path), "compact"])
    assert result.exit_code == 0, result.output
    assert "1 page text packed" in result.output and "articles reindexed" in result.output
    with Store.open(path) as s:
        pragmas = [
            s.db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "auto_vacuum", "journal_mode")
        ]
        assert pragmas == [16384, 2, "wal"]
        assert s.db.execute("SELECT raw, raw_codec FROM pages").fetchone() == (None, "zlib+page-v1")
        assert s.page_raw(1) == text
        assert search(s, "涧西区").total == 8  # one article in each of the 8 repeats
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_compact_refuses_while_another_program_has_the_store_open(tmp_path: Path) -> None:
    path = tmp_path / "papers.db"
    with Store.open(path) as s:
        s.write_page(record())
    writer = Store.open(path, busy_timeout=0.2)  # first, as an import would be
    reader = Store.open(path, readonly=True)
    try:
        reader.db.execute("BEGIN")
        assert reader.stats()["pages"] == 1  # a read transaction holds its snapshot
        with writer as s, pytest.raises(StoreError, match="in use by another program"):
            s.compact()
    finally:
        reader.db.execute("COMMIT")
        reader.close()
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.stats()["pages"] == 1 and s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        s.compact()  # and with the store to itself it works
