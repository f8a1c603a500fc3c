"""Trends over time: library and `paper-reader trend` (counts per period, store totals, formats)."""

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
from reader.search.trend import trend
from reader.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "t.db")
    pages = [
        ("a", "人民日报", "2019-03-01", [("脱贫", "脱贫脱贫。"), ("别的", "无关。")]),
        ("b", "人民日报", "2020-05-02", [("乡村", "扶贫与脱贫。"), ("其他", "扶贫。")]),
        ("c", "洛阳日报", "2020-06-01", [("洛阳", "脱贫。")]),
        ("d", "洛阳日报", None, [("不详", "脱贫。")]),
    ]
    for key, paper, date, arts in pages:
        items = tuple(Item(kind="article", title=t, body=b) for t, b in arts)
        raw = "\n".join(f"{t}\n{b}" for t, b in arts)
        store.write_page(replace(real_record(raw, key, items), paper=paper, date=date))
    store.close()
    return tmp_path / "t.db"


def test_counts_per_year_with_store_totals(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        result = trend(store, ["脱贫", "扶贫"], by="year")
    assert result.message is None
    table = [(p.period, p.articles, p.hits["脱贫"], p.hits["扶贫"]) for p in result.periods]
    assert table == [
        ("2019", 2, (1, 3), (0, 0)),  # the title's 脱贫 counts too
        ("2020", 3, (2, 2), (2, 2)),
        (None, 1, (1, 1), (0, 0)),
    ]


def test_by_month_and_paper(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        months = trend(store, ["脱贫"], by="month", paper="人民日报")
        bad = trend(store, ["date:nope"])
    assert [(p.period, p.articles, p.hits["脱贫"]) for p in months.periods] == [
        ("2019-03", 2, (1, 3)),
        ("2020-05", 2, (1, 1)),
    ]
    assert bad.message and "date:nope" in bad.message


def test_cli_formats(db: Path) -> None:
    out = CliRunner().invoke(cli, ["trend", "--db", str(db), "脱贫", "扶贫", "--by", "year"])
    assert out.exit_code == 0, out.output
    assert "2019" in out.output and "日期不详" in out.output
    data = json.loads(CliRunner().invoke(cli, ["trend", "--db", str(db), "脱贫", "--json"]).output)
    assert data["periods"][1] == {
        "period": "2020",
        "articles": 3,
        "terms": {"脱贫": {"articles": 2, "occurrences": 2}},
    }
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(cli, ["trend", "--db", str(db), "脱贫", "--csv"]).output)
        )
    )
    assert rows[0] == {
        "period": "2019",
        "store_articles": "2",
        "term": "脱贫",
        "articles": "1",
        "occurrences": "3",
    }
    bad = CliRunner().invoke(cli, ["trend", "--db", str(db), "脱贫", "--by", "week"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
