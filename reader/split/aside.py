"""Lines the labeller reads around, not as words: separator lines, byline lines, the page's header.

A separator (---, ＊＊＊) says where stories part and has no words: it is read as one more blank
line and kept as the page's furniture. A byline standing on a line of its own under a headline
(本报记者 某某 通讯员 某某) is read as if it were not there — the training pages carry bylines inside
paragraphs only, so the model would take it for one more headline line — and put back as the
first line of the story under it, whose byline it becomes (``staged._article``). The header a
page's text opens with (人民日报 2019年2月1日 星期五 第3版, 本版责编：…) is the page's furniture, and
a hard-wrapped or markdown page is read as if it began under it: the model's cues for a page's first lines (a story
continued from another page, a headline printed after its body) would otherwise fall on the
header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from reader.split import patterns as pt
from reader.split.features import local_widths, page_features
from reader.split.flags import BENBAN
from reader.split.units import UNDERLINE, Unit

Tagger = Callable[
    [list[Unit], list[list[str]], list[set[str]], list[float]],
    tuple[list[str], list[float], list[list[str]]],
]


def byline_line(text: str) -> bool:
    """本报记者 某某 (通讯员 某某): a short line of role words and names, no sentence in it; or a
    letter's signature (河南洛阳  邓德洪)."""
    # A line of over 80 characters is wider than 40 cells (none is narrower than half a cell).
    return (
        len(text) <= 80
        and pt.width(text) <= 40
        and not (pt.credit_near_end(text) and pt.PHOTO_CREDIT.search(text))  # 通讯员 某某 摄影
        and bool(pt.BYLINE_ALONE.match(text) or pt.SIGNATURE.match(text))
    )


# A page header line: a date (with the paper's name or the weekday), a 第N版 page number, an editors'
# line; short, and no sentence in it.
_PAGE_NO = re.compile(r"第\s*[A-Z]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*版|^版面[：:]")
_SENTENCE = re.compile("[，。；！？]")
HEADER_MOST = 4  # lines: a masthead, a date, a page name, an editors' line


def page_header(us: list[Unit]) -> list[int]:
    """The units the page opens with that are its header (none when the page is nothing else).

    The labeller reads a hard-wrapped or markdown page as if it began under its header (training
    renders with a header: wrapped 0.857 -> 0.859, markdown 0.909 -> 0.910). A page of paragraphs
    keeps a header a blank line sets off (setting it aside lost held-out renderings 0.001); one
    right over the first headline it reads as a kicker, and the page's headline typography with
    it (dev paragraphs under a masthead line: 0.928 kept, 0.936 set aside; training dates 0.934 ->
    0.936)."""
    out: list[int] = []
    for i, u in enumerate(us[:HEADER_MOST]):
        s = u.text
        if u.md or pt.width(s) > 40 or _SENTENCE.search(s):
            break
        if not (pt.DATE_LINE.match(s) or _PAGE_NO.search(s) or pt.EDITORS.match(s) or BENBAN.match(s)):
            break
        out.append(i)
    return out if len(out) < len(us) else []


def set_aside(
    us: list[Unit],
    rules: list[int],
    bylines: list[int],
    grams: list[set[str]],
    tag: Tagger,
    header: list[int] | None = None,
) -> tuple[list[str], list[float], list[list[str]], list[float]]:
    """Label a page without its separator lines (---, ＊＊＊) and its byline lines (本报记者 某某),
    then put them back: a rule as the page's furniture, read as one more blank line (it says where
    stories part, and has no words); a byline line as the first line of the story under it, read
    as if it were not there (the training pages carry bylines inside paragraphs only, so the model
    would take it for one more headline line); the page's ``header`` as its furniture, the page
    read as if it began under it."""
    is_byline, is_rule = set(bylines), set(rules)
    aside = is_byline | is_rule | set(header or ())
    fixed = kept_units(us, aside, is_byline, bool(header))
    widths = local_widths(fixed)
    kept_grams = [g for i, g in enumerate(grams) if i not in aside]
    labels, probs, feats = tag(fixed, page_features(fixed, widths, kept_grams), kept_grams, widths)
    rows = iter(zip(labels, probs, feats, widths, strict=True))
    merged: list[_Row] = [("F", 1.0, ["rule"], 0.0) if i in aside else next(rows) for i in range(len(us))]
    for i in header or ():
        merged[i] = ("F", 1.0, ["the page's header"], 0.0)
    for i in bylines:
        merged[i] = _byline_row(merged, i, aside)
    return [m[0] for m in merged], [m[1] for m in merged], [m[2] for m in merged], [m[3] for m in merged]


def kept_units(us: list[Unit], aside: set[int], bylines: set[int], header: bool = False) -> list[Unit]:
    """The units not set ``aside``, their blank lines counted as the labeller reads them: a rule
    as one more blank line, a byline line as if it were not there (the blank lines around it
    kept), under a ``header`` the page begun as at its top."""
    kept: list[Unit] = []
    gap = 3 if header else 0  # blank lines, rules counted as blank lines, since the last kept unit
    held = 0  # blank lines around byline lines set aside since then
    for i, u in enumerate(us):
        if i in aside:
            if i in bylines:
                held = max(held, u.blank_before)
            else:
                gap += u.blank_before + (u.md != UNDERLINE)  # an underline is markup, no gap of its own
            continue
        before = min(max(u.blank_before, held) + gap, 3)
        kept.append(u if before == u.blank_before else replace(u, blank_before=before))
        gap = held = 0
    # A unit whose gaps are unchanged is kept as it is (a dataclass copy per unit costs more than
    # the rest of this on a page of thousands of lines).
    after = [u.blank_before for u in kept[1:]] + [3] * bool(kept)
    return [u if u.blank_after == a else replace(u, blank_after=a) for u, a in zip(kept, after, strict=True)]


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
