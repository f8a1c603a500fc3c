"""Fit reader.split.share.CUT_MIN (cutting a body two headlines share) on training pages; with
``--dp`` the grouping's weights ``share`` / ``share_cost`` (reader.split.group.DEFAULT_WEIGHTS:
reading a headline as the second story's of the body above it, in the attachment itself); with
``--lead`` share.LEAD_W (the weight of the labeller's lead probability where the cut falls).

    python bench/fit_share.py [--every 4] [--per-page 2] [--dp | --lead]

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
SHARE = (2.0, 3.0, 4.0, 5.0)
SHARE_COST = (2.0, 3.0, 4.0, 5.0, 6.0)
LEAD_W = (0.0, 0.02, 0.1, 0.3, 0.6, 1.0)


def main() -> None:
    mode = next((m for m in ("--dp", "--lead") if m in sys.argv), "")
    if mode:
        sys.argv.remove(mode)
    _, scorer, labelled = labelled_pages(__doc__, every=4)
    if mode == "--dp":
        grid = [("off", {"share": 0.0, "share_cost": 1e9})]
        grid += [(f"{a}/{c}", {"share": a, "share_cost": c}) for a in SHARE for c in SHARE_COST]
        fit_grid("share/share_cost", grid, scorer, labelled)
        return
    if mode == "--lead":
        fit_grid("LEAD_W", [(str(x), {"LEAD_W": x}) for x in LEAD_W], scorer, labelled)
        return
    grid: list[tuple[str, float]] = [("off", float("inf")), *((str(c), c) for c in CUTS)]
    results = []
    for name, cut in grid:
        share.CUT_MIN = cut
        rows = [(r.gold, [i.to_json() for i in build_items(lab).items], r.text) for r, lab in labelled]
        s = train.score(rows, scorer)
        results.append((s["f1"], s["strict"], name))
    for f1, strict, name in sorted(results):
        print(f"CUT_MIN {name}: F1 {f1} strict {strict}")


def fit_grid(what: str, grid: list[tuple[str, dict[str, float]]], scorer: object, labelled: list) -> None:
    """Article F1 (unrounded, with matched and predicted counts) for each setting of the grid: the
    grouping's weights, or share.LEAD_W when a setting names it."""
    results = []
    for name, setting in grid:
        lead = setting.get("LEAD_W")
        if lead is not None:
            share.LEAD_W = lead
        weights = None if lead is not None else setting
        gold = matched = predicted = 0
        for r, lab in labelled:
            items = [i.to_json() for i in build_items(lab, weights).items]
            out = scorer.score_page(r.gold, items, r.text)  # type: ignore[attr-defined]
            gold += len(out["rows"])
            matched += sum(x["matched"] for x in out["rows"])
            predicted += out["predicted"]
        results.append((2 * matched / max(gold + predicted, 1), name, matched, predicted))
    for f1, name, matched, predicted in sorted(results):
        print(f"{what} {name}: F1 {f1:.5f} ({matched} matched, {predicted} predicted)")


if __name__ == "__main__":
    main()
