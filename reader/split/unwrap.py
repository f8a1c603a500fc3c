"""A second reading of a hard-wrapped page: its paragraphs joined back into one line each.

The labeller reads a hard-wrapped page line by line, and on the same stories it reads a page of one
paragraph a line better when the page keeps no blank lines between paragraphs, sets every story at
one width, or wraps its headlines too (bench/unwrap_probe.py). On pages that print headlines after
their stories the line-by-line reading is the better one. So a hard-wrapped page is read both ways
and split both ways, and the split keeps the reading that leaves fewer stories with no title or no
body (one headline stack belongs to one story), and between two that leave as many, the one its
labeller is surer of: the higher mean log probability of the labels it chose (a figure of the page
as a whole, not of one line; no threshold to fit).

A line runs on into the next one when it is as wide as its local wrap width, or as the next line's
(a story set at a new width starts with a full line that the width estimate, drawn from the lines
around it, does not know yet), but not wider: a headline wider than the column is no wrapped line.
The next line must follow with no blank line or indent, and where the page's first reading takes
either line for a headline, both must be read in the same role: a headline whose last line happens
to fill the column stays off the text under it, a story's last line off a headline printed under
it, and a kicker off its title, while a title wrapped over two lines is one line again.

The two readings are compared line for line of the page: a joined line's label counts once for each
raw line it was made from, so a reading of fewer, longer lines is neither favoured nor penalised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reader.models import Item, SplitPage
from reader.split.features import page_kind
from reader.split.group import HEAD
from reader.split.lines import join_wrapped
from reader.split.units import Labelled, normalise

FULL = 1.0  # cells short of (or past) the local wrap width a line may be and still count as full
# A joined page this short (in lines, blank ones included) is no evidence either way: the labeller
# reads a page of a few paragraphs with too little context (the second pass's floor, second.MIN_UNITS).
MIN_LINES = 20
_FLOOR = 1e-6  # the least probability a label is counted at (log 0 would end the comparison)


def joined(lab: Labelled, text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """Page ``text`` (labelled as ``lab``) with each hard-wrapped paragraph on one line, and for each
    of its lines (1-based, at index line - 1) the raw lines it came from, first and last; None when
    the page is not hard-wrapped or no two lines join."""
    us, widths = lab.units, lab.widths
    if not us or page_kind(us, widths) != "w":
        return None
    raw = normalise(text).split("\n")  # the lines Unit.n counts
    paras: list[tuple[bool, str, int, int]] = []  # blank line before, text, first and last raw line
    above: tuple[tuple[float, ...], float, str] | None = None  # the line above: widths, local width, label
    joins = 0
    for u, w, label in zip(us, widths, lab.labels, strict=True):
        line = raw[u.n - 1]
        if paras and above and _runs_on(above, w, label) and not u.blank_before and not u.indent:
            blank, text, first, _ = paras[-1]
            paras[-1] = (blank, join_wrapped(text, line), first, u.n)
            joins += 1
        else:
            paras.append((bool(u.blank_before), line.rstrip() if u.indent else line.strip(), u.n, u.n))
        above = (u.widths, w, label)
    if not joins:
        return None
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for blank, text, first, last in paras:
        if out and blank:
            out.append("")
            spans.append((first, first))
        out.append(text)
        spans.append((first, last))
    return "\n".join(out), spans


def second(lab: Labelled, text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """:func:`joined`, when the joined page is long enough to be read a second time (``MIN_LINES``)."""
    got = joined(lab, text)
    return got if got is not None and got[0].count("\n") + 1 >= MIN_LINES else None


def _runs_on(above: tuple[tuple[float, ...], float, str], w: float, label: str) -> bool:
    """Whether the line above (its widths: without, and for a line that ends in spaces with, those
    spaces; its local wrap width; its label in the first reading) runs on into a line of local
    wrap width ``w`` read as ``label``: never across a headline's edge or between two headline
    roles."""
    widths, w_above, label_above = above
    if (label_above in HEAD or label in HEAD) and label != label_above:
        return False
    return any(ww >= 6 and abs(x - ww) <= FULL for ww in (w_above, w) for x in widths)


def sureness(lab: Labelled, spans: list[tuple[int, int]] | None = None) -> float:
    """The mean log probability of the labels the labeller chose for the page's raw lines: for a
    joined reading (``spans``: :func:`joined`'s), each line's label counts once per raw line."""
    if not lab.probs:
        return 0.0
    weights = (
        [1] * len(lab.units)
        if spans is None
        else [spans[u.n - 1][1] - spans[u.n - 1][0] + 1 for u in lab.units]
    )
    total = sum(k * math.log(max(p, _FLOOR)) for k, p in zip(weights, lab.probs, strict=True))
    return total / sum(weights)


@dataclass(frozen=True)
class Reading:
    """One reading of a page: its labels, its split, and for a joined reading :func:`joined`'s spans."""

    lab: Labelled
    page: SplitPage
    spans: list[tuple[int, int]] | None = None


def unsettled(page: SplitPage) -> int:
    """The stories a split leaves with no body or no title. One headline stack belongs to one story:
    a reading that leaves headlines without a story, or stories without a headline, has misread some
    of the lines between them."""
    return sum(1 for i in page.items if is_unsettled(i))


def is_unsettled(item: Item) -> bool:
    """A story (not a photo or furniture) with no body or no title."""
    return item.kind == "article" and (not item.body or not item.title)


def prefer_joined(printed: Reading, joined_: Reading) -> bool:
    """Whether the joined reading of a hard-wrapped page is kept: the one that leaves fewer stories
    unsettled (:func:`unsettled`), and between two that leave as many, the one the labeller is surer
    of (:func:`sureness`). On training-date renders (150 pages a set, seed 3; bench/unwrap_choice.py)
    settling first lifts the six hard-wrapped training families 0.9418 -> 0.9442 and six fixed
    renderings 0.8740 -> 0.8902."""
    a, b = unsettled(printed.page), unsettled(joined_.page)
    if a != b:
        return b < a
    return sureness(joined_.lab, joined_.spans) > sureness(printed.lab)


def on_raw_lines(page: SplitPage, spans: list[tuple[int, int]]) -> SplitPage:
    """A split of the joined page (:func:`joined`) as a split of the page itself: each item's lines
    are the raw lines they came from, and the page is hard-wrapped text."""
    items = tuple(
        replace(i, lines=(spans[i.lines[0] - 1][0], spans[i.lines[1] - 1][1])) if i.lines != (0, 0) else i
        for i in page.items
    )
    return replace(page, items=items, layout="pdf-text")
