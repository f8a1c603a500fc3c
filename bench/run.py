"""Benchmark: import an archive with both cores, then time searches against ``rg -c -F``.

Usage (from the repo root, in the venv)::

    python bench/run.py --articles 100000 --corpus /tmp/pr_bench100k --db /tmp/pr_bench100k.db

It writes the corpus first when the folder is missing (bench/corpus.py), imports it with
reader.ingest.import_paths, the code of ``paper-reader import`` (pages are read, split and
tokenised in its process pool of --workers; one writer writes them), then answers a fixed set of
queries with reader.search (top 20 with snippets and the total) and with ripgrep, and prints the
figures as Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# This checkout's reader first (not the venv's install of another), then the bench's own modules:
# a worktree's copy of this script measures that worktree's build.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from queries import make_queries  # noqa: E402
from yardstick import describe, yardstick  # noqa: E402


def import_corpus(corpus: Path, db: Path, workers: int, split: str = "learned") -> dict[str, Any]:
    """Import every page under ``corpus`` into a new store at ``db`` with the real import (its process
    pool of ``workers``); returns the figures."""
    from reader.ingest import import_paths
    from reader.ingest.discover import discover
    from reader.ingest.meta import Meta
    from reader.store import Store

    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            os.remove(f"{db}{suffix}")
    found = discover([corpus / p for p in sorted(os.listdir(corpus))])
    files = found[0]
    raw_bytes = sum(f.path.stat().st_size for f in files)
    started = time.perf_counter()
    cpu = _cpu()
    store = Store.open(db)
    report = import_paths(store, (), Meta(split=split), found=found, jobs=workers)
    cpu = tuple(after - before for after, before in zip(_cpu(), cpu, strict=True))
    assert report.error is None and not report.skipped, (report.error, report.skipped[:3])
    pages = report.pages
    written = time.perf_counter() - started  # the import merges the index itself after a bulk import
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    took = time.perf_counter() - started
    stats = store.stats()
    size = db.stat().st_size
    # FTS5 segment merges leave free pages behind; VACUUM shows the size the data itself needs.
    store.db.execute("VACUUM")
    store.close()
    vacuumed = db.stat().st_size
    return {
        "files": len(files),
        "pages": pages,
        "articles": stats["articles"] + stats["photos"],
        "raw_mb": raw_bytes / 1e6,
        "import_s": took,
        "write_s": written,
        "mb_per_s": raw_bytes / 1e6 / took,
        "store_mb": size / 1e6,
        "store_ratio": size / raw_bytes,
        "vacuumed_mb": vacuumed / 1e6,
        "vacuumed_ratio": vacuumed / raw_bytes,
        "cpu_writer_s": cpu[0],  # the writing process (all its threads)
        "cpu_workers_s": cpu[1],  # the import's worker processes, together
        "load_average": os.getloadavg(),  # the machine is shared: CPU time moves less than wall time
    }


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended children (user + system)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rg_time(rg: str, corpus: Path, terms: list[str]) -> float:
    """Seconds ripgrep takes to count the files holding every term (-c -F; AND by chaining -l)."""
    started = time.perf_counter()
    targets = [str(corpus)]
    for term in terms[:-1]:
        found: list[str] = []
        for chunk in _chunks(targets):
            out = subprocess.run([rg, "-l", "-F", "--", term, *chunk], capture_output=True, text=True)
            found += out.stdout.split("\n")[:-1]
        targets = found
        if not targets:
            return time.perf_counter() - started
    for chunk in _chunks(targets):
        subprocess.run([rg, "-c", "-F", "--", terms[-1], *chunk], capture_output=True)
    return time.perf_counter() - started


def _chunks(paths: list[str], size: int = 4000) -> list[list[str]]:
    """Paths in groups that fit on one command line (as xargs would pass them)."""
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def time_queries(db: Path, corpus: Path, queries: list[str], rg: str | None, cpu: int = 0) -> dict[str, Any]:
    """Time every query with reader.search and, when present, with ripgrep; with ``cpu``, also each
    query's CPU time, the fastest of ``cpu`` runs (``time.process_time``: SQLite runs in this
    process, and CPU time moves less than wall time with the shared machine's load)."""
    from reader import tokens
    from reader.search import search
    from reader.search.query import parse
    from reader.store import Store

    tokens.ensure_loaded()
    store = Store.open(db, readonly=True)
    for q in queries[:20]:  # warm the page cache and the caches once
        search(store, q)
    ours: list[float] = []
    theirs: list[float] = []
    rows = []
    for q in queries:
        t0 = time.perf_counter()
        result = search(store, q, limit=20)
        ms = (time.perf_counter() - t0) * 1000
        assert result.message is None, (q, result.message)
        ours.append(ms)
        row = {"query": q, "ms": round(ms, 2), "total": result.total}
        if cpu:
            took = []
            for _ in range(cpu):
                c0 = time.process_time()
                search(store, q, limit=20)
                took.append((time.process_time() - c0) * 1000)
            row["cpu_ms"] = round(min(took), 2)
        if rg:
            terms = [t.text for t in parse(q).terms]
            rg_ms = rg_time(rg, corpus, terms) * 1000
            theirs.append(rg_ms)
            row["rg_ms"] = round(rg_ms, 2)
        rows.append(row)
    store.close()
    out: dict[str, Any] = {
        "queries": len(queries),
        "median_ms": statistics.median(ours),
        "p95_ms": _pct(ours, 95),
        "max_ms": max(ours),
        "rows": rows,
    }
    if cpu:
        cpus = [r["cpu_ms"] for r in rows]
        out.update(
            {"cpu_median_ms": statistics.median(cpus), "cpu_p95_ms": _pct(cpus, 95), "cpu_max_ms": max(cpus)}
        )
    if theirs:
        out.update(
            {
                "rg_median_ms": statistics.median(theirs),
                "rg_p95_ms": _pct(theirs, 95),
                "speedup_median": statistics.median(theirs) / statistics.median(ours),
                "slower_than_rg": sum(1 for r in rows if r["ms"] > r["rg_ms"]),
                "min_ratio": min(r["rg_ms"] / max(r["ms"], 1e-6) for r in rows),
            }
        )
    return out


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=2, help="The import's --jobs (default: 2).")
    ap.add_argument("--skip-import", action="store_true", help="Time the queries on an existing store.")
    ap.add_argument("--split", choices=("learned", "rules"), default="learned", help="The import's --split.")
    ap.add_argument("--json", type=Path, default=None, help="Also write every figure and query time here.")
    ap.add_argument(
        "--cpu", type=int, default=0, help="Also time each query's CPU, the fastest of this many runs."
    )
    ap.add_argument("--no-rg", action="store_true", help="Skip the ripgrep comparison.")
    args = ap.parse_args()
    corpus = args.corpus or Path(f"/tmp/pr_bench{args.articles}")
    db = args.db or Path(f"{corpus}.db")
    if not corpus.exists():
        from corpus import write_corpus

        t0 = time.perf_counter()
        files, size = write_corpus(corpus, args.articles)
        print(
            f"corpus: {args.articles} articles, {files} files, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.0f} s"
        )
    figures: dict[str, Any] = {"yardstick_ms": yardstick()}
    print(describe(figures["yardstick_ms"]))
    if not args.skip_import:
        figures["import"] = imp = import_corpus(corpus, db, args.workers, args.split)
        print(
            f"import: {imp['files']} files, {imp['pages']} pages, {imp['articles']} articles, "
            f"{imp['raw_mb']:.1f} MB in {imp['import_s']:.1f} s = {imp['mb_per_s']:.2f} MB/s "
            f"({imp['mb_per_s'] / args.workers:.2f} MB/s per core, {args.workers} workers; CPU "
            f"{imp['cpu_writer_s']:.1f} s writing + {imp['cpu_workers_s']:.1f} s in the workers); "
            f"store {imp['store_mb']:.1f} MB = {imp['store_ratio']:.2f}x the raw text "
            f"({imp['vacuumed_mb']:.1f} MB = {imp['vacuumed_ratio']:.2f}x after VACUUM)"
        )
    rg = None if args.no_rg else shutil.which("rg")
    if rg is None and not args.no_rg:
        print("ripgrep (rg) is not installed: skipping the comparison (apt-get install -y ripgrep)")
    from reader.store import Store

    with Store.open(db, readonly=True) as store:
        queries = make_queries(store, 240)
    figures["search"] = s = time_queries(db, corpus, queries, rg, args.cpu)
    print(
        f"search: {s['queries']} queries, median {s['median_ms']:.2f} ms, p95 {s['p95_ms']:.2f} ms, "
        f"max {s['max_ms']:.1f} ms (load {os.getloadavg()[0]:.2f})"
    )
    if args.cpu:
        over = sorted((r for r in s["rows"] if r["cpu_ms"] > 50), key=lambda r: -r["cpu_ms"])
        print(
            f"CPU (fastest of {args.cpu}): median {s['cpu_median_ms']:.2f} ms, p95 {s['cpu_p95_ms']:.1f} ms, "
            f"max {s['cpu_max_ms']:.1f} ms; {len(over)} over 50 ms: "
            + ", ".join(f"{r['query']} {r['cpu_ms']:.0f}" for r in over)
        )
    if rg:
        print(
            f"rg -c -F: median {s['rg_median_ms']:.1f} ms, p95 {s['rg_p95_ms']:.1f} ms; "
            f"search is {s['speedup_median']:.1f}x faster on the median; "
            f"{s['slower_than_rg']} queries slower than rg; smallest rg/search ratio {s['min_ratio']:.1f}"
        )
    slow = sorted(s["rows"], key=lambda r: -r["ms"])[:8]
    print("slowest:", ", ".join(f"{r['query']} {r['ms']:.1f} ms ({r['total']})" for r in slow))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
