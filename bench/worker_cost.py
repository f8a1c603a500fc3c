"""Benchmark: the CPU an import's worker spends on one page file (read, split, index tokens, line
maps), in one process, with no pool and no store.

Usage (from the repo root, in the venv)::

    python bench/worker_cost.py /tmp/pr_real100k [--files 3000] [--runs 3]

The folder is an archive such as ``bench/corpus_real.py`` writes. It prints the best of ``--runs``
passes over the first ``--files`` files (sorted by path) in CPU milliseconds per file. The script
imports the ``reader`` package of the checkout it sits in, so running another checkout's copy of it
(a worktree at an older commit) measures that build on the same files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from yardstick import describe, yardstick  # noqa: E402

from reader.ingest.discover import Found  # noqa: E402
from reader.ingest.meta import Meta  # noqa: E402
from reader.ingest.prepare import prepare_file  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(p for p in args.folder.rglob("*") if p.suffix in (".txt", ".md"))[: args.files]
    if not paths:
        raise SystemExit(f"no .txt or .md files under {args.folder}")
    found = [Found(p, args.folder) for p in paths]
    options = Meta()
    for f in found[:50]:  # load the model and the tokenizer's tables first
        prepare_file(f, options, None, tokens=True)
    best = float("inf")
    for _ in range(args.runs):
        start = time.process_time()
        for f in found:
            prepare_file(f, options, None, tokens=True)
        best = min(best, time.process_time() - start)
    root = Path(__file__).resolve().parents[1]
    print(describe(yardstick()))
    print(f"{root}: {best / len(found) * 1000:.3f} CPU ms per file ({len(found)} files, best of {args.runs})")


if __name__ == "__main__":
    main()
