"""Measure folding a headline block no body took into the body right under it when that body
takes the headline printed after it (reader.split.unattached.fold_labels).

    python bench/fit_labels.py [--every 2] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped models, and prints articles found / made and F1 (the
shared scorer's matching) without the fold and with it, and how many folds put a block into its
own gold story. Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_orphans import _score  # noqa: E402
from training_renders import joined_within_a_story, labelled_pages  # noqa: E402

from reader.split import unattached  # noqa: E402


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=2)
    keep = unattached.fold_labels
    unattached.fold_labels = lambda segs, certainty: (segs, certainty)  # type: ignore[assignment]
    try:
        print(f"without the fold: {_score(labelled, scorer)}")
    finally:
        unattached.fold_labels = keep  # type: ignore[assignment]
    print(f"with it:          {_score(labelled, scorer)}")
    right, wrong = joined_within_a_story(labelled, "labels_in")
    print(f"folds: {right + wrong}, {right} of them into the block's own gold story")


if __name__ == "__main__":
    main()
