"""A short line set apart by blank lines on a page that runs its paragraphs together is a headline.

Where a page leaves a blank line between its paragraphs, a line with blank lines around it is a
paragraph as often as a headline, and the labeller learnt it so (most training pages leave them).
Where a page runs its paragraphs together (the next paragraph starts on the line after the last
one ends), a blank line marks something else: a story's end, or its headline. There a short line
that ends no sentence, with a blank line before it and after it, is a headline line, whatever the
labeller read it as: the first pass, reading each line with its neighbours, keeps reading the
blank lines as a paragraph break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.split import patterns as pt
from reader.split.aside import byline_line
from reader.split.units import Unit

# A page runs its paragraphs together when, of the sentence ends followed by more body, at most
# this share have a blank line after them, and there are at least RUN_MIN of them.
RUN_SHARE = 1 / 6
RUN_MIN = 6
APART_MAX = 40  # characters: a longer line set apart is a paragraph of its own (a quotation)
_SPACED = re.compile(r"\s{2,}|\xa0")
NOTE = "rule=a headline line: set apart by blank lines on a page that runs its paragraphs together"


def runs_paragraphs_together(us: Sequence[Unit], labels: Sequence[str]) -> bool:
    """Whether the page's paragraphs follow each other with no blank line between them."""
    ends = [
        i
        for i in range(len(us) - 1)
        if labels[i] in "NP" and labels[i + 1] in "NP" and pt.ends_sentence(us[i].text)
    ]
    apart = sum(1 for i in ends if us[i + 1].blank_before)
    return len(ends) >= RUN_MIN and apart <= RUN_SHARE * len(ends)


def set_apart(
    us: Sequence[Unit],
    labels: list[str],
    probs: list[float],
    feats: list[list[str]],
    widths: Sequence[float] | None = None,
) -> None:
    """Read as a headline line, in place, each short line the labeller read as body that ends no
    sentence and stands between blank lines, on a page that runs its paragraphs together (and, on a
    hard-wrapped page, ``widths`` the units' local wrap widths, is shorter than a full line)."""
    from reader.split import crf

    if not runs_paragraphs_together(us, labels):
        return
    for i, u in enumerate(us):
        full = widths is not None and widths[i] >= 6 and u.width >= widths[i] - 1.0  # a wrapped line
        if labels[i] in "NP" and u.blank_before and u.blank_after and not full and _may_head(u.text):
            labels[i], probs[i] = crf.best_other(i, "NPCF")
            feats[i] = [*feats[i], NOTE]


def _may_head(s: str) -> bool:
    """Whether a line may be a headline line: short, no sentence end or clause mark, no note in
    brackets or the tail of one, no label with a colon, no names spaced out (a byline or a credit:
    勾  犇图), no editor's line, byline, credit or 电头."""
    if len(s) > APART_MAX or pt.ends_sentence(s) or any(c in s for c in "，,；;：:"):
        return False
    if s[0] in "（(" or (s[-1] in "）)" and "（" not in s and "(" not in s) or _SPACED.search(s):
        return False
    return not (
        byline_line(s)
        or pt.EDITORS.match(s)
        or pt.PHOTO_CREDIT.search(s)
        or (pt.may_open_dateline(s) and pt.DATELINE.match(s))
    )
