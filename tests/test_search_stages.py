"""The fast paths of search give exactly what the plain ones give: a query's rare part read first
(``reader.search.stages``), and the newest matches found by looking each edition's articles up in
the index (``reader.search.order.newest``)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_helpers import sha
from test_search_recall import build_store, make_articles

from reader.models import Item
from reader.search import order, search, stages
from reader.store import PageRecord, Store

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
    """Each query's total and its first 300 (article id, score) pairs in order. The pairs are the
    search's ranking itself (``lazy``): making hits from them (snippets, highlights) is the same
    code whichever path ranked them, and is tested with the hits themselves elsewhere."""
    out = {}
    for q in queries:
        r = search(store, q, limit=300, sort=sort, lazy=True)
        assert r.message is None, (q, r.message)
        out[q] = (r.total, list(r.ranked))
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


@pytest.mark.parametrize(
    ("small", "probe_cost", "text_cost"),
    [(50000, 0, 10**9), (50000, 10**9, 10**9), (50000, 10**9, 0), (40, 100, 0)],
)
@pytest.mark.parametrize("sort", ["rank", "date"])
def test_rare_part_first_gives_what_the_whole_query_gives(
    store: Store,
    plain: Any,
    monkeypatch: pytest.MonkeyPatch,
    small: int,
    probe_cost: int,
    text_cost: int,
    sort: str,
) -> None:
    """Same total, same hits in the same order, with the other part looked up (probe_cost 0), read,
    or, a common character, found in each article's text (text_cost 0)."""
    expected = plain(QUERIES, sort, True)
    assert all(total > 0 for total, _ in expected.values()), expected
    monkeypatch.setattr(stages, "SMALL", small)
    monkeypatch.setattr(stages, "PROBE_COST", probe_cost)
    monkeypatch.setattr(stages, "TEXT_HIT", text_cost)
    monkeypatch.setattr(stages, "TEXT_MISS", text_cost)
    staged = _spy(monkeypatch, stages, "both")
    in_text = _spy(monkeypatch, stages, "_checked_text")
    assert _results(store, QUERIES, sort) == expected
    if small == 40:
        assert None in staged  # both parts common: the one-statement plan
        assert not in_text
    else:
        assert any(ids for ids in staged if ids), "the rare-part path never ran"
        assert bool(in_text) == (text_cost == 0)


WALKS = {
    "sorted by SQLite": {"_SORT_COST": 0.0},
    "walk, every match read": {"_SORT_COST": 1e9, "_READ_COST": 0.0, "_PROBE_COST": 1e9},
    "walk, looked up": {"_SORT_COST": 1e9, "_READ_COST": 1e9, "_PROBE_COST": 0.0, "TEXT_COST": 0.0},
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
        if "SELECT rowid FROM search_chars WHERE search_chars MATCH" in s
        and "json_each" not in s
        and "substr(" not in s
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


PLACES = [  # where the character sits, as Item fields (furniture: a page's own line)
    {"body": "{c}在正文"},
    {"title": "标题{c}"},
    {"kicker": "引题{c}"},
    {"subtitle": "副题{c}"},
    {"byline": "记者 {c}"},
    {"caption": "图{c}说明"},
    {"credit": "摄影{c}"},
    {"furniture": "版头{c}"},
    {},
]
CHARS = ["鑫", "内", "內", "国", "國", "杨"]  # 內 and 國 fold to 内 and 国; 楊 folds to 杨


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Pages holding 党建 in every article and one character in one place each: body, headline
    parts, byline, caption, credit, or the page's furniture (indexed with its first article)."""
    store = Store.open(tmp_path_factory.mktemp("placed") / "s.db")
    n = 0
    for ch in [*CHARS, "楊"]:
        for where in PLACES:
            for first in (True, False):  # furniture counts for the page's first article only
                fields = {k: v.format(c=ch) for k, v in where.items()}
                furniture = fields.pop("furniture", "")
                lead = Item(kind="article", title="党建工作", body="党建引领发展")
                item = Item(kind="article", **{"title": "党建", "body": "党建。", **fields})
                items = [item, lead] if first else [lead, item]
                if furniture:
                    items.insert(0, Item(kind="furniture", text=furniture, role="label"))
                raw = f"p{n}"
                store.write_page(
                    PageRecord(
                        paper="洛阳日报",
                        date=f"2020-01-{1 + n % 28:02d}",
                        number=1,
                        section="",
                        source=f"p{n}.txt",
                        source_key=f"p{n}",
                        raw=raw,
                        sha256=sha(raw),
                        encoding="utf-8",
                        layout="paragraphs",
                        items=tuple(items),
                    )
                )
                n += 1
    return store


@pytest.mark.parametrize(
    "query", [f"党建 {c}" for c in CHARS] + ["head:国 党建", "党建 国 建", "党建 杨 OR 鑫"]
)
def test_characters_found_in_the_text_are_those_the_index_holds(placed: Store, query: str) -> None:
    """The substring tests standing for ``search_chars`` (case- and 繁简-folded, furniture on a
    page's first article, the headline mark) pick exactly the articles the index does."""
    from reader.search.plan import make_plan
    from reader.search.query import parse

    conn = placed.db.conn
    plan = make_plan(parse(query))
    made = stages.chars_sql(plan)
    assert made is not None and plan.chars
    sql, params = made
    by_text = [r[0] for r in conn.execute(f"SELECT a.id FROM articles a WHERE {sql} ORDER BY a.id", params)]
    by_index = [
        r[0]
        for r in conn.execute(
            "SELECT rowid FROM search_chars WHERE search_chars MATCH ? ORDER BY rowid", [plan.chars]
        )
    ]
    assert by_text == by_index
    assert 0 < len(by_index) < conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    every = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    assert stages._among(conn, "search_chars", plan.chars, every, made) == by_index  # noqa: SLF001


def test_characters_nothing_else_case_folds_into() -> None:
    """No code point case-folds into an uncased character from U+3000 on other than itself, so a
    substring test on the unfolded text finds such a character wherever the folded index does."""
    for cp in range(0x110000):
        ch = chr(cp)
        folded = ch.casefold()
        if folded != ch:
            assert not any(ord(x) >= 0x3000 and x.upper() == x.lower() == x for x in folded), hex(cp)


def test_a_cased_character_is_left_to_the_index(placed: Store) -> None:
    """Letters with case fold in ways a plain substring test would miss: the index answers them."""
    from reader.search.plan import make_plan
    from reader.search.query import parse

    assert stages.chars_sql(make_plan(parse("党建 x"))) is None
    assert stages.chars_sql(make_plan(parse("党建 Ｋ"))) is None  # fullwidth: Ｋ and ｋ fold alike


def test_ranking_stops_at_the_tier_holding_the_last_match(store: Store) -> None:
    """Once every match is ranked, the tiers after it are not asked (each costs bm25 a full read)."""
    conn = store.db.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        result = search(store, "阳实 发展", limit=20)
    finally:
        conn.set_trace_callback(None)
    assert 0 < result.total < 20
    assert len(result.hits) == result.total
    ranking = [s for s in statements if "bm25(" in s]
    assert len(ranking) == 2  # the headline tier, then the body tier, which holds the last match


@pytest.mark.parametrize("ch", CHARS)
def test_one_character_tiers_in_the_text_are_those_of_the_index(placed: Store, ch: str) -> None:
    """A query of one character: its count (the vocabulary table's) and each ranking tier found by
    substring tests (headline; body, not headline; only byline, caption, credit or furniture) are
    the index's."""
    from reader.search.plan import make_plan
    from reader.search.query import parse
    from reader.search.tiers import tier_expr, tiers

    conn = placed.db.conn
    plan = make_plan(parse(ch))
    folded = stages.one_char(plan)
    assert folded is not None and plan.chars
    every = json.dumps([r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")])
    sql = "SELECT rowid FROM search_chars WHERE search_chars MATCH ? ORDER BY rowid"
    assert stages.char_count(conn, folded) == len(conn.execute(sql, [plan.chars]).fetchall()) > 0
    split = tiers(plan.titled_chars, plan.bodied_chars)
    assert len(split) == 3
    for k, tier in [(None, None), *enumerate(split)]:
        by_index = [r[0] for r in conn.execute(sql, [tier_expr(plan.chars, tier)])]
        text, params = stages.char_tier_sql(folded, k)
        by_text = sorted(r[0] for r in conn.execute(text, [*params, every]))
        assert by_text == by_index, k
        assert by_index or k == 2 and ch == "楊"


@pytest.mark.parametrize("query", ["x", "head:鑫", "鑫 -内", "鑫 OR 内", "鑫 党建", "鑫 国"])
def test_only_a_lone_character_takes_the_text_path(query: str) -> None:
    """A field, an exclusion, an OR or a second term keeps the index (filters: see rank._exact)."""
    from reader.search.plan import make_plan
    from reader.search.query import parse

    assert stages.one_char(make_plan(parse(query))) is None
    assert stages.one_char(make_plan(parse("鑫"))) == "鑫"


@pytest.mark.parametrize("facets", [False, True])
@pytest.mark.parametrize("sort", ["rank", "date"])
def test_substring_checks_run_once_for_the_count_and_the_ranking(
    store: Store, sort: str, facets: bool
) -> None:
    """A query checked in SQLite (``title:``) lists its matches once; the count, the facets and the
    ranking read that list instead of running the checks again."""
    statements: list[str] = []
    conn = store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        r = search(store, "title:党建", limit=20, sort=sort, facets=facets)
    finally:
        conn.set_trace_callback(None)
    assert r.message is None and r.total > 0 and r.hits
    assert (r.facets is not None) == facets and (not facets or r.facets["year"])
    assert sum("instr(" in s for s in statements) == 1, statements
