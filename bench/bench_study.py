"""Speed of the research tools at 100,000 articles of real text: concordance, trend, facets, export,
and what 繁简 folding costs the import and the store.

The store is built from the paragraphs and titles of ../shared/corpus (real 人民日报 text), mixed
so there are ``--articles`` distinct articles over ten years of dates, three papers and twenty
pages, each page with six articles, a furniture line, a photo caption on one page in four, and a
closing byline on half of the articles. Pages are written with ``Store.write_page`` (the importer's
writer, tokenising included; no splitting, which bench/bench_split.py times).

    .venv/bin/python bench/bench_study.py --articles 100000 --json bench/results-study.json

The fold comparison builds stores of ``--fold-articles`` (10,000) articles with folding on and off
and compares build time and file size, and does the same for a real import (split, tokenise,
write, in one process) of bench/corpus.py pages of a quarter as many articles.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader import tokens  # noqa: E402
from reader.models import Item  # noqa: E402
from reader.store import PageRecord, Store  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "people-daily.jsonl.gz"
PAPERS = ["人民日报", "洛阳日报", "濮阳日报"]
NAMES = ["吴月辉", "余建斌", "刘诗瑶", "王献伟", "李明", "张华", "陈静", "赵磊"]


def corpus() -> tuple[list[str], list[str]]:
    """The corpus's titles and paragraphs."""
    titles, paragraphs = [], []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            if art["title"]:
                titles.append(art["title"])
            paragraphs.extend(p for p in art["paragraphs"] if p.strip())
    return titles, paragraphs


def build(path: Path, n: int, seed: int = 1, clock: Any = time.perf_counter) -> float:
    """Write ``n`` articles into a new store at ``path``; the seconds it took (by ``clock``)."""
    path.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    rng = random.Random(seed)
    titles, paragraphs = corpus()
    store = Store.open(path)
    started = clock()
    page_no = 0
    written = 0
    with store.batch():
        while written < n:
            day = 3650 * page_no // max(1, n // 6)
            date = f"{2015 + day // 365}-{1 + (day % 365) // 31 % 12:02d}-{1 + day % 28:02d}"
            paper, number = PAPERS[page_no % 3], 1 + page_no % 20
            items: list[Item] = [Item(kind="furniture", text=f"{paper} {date} 第{number}版")]
            for _ in range(min(6, n - written)):
                body = "\n".join(rng.sample(paragraphs, rng.randint(2, 8)))
                byline = f"（本报记者 {rng.choice(NAMES)}）" if rng.random() < 0.5 else ""
                items.append(Item(kind="article", title=rng.choice(titles), body=body, byline=byline))
                written += 1
            if page_no % 4 == 0:
                items.append(Item(kind="photo", caption=rng.choice(paragraphs)[:60], credit="新华社记者 摄"))
            raw = "\n\n".join(i.text or "\n".join([i.title, i.body, i.byline, i.caption]) for i in items)
            store.write_page(
                PageRecord(
                    paper=paper,
                    date=date,
                    number=number,
                    section=None,
                    source=f"p{page_no}",
                    source_key=f"p{page_no}",
                    raw=raw,
                    sha256=hashlib.sha256(raw.encode()).hexdigest(),
                    encoding="utf-8",
                    layout="paragraphs",
                    items=tuple(items),
                )
            )
            page_no += 1
    store.tidy_index(written)
    seconds = clock() - started
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return seconds


def fold_cost(m: int) -> dict[str, Any]:
    """Build time and size with and without folding: the write-only build of ``m`` articles, and the
    real import (split, tokenise, write; one process, so the switch reaches it) of bench/corpus.py's
    pages of ``m // 4`` articles. CPU time of this process (the machine is shared: wall time swings
    by a third between runs); each is run three times, alternating, and the fastest kept."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus as synthetic

    from reader.ingest import import_paths

    pages = Path(f"/tmp/pr_study_pages{m // 4}")
    if not pages.exists():
        synthetic.write_corpus(pages, m // 4, 1)

    def imported(db: Path) -> float:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        store = Store.open(db)
        t = time.process_time()
        import_paths(store, [pages / p.name for p in sorted(pages.iterdir())], jobs=1)
        took = time.process_time() - t
        store.close()
        return took

    real = tokens.fold
    out: dict[str, Any] = {"articles": m, "import_articles": m // 4}
    times: dict[str, list[float]] = {"build": [], "build_without": [], "import": [], "import_without": []}
    for _ in range(3):
        for folded in (True, False):
            tag = "" if folded else "_without"
            if not folded:
                tokens.fold = lambda text: text  # type: ignore[assignment]
            try:
                times["build" + tag].append(
                    build(Path(f"/tmp/pr_study_fold{tag}{m}.db"), m, clock=time.process_time)
                )
                times["import" + tag].append(imported(Path(f"/tmp/pr_study_import{tag}{m}.db")))
            finally:
                tokens.fold = real  # type: ignore[assignment]
    for k, v in times.items():
        out[k + "_s"] = round(min(v), 2)
    out["build_pct"] = round(100 * (min(times["build"]) / min(times["build_without"]) - 1), 1)
    out["import_pct"] = round(100 * (min(times["import"]) / min(times["import_without"]) - 1), 1)
    folded_mb = Path(f"/tmp/pr_study_fold{m}.db").stat().st_size / 1e6
    plain_mb = Path(f"/tmp/pr_study_fold_without{m}.db").stat().st_size / 1e6
    out.update(size_mb=round(folded_mb, 1), size_without_mb=round(plain_mb, 1))
    out["size_pct"] = round(100 * (folded_mb / plain_mb - 1), 2)
    return out


def timed(fn: Any, repeat: int = 5, clock: Any = time.perf_counter) -> tuple[float, Any]:
    """The best of ``repeat`` runs in ms (by ``clock``), and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t = clock()
        out = fn()
        best = min(best, (clock() - t) * 1000)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--fold-articles", type=int, default=10000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--fold-only", action="store_true", help="Only the fold comparison.")
    ap.add_argument("--no-fold", action="store_true", help="Everything but the fold comparison.")
    ap.add_argument(
        "--facets-cpu",
        action="store_true",
        help="Time the facet comparison in CPU time, best of 15 (a shared machine's load stretches wall time).",
    )
    args = ap.parse_args()
    from reader.search import search
    from reader.search.export import write_file
    from reader.search.kwic import kwic
    from reader.search.trend import trend

    figures: dict[str, Any] = {"articles": args.articles}
    if args.fold_only:
        figures = {"fold": fold_cost(args.fold_articles)}
        print(json.dumps(figures, indent=1))
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    db = args.db or Path(f"/tmp/pr_study{args.articles}.db")
    if not args.skip_build:
        figures["build_s"] = round(build(db, args.articles), 1)
        print(f"built {args.articles} articles in {figures['build_s']} s: {db}")
    figures["size_mb"] = round(db.stat().st_size / 1e6, 1)
    tokens.ensure_loaded()
    store = Store.open(db, readonly=True)
    probe = [
        "经济",
        "发展",
        "人民",
        "记者",
        "习近平",
        "脱贫",
        "疫情",
        "的",
        "国",
        "吴月辉",
        "華",
        "新华社记者",
    ]
    totals = {t: search(store, t, limit=1).total for t in probe}
    figures["totals"] = totals

    kwic_ms = {}
    for t in ["发展", "脱贫", "疫情", "吴月辉", "的"]:
        ms, result = timed(lambda t=t: kwic(store, t, limit=100))
        kwic_ms[t] = {"ms": round(ms, 1), "articles": result.articles, "lines": len(result.lines)}
    figures["kwic_first_100_lines"] = kwic_ms

    half = min(totals, key=lambda t: abs(totals[t] - args.articles / 2))
    ms, result = timed(lambda: trend(store, [half], by="month"), repeat=2)
    figures["trend_by_month"] = {
        "term": half,
        "articles": totals[half],
        "ms": round(ms, 1),
        "periods": len(result.periods),
    }

    queries = [
        "经济",
        "发展 人民",
        "脱贫",
        "疫情 -经济",
        "的",
        "国",
        "吴月辉",
        "记者 OR 新华社记者",
        "title:发展",
        "改革开放",
    ]
    from reader.search.facets import forget, store_map
    from reader.search.rank import search_facets

    t0 = time.perf_counter()
    store_map(store.db.conn, fresh=True)  # made once per store state: the first faceted search pays it
    figures["facet_maps_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    forget()
    t0 = time.perf_counter()
    store_map(store.db.conn)  # what a new process pays: the copy in the user's cache folder
    figures["facet_maps_cached_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    plain, faceted, alone = [], [], []
    how: dict[str, Any] = {"repeat": 15, "clock": time.process_time} if args.facets_cpu else {}
    for q in queries:
        plain.append(timed(lambda q=q: search(store, q, limit=20), **how)[0])
        faceted.append(timed(lambda q=q: search(store, q, limit=20, facets=True), **how)[0])
        alone.append(timed(lambda q=q: search_facets(store, q), **how)[0])
    figures["facets"] = {
        "clock": "cpu, best of 15" if args.facets_cpu else "wall, best of 5",
        "queries": queries,
        "plain_ms": [round(x, 1) for x in plain],
        "facets_ms": [round(x, 1) for x in faceted],
        "facets_alone_ms": [round(x, 1) for x in alone],
        "added_median_pct": round(
            100 * (statistics.median(f / p for f, p in zip(faceted, plain, strict=True)) - 1), 1
        ),
        "added_total_pct": round(100 * (sum(faceted) / sum(plain) - 1), 1),
    }

    target = min(totals, key=lambda t: abs(totals[t] - 10000) if totals[t] >= 10000 else 1e12)
    out = Path("/tmp/pr_study_export.jsonl")
    t0 = time.perf_counter()
    n = write_file(store, target, "jsonl", out)
    figures["export"] = {"query": target, "articles": n, "s": round(time.perf_counter() - t0, 2)}
    out.unlink(missing_ok=True)
    store.close()

    if not args.no_fold:
        figures["fold"] = fold_cost(args.fold_articles)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
