"""Recall: search finds exactly the articles a plain substring scan finds, for terms cut from the corpus."""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
import re
from pathlib import Path

import pytest

from reader.models import Item
from reader.search import search
from reader.store import PageRecord, Store, index

DATA = Path(__file__).resolve().parent.parent / "data"
EXTRA = ["5G", "2020年", "COVID-19", "洛阳·县区", "人民代表大会常务委员会", "洛阳实践", "党建", "iPhone"]


def _sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/*/*.*")))
    return [s.strip() for s in re.split(r"(?<=[。！？\n])", text) if len(s.strip()) > 4]


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[list[str], list[int]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words, freqs = [], []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 37:  # a thinned sample of the dictionary keeps the test fast
                continue
            parts = line.split()
            words.append(parts[0])
            freqs.append(int(parts[1]))
    return words, list(itertools.accumulate(freqs))


def _dict_words(rng: random.Random, n: int) -> list[str]:
    words, cum = _dictionary()
    return rng.choices(words, cum_weights=cum, k=n)


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` articles mixing the sample's sentences, dictionary words and a few Latin/number terms."""
    rng = random.Random(seed)
    sents = _sentences()
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            parts.append(rng.choice(sents))
            parts.append("".join(_dict_words(rng, rng.randint(0, 8))))
            if rng.random() < 0.15:
                parts.append(rng.choice(EXTRA))
        title = "".join(_dict_words(rng, rng.randint(1, 4))) + (
            rng.choice(EXTRA) if rng.random() < 0.1 else ""
        )
        out.append({"title": title, "body": "\n".join(p for p in parts if p)})
    return out


def build_store(path: Path, articles: list[dict[str, str]], per_page: int = 5) -> Store:
    """A store holding ``articles``, a few per page, over a few papers and dates."""
    store = Store.open(path)
    papers = ["洛阳日报", "濮阳日报", "人民日报"]
    for k in range(0, len(articles), per_page):
        chunk = articles[k : k + per_page]
        page_no = k // per_page
        items = tuple(Item(kind="article", title=a["title"], body=a["body"]) for a in chunk)
        raw = "\n\n".join(a["title"] + "\n" + a["body"] for a in chunk)
        store.write_page(
            PageRecord(
                paper=papers[page_no % 3],
                date=f"2020-0{1 + page_no % 6}-1{page_no % 10}" if page_no % 7 else None,
                number=1 + page_no % 8,
                section=["要闻", "县区", "国际"][page_no % 3],
                source=f"p{page_no}.txt",
                source_key=f"p{page_no}",
                raw=raw,
                sha256=hashlib.sha256(raw.encode()).hexdigest(),
                encoding="utf-8",
                layout="paragraphs",
                items=items,
            )
        )
    return store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[int, tuple[str, str]]]:
    store = build_store(tmp_path_factory.mktemp("recall") / "s.db", make_articles(400))
    texts = {
        r[0]: (
            index.title_text(dict(zip(("id", "kicker", "title", "subtitle"), r[:4], strict=True))).lower(),
            index.body_text({"body": r[4], "caption": r[5]}).lower(),
        )
        for r in store.db.execute("SELECT id, kicker, title, subtitle, body, caption FROM articles")
    }
    return store, texts


def found(store: Store, q: str) -> set[int]:
    result = search(store, q, limit=1000)
    assert result.message is None, (q, result.message)
    ids = {h.article_id for h in result.hits}
    assert result.total == len(ids), q
    return ids


def scan(texts: dict[int, tuple[str, str]], must: list[str], mustnot: list[str] = ()) -> set[int]:  # type: ignore[assignment]
    def has(t: str, tb: tuple[str, str]) -> bool:
        return t.lower() in tb[0] or t.lower() in tb[1]

    return {
        i for i, tb in texts.items() if all(has(t, tb) for t in must) and not any(has(t, tb) for t in mustnot)
    }


def cut_terms(texts: dict[int, tuple[str, str]], rng: random.Random, n: int) -> list[str]:
    """Random substrings of 1-6 characters from the corpus (no blanks or quotes), most across word bounds."""
    bodies = [b for _, b in texts.values() if b]
    out: list[str] = []
    while len(out) < n:
        body = rng.choice(bodies)
        size = rng.randint(1, 6)
        at = rng.randrange(max(1, len(body) - size))
        term = body[at : at + size]
        if term and not any(c.isspace() or c == '"' for c in term) and not term.startswith("-"):
            out.append(term)
    return out


def test_single_terms_match_a_substring_scan(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    store, texts = corpus
    rng = random.Random(1)
    for term in cut_terms(texts, rng, 150) + EXTRA + ["洛", "阳实", "代表大会", "5g", "covid"]:
        assert found(store, f'"{term}"') == scan(texts, [term]), term


def test_multi_term_and_excluded_queries(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    store, texts = corpus
    rng = random.Random(2)
    terms = cut_terms(texts, rng, 180)
    for k in range(0, 120, 3):
        a, b, c = terms[k : k + 3]
        assert found(store, f'"{a}" "{b}"') == scan(texts, [a, b]), (a, b)
        assert found(store, f'"{a}" -"{c}"') == scan(texts, [a], [c]), (a, c)


def test_or_groups(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    store, texts = corpus
    terms = cut_terms(texts, random.Random(3), 40)
    for k in range(0, 40, 2):
        a, b = terms[k : k + 2]
        assert found(store, f'"{a}" OR "{b}"') == scan(texts, [a]) | scan(texts, [b]), (a, b)


def test_only_excluded_terms_list_the_rest(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    store, texts = corpus
    assert found(store, "-党建") == scan(texts, [], ["党建"])
    assert found(store, "-洛阳·县区") == scan(texts, [], ["洛阳·县区"])


def test_filters(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    store, _ = corpus
    all_luoyang = search(store, "paper:洛阳日报", limit=1000)
    assert all_luoyang.total > 0 and {h.paper for h in all_luoyang.hits} == {"洛阳日报"}
    may = search(store, "date:2020-05", limit=1000)
    assert may.total > 0 and all(h.date and h.date.startswith("2020-05") for h in may.hits)
    span = search(store, "date:2020-02..2020-03 page:3", limit=1000)
    assert all(h.page == 3 and h.date and "2020-02" <= h.date[:7] <= "2020-03" for h in span.hits)
    sec = search(store, "section:县区 的", limit=1000)
    assert sec.total > 0 and {h.section for h in sec.hits} == {"县区"}
    titled = search(store, "title:党建", limit=1000)
    assert all("党建" in h.title for h in titled.hits)


def test_reindex_and_replaced_pages_keep_recall(tmp_path: Path) -> None:
    articles = make_articles(60, seed=11)
    store = build_store(tmp_path / "s.db", articles)
    before = {t: found(store, t) for t in ("党建", "洛", "5G", "发展")}
    assert index.reindex_all(store.db) == 60
    assert {t: found(store, t) for t in before} == before
    # Rewriting a page with other articles drops the old ones from the index.
    build_store(tmp_path / "s.db", make_articles(60, seed=12)).close()
    texts = {
        r[0]: (r[1].lower(), r[2].lower()) for r in store.db.execute("SELECT id, title, body FROM articles")
    }
    for t in ("党建", "洛", "5G", "发展", "的"):
        assert found(store, t) == scan(texts, [t]), t


def test_queries_across_both_index_tables(corpus: tuple[Store, dict[int, tuple[str, str]]]) -> None:
    """One-character terms live in the character table, longer ones in the bigram table: any mix is exact."""
    store, texts = corpus
    for q, must, mustnot in [
        ("洛 党建", ["洛", "党建"], []),
        ("党建 -洛", ["党建"], ["洛"]),
        ("洛 -党建", ["洛"], ["党建"]),
        ("洛 -的", ["洛"], ["的"]),
        ("的 -洛 -党建", ["的"], ["洛", "党建"]),
    ]:
        assert found(store, q) == scan(texts, must, mustnot), q
    for a, b in [("洛", "党建"), ("党建", "洛"), ("c++", "洛"), ("5", "发展")]:
        assert found(store, f'"{a}" OR "{b}"') == scan(texts, [a]) | scan(texts, [b]), (a, b)
    in_titles = {i for i, (title, _) in texts.items() if "洛" in title}
    assert found(store, "title:洛") == in_titles


def _dated(store: Store, ids: list[int]) -> list[tuple[bool, str, int]]:
    rows = dict(
        store.db.execute(
            "SELECT a.id, e.date FROM articles a JOIN pages p ON p.id = a.page_id "
            f"JOIN editions e ON e.id = p.edition_id WHERE a.id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
    )
    return [(rows[i] is not None, rows[i] or "", i) for i in ids]


def test_newest_first_walk_matches_sorting_every_match(
    corpus: tuple[Store, dict[int, tuple[str, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many matches are ordered by walking the editions newest first: the same order a full sort gives."""
    from reader.search import order as search_module

    store, _ = corpus
    queries = ["的", "洛", "党建", "的 -洛"]
    sorted_by_sql = {
        q: [h.article_id for h in search(store, q, sort="date", limit=300).hits] for q in queries
    }
    monkeypatch.setattr(search_module, "_SORT_COST", 1e9)  # always walk
    for q in queries:
        walked = [h.article_id for h in search(store, q, sort="date", limit=300).hits]
        assert walked == sorted_by_sql[q], q
        keys = _dated(store, walked)
        assert keys == sorted(keys, reverse=True), q  # dated newest first, then unknown dates


def test_one_character_terms_rank_headlines_first_then_newest(
    corpus: tuple[Store, dict[int, tuple[str, str]]],
) -> None:
    store, texts = corpus
    result = search(store, "洛", limit=1000)
    ids = [h.article_id for h in result.hits]
    headed = [i for i in ids if "洛" in texts[i][0]]
    assert headed and ids[: len(headed)] == headed  # every headline match before any body match
    rest = ids[len(headed) :]
    for tier in (headed, rest):
        keys = _dated(store, tier)
        assert keys == sorted(keys, reverse=True)
