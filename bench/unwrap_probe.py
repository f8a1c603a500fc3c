"""Probe: would joining a hard-wrapped page's lines back into paragraphs before labelling help?

    python bench/unwrap_probe.py wrap_mixed,wrap_before,cap_wrap,wrap_nbp

On the same pages the paragraphs renderings score well above the wrapped ones (held-out:
para_mixed 0.932 against wrap_mixed 0.838, cap_para 0.942 against cap_wrap 0.801), so this asks
whether the gap is the line breaks. Each named fixed rendering of ``bench/score_sets.py`` (or
training family of ``reader.split.render_styles``) is drawn on 150 training-date pages (seed 3
picks them, seed 11 renders them; never the held-out month) and split three ways by the learned
splitter: as printed (its joined reading turned off), given the joined text as its input
(:func:`unwrap`), and as it ships (both readings, the surer one kept). All are scored against the
same gold with ../shared/eval/score_split.py's matching. Prints ``name as printed F1 | joined F1 |
shipped F1`` per rendering.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_sets import VARIANTS  # noqa: E402

from reader.split import render, train  # noqa: E402
from reader.split import unwrap as unwrap_mod  # noqa: E402
from reader.split.staged import label_page, split_staged  # noqa: E402
from reader.split.unwrap import joined  # noqa: E402


def unwrap(text: str) -> str:
    """``text`` with each hard-wrapped paragraph on one line (:func:`reader.split.unwrap.joined`),
    whatever its length; a page not hard-wrapped as it is."""
    got = joined(label_page(text), text)
    return text if got is None else got[0]


def main(names: list[str]) -> None:
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    pages = render.load_corpus(shared / "corpus" / "people-daily.jsonl.gz")
    training, _ = train.divide(pages, shared)
    pool = random.Random(3).sample(training, 150)
    for name in names:
        rng = random.Random(11)
        rows: dict[str, list[tuple[object, list[dict[str, object]], str]]] = {k: [] for k in WAYS}
        for p in pool:
            r = render.render_page(p, style_of(name, rng), rng)
            for way in WAYS:
                unwrap_mod.joined = joined if way == "shipped" else _never  # type: ignore[assignment]
                text = unwrap(r.text) if way == "joined" else r.text
                rows[way].append((r.gold, [i.to_json() for i in split_staged(text).items], r.text))
            unwrap_mod.joined = joined  # type: ignore[assignment]
        f1 = {way: train.score(rows[way], scorer)["f1"] for way in WAYS}
        print(f"{name} " + " | ".join(f"{way} {f1[way]:.4f}" for way in WAYS), flush=True)


WAYS = ("as printed", "joined", "shipped")


def style_of(name: str, rng: random.Random) -> render.Style:
    """A fixed rendering of bench/score_sets.py, or a page drawn in a training family."""
    if name in VARIANTS:
        return dataclasses.replace(render.Style(), **VARIANTS[name])  # type: ignore[arg-type]
    return render.random_style(rng, name)


def _never(*args: object) -> None:
    return None


if __name__ == "__main__":
    main(
        sys.argv[1].split(",") if len(sys.argv) > 1 else ["wrap_mixed", "wrap_before", "cap_wrap", "wrap_nbp"]
    )
