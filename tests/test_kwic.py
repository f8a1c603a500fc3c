"""The concordance: library and `paper-reader kwic` (aligned by cells, sorted, cut, JSON and CSV)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from store_helpers import real_record

from reader.cli import cli
from reader.models import Item
from reader.search.kwic import kwic
from reader.store import Store

PAGES = [
    ("a", "2020-05-02", "脱贫攻坚", "全县脱贫攻坚取得成效。乙村也已脱贫。\x1b[31m红"),
    ("b", "2021-06-01", "乡村振兴", "巩固脱贫成果，ABC脱贫。"),
    ("c", "2019-01-01", "其他", "没有那个词。"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "k.db")
    for key, date, title, body in PAGES:
        items = (
            Item(kind="article", title=title, body=body, byline="（本报记者 脱贫）" if key == "b" else ""),
        )
        store.write_page(replace(real_record(f"{title}\n{body}", key, items), date=date, number=3))
    store.close()
    return tmp_path / "k.db"


def test_one_line_per_occurrence_with_its_context(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        result = kwic(store, "脱贫", width=4)
    assert result.articles == 2
    assert [(ln.date, ln.place, ln.left, ln.hit, ln.right) for ln in result.lines] == [
        ("2021-06-01", "正文", "巩固", "脱贫", "成果，A"),
        ("2021-06-01", "正文", "，ABC", "脱贫", "。"),
        ("2021-06-01", "署名", "报记者 ", "脱贫", "）"),
        ("2020-05-02", "标题", "", "脱贫", "攻坚"),
        ("2020-05-02", "正文", "全县", "脱贫", "攻坚取得"),
        ("2020-05-02", "正文", "乙村也已", "脱贫", "。\x1b[3"),
    ]
    body = "全县脱贫攻坚取得成效。乙村也已脱贫。\x1b[31m红"
    assert all(
        body[ln.start : ln.start + 2] == "脱贫"
        for ln in result.lines
        if ln.date == "2020-05-02" and ln.place == "正文"
    )


def test_sorts_and_limit(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        left = kwic(store, "脱贫", width=4, sort="left")
        right = kwic(store, "脱贫", width=4, sort="right", limit=2)
    assert [ln.left[::-1] for ln in left.lines] == sorted(ln.left[::-1] for ln in left.lines)
    assert [ln.right for ln in right.lines] == ["。", "。\x1b[3"]


def test_cli_aligns_the_hit_column_by_cells(db: Path) -> None:
    out = CliRunner().invoke(cli, ["kwic", "--db", str(db), "脱贫", "--width", "6"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()[:-1]
    assert len(lines) == 6 and "\x1b" not in out.output and "␛" in out.output
    columns = {cell_len(line[: line.index("脱贫", line.index("│"))]) for line in lines}
    assert len(columns) == 1  # one column, whatever mix of CJK and Latin is to the left
    assert "6 lines from 2 articles" in out.output.splitlines()[-1]


def test_cli_json_csv_and_errors(db: Path) -> None:
    data = json.loads(
        CliRunner().invoke(cli, ["kwic", "--db", str(db), "脱贫", "--json", "--limit", "2"]).output
    )
    assert data["articles"] == 2 and len(data["lines"]) == 2 and data["lines"][0]["hit"] == "脱贫"
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(cli, ["kwic", "--db", str(db), "脱贫", "--csv"]).output)
        )
    )
    assert len(rows) == 6 and rows[0]["paper"] == "洛阳日报" and rows[0]["hit"] == "脱贫"
    bad = CliRunner().invoke(cli, ["kwic", "--db", str(db), "date:nope"])
    assert bad.exit_code == 1 and "date:nope" in bad.output and "Traceback" not in bad.output
    both = CliRunner().invoke(cli, ["kwic", "--db", str(db), "x", "--json", "--csv"])
    assert both.exit_code != 0 and "not both" in both.output


@pytest.mark.parametrize("command", ["kwic", "trend", "export"])
def test_study_commands_on_a_missing_or_broken_store_say_so_in_one_line(command: str, tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, [command, "--db", str(tmp_path / "none.db"), "脱贫"])
    assert missing.exit_code == 1 and "no store" in missing.output and "Traceback" not in missing.output
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    out = CliRunner().invoke(cli, [command, "--db", str(broken), "脱贫"])
    assert out.exit_code == 1 and len(out.output.strip().splitlines()) == 1 and "Traceback" not in out.output
