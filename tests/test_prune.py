"""Renamed folders: the import says when a page's text is stored already, ``prune`` removes the old
copies (``--dry-run`` only lists them), and an import leaves its WAL checkpointed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.ingest import import_paths
from reader.ingest.meta import Meta
from reader.store import Store


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def day(root: Path, date: str, pages: int) -> Path:
    folder = root / "人民日报" / date
    folder.mkdir(parents=True)
    for n in range(1, pages + 1):
        body = "".join(f"本报讯 第{n}版第{k}段，洛阳今天天气很好。" for k in range(20))
        (folder / f"0{n}-要闻.txt").write_text(f"标题{n}\n\n{body}\n", encoding="utf-8")
    return folder


def counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        pages = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        editions = con.execute("SELECT count(*) FROM editions").fetchone()[0]
    con.close()
    return pages, editions


def test_a_renamed_date_folder_is_noted_and_pruned(tmp_path: Path) -> None:
    root = tmp_path / "papers"
    day(root, "2020-05-02", 4)
    day(root, "2020-05-03", 2)
    db = tmp_path / "s.db"
    assert invoke("import", "--db", str(db), "--split", "rules", str(root)).exit_code == 0
    os.rename(root / "人民日报" / "2020-05-02", root / "人民日报" / "2020-06-02")  # a wrong date, fixed
    again = invoke("import", "--db", str(db), "--split", "rules", str(root))
    assert again.exit_code == 0, again.output
    assert again.output.count("the same text is stored already as page") == 4
    assert counts(db) == (10, 3)

    listed = invoke("prune", "--db", str(db), "--dry-run")
    assert listed.exit_code == 0, listed.output
    assert listed.output.count("(moved)") == 4 and "2020-05-02" in listed.output
    assert "Would remove 4 pages." in listed.output
    assert counts(db) == (10, 3)

    done = invoke("prune", "--db", str(db))
    assert done.exit_code == 0 and "Removed 4 pages." in done.output
    assert counts(db) == (6, 2)  # the emptied edition went too
    hits = invoke("search", "--json", "--db", str(db), "洛阳")
    assert hits.exit_code == 0 and '"2020-05-02"' not in hits.output
    assert invoke("prune", "--db", str(db), "--dry-run").output.strip() == "Would remove 0 pages."


def test_pages_whose_file_is_gone_are_pruned_only_when_asked(tmp_path: Path) -> None:
    root = tmp_path / "papers"
    folder = day(root, "2020-05-02", 3)
    db = tmp_path / "s.db"
    assert invoke("import", "--db", str(db), "--split", "rules", str(root)).exit_code == 0
    (folder / "01-要闻.txt").unlink()
    assert "Removed 0 pages." in invoke("prune", "--db", str(db)).output  # its text is in the store only
    gone = invoke("prune", "--db", str(db), "--gone")
    assert "(gone)" in gone.output and "Removed 1 page." in gone.output
    assert counts(db) == (2, 1)


def test_an_import_leaves_its_wal_checkpointed_beside_a_reader(tmp_path: Path) -> None:
    root = tmp_path / "papers"
    day(root, "2020-05-02", 6)
    db = tmp_path / "s.db"
    Store.open(db).close()
    reader = Store.open(db, readonly=True)
    try:
        with Store.open(db) as s:
            report = import_paths(s, [root], Meta(split="rules"), jobs=1)
            assert report.new == 6
            assert os.path.getsize(f"{db}-wal") == 0  # before the writer closes, the reader still open
        assert reader.db.execute("SELECT count(*) FROM pages").fetchone()[0] == 6
    finally:
        reader.close()
