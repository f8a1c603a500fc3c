"""Fit reader.split.share.CUT_MIN (cutting a body two headlines share) on training pages.

    python bench/fit_share.py [--every 4] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped model, and scores the grouping stage with each
CUT_MIN of a grid, with the shared scorer's matching. Prints one line per value, best last; ``off``
is the grouping without the cut. Deterministic.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.split import render, share, train  # noqa: E402
from reader.split.staged import build_items, label_page  # noqa: E402

CUTS = (0.1, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=4)
    ap.add_argument("--per-page", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20261205)
    a = ap.parse_args()
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    pages, _ = train.divide(render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz"), shared)
    rng = random.Random(a.seed)
    labelled = []
    for p in pages[:: a.every]:
        for fam in rng.sample(list(render.FAMILIES_TRAIN), a.per_page):
            r = render.render_page(p, render.random_style(rng, fam), rng)
            labelled.append((r, label_page(r.text)))
    print(f"{len(labelled)} rendered training pages")
    grid: list[tuple[str, float]] = [("off", float("inf")), *((str(c), c) for c in CUTS)]
    results = []
    for name, cut in grid:
        share.CUT_MIN = cut
        rows = [(r.gold, [i.to_json() for i in build_items(lab).items], r.text) for r, lab in labelled]
        s = train.score(rows, scorer)
        results.append((s["f1"], s["strict"], name))
    for f1, strict, name in sorted(results):
        print(f"CUT_MIN {name}: F1 {f1} strict {strict}")


if __name__ == "__main__":
    main()
