"""The fast paths of search give exactly what the plain ones give: a query's rare part read first
(``reader.search.stages``), and the newest matches found by looking each edition's articles up in
the index (``reader.search.order.newest``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_search_recall import build_store, make_articles

from reader.search import order, search, stages
from reader.store import Store

# A rare term with a common character, the other way round, both common, with exclusions, an OR
# group across the two tables, filters and a title term.
QUERIES = [
    "党建 的",
    "的 党建",
    '"洛" 发展',
    "的 发展",
    "的 一",
    "党建 的 -洛",
    "的 5G -发展",
    '"洛" OR 党建 的',
    "的 2020年 paper:洛阳日报",
    "的 发展 date:2020-02..2020-04",
    "title:党建 的",
    "洛阳 县",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_store(tmp_path_factory.mktemp("stages") / "s.db", make_articles(1200, seed=5), per_page=6)


Results = dict[str, tuple[int, list[tuple[int, float]]]]


def _results(store: Store, queries: list[str], sort: str) -> Results:
    out = {}
    for q in queries:
        r = search(store, q, limit=300, sort=sort)
        assert r.message is None, (q, r.message)
        out[q] = (r.total, [(h.article_id, h.score) for h in r.hits])
    return out


@pytest.fixture(scope="module")
def plain(store: Store) -> Callable[[list[str], str, bool], Results]:
    """The results of the plain paths (none of this module's patches), each set worked out once:
    the store is only read, so every test compares against the same answers."""
    made: dict[tuple[tuple[str, ...], str, bool], Results] = {}

    def results(queries: list[str], sort: str, whole_query: bool = False) -> Results:
        key = (tuple(queries), sort, whole_query)
        if key not in made:
            with pytest.MonkeyPatch.context() as m:
                if whole_query:  # the rare-part path off: every query read in one statement
                    m.setattr(stages, "both", lambda conn, plan: None)
                made[key] = _results(store, queries, sort)
        return copy.deepcopy(made[key])

    return results


def _spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[Any]:
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        got = real(*args, **kwargs)
        calls.append(got)
        return got

    monkeypatch.setattr(module, name, spy)
    return calls


@pytest.mark.parametrize(("small", "probe_cost"), [(50000, 0), (50000, 10**9), (40, 100)])
@pytest.mark.parametrize("sort", ["rank", "date"])
def test_rare_part_first_gives_what_the_whole_query_gives(
    store: Store, plain: Any, monkeypatch: pytest.MonkeyPatch, small: int, probe_cost: int, sort: str
) -> None:
    """Same total, same hits in the same order, with the other part looked up (probe_cost 0) or read."""
    expected = plain(QUERIES, sort, True)
    assert all(total > 0 for total, _ in expected.values()), expected
    monkeypatch.setattr(stages, "SMALL", small)
    monkeypatch.setattr(stages, "PROBE_COST", probe_cost)
    staged = _spy(monkeypatch, stages, "both")
    assert _results(store, QUERIES, sort) == expected
    if small == 40:
        assert None in staged  # both parts common: the one-statement plan
    else:
        assert any(ids for ids in staged if ids), "the rare-part path never ran"


WALKS = {
    "sorted by SQLite": {"_SORT_COST": 0.0},
    "walk, every match read": {"_SORT_COST": 1e9, "_READ_COST": 0.0, "_PROBE_COST": 1e9},
    "walk, looked up": {"_SORT_COST": 1e9, "_READ_COST": 1e9, "_PROBE_COST": 0.0},
    "walk given up for the sort": {
        "_SORT_COST": 1e-6,
        "_READ_COST": 0.0,
        "_WALK_COST": 1e-9,
        "_GIVE_UP": 0.0,
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("how", list(WALKS))
def test_newest_first_is_the_same_however_it_is_found(
    store: Store, plain: Any, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Walking editions newest first gives SQLite's full sort, whether each edition's articles are
    looked up in the index or checked against every match read at once, and when a walk gives up."""
    queries = ["的", "洛", "一", "的 -洛", "党建", "发展 -的", "的 date:2020-01", "洛 paper:人民日报"]
    expected = {s: plain(queries, s) for s in ("date", "rank")}
    calls = _spy(monkeypatch, order, "_sorted")
    for name, value in WALKS[how].items():
        monkeypatch.setattr(order, name, value)
    for s in ("date", "rank"):
        assert _results(store, queries, s) == expected[s], s
    assert bool(calls) == (how in ("sorted by SQLite", "walk given up for the sort"))


def test_the_rare_part_is_read_first(store: Store, tmp_path: Path) -> None:
    """Only the rarer part's matches are read whole; the common character is asked about those alone."""
    from reader.search.plan import make_plan
    from reader.search.query import parse

    conn = store.db.conn
    plan = make_plan(parse("党建 的"))
    common = conn.execute(
        "SELECT count(*) FROM search_chars WHERE search_chars MATCH ?", [plan.chars]
    ).fetchone()[0]
    rare = conn.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [plan.match]
    ).fetchone()[0]
    assert 0 < rare < common
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        ids = stages.both(conn, plan)
    finally:
        conn.set_trace_callback(None)
    both = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid IN "
        "(SELECT rowid FROM search_chars WHERE search_chars MATCH ?) ORDER BY rowid",
        [plan.match, plan.chars],
    ).fetchall()
    assert ids == [r[0] for r in both]
    whole = [
        s
        for s in statements
        if "SELECT rowid FROM search_chars WHERE search_chars MATCH" in s and "json_each" not in s
    ]
    assert not whole  # the common character's matches were never read on their own


def test_estimated_tier_sizes_change_nothing(
    store: Store, plain: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-character tier's size is estimated from a slice of the ids (it only picks how to find the
    newest): the results stay the same, and an estimate is never 0 when there are matches."""
    queries = ["的", "洛", "一", "的 -洛", "的 一"]
    expected = plain(queries, "rank")
    monkeypatch.setattr(stages, "SAMPLE_MIN", 0)
    monkeypatch.setattr(stages, "ESTIMATE_FROM", 1)
    estimates = _spy(monkeypatch, stages, "about")
    assert _results(store, queries, "rank") == expected
    assert estimates
    conn = store.db.conn
    sql = "SELECT count(*) FROM search_chars WHERE search_chars MATCH ?"
    for ch in "的洛一党建发展县区鑫":
        counted = conn.execute(sql, [f'"{ch}"']).fetchone()[0]
        assert (stages.about(conn, sql, [f'"{ch}"']) > 0) == (counted > 0), ch
