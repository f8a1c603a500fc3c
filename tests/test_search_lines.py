"""Every line of a page is searchable: recall against a plain substring scan of each page's original
text (bylines, closing notes, furniture and captions included), and where each hit is."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import real_record

from reader.ingest import import_paths
from reader.ingest.meta import Meta
from reader.models import Item
from reader.search import iter_hits, search
from reader.store import Store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
# ASCII punctuation only (markdown's "##", a lone "-"): page markup, not words of the paper
_MARKUP = re.compile(r"[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[int, str]]:
    """A store of the seed pages and some dev pages in each rendering, and each page's original text."""
    root = tmp_path_factory.mktemp("lines")
    files = sorted((SHARED / "seeds").glob("*.txt"))
    for layout in ("paragraphs", "wrapped", "markdown"):
        files += sorted((SHARED / "dev" / layout).iterdir())[:12]
    for n, f in enumerate(files):
        dest = root / "人民日报" / f"2020-0{1 + n % 9}-1{n % 10}" / f"{n + 1:02d}{f.suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest)
    store = Store.open(root / "s.db")
    report = import_paths(store, [root / "人民日报"], Meta(split="rules"), jobs=1)
    assert report.new >= len(files) and not report.skipped
    raws = {r[0]: store.page_raw(r[0]) or "" for r in store.db.execute("SELECT id FROM pages")}
    return store, raws


def _pages_found(store: Store, q: str) -> set[int]:
    # lazy: every matching id in order, without making a hit (snippets, spans) for each of them
    result = search(store, q, limit=None, lazy=True)
    assert result.message is None, (q, result.message)
    assert result.total == len(result.ranked)
    ids = [i for i, _ in result.ranked]
    marks = ",".join("?" * len(ids))
    return {
        r[0] for r in store.db.execute(f"SELECT DISTINCT page_id FROM articles WHERE id IN ({marks})", ids)
    }


def _scan(raws: dict[int, str], must: list[str], mustnot: list[str] = ()) -> set[int]:  # type: ignore[assignment]
    return {
        p
        for p, raw in raws.items()
        if all(t.casefold() in raw.casefold() for t in must)
        and not any(t.casefold() in raw.casefold() for t in mustnot)
    }


def _terms(raws: dict[int, str], rng: random.Random, n: int) -> list[str]:
    """Random 1-6 character pieces of the pages' lines (no blanks, quotes or leading '-'; not bare markup)."""
    lines = [line for raw in raws.values() for line in raw.splitlines() if line.strip()]
    out: list[str] = []
    while len(out) < n:
        line = rng.choice(lines)
        size = rng.randint(1, 6)
        at = rng.randrange(max(1, len(line) - size + 1))
        term = line[at : at + size]
        if (
            term
            and not any(c.isspace() or c == '"' for c in term)
            and not term.startswith("-")
            and not _MARKUP.fullmatch(term)
        ):
            out.append(term)
    return out


def test_single_terms_find_every_page_that_holds_them(pages: tuple[Store, dict[int, str]]) -> None:
    store, raws = pages
    for n, term in enumerate(_terms(raws, random.Random(5), 250)):
        expected = _scan(raws, [term])
        assert expected <= _pages_found(store, f'"{term}"'), term
        if n % 5 == 0:  # as written, too
            assert expected <= _pages_found(store, f'"{term}" script:exact'), term


def _pairs(raws: dict[int, str], rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Two pieces of one line (so one article or one page's furniture holds both)."""
    out: list[tuple[str, str]] = []
    while len(out) < n:
        raw = rng.choice(list(raws.values()))
        line = rng.choice([ln for ln in raw.splitlines() if len(ln.strip()) > 4] or [""])
        pieces = _terms({0: line}, rng, 2) if line else []
        if len(pieces) == 2:
            out.append((pieces[0], pieces[1]))
    return out


def _scan_lines(raws: dict[int, str], must: list[str]) -> set[int]:
    """Pages with a line that holds every term."""
    return {
        p
        for p, raw in raws.items()
        if any(all(t.casefold() in line.casefold() for t in must) for line in raw.splitlines())
    }


def test_multi_term_excluded_and_or_queries_find_every_page(pages: tuple[Store, dict[int, str]]) -> None:
    store, raws = pages
    rng = random.Random(6)
    for a, b in _pairs(raws, rng, 60):
        assert _scan_lines(raws, [a, b]) <= _pages_found(store, f'"{a}" "{b}"'), (a, b)
    terms = _terms(raws, rng, 120)
    for k in range(0, 120, 3):
        a, b, c = terms[k : k + 3]
        assert _scan(raws, [a]) | _scan(raws, [b]) <= _pages_found(store, f'"{a}" OR "{b}"'), (a, b)
        # A page where no line holds the excluded term: its article holding the first is found.
        assert _scan(raws, [a], [c]) <= _pages_found(store, f'"{a}" -"{c}"'), (a, c)


def _page(store: Store, key: str, items: tuple[Item, ...], date: str = "2020-05-02") -> None:
    raw = "\n".join(
        "\n".join(
            x for x in (i.kicker, i.title, i.subtitle, i.body, i.byline, i.caption, i.credit, i.text) if x
        )
        for i in items
    )
    store.write_page(replace(real_record(raw, key, items), date=date, number=3))


@pytest.fixture
def placed(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "p.db")
    _page(
        store,
        "a",
        (
            Item(kind="furniture", text="人民日报 2020年5月2日 要闻"),
            Item(
                kind="article",
                kicker="科技前沿",
                title="量子通信新突破",
                subtitle="墨子号再立功",
                body="研究团队发布成果。",
            ),
            Item(
                kind="article",
                title="春耕忙",
                body="田间地头一片繁忙。量子",
                byline="（本报记者吴月辉、余建斌）",
            ),
            Item(kind="photo", caption="农民在田间劳作。吴月辉", credit="本报记者 刘诗瑶摄"),
        ),
    )
    _page(store, "b", (Item(kind="article", title="通信", body="量子科学。"),), date="2020-05-03")
    return store


def test_each_hit_says_where_it_is(placed: Store) -> None:
    by_title = {h.title: h.places for h in search(placed, "吴月辉").hits}
    assert by_title == {"春耕忙": ("署名",), "": ("图片说明",)}
    assert [h.places for h in search(placed, "刘诗瑶").hits] == [("署名",)]
    furniture = search(placed, "要闻").hits
    assert [(h.title, h.places) for h in furniture] == [("量子通信新突破", ("版面",))]
    assert "要闻" in furniture[0].snippets[0].text
    assert search(placed, "墨子号").hits[0].places == ("标题",)


def test_title_hits_rank_above_body_hits_above_the_rest(placed: Store) -> None:
    assert [h.places[0] for h in search(placed, "量子").hits] == ["标题", "正文", "正文"]
    assert [h.places[0] for h in search(placed, "田").hits] == ["正文", "图片说明"]
    assert [h.title for h in search(placed, "通").hits][:2] == ["通信", "量子通信新突破"]


def test_title_matches_the_title_only_and_head_the_kicker_title_or_subtitle(placed: Store) -> None:
    assert [h.title for h in search(placed, "title:量子").hits] == ["量子通信新突破"]
    assert search(placed, "title:墨子号").total == 0
    assert search(placed, "title:前沿").total == 0
    assert [h.title for h in search(placed, "head:墨子号").hits] == ["量子通信新突破"]
    assert [h.title for h in search(placed, "head:前沿").hits] == ["量子通信新突破"]
    assert search(placed, "head:研究").total == 0
    assert [h.title for h in search(placed, "head:墨").hits] == ["量子通信新突破"]
    assert search(placed, "title:墨").total == 0


def test_limit_none_gives_every_result(placed: Store) -> None:
    assert search(placed, "量子", limit=1).total == 3
    assert len(search(placed, "量子", limit=1).hits) == 1
    assert len(search(placed, "量子", limit=None).hits) == 3
    lazy = search(placed, "量子", limit=None, lazy=True)
    assert lazy.hits == [] and [h.title for h in iter_hits(placed, lazy, batch=1)] == [
        h.title for h in search(placed, "量子", limit=None).hits
    ]
