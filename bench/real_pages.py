"""Write an archive of real page text for import benchmarks: corpus pages rendered in every family.

Usage (from the repo root, in the venv)::

    python bench/real_pages.py /tmp/pr_real20k --articles 20000

Reads ``../shared/corpus`` (real 人民日报 articles, study use only: the output goes to /tmp and is
never committed) and writes ``人民日报/<YYYY-MM-DD>/<NN>.txt`` pages, each corpus page rendered in
one of the renderer's families (paragraphs, markdown, PDF-style wraps at several widths, ...),
cycling through the corpus with the dates moved on by whole years until N articles are written.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path


def main() -> None:
    """Command line."""
    from reader.split import render

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pages = render.load_corpus()
    families = list(render.FAMILIES)
    rng = random.Random(args.seed)
    written = size = cycle = 0
    while written < args.articles:
        for page in pages:
            first = page[0]
            day = date.fromisoformat(first["date"][:10])
            day = day.replace(year=day.year - 8 * cycle)  # a new edition date each cycle
            family = families[(written + cycle) % len(families)]
            r = render.render_page(page, render.random_style(rng, family), rng)
            path = args.out / "人民日报" / day.isoformat() / f"{int(first.get('page') or 1):02d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(r.text, encoding="utf-8")
            written += len(page)
            size += len(r.text.encode())
            if written >= args.articles:
                break
        cycle += 1
    print(f"{written} articles, {size / 1e6:.1f} MB of page text in {args.out}")


if __name__ == "__main__":
    main()
