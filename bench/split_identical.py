"""Check that a change to the splitter's code changed none of its outputs.

Usage (from the repo root, in the venv)::

    python bench/split_identical.py --write /tmp/split-before.json.gz   # on the old code
    python bench/split_identical.py --check /tmp/split-before.json.gz   # on the new code

For every page of ../shared/dev (paragraphs, markdown, wrapped), ../shared/seeds, pages rendered
by ``reader.split.render`` in every family and a few edge cases, it records the CRF's feature
strings (``page_features`` on the page's units, and the features ``label_page`` decided on), the
labels and their probabilities (exact floats), and ``split_text``'s items as JSON; ``--check``
compares them with a file written before the change and prints the first difference of each page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]


def pages(shared: Path, per_family: int) -> list[tuple[str, str]]:
    """(name, text) of every page the check covers, in a fixed order."""
    from reader.split import render

    out: list[tuple[str, str]] = []
    for lay in ("paragraphs", "markdown", "wrapped"):
        for p in sorted((shared / "dev" / lay).glob("*")):
            out.append((f"dev/{lay}/{p.name}", p.read_text(encoding="utf-8")))
    for p in sorted((shared / "seeds").glob("*")):
        out.append((f"seeds/{p.name}", p.read_text(encoding="utf-8", errors="replace")))
    corpus = render.load_corpus(shared / render.CORPUS_REL)
    step = max(1, len(corpus) // per_family)
    for k, fam in enumerate(render.FAMILIES):
        chosen = corpus[k % step :: step][:per_family]
        for name, r in render.render_set(chosen, fam, 7):
            out.append((f"render/{fam}/{name}", r.text))
    joined = "\n\n".join(t for _, t in out[:40])
    out += [
        ("edge/empty", ""),
        ("edge/blank", "\n\n  \n"),
        ("edge/one", "本报讯"),
        ("edge/rules", "标题\n\n---\n\n正文第一段。\n＊＊＊\n第二篇\n正文。\n"),
        ("edge/crlf", joined[:3000].replace("\n", "\r\n") + "\x00"),
        ("edge/joined", joined),
    ]
    return out


def record(text: str) -> dict[str, Any]:
    """Everything the splitter makes of one page."""
    from reader.split import split_text
    from reader.split.features import page_features
    from reader.split.staged import label_page
    from reader.split.units import normalise, units

    lab = label_page(text)
    page = split_text(text)
    return {
        "features": page_features(units(normalise(text))),
        "lab_features": lab.features,
        "labels": "".join(lab.labels),
        "probs": [repr(p) for p in lab.probs],
        "widths": [repr(w) for w in lab.widths],
        "split": {
            "layout": page.layout,
            "page_name": page.page_name,
            "items": [it.to_json() for it in page.items],
        },
    }


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two JSON values first differ, as a path and the two values."""
    if type(a) is not type(b):
        return f"{path}: {a!r:.80} != {b!r:.80}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
    return f"{path}: {a!r:.80} != {b!r:.80}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="record the outputs to this file")
    mode.add_argument("--check", type=Path, help="compare the outputs with this file")
    ap.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    ap.add_argument("--per-family", type=int, default=20, help="rendered pages per family")
    a = ap.parse_args()
    got = {name: record(text) for name, text in pages(a.shared, a.per_family)}
    n_units = sum(len(r["labels"]) for r in got.values())
    if a.write:
        with gzip.open(a.write, "wt", encoding="utf-8") as fh:
            json.dump(got, fh, ensure_ascii=False)
        print(f"wrote {len(got)} pages ({n_units} units) to {a.write}")
        return 0
    with gzip.open(a.check, "rt", encoding="utf-8") as fh:
        want = json.load(fh)
    bad = 0
    for name in sorted(set(want) | set(got)):
        if want.get(name) != got.get(name):
            bad += 1
            if bad <= 10:
                print(f"DIFFERS {name}{first_difference(want.get(name), got.get(name))}")
    print(f"{len(got)} pages ({n_units} units): {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
