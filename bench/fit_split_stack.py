"""Fit the cost of cutting a headline block in two (``split`` in reader.split.group's weights).

    python bench/fit_split_stack.py [--every 2] [--per-page 2]

A block of headline lines between two bodies is sometimes two headlines: the first printed after
the body above it (as PDF text prints them), the second over the body below. The grouping may cut
it when each part shares more words with its own body than the block does with either, less
this cost. Renders every ``--every``-th training page of ../shared/corpus (never 2020-05, never
a ../shared/dev page) in ``--per-page`` training families drawn with a fixed seed, labels each
page once with the shipped models, and prints article F1 (the shared scorer's matching) with the
cut never made and with each cost. Deterministic.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_renders import labelled_pages  # noqa: E402

from reader.split import train  # noqa: E402
from reader.split.staged import build_items  # noqa: E402

COSTS = (math.inf, 3.0, 2.0, 1.5, 1.0, 0.7, 0.4, 0.0)


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=2)
    for cost in COSTS:
        w = {"split": cost}
        rows = [(r.gold, [i.to_json() for i in build_items(lab, w).items], r.text) for r, lab in labelled]
        s = train.score(rows, scorer)
        print(f"split cost {cost}: F1 {s['f1']} strict {s['strict']}", flush=True)


if __name__ == "__main__":
    main()
