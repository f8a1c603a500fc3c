"""Measure joining a body no headline took to the story above it (reader.split.group.join_untitled).

    python bench/fit_untitled.py [--every 1] [--per-page 2]

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, labels each page once with the shipped model, and prints article F1 (the shared scorer's
matching) without and with the join, and how many joins put lines of one gold story together:
that share is the certainty an article made by a join is given (``JOIN_CERTAINTY``). Deterministic.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.split import group, render, staged, train  # noqa: E402
from reader.split.staged import build_items, label_page  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=1)
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
    right = wrong = 0
    for r, lab in labelled:
        story = [line.article for line in r.lines]  # the gold story of each unit (one a line)
        for seg in staged.group(lab)[0]:
            for i in seg.joins:
                k = seg.idx.index(i)
                same = story[seg.idx[k - 1]] == story[i]
                right, wrong = right + same, wrong + (not same)
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
        f"joins: {right + wrong}, {right} of them within one gold story ({share:.2f}; JOIN_CERTAINTY {group.JOIN_CERTAINTY})"
    )


if __name__ == "__main__":
    main()
