"""Which reading of a hard-wrapped page to keep: as printed or with its paragraphs joined.

    python bench/unwrap_choice.py [--seed 3] [--pages 150] [NAMES]

NAMES (comma-separated; default: the six hard-wrapped training families and six fixed renderings of
``bench/score_sets.py``) are drawn on ``--pages`` training-date pages (``--seed`` picks them, seed 11
renders them; never the held-out month). Every page the split reads twice
(:func:`reader.split.unwrap.second`) is split both ways, and each set is scored (the shared
scorer's matching) when the split keeps: the page as printed; the joined reading; the one the
labeller is surer of (:func:`reader.split.unwrap.sureness`, the rule before the twenty-fifth
session); the one that leaves fewer stories with no title or no body, then the surer
(:func:`reader.split.unwrap.prefer_joined`, shipped); and the better of the two on each page
(an oracle, the headroom). Prints one row per rule and the means over families and renderings.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_sets import VARIANTS  # noqa: E402
from unwrap_probe import style_of  # noqa: E402

from reader.split import render, train, unwrap  # noqa: E402
from reader.split.staged import build_items, label_page  # noqa: E402

FAMILIES = ["dev_wrapped", "narrow_hang", "wide_pdf", "tight_wrapped", "run_on", "mixed_wrap"]
FIXED = ["wrap_mixed", "wrap_before", "cap_wrap", "wrap_nbp", "wrap_page_width", "wrap_wraphl"]

Pair = tuple[unwrap.Reading, unwrap.Reading]
RULES: dict[str, Callable[[Pair], bool]] = {
    "as printed": lambda p: False,
    "joined": lambda p: True,
    "surer": lambda p: unwrap.sureness(p[1].lab, p[1].spans) > unwrap.sureness(p[0].lab),
    "settled, then surer (shipped)": lambda p: unwrap.prefer_joined(*p),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="?", default=",".join(FAMILIES + FIXED))
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--pages", type=int, default=150)
    a = ap.parse_args()
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    training, _ = train.divide(render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz"), shared)
    pool = random.Random(a.seed).sample(training, a.pages)
    names = a.names.split(",")
    table: dict[str, dict[str, float]] = {rule: {} for rule in [*RULES, "oracle"]}
    for name in names:
        rng = random.Random(11)
        pages = []
        for p in pool:
            r = render.render_page(p, style_of(name, rng), rng)
            lab = label_page(r.text)
            other = unwrap.second(lab, r.text)
            if other is None:
                continue
            lab2 = label_page(other[0])
            joined = unwrap.Reading(lab2, unwrap.on_raw_lines(build_items(lab2), other[1]), other[1])
            pages.append((r, (unwrap.Reading(lab, build_items(lab)), joined)))

        def row(r: render.Rendered, reading: unwrap.Reading) -> tuple[dict, list[dict], str]:
            return (r.gold, [i.to_json() for i in reading.page.items], r.text)

        for rule, keep in RULES.items():
            rows = [row(r, pair[1] if keep(pair) else pair[0]) for r, pair in pages]
            table[rule][name] = train.score(rows, scorer)["f1"]
        best = []
        for r, pair in pages:
            f = [train.score([row(r, reading)], scorer)["f1"] for reading in pair]
            best.append(row(r, pair[1] if f[1] > f[0] else pair[0]))
        table["oracle"][name] = train.score(best, scorer)["f1"]
        print(f"{name}: {len(pages)} pages read twice", file=sys.stderr, flush=True)
    fams = [n for n in names if n not in VARIANTS]
    fixed = [n for n in names if n in VARIANTS]
    print("rule".ljust(30) + "".join(n[:10].rjust(11) for n in names) + "  families  renderings")
    for rule, got in table.items():
        fm = sum(got[n] for n in fams) / len(fams) if fams else float("nan")
        vm = sum(got[n] for n in fixed) / len(fixed) if fixed else float("nan")
        print(rule.ljust(30) + "".join(f"{got[n]:11.4f}" for n in names) + f"  {fm:8.4f}  {vm:10.4f}")


if __name__ == "__main__":
    main()
