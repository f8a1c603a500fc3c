"""Facets: matches counted by paper, year and page, in search --json and the library."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_helpers import copy_store, real_record

from reader.cli import cli
from reader.models import Item
from reader.search import search
from reader.search.facets import facet_line, filter_word
from reader.store import Store


def _make_db(folder: Path) -> Path:
    store = Store.open(folder / "f.db")
    for key, paper, date, number, body in [
        ("a", "人民日报", "2019-03-01", 1, "脱贫。"),
        ("b", "人民日报", "2020-05-02", 3, "脱贫。Éa"),
        ("c", "洛阳日报", "2020-06-01", 3, "脱贫。"),
        ("d", "洛阳日报", None, None, "无关。"),
    ]:
        items = (Item(kind="article", title="题", body=body),)
        store.write_page(replace(real_record(body, key, items), paper=paper, date=date, number=number))
    store.close()
    return folder / "f.db"


@pytest.fixture
def db(built_once: Any, tmp_path: Path) -> Path:
    return copy_store(built_once("test_facets.db", _make_db), tmp_path / "f.db")


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


def test_a_one_shot_search_does_not_import_numpy(db: Path) -> None:
    """numpy counts the facets of a process's later searches; a one-shot ``search --json`` (the map
    made, then read back from the cache folder) never pays for its import."""
    import subprocess

    code = (
        "import json, sys\n"
        "from reader.cli import cli\n"
        "try:\n"
        f"    cli.main(['search', '--db', {str(db)!r}, '--json', '脱贫'], standalone_mode=False)\n"
        "finally:\n"
        "    print('numpy' in sys.modules, file=sys.stderr)\n"
    )
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip().splitlines()[-1] == "False"
        assert json.loads(run.stdout)["facets"]["paper"]


def test_search_json_has_facets(db: Path) -> None:
    data = json.loads(CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "脱贫"]).output)
    assert data["facets"]["paper"][0] == {"value": "人民日报", "count": 2}


def _brute_facets(db: Path, ids: list[int]) -> dict[str, dict[object, int]]:
    """Facet counts by looking up each matching article one by one (the slow, obvious way)."""
    import sqlite3

    conn = sqlite3.connect(db)
    out: dict[str, dict[object, int]] = {"paper": {}, "year": {}, "page": {}}
    for i in ids:
        paper, date, number = conn.execute(
            "SELECT pa.name, e.date, p.number FROM articles a JOIN pages p ON p.id = a.page_id "
            "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id WHERE a.id = ?",
            (i,),
        ).fetchone()
        for name, value in (("paper", paper or None), ("year", date[:4] if date else None), ("page", number)):
            out[name][value] = out[name].get(value, 0) + 1
    conn.close()
    return out


def _make_many(folder: Path) -> Path:
    import random

    rng = random.Random(5)
    store = Store.open(folder / "m.db")
    words = ["脱贫", "攻坚", "華龍", "华龙", "经济", "的", "国", "Éa", "c++", "洛阳"]
    for k in range(60):
        paper = rng.choice(["人民日报", "洛阳日报", "濮阳日报"])
        date = rng.choice([None, f"{rng.randint(2015, 2021)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"])
        number = rng.choice([None, 1, 2, 3, 4, 12])
        items = tuple(
            Item(
                kind="article",
                title="".join(rng.choices(words, k=2)),
                body="".join(rng.choices(words, k=rng.randint(1, 8))) + "。",
            )
            for _ in range(rng.randint(1, 4))
        )
        record = real_record(f"page {k}", f"p{k}", items)
        store.write_page(replace(record, paper=paper, date=date, number=number))
    store.close()
    return folder / "m.db"


@pytest.fixture
def many(built_once: Any, tmp_path: Path) -> Path:
    """Pages of several papers, years and page numbers (some unknown), with made-up text."""
    return copy_store(built_once("test_facets.many", _make_many), tmp_path / "m.db")


QUERIES = [
    "脱贫",  # index alone (bigrams)
    "的",  # index alone (one character)
    "华龙",  # 繁简-folded
    "脱贫 的",  # both index tables
    "经济 OR 洛阳",
    "经济 -的",
    "title:脱贫",  # checked in SQL
    "c++",  # checked in SQL (no indexable character)
    "经济 -éa",  # checked in Python (É)
    "paper:洛阳日报",  # no positive term: a listing
    "-经济",
    "的 page:3",
    "国 date:2018",
    "没有的词",
]


@pytest.mark.parametrize("numpy", [True, False])
@pytest.mark.parametrize("query", QUERIES)
def test_facet_counts_equal_a_brute_force_count(
    many: Path, query: str, numpy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted with the map as first made (an array), and as held for later searches (a numpy
    array, or a list where numpy cannot be imported)."""
    from reader.search import facets as facets_mod

    if not numpy:
        monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy raises ImportError
    facets_mod.forget()
    with Store.open(many, readonly=True) as store:
        result = search(store, query, limit=3, facets=True)
        again = search(store, query, limit=3, facets=True)
        every = search(store, query, limit=None, lazy=True)
        (held,) = facets_mod._maps.values()
    assert type(held[1][0]).__module__ == ("numpy" if numpy else "builtins")
    ids = [i for i, _ in every.ranked]
    assert result.total == again.total == every.total == len(ids)
    assert result.facets is not None
    got = {name: {v["value"]: v["count"] for v in values} for name, values in result.facets.items()}
    assert got == _brute_facets(many, ids)
    assert again.facets == result.facets
    if query not in ("没有的词",):
        assert result.total > 0


def test_facets_follow_the_store_and_survive_a_damaged_cache(many: Path) -> None:
    """The counts are cached per store state, in memory and in the user's cache folder: a change
    to the store counts afresh, and a damaged cached copy is rebuilt, never believed."""
    from reader.paths import cache_dir
    from reader.search import facets as facets_mod

    with Store.open(many, readonly=True) as store:
        before = search(store, "脱贫", limit=1, facets=True)
    (cached,) = cache_dir().glob("facets-*")
    with Store.open(many) as store:
        items = (Item(kind="article", title="脱贫", body="脱贫。"),)
        store.write_page(
            replace(real_record("new page", "new", items), paper="新报", date="2030-01-01", number=9)
        )
    with Store.open(many, readonly=True) as store:
        after = search(store, "脱贫", limit=1, facets=True)
    assert after.total == before.total + 1 and after.facets is not None
    assert {"value": "新报", "count": 1} in after.facets["paper"]
    assert {"value": "2030", "count": 1} in after.facets["year"]

    facets_mod.forget()  # a new process: only the copy on disk is left
    cached.write_bytes(cached.read_bytes()[:40])  # cut short
    with Store.open(many, readonly=True) as store:
        again = search(store, "脱贫", limit=1, facets=True)
        every = search(store, "脱贫", limit=None, lazy=True)
    got = {name: {v["value"]: v["count"] for v in values} for name, values in (again.facets or {}).items()}
    assert got == _brute_facets(many, [i for i, _ in every.ranked])
    facets_mod.forget()
    with Store.open(many, readonly=True) as store:  # read back from the rebuilt copy
        assert search(store, "脱贫", limit=1, facets=True).facets == again.facets


def test_a_map_held_in_memory_counts_as_the_one_just_made(many: Path) -> None:
    """The map held for a second search (kept as a numpy array from then on) gives the same counts."""
    from reader.search import facets as facets_mod

    facets_mod.forget()
    with Store.open(many, readonly=True) as store:
        first = [search(store, q, limit=1, facets=True).facets for q in QUERIES]
        again = [search(store, q, limit=1, facets=True).facets for q in QUERIES]
        (held,) = facets_mod._maps.values()
    assert type(held[1][0]).__module__ == "numpy"  # the second form was the one used
    assert again == first and first[0] is not None and first[0]["paper"]


def test_the_map_of_a_deleted_store_is_dropped_when_another_is_made(db: Path, tmp_path: Path) -> None:
    """A store deleted (or moved) leaves its map in the cache folder only until the next map is made."""
    import shutil

    from reader.paths import cache_dir

    other = tmp_path / "other.db"
    shutil.copy(db, other)
    with Store.open(other, readonly=True) as store:
        search(store, "脱贫", limit=1, facets=True)
    (orphan,) = cache_dir().glob("facets-*")
    other.unlink()
    (cache_dir() / "facets-not-ours.bin").write_bytes(b"something else")
    with Store.open(db, readonly=True) as store:
        search(store, "脱贫", limit=1, facets=True)
    left = {p.name for p in cache_dir().glob("facets-*")}
    assert orphan.name not in left and "facets-not-ours.bin" in left and len(left) == 2


def _make_dense(folder: Path) -> Path:
    """A character (的) in all but a few articles, whose ids run from 1 past 65,535 (a row written
    straight into the articles table at 70,000 moves the next id there; it is deleted after)."""
    store = Store.open(folder / "d.db")
    texts = ["的经济", "国的", "无关", "的的", "华", "的国"]
    for k in range(8):
        if k == 3:
            page = store.db.execute("SELECT max(id) FROM pages").fetchone()[0]
            store.db.execute(
                "INSERT INTO articles (id, page_id, position, kind) VALUES (70000, ?, 99, 'article')", [page]
            )
        items = tuple(
            Item(kind="article", title="题", body=texts[(k + j) % len(texts)] + "。") for j in range(3)
        )
        record = real_record(f"page {k}", f"p{k}", items)
        paper = ["人民日报", "洛阳日报", ""][k % 3]
        date = None if k == 5 else f"{2016 + k % 4}-0{1 + k}-01"
        store.write_page(replace(record, paper=paper, date=date, number=None if k == 6 else 1 + k % 3))
    store.db.execute("DELETE FROM articles WHERE id = 70000")
    store.close()
    return folder / "d.db"


@pytest.mark.parametrize("query", ["的", "国", "华", "经", "的 page:2", "的 -国"])
def test_facets_of_a_common_character_count_every_match(built_once: Any, tmp_path: Path, query: str) -> None:
    """A lone character in most articles, counted by the map as first made and as held (numpy): the
    same counts as a brute-force count, for ids beyond 65,535 too, and after the store changes."""

    db = copy_store(built_once("test_facets.dense", _make_dense), tmp_path / "d.db")
    for round_ in range(2):
        with Store.open(db, readonly=True) as store:
            result = search(store, query, limit=2, facets=True)
            again = search(store, query, limit=2, facets=True)  # the counts of every article held
            every = search(store, query, limit=None, lazy=True)
        ids = [i for i, _ in every.ranked]
        assert max(ids) > 70000 and min(ids) < 10
        assert result.total == again.total == every.total == len(ids)
        assert result.facets == again.facets and result.facets is not None
        got = {name: {v["value"]: v["count"] for v in values} for name, values in result.facets.items()}
        assert got == _brute_facets(db, ids)
        if round_ == 0:
            with Store.open(db) as store:  # a new page: the counts follow the store
                items = (
                    Item(kind="article", title="题", body="的华经。"),
                    Item(kind="article", title="题", body="国。"),
                )
                store.write_page(
                    replace(real_record("new", "new", items), paper="新报", date="2031-01-01", number=2)
                )
            with Store.open(db, readonly=True) as store:
                assert search(store, query, limit=1, facets=True).total == result.total + 1
