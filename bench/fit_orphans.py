"""Measure folding a headline block no body took into the headline under it
(reader.split.unattached.fold_orphans), for each smallest size a block must have to be folded.

    python bench/fit_orphans.py [--every 2] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped models, and prints articles found / made and F1 (the
shared scorer's matching) without the fold and with it for ``LABEL_MAX`` 0 (every block), 2, 4 and 6,
and how many folds put the lines of one gold story's headline together. Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_renders import joined_within_a_story, labelled_pages  # noqa: E402

from reader.split import staged, unattached  # noqa: E402
from reader.split.staged import build_items  # noqa: E402


def _score(labelled: list, scorer: Any) -> str:
    gold = found = made = 0
    for r, lab in labelled:
        out = scorer.score_page(r.gold, [i.to_json() for i in build_items(lab).items], r.text)
        gold += len(out["rows"])
        found += sum(x["matched"] for x in out["rows"])
        made += out["predicted"]
    return f"found {found} / made {made} (of {gold}), F1 {2 * found / max(gold + made, 1):.5f}"


def main() -> None:
    _, scorer, labelled = labelled_pages(__doc__, every=2)
    keep, size = staged.fold_orphans, unattached.LABEL_MAX
    staged.fold_orphans = lambda segs, certainty, texts: (segs, certainty)
    try:
        print(f"without the fold: {_score(labelled, scorer)}")
    finally:
        staged.fold_orphans = keep
    for limit in (0, 2, 4, 6):
        unattached.LABEL_MAX = limit
        print(f"LABEL_MAX {limit}: {_score(labelled, scorer)}")
    unattached.LABEL_MAX = size
    right, wrong = joined_within_a_story(labelled, "folded")
    print(f"folds (LABEL_MAX {size}): {right + wrong}, {right} of them within one gold story's headline")


if __name__ == "__main__":
    main()
