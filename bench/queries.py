"""The fixed benchmark queries: very common to rare, 1 to 8 characters, single and multi-term."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

SPECIAL = ["5G", "GDP", "2020年", "洛阳", "党建", "洛", "涧西区", "洛阳实践", "代表大会", "阳实"]


def _bands() -> list[list[str]]:
    """jieba's dictionary words (1-8 characters) in four frequency bands, most frequent first."""
    import jieba

    rows = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and 1 <= len(parts[0]) <= 8:
                rows.append((int(parts[1]), parts[0]))
    rows.sort(reverse=True)
    words = [w for _, w in rows]
    return [words[:200], words[200:3000], words[3000:40000], words[40000:]]


def make_queries(store: Any, n: int = 240, seed: int = 20) -> list[str]:
    """``n`` queries (at least 200), the same for the same store and seed."""
    rng = random.Random(seed)
    bands = _bands()
    singles = [rng.choice(band) for band in bands for _ in range(15)]
    bodies = [
        r[0] for r in store.db.execute("SELECT body FROM articles WHERE body != '' ORDER BY id LIMIT 3000")
    ]
    cuts: list[str] = []
    while len(cuts) < 70:
        body = rng.choice(bodies)
        size = rng.randint(1, 8)
        at = rng.randrange(max(1, len(body) - size))
        term = body[at : at + size]
        if term and not any(c.isspace() or c == '"' for c in term) and not term.startswith("-"):
            cuts.append(term)
    pool = singles + cuts + SPECIAL
    multi = []
    for k in range(n - len(pool)):
        count = 2 if k % 3 else 3
        multi.append(" ".join(f'"{t}"' if t in cuts else t for t in rng.sample(pool, count)))
    queries = [f'"{t}"' if t in cuts else t for t in pool] + multi
    return queries[:n]
