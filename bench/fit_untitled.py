"""Measure joining a body no headline took to the story above it (reader.split.unattached.join_untitled).

    python bench/fit_untitled.py [--every 1] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped model, and prints article F1 (the shared scorer's
matching) without and with the join, and how many joins put lines of one gold story together:
that share is the certainty an article made by a join is given (``JOIN_CERTAINTY``). Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_renders import joined_within_a_story, labelled_pages  # noqa: E402

from reader.split import staged, train, unattached  # noqa: E402
from reader.split.staged import build_items  # noqa: E402


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=1)
    right, wrong = joined_within_a_story(labelled, "joins")
    joined = train.score(
        [(r.gold, [i.to_json() for i in build_items(lab).items], r.text) for r, lab in labelled], scorer
    )
    keep = staged.join_untitled
    staged.join_untitled = lambda segs, certainty, labels: (segs, certainty)
    try:
        off = train.score(
            [(r.gold, [i.to_json() for i in build_items(lab).items], r.text) for r, lab in labelled], scorer
        )
    finally:
        staged.join_untitled = keep
    print(f"without the join: F1 {off['f1']} strict {off['strict']}")
    print(f"with the join: F1 {joined['f1']} strict {joined['strict']}")
    share = right / max(right + wrong, 1)
    print(
        f"joins: {right + wrong}, {right} of them within one gold story ({share:.2f}; JOIN_CERTAINTY {unattached.JOIN_CERTAINTY})"
    )


if __name__ == "__main__":
    main()
