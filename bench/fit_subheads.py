"""Fit when a page is read again without its headline typography (reader.split.subheads).

    python bench/fit_subheads.py [--pages 300] [--combos 1000:0,2:-0.1,2:0,1:0.1,2:-0.1:0.9]

Renders ``--pages`` training pages of ../shared/corpus (the dates the labeller trains on: never
2020-05, never a ../shared/dev page; a fixed sample) in eight fixed styles: markdown with the
corpus's own subheads (short paragraphs) marked ``##``, ``###`` or ``**…**`` and unmarked, with
headlines mixed before and after their stories; paragraphs indented with 　　, with headlines mixed,
and with subheads made from a paragraph's clauses and set flush. For each ``MIN_BODY:MARGIN`` pair
(1000 turns the second reading off; a third number sets ``UNSURE``, else the shipped one) it
prints each style's article F1 with the shared scorer's matching. Deterministic.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.split import render, subheads, train  # noqa: E402
from reader.split.staged import split_staged  # noqa: E402

STYLES: dict[str, dict[str, object]] = {
    "md_h2": {"layout": "markdown", "mark_subheads": "h2"},
    "md_h3": {"layout": "markdown", "mark_subheads": "h3"},
    "md_bold": {"layout": "markdown", "mark_subheads": "bold"},
    "md_plain": {"layout": "markdown"},
    "md_mixed": {"layout": "markdown", "headline_pos": "mixed"},
    "para_ind": {"layout": "paragraphs", "indent": "\u3000\u3000"},
    "para_ind_mixed": {"layout": "paragraphs", "indent": "\u3000\u3000", "headline_pos": "mixed"},
    "para_ind_sub": {"layout": "paragraphs", "indent": "\u3000\u3000", "subheads": 0.5},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--combos", default="1000:0,2:-0.1,2:0,3:0,1:0.1,2:-0.1:1.01,2:-0.1:0.9")
    args = ap.parse_args()
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    pages = render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz")
    training, _ = train.divide(pages, shared)
    sample = random.Random(5).sample(training, min(args.pages, len(training)))
    rendered = {}
    for name, values in STYLES.items():
        rng = random.Random(9)
        style = dataclasses.replace(render.Style(), **values)  # type: ignore[arg-type]
        rendered[name] = [render.render_page(p, style, rng) for p in sample]
    keep = subheads.MIN_BODY, subheads.MARGIN, subheads.UNSURE
    try:
        for combo in args.combos.split(","):
            least, margin, *rest = combo.split(":")
            unsure = float(rest[0]) if rest else keep[2]
            subheads.MIN_BODY, subheads.MARGIN, subheads.UNSURE = int(least), float(margin), unsure
            out = []
            for name, rs in rendered.items():
                rows = [(r.gold, [i.to_json() for i in split_staged(r.text).items], r.text) for r in rs]
                out.append(f"{name} {train.score(rows, scorer)['f1']:.4f}")
            print(f"MIN_BODY {least} MARGIN {margin} UNSURE {unsure}: " + " | ".join(out), flush=True)
    finally:
        subheads.MIN_BODY, subheads.MARGIN, subheads.UNSURE = keep


if __name__ == "__main__":
    main()
