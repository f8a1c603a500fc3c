"""``paper-reader page``, ``resplit``, ``check`` and ``corrections export|import`` through CliRunner:
output, exit codes, and that a bad argument changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_corrections import PAGE, write_page

from reader.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "s.db")
    write_page(tmp_path / "papers")
    write_page(tmp_path / "papers", PAGE.replace("老街", "新街"), "人民日报/2020-05-02/04-地方.txt")
    assert run("--db", path, "import", str(tmp_path / "papers")).exit_code == 0
    return path


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_page_lists_items_with_lines_and_confidence(db: str) -> None:
    result = run("--db", db, "page", "1", "--format", "jsonl")
    assert result.exit_code == 0
    items = jsonl(result.stdout)
    assert items and all({"kind", "lines", "confidence", "corrected"} <= set(i) for i in items)
    assert items[0]["lines"][0] == 1 and not items[0]["corrected"]
    spans = [i["lines"] for i in items]
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))  # in order, apart
    text = run("--db", db, "page", "1")
    assert text.exit_code == 0 and text.stdout.splitlines()[0].split()[0].startswith("1-")


def test_resplit_sets_the_items_and_prints_them(db: str) -> None:
    result = run(
        "--db",
        db,
        "resplit",
        "1",
        "--starts",
        "1,5,9",
        "--role",
        "9=title",
        "--role",
        "6=B",
        "--format",
        "jsonl",
    )
    assert result.exit_code == 0, result.output
    items = jsonl(result.stdout)
    assert [i["lines"] for i in items] == [[1, 4], [5, 8], [9, 11]]
    assert items[2]["title"] == "图书馆延长开放时间" and items[1]["byline"] == "记者 王五"
    assert all(i["corrected"] for i in items)
    assert jsonl(run("--db", db, "page", "1", "--format", "jsonl").stdout) == items
    hits = json.loads(run("--db", db, "search", "延长开放", "--json").stdout)["results"]
    assert any(h["title"] == "图书馆延长开放时间" for h in hits)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--starts", "5,1"], "must increase"),
        (["--starts", "1,99"], "outside the page"),
        (["--starts", "1,5,5"], "must increase"),
        (["--starts", "3"], "belong to no item"),
        (["--starts", "1", "--role", "4=title"], "blank"),
    ],
)
def test_resplit_bad_lines_change_nothing(db: str, args: list[str], message: str) -> None:
    before = run("--db", db, "page", "1", "--format", "jsonl").stdout
    result = run("--db", db, "resplit", "1", *args)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert run("--db", db, "page", "1", "--format", "jsonl").stdout == before


@pytest.mark.parametrize(
    "args",
    [["--starts", "a,b"], ["--starts", "1", "--role", "x=title"], ["--starts", "1", "--role", "3=nothing"]],
)
def test_resplit_bad_options_are_usage_errors(db: str, args: list[str]) -> None:
    result = run("--db", db, "resplit", "1", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_unknown_page_and_missing_store(db: str, tmp_path: Path) -> None:
    for args in (["page", "99"], ["resplit", "99", "--starts", "1"]):
        result = run("--db", db, *args)
        assert result.exit_code == 1 and "no page 99" in result.stderr
    gone = run("--db", str(tmp_path / "none.db"), "check")
    assert gone.exit_code == 1 and len(gone.stderr.splitlines()) == 1


def test_check_lists_lowest_confidence_first_and_drops_reviewed(db: str) -> None:
    rows = jsonl(run("--db", db, "check", "--json").stdout)
    assert len(rows) == 2 and rows[0]["confidence"] <= rows[1]["confidence"]
    assert rows[0]["paper"] == "人民日报" and rows[0]["date"] == "2020-05-02"
    assert len(jsonl(run("--db", db, "check", "--json", "--limit", "1").stdout)) == 1
    run("--db", db, "resplit", str(rows[0]["page_id"]), "--starts", "1,5,9")
    left = jsonl(run("--db", db, "check", "--json").stdout)
    assert [r["page_id"] for r in left] == [rows[1]["page_id"]]
    text = run("--db", db, "check")
    assert "人民日报 · 2020-05-02 · 第" in text.stdout
    assert run("--db", db, "check", "--limit", "0").exit_code == 2


def test_export_then_import_into_another_store(db: str, tmp_path: Path) -> None:
    run("--db", db, "resplit", "1", "--starts", "1,5,9", "--role", "9=T")
    out = tmp_path / "fixes.json"
    result = run("--db", db, "corrections", "export", "--out", str(out))
    assert result.exit_code == 0 and "1 correction(s)" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["corrections"][0]["starts"] == [1, 5, 9]
    assert json.loads(run("--db", db, "corrections", "export").stdout) == data
    other = str(tmp_path / "other.db")
    run("--db", other, "import", str(tmp_path / "papers"))
    data["corrections"].append(dict(data["corrections"][0], date="1999-01-01"))
    out.write_text(json.dumps(data), encoding="utf-8")
    result = run("--db", other, "corrections", "import", str(out))
    assert result.exit_code == 1
    assert "1 correction(s) applied" in result.stdout
    assert "not applied: 人民日报 1999-01-01 page 3" in result.stderr
    mine = jsonl(run("--db", db, "page", "1", "--format", "jsonl").stdout)
    theirs = jsonl(run("--db", other, "page", "1", "--format", "jsonl").stdout)
    assert [(i["lines"], i.get("title")) for i in theirs] == [(i["lines"], i.get("title")) for i in mine]


def test_corrections_import_bad_files(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for content in ("not json", "[]", '{"format": "other"}'):
        bad.write_text(content, encoding="utf-8")
        result = run("--db", db, "corrections", "import", str(bad))
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    result = run("--db", db, "corrections", "import", str(tmp_path / "missing.json"))
    assert result.exit_code == 1 and "cannot read" in result.stderr


def test_import_summary_says_when_a_correction_no_longer_matches(db: str, tmp_path: Path) -> None:
    run("--db", db, "resplit", "1", "--starts", "1,5,9")
    write_page(tmp_path / "papers", "新加的一行导语\n" + PAGE)
    result = run("--db", db, "import", str(tmp_path / "papers"))
    assert result.exit_code == 0
    assert "marked for review" in result.output and "paper-reader check" in result.output
    first = jsonl(run("--db", db, "check", "--json").stdout)[0]
    assert first["page_id"] == 1 and "no longer matches" in first["review"]


def test_search_json_results_carry_the_page_id_that_page_takes(db: str) -> None:
    hits = json.loads(run("--db", db, "search", "新街", "--json").stdout)["results"]
    assert hits and {h["page_id"] for h in hits} == {2}
    items = jsonl(run("--db", db, "page", str(hits[0]["page_id"]), "--format", "jsonl").stdout)
    assert hits[0]["id"] in [i.get("id") for i in items]
