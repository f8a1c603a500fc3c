"""Benchmark the reader app on a store: first frame, opening an article, opening a date, memory.

    python bench/app_bench.py --db ~/big.db [--runs 5]

Targets: first frame ≤ 0.6 s, open an article ≤ 50 ms, open a date with all its pages ≤ 50 ms,
resident memory with jieba loaded ≤ 200 MB. Without --db it builds the bundled sample in a
temporary folder. Per-user state goes to a temporary HOME so the bench never touches yours.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"first_frame_s": 0.6, "open_article_ms": 50.0, "open_date_ms": 50.0, "rss_mb": 200.0}

# The child process: import, build the app, report when the first frame is on screen and again
# when the tree's papers are in it.
_CHILD = r"""
import sys, time
from pathlib import Path
from reader.app import ReaderApp
from reader.widgets._data import StoreAccess

class Bench(ReaderApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._frame)
    def _frame(self):
        print(f"frame {time.time()}", flush=True)
        self.set_interval(0.005, self._poll)
    def _poll(self):
        if self.main.section_tree.root.children:
            print(f"tree {time.time()}", flush=True)
            self.exit()

Bench(StoreAccess(Path(sys.argv[1]), readonly=True)).run(headless=True, size=(80, 24))
"""


def first_frame(db: Path, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds from starting a process to its first frame, and to the papers in the tree."""
    frames, trees = [], []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(db)], capture_output=True, text=True, env=env, timeout=60
        )
        stamps = dict(line.split() for line in out.stdout.splitlines() if line.startswith(("frame", "tree")))
        if "frame" not in stamps:
            raise SystemExit(f"the app did not start:\n{out.stderr[-2000:]}")
        frames.append(float(stamps["frame"]) - start)
        trees.append(float(stamps.get("tree", "nan")) - start)
    return statistics.median(frames), statistics.median(trees)


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; ru_maxrss elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def in_app(db: Path, runs: int) -> dict[str, float]:
    """Open articles and dates through the app's own widgets and workers; then load jieba, read RSS."""
    from reader.app import ReaderApp
    from reader.screens.search import ensure_tokens
    from reader.store import Store
    from reader.widgets._data import StoreAccess

    access = StoreAccess(db, readonly=True)
    with Store.open(db, readonly=True) as store:
        papers = store.papers()
        editions = [e for p in papers for e in store.editions(p.id)]
        biggest = sorted(editions, key=lambda e: e.pages, reverse=True)[: max(runs, 1)]
        article_ids = []
        for edition in biggest:
            for page in store.pages(edition.id)[:3]:
                article_ids += [a.id for a in store.articles(page.id)[:3]]
    app = ReaderApp(access, warm_tokens=False)
    result: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view, tree = app.main.view, app.main.section_tree

        opens = []
        for article_id in article_ids[: runs * 3]:
            start = time.perf_counter()
            view.open(article_id)
            while view.article is None or view.article.id != article_id:
                await asyncio.sleep(0)
            opens.append((time.perf_counter() - start) * 1000)
        result["open_article_ms"] = statistics.median(opens) if opens else float("nan")

        dates = []
        papers_ms = []
        paper_nodes = {n.data.id: n for n in tree.root.children if n.data is not None}
        for edition in biggest:
            paper_node = paper_nodes[edition.paper_id]
            if not paper_node.data.loaded:  # type: ignore[union-attr]
                start = time.perf_counter()
                paper_node.expand()
                while not paper_node.data.loaded:  # type: ignore[union-attr]
                    await asyncio.sleep(0)
                papers_ms.append((time.perf_counter() - start) * 1000)
            year = tree.edition_year.get(edition.id)
            if year is not None:
                year.expand()  # its year (its dates become nodes on opening)
                await asyncio.sleep(0)
            node = tree.edition_nodes[edition.id]
            start = time.perf_counter()
            node.expand()
            while not node.data.loaded:  # type: ignore[union-attr]
                await asyncio.sleep(0)
            await asyncio.sleep(0)  # the handler has run; the next refresh paints it
            dates.append((time.perf_counter() - start) * 1000)
        result["open_date_ms"] = statistics.median(dates) if dates else float("nan")
        result["date_pages"] = float(biggest[0].pages) if biggest else 0.0
        result["open_paper_ms"] = statistics.median(papers_ms) if papers_ms else float("nan")
        per_paper: dict[int, int] = {}
        for e in editions:
            per_paper[e.paper_id] = per_paper.get(e.paper_id, 0) + 1
        result["paper_dates"] = float(max(per_paper.values(), default=0))

        try:
            import reader.tokens  # noqa: F401
        except ImportError:  # before search lands: load jieba's default dictionary the plain way
            import jieba

            jieba.initialize()
        else:
            ensure_tokens()
        result["rss_mb"] = rss_mb()
    return result


def main() -> None:
    """Run the benchmarks and print a table with the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store (default: the bundled sample, built afresh)")
    parser.add_argument("--runs", type=int, default=5, help="repetitions (medians are reported)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="app-bench-")
    home = Path(tmp.name)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    os.environ.update(env)
    db = args.db
    if db is None:
        from reader.ingest import build_sample_store

        db = home / "sample.db"
        build_sample_store(db)
    db = db.expanduser().resolve()
    if not db.exists():
        raise SystemExit(f"app_bench: no store at {db}")

    frame, tree = first_frame(db, args.runs, env)
    figures = asyncio.run(in_app(db, args.runs))
    figures = {"first_frame_s": frame, "tree_ready_s": tree, **figures}
    from reader.store import Store

    with Store.open(db, readonly=True) as store:
        stats = store.stats()
    print(f"store: {db} ({stats['articles']} articles, {stats['pages']} pages, {stats['editions']} editions)")
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if value <= target else f"  OVER (target {target:g})")
        print(f"{name:>16}: {value:9.3f}{verdict}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
