"""Probe: re-reading the least sure lines where a page leaves stories unsettled (reader.split.settle).

    python bench/settle_probe.py [NAMES]

Each named training family of ``reader.split.render_styles`` or fixed rendering of
``bench/score_sets.py`` (default: a mix of both) is drawn on 150 training-date pages (seed 3 picks
them, seed 11 renders them; never the held-out month) and split with the shipped splitter and with
:func:`reader.split.settle.settle` turned off; both are scored with the shared scorer's matching.
Prints ``name pages changed | without F1 | with F1`` per set.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from unwrap_probe import style_of  # noqa: E402

from reader.split import render, staged, train  # noqa: E402

DEFAULT = "dev_paragraphs,dev_wrapped,mixed_md,mixed_paras,noisy_paragraphs,narrow_hang,wrap_mixed,para_after,md_mixed,cap_wrap,wrap_wraphl"


def main(names: list[str]) -> None:
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    training, _ = train.divide(render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz"), shared)
    pool = random.Random(3).sample(training, 150)
    shipped = staged.settle
    for name in names:
        rng = random.Random(11)
        rows: dict[bool, list[tuple[dict, list[dict], str]]] = {False: [], True: []}
        changed = 0
        for p in pool:
            r = render.render_page(p, style_of(name, rng), rng)
            got = {}
            for on in (False, True):
                staged.settle = shipped if on else (lambda kept, build: kept)  # type: ignore[assignment]
                got[on] = [i.to_json() for i in staged.split_staged(r.text).items]
                rows[on].append((r.gold, got[on], r.text))
            staged.settle = shipped  # type: ignore[assignment]
            changed += got[False] != got[True]
        f = {on: train.score(rows[on], scorer)["f1"] for on in rows}
        print(f"{name} {changed} | without {f[False]:.4f} | with {f[True]:.4f}", flush=True)


if __name__ == "__main__":
    main((sys.argv[1] if len(sys.argv) > 1 else DEFAULT).split(","))
