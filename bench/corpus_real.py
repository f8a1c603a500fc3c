"""Write an archive of N articles made of real 人民日报 sentences, for measuring at scale.

Sentences, titles and kickers come from ``../shared/corpus`` (read at run time; the text is never
copied into the repository): each article takes a real title and 3-12 real sentences drawn at
random, grouped into paragraphs, sometimes with a kicker or a byline. Pages of 4-10 articles are
written as ``<paper>/<YYYY-MM-DD>/<NN>-<版名>.<txt|md>`` across ``--papers`` papers and ``--years``
years of daily editions (30 years: ~11,000 dates per paper), in the layouts the splitter handles:
markdown (``## title``) and plain paragraphs (title line, blank line, body). Deterministic for a
seed. The output must be outside the repository (it is meant for /tmp).

Usage: ``python bench/corpus_real.py /tmp/pr_real1m --articles 1000000 [--papers 4 --years 30]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "people-daily.jsonl.gz"
PAPERS = ["人民日报", "洛阳日报", "濮阳日报", "东方今报", "河南日报", "大河报"]
SECTIONS = ["要闻", "综合", "经济", "社会", "文化", "国际", "体育", "副刊", "评论", "地方"]
REPORTERS = ["王献伟", "李明", "张华", "刘洋", "陈静", "赵磊", "孙敏", "周涛"]


def material() -> tuple[list[str], list[str], list[str]]:
    """Real sentences, titles and kickers of the corpus."""
    sentences: list[str] = []
    titles: list[str] = []
    kickers: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["title"]:
                titles.append(a["title"])
            if a["kicker"] and "·" not in a["kicker"]:  # "栏目·题" reads as a page name
                kickers.append(a["kicker"])
            for para in a["paragraphs"]:
                sentences.extend(s for s in re.split(r"(?<=[。！？])", para.strip()) if 8 <= len(s) <= 160)
    return sentences, titles, kickers


def article(rng: random.Random, sentences: list[str], titles: list[str], kickers: list[str], md: bool) -> str:
    """One article's text in the page's layout."""
    body = rng.sample(sentences, rng.randint(3, 12))
    paras = ["".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    if rng.random() < 0.3:
        paras[-1] += f"（记者 {rng.choice(REPORTERS)}）"
    head = f"## {rng.choice(titles)}" if md else rng.choice(titles)
    kicker = [rng.choice(kickers)] if kickers and rng.random() < 0.15 else []
    return "\n\n".join([*kicker, head, *paras])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--papers", type=int, default=4)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = args.out.resolve()
    if out.is_relative_to(ROOT):
        sys.exit(f"corpus_real.py: write the corpus outside the repository (e.g. /tmp), not {out}")
    rng = random.Random(args.seed)
    sentences, titles, kickers = material()
    papers = PAPERS[: max(1, min(args.papers, len(PAPERS)))]
    first = date(2020 - args.years + 1, 1, 1)
    days = (date(2020, 12, 31) - first).days + 1
    # Articles per edition: enough to fill every date at 1M (~23: about three pages); at least one page.
    per_day = max(4, round(args.articles / (len(papers) * days)))
    written = pages = 0
    size = 0
    day = 0
    while written < args.articles:
        when = first + timedelta(days=day % days)
        for paper in papers:
            left, number = per_day, 1
            while left > 0 and written < args.articles:
                n = min(left, rng.randint(4, 10), args.articles - written)
                md = rng.random() < 0.5
                text = "\n\n".join(article(rng, sentences, titles, kickers, md) for _ in range(n)) + "\n"
                folder = out / paper / when.isoformat()
                folder.mkdir(parents=True, exist_ok=True)
                name = f"{number:02d}-{SECTIONS[(number - 1) % len(SECTIONS)]}.{'md' if md else 'txt'}"
                data = text.encode("utf-8")
                (folder / name).write_bytes(data)
                size += len(data)
                written, left, number, pages = written + n, left - n, number + 1, pages + 1
        day += 1
    print(f"{written} articles in {pages} page files ({size / 1e6:.1f} MB) under {out}")


if __name__ == "__main__":
    main()
