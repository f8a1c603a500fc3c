"""A hard-wrapped page that lost its paragraph indents: read with them put back.

Text taken from a PDF often drops a line's leading blanks. A column set with indented paragraphs
then prints each paragraph's first line flush and two cells short of the column (近日，洛宁县纪委监委工作人
over 员在走访时发现，王玉菲老人受其): a short line after a blank line or a finished sentence, the
shape of a headline's or a subhead's line. The user's own pages (../shared/seeds) print so, and
no page the labeller learnt from does. Where most of a page's paragraph starts are so, this reads
them as the indented lines they were printed as (their width and indent only: the text is the page's).
"""

from __future__ import annotations

from dataclasses import replace

from reader.split import patterns as pt
from reader.split.units import Unit

INDENT = 2.0  # cells: the paragraph indent a column sets (two ideographic spaces)
MIN_STARTS = 3  # paragraph starts that run short by an indent, at least
SHARE = 0.75  # of the paragraph starts that run short or full, at least this share short


def _short_start(us: list[Unit], i: int) -> bool | None:
    """Whether unit ``i`` opens a paragraph two cells short of its column (True), opens one as a
    full or indented line (False), or is no paragraph start that says either (None).

    A start follows a blank line, or a sentence's end on a line short of the column; its column is
    the wider of the two lines under it, both in its block (so at least one of them runs full)."""
    if i + 2 >= len(us):
        return None
    u, v, w = us[i], us[i + 1], us[i + 2]
    if v.blank_before or w.blank_before or u.indent == "deep":
        return None
    col = max(v.width, w.width)
    if col < 8:
        return None
    if not u.blank_before:
        prev = us[i - 1] if i else None
        if prev is None or not pt.ends_sentence(prev.text) or prev.width > col - 1.5:
            return None
    if u.lead:
        return False if abs(u.width - col) <= 1.0 else None
    gap = col - u.width
    if abs(gap - INDENT) <= 0.5:
        return True
    return False if abs(gap) <= 0.5 else None


def restore(us: list[Unit]) -> list[Unit]:
    """The units, with the indent put back on each paragraph start that runs two cells short of
    its column when most of the page's paragraph starts do (at least ``MIN_STARTS``); else as they are."""
    if len(us) < 3 * MIN_STARTS:
        return us
    marks = [_short_start(us, i) for i in range(len(us))]
    short = sum(1 for m in marks if m)
    if short < MIN_STARTS or short < SHARE * sum(1 for m in marks if m is not None):
        return us
    return [
        replace(u, indent="ideo", lead=INDENT, width=u.width + INDENT) if m else u
        for u, m in zip(us, marks, strict=True)
    ]
