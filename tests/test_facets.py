"""Facets: matches counted by paper, year and page, in search --json and the library."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import real_record

from reader.cli import cli
from reader.models import Item
from reader.search import search
from reader.search.facets import facet_line, filter_word
from reader.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "f.db")
    for key, paper, date, number, body in [
        ("a", "人民日报", "2019-03-01", 1, "脱贫。"),
        ("b", "人民日报", "2020-05-02", 3, "脱贫。Éa"),
        ("c", "洛阳日报", "2020-06-01", 3, "脱贫。"),
        ("d", "洛阳日报", None, None, "无关。"),
    ]:
        items = (Item(kind="article", title="题", body=body),)
        store.write_page(replace(real_record(body, key, items), paper=paper, date=date, number=number))
    store.close()
    return tmp_path / "f.db"


def test_facets_count_every_match(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        found = search(store, "脱贫", limit=1, facets=True).facets
        checked = search(store, "脱贫 -éa", limit=1, facets=True).facets  # checked in Python (É)
        listed = search(store, "paper:洛阳日报", facets=True).facets
    assert found == {
        "paper": [{"value": "人民日报", "count": 2}, {"value": "洛阳日报", "count": 1}],
        "year": [{"value": "2020", "count": 2}, {"value": "2019", "count": 1}],
        "page": [{"value": 1, "count": 1}, {"value": 3, "count": 2}],
    }
    assert checked is not None and sum(v["count"] for v in checked["paper"]) == 2
    assert listed is not None and listed["year"] == [
        {"value": "2020", "count": 1},
        {"value": None, "count": 1},
    ]
    assert facet_line(found) == "人民日报 2 洛阳日报 1 │ 2020 2 2019 1 │ 第1版 1 第3版 2"
    assert [filter_word("paper", "人民日报"), filter_word("year", "2020"), filter_word("page", 3)] == [
        "paper:人民日报",
        "date:2020",
        "page:3",
    ]
    assert filter_word("year", None) is None


def test_search_json_has_facets(db: Path) -> None:
    data = json.loads(CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "脱贫"]).output)
    assert data["facets"]["paper"][0] == {"value": "人民日报", "count": 2}
