"""Check the weights of the grouping's attachment score (``cohesion``, ``habit``, ``untitled``,
``adjacent`` in reader.split.group.DEFAULT_WEIGHTS) on rendered training pages.

    python bench/fit_attach.py [--every 2] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (never 2020-05, never a
../shared/dev page) in ``--per-page`` training families drawn with a fixed seed, labels each page
once with the shipped models, and prints article F1 (the shared scorer's matching) with the
shipped weights and with each weight moved alone over a range, the others kept. Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_renders import labelled_pages  # noqa: E402

from reader.split import train  # noqa: E402
from reader.split.group import DEFAULT_WEIGHTS  # noqa: E402
from reader.split.staged import build_items  # noqa: E402

RANGES = {
    "cohesion": (2.0, 3.0, 5.0, 6.0, 8.0),
    "habit": (0.2, 0.4, 0.9, 1.2),
    "untitled": (0.6, 0.9, 1.6, 2.0),
    "adjacent": (0.0, 0.15, 0.5, 0.8),
}


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=2)

    def f1(w: dict[str, float]) -> dict[str, float]:
        rows = [(r.gold, [i.to_json() for i in build_items(lab, w).items], r.text) for r, lab in labelled]
        return train.score(rows, scorer)

    s = f1({})
    print(f"shipped {DEFAULT_WEIGHTS}: F1 {s['f1']} strict {s['strict']}", flush=True)
    for name, values in RANGES.items():
        for v in values:
            s = f1({name: v})
            print(f"{name} {v}: F1 {s['f1']} strict {s['strict']}", flush=True)


if __name__ == "__main__":
    main()
