"""Write a synthetic archive: N articles as page files ``<paper>/<YYYY-MM-DD>/<NN>-<版名>.txt``.

Each article mixes sentences of the bundled sample pages with words drawn from jieba's own
dictionary by frequency (so common words are common and rare ones rare), plus a few numbers and
Latin words. Usage: ``python bench/corpus.py OUT_DIR --articles 100000 [--seed 1]``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from datetime import date, timedelta
from pathlib import Path

PAPERS = ["洛阳日报", "濮阳日报", "东方今报", "人民日报"]
SECTIONS = ["要闻", "县区", "经济", "社会", "文化", "国际", "体育", "副刊"]
REPORTERS = ["王献伟", "李明", "张华", "刘洋", "陈静", "赵磊"]
LATIN = ["5G", "2020年", "GDP", "COVID-19", "App", "3D打印", "AI", "PM2.5", "iPhone", "WiFi"]


def sample_sentences() -> list[str]:
    """Sentences of the bundled sample pages (wrapped lines joined back)."""
    from reader.paths import sample_dir

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*/*/*.*")))
    text = re.sub(r"\s+", "", text)
    return [s for s in re.split(r"(?<=[。！？])", text) if 6 <= len(s) <= 200]


def dictionary() -> tuple[list[str], list[int]]:
    """jieba's dictionary words and their cumulative frequencies."""
    import jieba

    words, freqs = [], []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                words.append(parts[0])
                freqs.append(int(parts[1]))
    return words, list(itertools.accumulate(freqs))


class Generator:
    """Articles from a seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sents = sample_sentences()
        self.words, self.cum = dictionary()

    def words_run(self, n: int) -> str:
        """``n`` dictionary words by frequency, as one run of text."""
        return "".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))

    def paragraph(self) -> str:
        """One paragraph: sample sentences interleaved with dictionary words."""
        rng = self.rng
        parts = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.5:
                parts.append(rng.choice(self.sents))
            else:
                parts.append(self.words_run(rng.randint(6, 30)) + rng.choice("，。；、。"))
            if rng.random() < 0.05:
                parts.append(rng.choice(LATIN))
        text = "".join(parts)
        # The splitter reads a line ending a sentence as body text, so every paragraph ends one.
        return text if text[-1] in "。！？" else text.rstrip("，；、") + "。"

    def article(self) -> tuple[str, list[str]]:
        """A title and its paragraphs (about 700 characters on average)."""
        # Headlines stay short (the splitter's headline width) and hold no punctuation.
        title = self.words_run(self.rng.randint(2, 4))[:10]
        return title, [self.paragraph() for _ in range(self.rng.randint(2, 6))]


def write_corpus(out: Path, articles: int, seed: int = 1, per_page: int = 6) -> tuple[int, int]:
    """Write the pages; returns (files, bytes of page text)."""
    gen = Generator(seed)
    day = date(2019, 1, 1)
    files = total = written = 0
    page_no = 0
    while written < articles:
        paper = PAPERS[files % len(PAPERS)]
        page_no = page_no % 8 + 1
        if page_no == 1 and files % len(PAPERS) == 0:
            day += timedelta(days=1)
        folder = out / paper / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        n = min(per_page, articles - written)
        blocks = []
        for _ in range(n):
            title, paras = gen.article()
            # A byline under the headline tells the splitter a new article starts (a lone short
            # line inside an article is a subhead).
            byline = "本报记者 " + gen.rng.choice(REPORTERS)
            blocks.append(title + "\n\n" + byline + "\n\n" + "\n\n".join(paras))
        text = "\n\n".join(blocks) + "\n"
        path = folder / f"{page_no:02d}-{SECTIONS[page_no - 1]}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        files += 1
        written += n
    return files, total


def main() -> None:
    """Command line: write the corpus and say how big it is."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files, size = write_corpus(args.out, args.articles, args.seed)
    print(f"{args.articles} articles in {files} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
