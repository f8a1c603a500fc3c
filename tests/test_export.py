"""Export with citations: `paper-reader export` in each format, to a file or standard output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import real_record

from reader.cli import cli
from reader.models import Item
from reader.store import Store
from reader.text.labels import chinese_citation


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "e.db")
    for key, date, number in (("a", "2020-05-02", 3), ("b", "2021-01-09", 12), ("c", None, None)):
        items = (
            Item(
                kind="article",
                kicker="引题",
                title=f"脱贫{key}",
                subtitle="副题",
                byline="（本报记者 张三）",
                body="第一段脱贫。\n第二段 *星号* <b>",
            ),
        )
        store.write_page(
            replace(real_record(f"脱贫{key}", key, items), paper="人民日报", date=date, number=number)
        )
    store.close()
    return tmp_path / "e.db"


def test_chinese_citation() -> None:
    assert chinese_citation("人民日报", "2020-05-02", 3) == "《人民日报》2020年5月2日第3版"
    assert chinese_citation("", None, None) == "报名不详日期不详版次不详"


def test_jsonl_has_every_article_with_its_citation(db: Path) -> None:
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "脱贫", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    recs = [json.loads(line) for line in out.output.splitlines()]
    assert [r["citation"] for r in recs] == [
        "《人民日报》2021年1月9日第12版",
        "《人民日报》2020年5月2日第3版",
        "《人民日报》日期不详版次不详",
    ]
    assert set(recs[0]) >= {
        "paper",
        "date",
        "page",
        "section",
        "kicker",
        "title",
        "subtitle",
        "byline",
        "body",
    }
    assert recs[1]["body"] == "第一段脱贫。\n第二段 *星号* <b>" and recs[1]["byline"] == "（本报记者 张三）"


def test_csv_and_md_to_a_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    out = CliRunner().invoke(
        cli, ["export", "--db", str(db), "脱贫", "--format", "csv", "--out", str(target)]
    )
    assert out.exit_code == 0, out.output
    assert "Exported 3 articles" in out.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 3 and rows[1]["citation"] == "《人民日报》2020年5月2日第3版"
    md = tmp_path / "out.md"
    assert (
        CliRunner()
        .invoke(cli, ["export", "--db", str(db), "脱贫", "--format", "md", "--out", str(md)])
        .exit_code
        == 0
    )
    text = md.read_text(encoding="utf-8")
    assert "## 引题 脱贫a 副题" in text and "> 《人民日报》2020年5月2日第3版" in text
    assert r"\*星号\* \<b\>" in text  # page text is never read as Markdown
    assert not list(tmp_path.glob("*.partial"))


def test_bad_input_is_one_line_and_leaves_nothing(db: Path, tmp_path: Path) -> None:
    bad = CliRunner().invoke(
        cli, ["export", "--db", str(db), "date:nope", "--out", str(tmp_path / "x.jsonl")]
    )
    assert bad.exit_code == 1 and "date:nope" in bad.output and not (tmp_path / "x.jsonl").exists()
    assert not list(tmp_path.glob(".x.jsonl.*"))
    nodir = CliRunner().invoke(
        cli, ["export", "--db", str(db), "脱贫", "--out", str(tmp_path / "no" / "x.md")]
    )
    assert nodir.exit_code == 1 and "does not exist" in nodir.output and "Traceback" not in nodir.output
    fmt = CliRunner().invoke(cli, ["export", "--db", str(db), "脱贫", "--format", "pdf"])
    assert fmt.exit_code == 2
