"""A hard-wrapped page set as a justified column and read back as characters: its lines evened out.

A justified column sets some punctuation at half a cell (and moves a character to the next line
or pulls one up to keep a mark off a line's start), so each line holds one or two characters more
or fewer than the next. Read back as text, the lines of one paragraph run a cell or two long or
short by turns, as the user's own PDF pages do (../shared/seeds: 18-23 cells in one column). The
labeller learnt that a line inside a paragraph runs exactly to its column, and a page whose full
lines do not read as hard-wrapped at all. Where a page's lines are so (many of them a little longer
than their neighbours, and not by a hanging punctuation mark), each line near its column's width is
measured at that width (the width only: the text is the page's).

Hard-wrapped pages set by a count of characters or cells leave no line longer than its column but
by a hanging mark; on renders of every training family at most 10 % of a wrapped page's lines
inside its paragraphs run long so, and 18-38 % of a justified rendering's (BENCHMARKS, thirtieth
session).
"""

from __future__ import annotations

from dataclasses import replace

from reader.split import patterns as pt
from reader.split.units import Unit

RADIUS = 6  # lines inside paragraphs either side that make a line's column
MIN_LINES = 12  # lines inside paragraphs a page needs to be judged
LONG = 0.14  # share of those lines longer than their column (not by a hanging mark): justified
NEAR = 0.6  # share of them within OVER / UNDER of their column: a hard-wrapped page at all
OVER, UNDER = 2.5, 1.5  # cells a justified line runs past or short of its column


def _columns(ws: list[float]) -> list[float]:
    """Each width's column: the median of its neighbours' widths (``RADIUS`` either side)."""
    out = []
    for k in range(len(ws)):
        near = sorted(ws[max(0, k - RADIUS) : k] + ws[k + 1 : k + RADIUS + 1])
        out.append(near[len(near) // 2])
    return out


def even(us: list[Unit]) -> list[Unit]:
    """The units, each line inside a paragraph near its column's width measured at that width,
    when the page is a justified column read back as characters; else the units as they are."""
    inner = [i for i in range(len(us) - 1) if not us[i + 1].blank_before and us[i].width >= 6]
    if len(inner) < MIN_LINES:
        return us
    ws = [us[i].width for i in inner]
    cols = _columns(ws)
    long = sum(
        1
        for i, w, c in zip(inner, ws, cols, strict=True)
        if 0.5 <= w - c <= OVER and us[i].text[-1:] not in pt.HANGING
    )
    near = [-UNDER <= w - c <= OVER for w, c in zip(ws, cols, strict=True)]
    if long < LONG * len(inner) or sum(near) < NEAR * len(inner):
        return us
    out = list(us)
    for i, c, ok in zip(inner, cols, near, strict=True):
        if ok and us[i].width != c:
            out[i] = replace(us[i], width=c)
    return out
