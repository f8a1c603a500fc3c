"""Rendered training pages, labelled once, for the scripts that fit a grouping rule's constant.

Renders every ``--every``-th training page of ../shared/corpus (the dates the labeller trains on:
never 2020-05, never a ../shared/dev page) in ``--per-page`` training families drawn with a fixed
seed, and labels each page once with the shipped models. Deterministic.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.split import render, train  # noqa: E402
from reader.split.staged import label_page  # noqa: E402


def labelled_pages(doc: str, every: int) -> tuple[argparse.Namespace, Any, list[tuple[Any, Any]]]:
    """(the command's arguments, the shared scorer, [(rendering, labelled page)]); ``doc``: the
    calling script's help, ``every``: its default ``--every``."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=every)
    ap.add_argument("--per-page", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20261205)
    a = ap.parse_args()
    shared = render.shared_dir()
    pages, _ = train.divide(render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz"), shared)
    rng = random.Random(a.seed)
    labelled = []
    for p in pages[:: a.every]:
        for fam in rng.sample(list(render.FAMILIES_TRAIN), a.per_page):
            r = render.render_page(p, render.random_style(rng, fam), rng)
            labelled.append((r, label_page(r.text)))
    print(f"{len(labelled)} rendered training pages")
    return a, train._scorer(shared), labelled


def joined_within_a_story(labelled: list[tuple[Any, Any]], meets: str) -> tuple[int, int]:
    """(right, wrong): of the units where the grouping joined two parts (``Segment.<meets>``: the
    unit each join starts at), how many join lines of one gold story, and how many of two."""
    from reader.split.staged import group

    right = wrong = 0
    for r, lab in labelled:
        story = [line.article for line in r.lines]  # the gold story of each unit (one a line)
        for seg in group(lab)[0]:
            for i in getattr(seg, meets):
                k = seg.idx.index(i)
                same = story[seg.idx[k - 1]] == story[i]
                right, wrong = right + same, wrong + (not same)
    return right, wrong
