"""One-shot search as a whole process: ``paper-reader search TERM --json`` against one-shot ``rg``.

Each command runs ``--runs`` times per term after one warm-up run (which also writes the user's
stored copy of jieba's dictionary, as a first search does); the figure is the median wall time,
with the fastest and slowest, and the peak resident memory of the search. The package's bytecode is
compiled first: an installed package has it, and PYTHONDONTWRITEBYTECODE would otherwise make every
run compile the sources again.

Usage: ``python bench/bench_oneshot.py --db STORE --corpus FOLDER [--exe paper-reader] [TERM ...]``
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TERMS = ["党建", "洛阳", "代表大会", "5G", "阳实"]


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds of one run of ``cmd``, and the peak resident KiB of the children so far."""
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    took = time.perf_counter() - started
    return took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def measure(cmd: list[str], runs: int) -> dict[str, float]:
    """Median, fastest and slowest wall time of ``runs`` runs after a warm-up."""
    timed(cmd)
    times = [timed(cmd)[0] for _ in range(runs)]
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("terms", nargs="*", default=TERMS)
    parser.add_argument("--db", required=True)
    parser.add_argument("--corpus", required=True, help="the page files the store was imported from (for rg)")
    parser.add_argument("--exe", default=str(Path(sys.executable).parent / "paper-reader"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(root / "reader", quiet=1)
    rg = shutil.which("rg")
    rows = []
    for term in args.terms:
        ours = measure([args.exe, "--db", args.db, "search", term, "--limit", "20", "--json"], args.runs)
        theirs = measure([rg, "-c", "-F", term, args.corpus], args.runs) if rg else None
        ratio = ours["median"] / theirs["median"] if theirs else float("nan")
        rows.append((term, ours, theirs, ratio))
        rg_text = f"rg {theirs['median'] * 1000:.0f} ms" if theirs else "rg: not installed"
        print(
            f"{term}\tpaper-reader {ours['median'] * 1000:.0f} ms ({ours['min'] * 1000:.0f}–{ours['max'] * 1000:.0f})"
            f"\t{rg_text}\t{ratio:.2f}× rg",
            flush=True,
        )
    medians = [r[1]["median"] for r in rows]
    ratios = [r[3] for r in rows]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"all terms: paper-reader median {statistics.median(medians) * 1000:.0f} ms, "
        f"median ratio to rg {statistics.median(ratios):.2f}×; peak memory of any child {peak:.1f} MiB"
    )


if __name__ == "__main__":
    main()
