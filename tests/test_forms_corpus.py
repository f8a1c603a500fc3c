"""The corpus round trip: ../shared/corpus written as crawler text files (form 1) and as JSON Lines,
imported, and checked against the corpus (articles, editions, pages, and a sample of titles, dates
and page numbers). A subset of whole dates keeps the runtime modest."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from reader.ingest import Meta, import_paths
from reader.store import Store

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "people-daily.jsonl.gz"
DATES = 6  # whole editions: every article of these dates


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    dates = sorted({r["date"] for r in rows})
    keep = set(random.Random(11).sample(dates, DATES))
    return [r for r in rows if r["date"] in keep]


def _write_crawl(rows: list[dict[str, Any]], root: Path) -> Path:
    for r in rows:
        y, m, d = r["date"].split("-")
        folder = root / "人民日报" / f"{y}年{int(m)}月" / f"{y}{m}{d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{y}{m}{d}-{r['page']:02d}-{r['seq']:02d}.txt"
        text = (
            "\n".join([r["kicker"], r["title"], r["subtitle"], *("　　" + p for p in r["paragraphs"])]) + "\n"
        )
        (folder / name).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return root


def _write_jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def _check(store: Store, rows: list[dict[str, Any]], paper: str) -> None:
    stats = store.stats()
    pages = {(r["date"], r["page"]) for r in rows}
    assert stats["articles"] == len(rows)
    assert stats["editions"] == len({r["date"] for r in rows})
    assert stats["pages"] == len(pages)
    (p,) = store.papers()
    assert p.name == paper
    stored: dict[tuple[str | None, int | None, int], Any] = {}
    for ed in store.editions(p.id):
        for pg in store.pages(ed.id):
            for a in store.articles(pg.id):
                stored[(ed.date, pg.number, a.position)] = a
    for r in random.Random(3).sample(rows, 60):
        a = stored[(r["date"], r["page"], r["seq"])]
        assert (a.kicker, a.title, a.subtitle) == (r["kicker"], r["title"], r["subtitle"])
        assert (a.date, a.page_number) == (r["date"], r["page"])
        assert a.paragraphs == r["paragraphs"]


def test_corpus_as_crawler_text_files(corpus: list[dict[str, Any]], tmp_path: Path) -> None:
    root = _write_crawl(corpus, tmp_path / "crawl")
    with Store.open(tmp_path / "s.db") as store:
        report = import_paths(store, [root], jobs=2)
        assert report.error is None and not report.bad and not report.skipped
        assert report.forms == {"article-text": len(corpus)}
        _check(store, corpus, "人民日报")
        again = import_paths(store, [root], jobs=2)
        assert (again.pages, again.unchanged) == (0, len({(r["date"], r["page"]) for r in corpus}))


def test_corpus_as_jsonl(corpus: list[dict[str, Any]], tmp_path: Path) -> None:
    path = _write_jsonl(corpus, tmp_path / "people-daily.jsonl")
    with Store.open(tmp_path / "s.db") as store:
        report = import_paths(store, [path], Meta(paper="人民日报"), jobs=2)
        assert report.error is None and not report.bad
        assert report.forms == {"jsonl": 1}
        _check(store, corpus, "人民日报")
