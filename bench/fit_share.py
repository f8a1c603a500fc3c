"""Fit reader.split.share.CUT_MIN (cutting a body two headlines share) on training pages.

    python bench/fit_share.py [--every 4] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped model, and scores the grouping stage with each
CUT_MIN of a grid, with the shared scorer's matching. Prints one line per value, best last; ``off``
is the grouping without the cut. Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_renders import labelled_pages  # noqa: E402

from reader.split import share, train  # noqa: E402
from reader.split.staged import build_items  # noqa: E402

CUTS = (0.1, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.4)


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=4)
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
