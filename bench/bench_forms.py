"""Import speed and memory for already-split articles in form 1 (crawler text files).

Writes N articles as ``<YYYYMMDD>-<PP>-<NN>.txt`` files (CRLF, kicker/title/subtitle lines, then
paragraphs indented with 　　) under ``人民日报/<YYYY年M月>/<YYYYMMDD>/`` in a temporary folder, built
from sentences of ../shared/corpus (shuffled and recombined: never committed, never a real
article), then times a whole ``paper-reader import`` of it into a new store and reports MB/s of
article text and the peak resident memory of the largest process.

Usage: ``.venv/bin/python bench/bench_forms.py --articles 100000 [--out /tmp/pr_forms100000] [--jobs 2]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "people-daily.jsonl.gz"
PER_PAGE = 8
PAGES_PER_DAY = 12


def sentences() -> tuple[list[str], list[str]]:
    """The corpus's sentences, and its titles (material only: recombined at random)."""
    sents, titles = [], []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["title"]:
                titles.append(r["title"])
            for p in r["paragraphs"]:
                sents.extend(s for s in re.split(r"(?<=[。！？])", p) if len(s) >= 4)
    return sents, titles


def write(out: Path, articles: int, seed: int = 1) -> int:
    """Write the article files; returns the bytes written."""
    rng = random.Random(seed)
    sents, titles = sentences()
    day = date(2019, 1, 1)
    total = written = 0
    while written < articles:
        day += timedelta(days=1)
        folder = out / "人民日报" / f"{day.year}年{day.month}月" / day.strftime("%Y%m%d")
        folder.mkdir(parents=True, exist_ok=True)
        for page in range(1, PAGES_PER_DAY + 1):
            for seq in range(1, PER_PAGE + 1):
                if written >= articles:
                    break
                kicker = rng.choice(titles) if rng.random() < 0.3 else ""
                subtitle = rng.choice(titles) if rng.random() < 0.15 else ""
                paras = ["".join(rng.choices(sents, k=rng.randint(1, 4))) for _ in range(rng.randint(2, 8))]
                lines = [kicker, rng.choice(titles), subtitle, *("　　" + p for p in paras)]
                data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
                (folder / f"{day.strftime('%Y%m%d')}-{page:02d}-{seq:02d}.txt").write_bytes(data)
                total += len(data)
                written += 1
    return total


def main() -> None:
    """Write the archive (when missing), import it, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    out = args.out or Path(f"/tmp/pr_forms{args.articles}")
    marker = out / ".bytes"
    if not marker.exists():
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        size = write(out, args.articles)
        marker.write_text(str(size))
        print(f"wrote {args.articles} articles, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s")
    size = int(marker.read_text())
    db = Path(f"{out}.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("paper-reader")
    cmd = [str(exe), "--db", str(db), "import", str(out), "--jobs", str(args.jobs)]
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    wall = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime  # all the import's processes (writer and workers)
    print(done.stdout.strip())
    if done.returncode:
        print(done.stderr.strip())
        sys.exit(done.returncode)
    print(
        f"{args.articles} articles, {size / 1e6:.1f} MB in {wall:.1f} s: {size / 1e6 / wall:.2f} MB/s "
        f"({args.jobs} jobs); peak memory of the largest process {peak_mb:.0f} MB; "
        f"{cpu:.1f} s of CPU in all ({size / 1e6 / cpu * 2:.2f} MB/s if two cores were free for it)"
    )


if __name__ == "__main__":
    main()
