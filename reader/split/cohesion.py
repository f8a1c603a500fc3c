"""Lexical cohesion for the line labeller: character bigrams a line shares with the text around it.

A subhead continues its article's vocabulary and a headline shares words with its own story's
lead, while a new article changes the words: these counts are how the features see that.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.split import patterns as pt

_CJK_RUN = re.compile(f"[{pt.CJK}]{{2,}}")


def bigrams(s: str) -> set[str]:
    """The character bigrams of the CJK runs of ``s``."""
    out: set[str] = set()
    for run in _CJK_RUN.findall(s):
        out.update(map(str.__add__, run[:-1], run[1:]))
    return out


def overlap(a: set[str], b: set[str]) -> float:
    """The share of ``a``'s bigrams found in ``b`` (0 when ``a`` is empty)."""
    if not a:
        return 0.0
    return len(a & b) / len(a)


def window_grams(lens: list[int], grams: list[set[str]], i: int, step: int, limit: int) -> set[str]:
    """The bigrams of the units next to unit i (after it when step is 1, before it when -1), up to
    ``limit`` characters, the unit that crosses the limit included."""
    out: set[str] = set()
    n = 0
    j = i + step
    while 0 <= j < len(lens) and n < limit:
        out |= grams[j]
        n += lens[j]
        j += step
    return out


def window_overlaps(lens: list[int], grams: list[set[str]], wanted: list[bool], limit: int) -> list[float]:
    """For each wanted unit i: the share of its bigrams found in the units after it, up to ``limit``
    characters (the unit that crosses the limit included).

    A sliding multiset of the window's bigrams: each unit enters and leaves it once, so a page of
    many short lines costs time linear in its length instead of a set rebuilt for every line.
    """
    n = len(lens)
    out = [0.0] * n
    # Only the bigrams of the wanted units are ever looked up: count just those.
    keep: set[str] = set().union(*(g for g, w in zip(grams, wanted, strict=True) if w))
    grams = [g & keep for g in grams]
    counts: Counter[str] = Counter()
    end = 0  # the window of unit i is units i+1 .. end-1
    size = 0  # characters in the window
    for i in range(n):
        if end <= i:  # empty window: restart it just after i
            counts.clear()
            end, size = i + 1, 0
        else:  # unit i leaves the window
            for g in grams[i]:  # each was counted when unit i entered
                counts[g] -= 1
            size -= lens[i]
        while end < n and size < limit:
            counts.update(grams[end])
            size += lens[end]
            end += 1
        if wanted[i] and grams[i]:
            out[i] = sum(1 for g in grams[i] if counts[g] > 0) / len(grams[i])  # grams[i] is all kept
    return out
