"""A hard-wrapped page that lost its paragraph indents: read as a page set flush.

Text taken from a PDF often drops a line's leading blanks. A column set with indented paragraphs
then prints each paragraph's first line flush and two cells short of the column (近日，洛宁县纪委监委工作人
over 员在走访时发现，王玉菲老人受其): a short line after a blank line or a finished sentence, the
shape of a headline's or a subhead's line. The user's own pages (../shared/seeds) print so, and
no page the labeller learnt from does. Where most of a page's paragraph starts are so, this reads
them as the full lines of a page whose paragraphs are set flush (their width only: the text is the
page's). Not as indented lines: a paragraph of one line keeps no sign of its indent, and on a page
read as indented such a line, flush, reads as a headline (held-out renderings of such pages:
0.803 read indented, 0.830 read flush; see BENCHMARKS, thirtieth session).

A start's column is the median width of the full lines nearest it (lines inside a paragraph that
neither open nor close it), so that a justified column read back as characters, whose lines run a
cell or two long or short by turns, and a paragraph of two lines are measured too.
"""

from __future__ import annotations

from dataclasses import replace

from reader.split import patterns as pt
from reader.split.units import Unit

INDENT = 2.0  # cells: the paragraph indent a column sets (two ideographic spaces)
MIN_STARTS = 3  # paragraph starts that run short by an indent, at least
SHARE = 0.75  # of the paragraph starts that run short or full, at least this share short
# Cells under the column that read as an indent lost: two, give or take what a justified column
# read back as characters moves a line by (a punctuation mark set at half a cell, one character
# more or fewer); the seeds' columns run 18-23 cells.
SHORT = (1.0, 3.5)
FULL = 0.5  # cells under the column (or over it) that read as a full line
WINDOW = 12  # lines either side of a start looked at for its column's full lines


def _starts(us: list[Unit]) -> list[bool]:
    """Whether each unit could open a paragraph: after a blank line, or after a finished sentence
    on a line that runs short of the line before it (a paragraph's last line)."""
    out = []
    for i, u in enumerate(us):
        if u.blank_before or i == 0:
            out.append(True)
            continue
        prev, before = us[i - 1], us[i - 2] if i > 1 and not us[i - 1].blank_before else None
        out.append(pt.ends_sentence(prev.text) and before is not None and prev.width < before.width - 1.5)
    return out


def _column(us: list[Unit], starts: list[bool], i: int) -> float | None:
    """The width of the column unit ``i`` stands in: the median of the nearest few lines to it
    (after it first) that neither open nor close a paragraph (full lines), None when fewer than two
    are within ``WINDOW`` lines."""
    full = []
    for d in range(1, WINDOW + 1):
        for j in (i + d, i - d):
            if 0 <= j < len(us) - 1 and not starts[j] and not us[j + 1].blank_before and not starts[j + 1]:
                full.append(us[j].width)
        if len(full) >= 5:
            break
    if len(full) < 2:
        return None
    return sorted(full)[len(full) // 2]


def _short_start(us: list[Unit], starts: list[bool], i: int) -> bool | None:
    """Whether unit ``i`` opens a paragraph about an indent short of its column (True), opens one
    as a full or indented line (False), or is no paragraph start that says either (None).

    A start opens a paragraph that runs on (the next line follows it in its block); its column is
    :func:`_column`'s."""
    u = us[i]
    if not starts[i] or i + 1 >= len(us) or us[i + 1].blank_before or starts[i + 1] or u.indent == "deep":
        return None
    col = _column(us, starts, i)
    if col is None or col < 8:
        return None
    if u.lead:
        return False if abs(u.width - col) <= 1.0 else None
    gap = col - u.width
    if SHORT[0] <= gap <= SHORT[1]:
        return True
    return False if gap <= FULL else None


def lost(us: list[Unit], back: list[Unit]) -> int:
    """How many of the units :func:`restore` (``back``) measured as full lines."""
    return 0 if back is us else sum(1 for a, b in zip(us, back, strict=True) if a is not b)


def restore(us: list[Unit]) -> list[Unit]:
    """The units, each paragraph start that runs an indent short of its column measured as the full
    line it was, when most of the page's paragraph starts do (at least ``MIN_STARTS``); else as they are."""
    if len(us) < 3 * MIN_STARTS:
        return us
    starts = _starts(us)
    marks = [_short_start(us, starts, i) for i in range(len(us))]
    short = sum(1 for m in marks if m)
    if short < MIN_STARTS or short < SHARE * sum(1 for m in marks if m is not None):
        return us
    return [replace(u, width=u.width + INDENT) if m else u for u, m in zip(us, marks, strict=True)]
