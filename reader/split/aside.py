"""Lines the labeller reads around, not as words: separator lines and byline lines.

A separator (---, ＊＊＊) says where stories part and has no words: it is read as one more blank
line and kept as the page's furniture. A byline standing on a line of its own under a headline
(本报记者 某某 通讯员 某某) is read as if it were not there — the training pages carry bylines inside
paragraphs only, so the model would take it for one more headline line — and put back as the
first line of the story under it, whose byline it becomes (``staged._article``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.split import patterns as pt
from reader.split.features import local_widths, page_features
from reader.split.units import UNDERLINE, Unit

Tagger = Callable[
    [list[Unit], list[list[str]], list[set[str]], list[float]],
    tuple[list[str], list[float], list[list[str]]],
]


def byline_line(text: str) -> bool:
    """本报记者 某某 (通讯员 某某): a short line of role words and names, no sentence in it."""
    return pt.width(text) <= 40 and not text.endswith("摄") and bool(pt.BYLINE_ALONE.match(text))


def set_aside(
    us: list[Unit], rules: list[int], bylines: list[int], grams: list[set[str]], tag: Tagger
) -> tuple[list[str], list[float], list[list[str]], list[float]]:
    """Label a page without its separator lines (---, ＊＊＊) and its byline lines (本报记者 某某),
    then put them back: a rule as the page's furniture, read as one more blank line (it says where
    stories part, and has no words); a byline line as the first line of the story under it, read
    as if it were not there (the training pages carry bylines inside paragraphs only, so the model
    would take it for one more headline line)."""
    is_byline, is_rule = set(bylines), set(rules)
    aside = is_byline | is_rule
    kept: list[Unit] = []
    gap = 0  # blank lines, rules counted as blank lines, since the last kept unit
    held = 0  # blank lines around byline lines set aside since then
    for i, u in enumerate(us):
        if i in aside:
            if i in is_byline:
                held = max(held, u.blank_before)
            else:
                gap += u.blank_before + (u.md != UNDERLINE)  # an underline is markup, no gap of its own
            continue
        before = max(u.blank_before, held) + gap
        kept.append(replace(u, blank_before=min(before, 3)))
        gap = held = 0
    fixed = [
        replace(u, blank_after=kept[k + 1].blank_before if k + 1 < len(kept) else 3)
        for k, u in enumerate(kept)
    ]
    widths = local_widths(fixed)
    kept_grams = [g for i, g in enumerate(grams) if i not in aside]
    labels, probs, feats = tag(fixed, page_features(fixed, widths, kept_grams), kept_grams, widths)
    rows = iter(zip(labels, probs, feats, widths, strict=True))
    merged: list[_Row] = [("F", 1.0, ["rule"], 0.0) if i in aside else next(rows) for i in range(len(us))]
    for i in bylines:
        merged[i] = _byline_row(merged, i, aside)
    return [m[0] for m in merged], [m[1] for m in merged], [m[2] for m in merged], [m[3] for m in merged]


_Row = tuple[str, float, list[str], float]  # a unit's label, its probability, its cues, its width


def _byline_row(merged: list[_Row], i: int, aside: set[int]) -> _Row:
    """A byline line's row: it opens the story under it (which goes on after it), goes on the
    story before it, or, with no story beside it, is the page's furniture."""
    nxt = next((j for j in range(i + 1, len(merged)) if j not in aside), None)
    prev = next((j for j in range(i - 1, -1, -1) if j not in aside), None)
    if nxt is not None and merged[nxt][0] in ("N", "P"):
        label = merged[nxt][0]
        if label == "N":
            merged[nxt] = ("P", *merged[nxt][1:])  # the story opens at the byline now
        return (label, merged[nxt][1], ["byline line"], merged[nxt][3])
    if prev is not None and merged[prev][0] in ("N", "P"):
        return ("P", merged[prev][1], ["byline line"], merged[prev][3])
    return ("F", 1.0, ["byline line"], 0.0)
