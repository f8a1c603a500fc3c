"""Lexical cohesion for the line labeller: character bigrams a line shares with the text around it.

A subhead continues its article's vocabulary and a headline shares words with its own story's
lead, while a new article changes the words: these counts are how the features see that.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat

from reader.split import patterns as pt

# Every pair of adjacent CJK characters, in two passes of the regex engine: the pairs that start
# at an even offset into a run of CJK characters, then those at an odd one (the character before
# is CJK). Faster than one pass of overlapping matches through a lookahead.
_CJK_PAIR = re.compile(f"[{pt.CJK}]{{2}}")
_CJK_PAIR_ODD = re.compile(f"(?<=[{pt.CJK}])[{pt.CJK}]{{2}}")


# Bigrams are read from a unit's first characters only: no printed paragraph is this long, and a
# megabyte line (a file with no line breaks) would otherwise make a string per character.
_MOST = 20_000


def bigrams(s: str) -> set[str]:
    """The character bigrams of the CJK runs of ``s`` (of its first ``_MOST`` characters)."""
    out = set(_CJK_PAIR.findall(s, 0, _MOST + 1))
    out.update(_CJK_PAIR_ODD.findall(s, 0, _MOST + 1))
    return out


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

    def shares_before(self, limit: int, wanted: list[bool]) -> list[float]:
        """``share(grams[i], before(i, limit))`` for each unit ``i`` that is ``wanted`` (0.0 for the
        others), in one pass: a bigram is in the window when the last unit before ``i`` that holds
        it is in the window, so each unit's bigrams are looked up once, not once per window."""
        last: dict[str, int] = {}
        out = [0.0] * self.n
        cum, grams = self.cum, self.grams
        for i, g in enumerate(grams):
            if not g:
                continue
            if wanted[i] and i > 0:
                lo = bisect_right(cum, cum[i] - limit, 1, i + 1) - 1
                prev = sorted(map(last.get, g, repeat(-1)))
                out[i] = (len(prev) - bisect_left(prev, lo)) / len(g)
            last.update(zip(g, repeat(i)))
        return out

    def shares_after(self, limit: int, wanted: list[bool]) -> list[float]:
        """``share(grams[i], after(i, limit))`` for each unit ``i`` that is ``wanted`` (0.0 for the
        others), in one pass from the page's end (the first unit after ``i`` holding a bigram)."""
        n = self.n
        nxt: dict[str, int] = {}
        out = [0.0] * n
        cum, grams = self.cum, self.grams
        for i in range(n - 1, -1, -1):
            g = grams[i]
            if not g:
                continue
            if wanted[i] and i + 1 < n:
                lo = i + 1
                hi = bisect_left(cum, cum[lo] + limit, lo, n)
                following = sorted(map(nxt.get, g, repeat(n)))
                out[i] = bisect_left(following, hi) / len(g)
            nxt.update(zip(g, repeat(i)))
        return out

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
