"""Lexical cohesion for the line labeller: character bigrams a line shares with the text around it.

A subhead continues its article's vocabulary and a headline shares words with its own story's
lead, while a new article changes the words: these counts are how the features see that.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from reader.split import patterns as pt

# Every pair of adjacent CJK characters, overlapping, in one pass of the regex engine.
_CJK_PAIR = re.compile(f"(?=([{pt.CJK}]{{2}}))")


# Bigrams are read from a unit's first characters only: no printed paragraph is this long, and a
# megabyte line (a file with no line breaks) would otherwise make a string per character.
_MOST = 20_000


def bigrams(s: str) -> set[str]:
    """The character bigrams of the CJK runs of ``s`` (of its first ``_MOST`` characters)."""
    return set(_CJK_PAIR.findall(s, 0, _MOST + 1))


def overlap(a: set[str], b: set[str]) -> float:
    """The share of ``a``'s bigrams found in ``b`` (0 when ``a`` is empty)."""
    if not a:
        return 0.0
    return len(a & b) / len(a)


class Windows:
    """The bigram sets of the units just before or after a unit, up to a number of characters (the
    unit that crosses the limit included). The window's ends are found by bisection on the page's
    running length, so a caller joins or subtracts its sets in one call, linear in the window."""

    def __init__(self, lens: list[int], grams: list[set[str]]) -> None:
        self.grams = grams
        self.n = len(lens)
        self.cum = [0, *accumulate(lens)]  # cum[j]: characters in units 0..j-1

    def after(self, i: int, limit: int) -> list[set[str]]:
        """The bigram sets of units i+1 .. while fewer than ``limit`` characters came before."""
        lo = i + 1
        if lo >= self.n:
            return []
        return self.grams[lo : bisect_left(self.cum, self.cum[lo] + limit, lo, self.n)]

    def before(self, i: int, limit: int) -> list[set[str]]:
        """The bigram sets of units i-1, i-2 .. while fewer than ``limit`` characters came before."""
        if i <= 0:
            return []
        return self.grams[bisect_right(self.cum, self.cum[i] - limit, 1, i + 1) - 1 : i]

    def share(self, g: set[str], window: list[set[str]]) -> float:
        """The share of ``g``'s bigrams found in the window (0 when ``g`` is empty)."""
        if not g:
            return 0.0
        return (len(g) - len(g.difference(*window))) / len(g)


def _cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def joined_bigrams(texts: list[str], grams: list[set[str]], limit: int | None = None) -> set[str]:
    """``bigrams("".join(texts)[:limit])`` from each text's own bigrams (``grams``): theirs, and the
    pairs that run from one text into the next; only a text cut short by the limit is read again."""
    sets: list[set[str]] = []
    across: set[str] = set()
    prev = ""  # the last character so far
    room = limit
    for t, g in zip(texts, grams, strict=True):
        if room is not None and len(t) >= room:
            if len(t) > room:
                t = t[:room]
                g = bigrams(t)
            room = 0
        elif room is not None:
            room -= len(t)
        if t:
            if prev and _cjk(prev) and _cjk(t[0]):
                across.add(prev + t[0])
            prev = t[-1]
            sets.append(g)
        if room == 0:
            break
    return across.union(*sets)
