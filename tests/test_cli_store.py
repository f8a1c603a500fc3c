"""``paper-reader import`` and ``stats`` through click's CliRunner: summaries, exit codes, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.store import Store
from reader.store import core as store_core

PAGE = "标题一\n\n本报讯 今天天气很好。\n\n标题二\n\n本报讯 明天也很好。\n"


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    for rel in (
        "人民日报/2020-05-02/01-要闻.txt",
        "人民日报/2020-05-02/03-国际.md",
        "光明日报/日期不详/x.txt",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(PAGE + rel, encoding="utf-8")
    return root


def test_import_then_stats(tree: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = run("import", str(tree), "--db", db)
    assert result.exit_code == 0, result.output
    assert "Imported 3 page(s) (3 new, 0 replaced)" in result.stdout and "0 skipped" in result.stdout
    again = run("--db", db, "import", str(tree))
    assert again.exit_code == 0 and "3 unchanged" in again.stdout
    stats = run("stats", "--db", db, "--json")
    data = json.loads(stats.stdout)
    assert set(data) == {"papers", "editions", "pages", "articles", "photos", "size_bytes"}
    assert (data["papers"], data["editions"], data["pages"]) == (2, 2, 3) and data["articles"] >= 3
    plain = run("--db", db, "stats")
    assert plain.exit_code == 0 and "Pages" in plain.stdout and "Size" in plain.stdout


def test_db_from_the_environment(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    assert run("import", str(tree), env={"PAPER_READER_DB": str(db)}).exit_code == 0
    assert db.exists()
    assert json.loads(run("stats", "--json", env={"PAPER_READER_DB": str(db)}).stdout)["pages"] == 3


def test_default_store_location_is_the_xdg_data_dir(tree: Path, _isolated_home: Path) -> None:
    assert run("import", str(tree)).exit_code == 0
    assert (_isolated_home / ".local/share/paper-reader/papers.db").exists()


def test_options_on_one_file(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = run(
        "import",
        str(f),
        "--db",
        db,
        "--paper",
        "洛阳日报",
        "--date",
        "2020-05-02",
        "--page",
        "3",
        "--section",
        "县区",
    )
    assert result.exit_code == 0, result.output
    with Store.open(db) as s:
        [paper] = s.papers()
        [ed] = s.editions(paper.id)
        [page] = s.pages(ed.id)
        assert (paper.name, ed.date, page.number, page.section) == ("洛阳日报", "2020-05-02", 3, "县区")


def test_bad_options(tree: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    bad_date = CliRunner().invoke(cli, ["import", str(tree), "--db", db, "--date", "2020-13-01"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    many = CliRunner().invoke(cli, ["import", str(tree), "--db", db, "--page", "3"])
    assert many.exit_code == 1 and "--page" in many.stderr and "Traceback" not in many.output


def test_exit_status(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4 binary")
    failed = CliRunner().invoke(cli, ["import", str(empty), str(pdf), "--db", db])
    assert failed.exit_code == 1
    assert (
        "empty file" in failed.stdout and "PDF" in failed.stdout and "every file was skipped" in failed.stderr
    )
    nothing = CliRunner().invoke(cli, ["import", str(tmp_path / "nothing-here"), "--db", db])
    assert nothing.exit_code == 1 and "no such file or folder" in nothing.stdout
    folder = tmp_path / "no-pages"
    folder.mkdir()
    none_found = CliRunner().invoke(cli, ["import", str(folder), "--db", db])
    assert none_found.exit_code == 1 and "no page files" in none_found.stderr
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    mixed = CliRunner().invoke(cli, ["import", str(good), str(empty), "--db", db])
    assert mixed.exit_code == 0 and "1 skipped" in mixed.stdout


def test_names_are_shown_as_text_never_markup(tmp_path: Path) -> None:
    folder = tmp_path / "[bold red]x"
    folder.mkdir()
    (folder / "[link=http:evil]a\x1b[31m.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["import", str(folder), "--db", str(tmp_path / "s.db")])
    assert "[bold red]x" in result.stdout and "[link=http:evil]a" in result.stdout
    assert "\x1b" not in result.stdout and "␛[31m" in result.stdout


def test_read_only_store_refuses_import_but_stats_work(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "s.db")
    assert run("import", str(tree), "--db", db).exit_code == 0
    monkeypatch.setattr(store_core, "writable", lambda p: False)
    refused = CliRunner().invoke(cli, ["import", str(tree), "--db", db])
    assert refused.exit_code == 1 and "read-only" in refused.stderr and "Traceback" not in refused.output
    assert json.loads(run("stats", "--db", db, "--json").stdout)["pages"] == 3


def test_stats_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store" in result.stderr
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("command", ["import", "stats"])
def test_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout and "paper-reader" in result.stdout


def test_progress_bar_path_runs(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cli import store as commands

    monkeypatch.setattr(commands, "_show_progress", lambda *a: True)
    result = CliRunner().invoke(cli, ["import", str(tree), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "3 new" in result.stdout


def test_full_disk_stops_the_import_with_a_clear_error(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    Store.open(db).close()
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def tiny_disk(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        s = real_open(cls, *args, **kwargs)
        pages = s.db.execute("PRAGMA page_count").fetchone()[0]
        s.db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        return s

    monkeypatch.setattr(Store, "open", classmethod(tiny_disk))
    # Far more than the free room in the store's pages (its articles alone are ~60 KB).
    (tree / "big.txt").write_text("标题\n\n" + "本报讯 很长的正文。\n" * 2_000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(tree), "--db", str(db)])
    assert result.exit_code == 1 and "full" in result.stderr and "Traceback" not in result.output
    monkeypatch.undo()
    with Store.open(db) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.db.execute("SELECT count(*) FROM pages WHERE source LIKE '%big.txt'").fetchone()[0] == 0


def test_jobs_gives_the_same_import(tmp_path: Path) -> None:
    root = tmp_path / "papers"
    for day in range(1, 6):
        for number in (1, 2):
            f = root / f"人民日报/2020-05-0{day}/0{number}-要闻.txt"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(PAGE + f"第{day}天第{number}版", encoding="utf-8")
    (root / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    outputs = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = run("import", str(root), "--db", str(db), "--jobs", jobs)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout.replace(str(db), "DB"))
    assert outputs[0] == outputs[1]
    assert "Imported 10 page(s) (10 new, 0 replaced)" in outputs[0] and "1 skipped" in outputs[0]
    again = run("import", str(root), "--db", str(tmp_path / "jobs2.db"), "--jobs", "2")
    assert "10 unchanged" in again.stdout
    bad = CliRunner().invoke(cli, ["import", str(root), "--db", str(tmp_path / "x.db"), "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.stderr
    assert "--jobs" in run("import", "--help").stdout
