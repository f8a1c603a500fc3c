"""Benchmark: how fast pages split, on real pages and on a large one.

Usage (from the repo root, in the venv)::

    python bench/bench_split.py [--dev ../shared/dev]

Prints, for each method, the model's load time, per-page split times on the dev pages of every
layout (median, 95th percentile, max, with the page's line count; and the median in CPU time, which
moves less with the load of a shared machine), the time to split a 1, 2 and 4 MB page built from
those pages, so a reader can see that the time grows linearly, and the time to split one file of
10, 40 and 160 dev pages with a page name before each (a day's pages printed together).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/dev")
    args = ap.parse_args()

    start = time.perf_counter()
    from reader.split import _split
    from reader.split.crf import _tagger

    imported = time.perf_counter() - start
    start = time.perf_counter()
    _tagger()
    loaded = time.perf_counter() - start
    print(f"import reader.split: {imported * 1000:.0f} ms; model load: {loaded * 1000:.1f} ms")

    pages = {
        lay: [p.read_text(encoding="utf-8") for p in sorted((args.dev / lay).glob("*"))]
        for lay in ("paragraphs", "markdown", "wrapped")
    }
    print("| method | layout | pages | lines (median) | median ms | p95 ms | max ms | CPU median ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for method in ("learned", "rules"):
        for lay, texts in pages.items():
            times = []
            cpu = []  # process time: what the split itself used, whatever else the machine runs
            for text in texts:
                t0, c0 = time.perf_counter(), time.process_time()
                _split(text, method)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            lines = statistics.median(t.count("\n") + 1 for t in texts)
            print(
                f"| {method} | {lay} | {len(texts)} | {lines:.0f} | {statistics.median(times):.2f} "
                f"| {_pct(times, 0.95):.2f} | {max(times):.2f} | {statistics.median(cpu):.2f} |"
            )
    joined = "\n\n".join(pages["wrapped"])
    print("| method | page size | seconds | µs per KB |")
    print("|---|---:|---:|---:|")
    for method in ("learned", "rules"):
        for mb in (1, 2, 4):
            big = joined * (mb * 2**20 // len(joined.encode()) + 1)
            big = big.encode()[: mb * 2**20].decode(errors="ignore")
            t0 = time.perf_counter()
            _split(big, method)
            secs = time.perf_counter() - t0
            print(f"| {method} | {mb} MB | {secs:.2f} | {secs * 1e6 / (mb * 1024):.0f} |")
    many_pages(pages["paragraphs"])


def many_pages(pages: list[str], counts: tuple[int, ...] = (10, 40, 160)) -> None:
    """One file of dev pages, a page name (洛阳·要闻) before each: a day's pages printed together."""
    from reader.split import _split

    print("| pages in one file | KB | seconds |")
    print("|---:|---:|---:|")
    for n in counts:
        text = "\n\n".join("洛阳·要闻\n\n" + pages[k % len(pages)] for k in range(n))
        t0 = time.perf_counter()
        _split(text)
        print(f"| {n} | {len(text.encode()) // 1024:,} | {time.perf_counter() - t0:.2f} |")


if __name__ == "__main__":
    main()
