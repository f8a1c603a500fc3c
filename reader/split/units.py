"""A page cut into units: one per non-blank line, with its raw line number and its typography.

The learned splitter labels units, so everything later stages need about a line's shape is read
here once: markdown heading marks, bold, indents, blank lines around it, and its printed width.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.split import patterns as pt
from reader.text.decode import INVISIBLE, unescape_entities

# An ATX heading: ## 标题, also ##标题 (no space before a Chinese character, as hand-made and
# converted markdown often sets it; no other # in it, so a #话题# hashtag line is none).
_MD_HEAD = re.compile(r"^(#{1,6})(?:[ \t]+(.*?)|(?=[^\x00-\x7f#]|[0-9])([^#]*?#*))[ \t]*$")
# Its closing sequence (## 标题 ##, ##标题##): read without it, kept in the item's text.
_MD_CLOSE = re.compile(r"(?:[ \t]+|(?<=[^\x00-\x7f]))#+$")
_BOLD = re.compile(r"^\*\*(.+?)\*\*$|^__(.+?)__$")
# A line that may be a heading or bold: only these need the regexes.
_MARK_START = ("#", "*", "_")


@dataclass(frozen=True, slots=True)
class Unit:
    """One non-blank line of the page: where it stands and how it is printed."""

    n: int  # 1-based raw line number in the page text
    text: str  # the line's words: stripped, markdown heading or bold marks removed
    md: int  # markdown heading level 1-6, 7 for a whole-line **bold**, 8 a setext underline, 0 none
    indent: str  # "" none, "ideo" (　), "space", "tab"; "deep" past 2.5 cells (centred, set off)
    blank_before: int  # blank lines just before it (capped at 3; page start counts 3)
    blank_after: int  # blank lines just after it (capped at 3; page end counts 3)
    width: float  # printed width in CJK cells (ASCII counts a half), a paragraph indent included
    marked: str = ""  # the line as printed when ``text`` dropped marks that must stay (**bold**)
    lead: float = 0.0  # of ``width``, the paragraph indent's cells (0 for none, or for "deep")
    tail: str = ""  # the spaces the raw line ends in, which ``width`` leaves out

    @property
    def widths(self) -> tuple[float, ...]:
        """The line's width, and for a line that ends in spaces also its width with them, counted
        as characters and in cells: a hard wrap that fell just after spaces (本报南京10月9日电 and
        the two spaces after it) filled the column only with them."""
        if not self.tail:
            return (self.width,)
        return (self.width, self.width + len(self.tail), self.width + pt.width(self.tail))

    @property
    def shown(self) -> str:
        """The line's text as items keep it: every character a reader could search for."""
        return self.marked or self.text


def _indent(raw: str) -> tuple[str, float]:
    """The line's indent: its kind ("" none, "ideo", "tab", "space", "deep") and, for a paragraph
    indent, its width in cells (0 for "deep": a set-off line's indent is no part of the column)."""
    if raw[:1] not in _INDENTS:
        return "", 0.0
    lead = raw[: len(raw) - len(raw.lstrip(" \t\u3000\xa0"))]
    cells = sum(1.0 if c == "\u3000" else 2.0 if c == "\t" else 0.5 for c in lead)
    # Deeper than any paragraph indent (two ideographic spaces, four ASCII spaces or a tab): a
    # line centred or set off on the column, which a paragraph start is not.
    if cells > 2.5:
        return "deep", 0.0
    if raw.startswith("\u3000"):
        return "ideo", cells
    if raw.startswith("\t"):
        return "tab", cells
    if raw.startswith(" "):
        return "space", cells
    return "", 0.0


# The characters _indent counts; a line that starts with none of them is not indented.
_INDENTS = frozenset(" \t\u3000\xa0")


UNDERLINE = 8  # Unit.md of a setext heading's underline (markup, not a gap between stories)
_SETEXT = re.compile(r"^(?:={3,}|-{3,})$")


def _setext_title(row: tuple[int, str, int, tuple[str, float], int, str, str]) -> bool:
    """Whether a line can be the heading a setext underline marks: unmarked, short, no sentence end
    (a --- under a paragraph's last line is a rule between stories)."""
    text, md = row[1], row[2]
    return md == 0 and len(text) <= 40 and not pt.ends_sentence(text) and not _SETEXT.match(text)


def normalise(text: str) -> str:
    """Line ends made "\\n", NUL characters and invisible ones (``reader.text.decode.INVISIBLE``)
    removed: they carry no text; HTML character references read (``unescape_entities``: a page
    saved from the web). Nothing else changes (line numbers included)."""
    out = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    out = INVISIBLE.sub("", out) if INVISIBLE.search(out) else out
    return unescape_entities(out)


def units(text: str) -> list[Unit]:
    """Cut a (normalised) page text into units, one per non-blank line, in order."""
    # The fields of each unit first, then the units, each made once (a frozen dataclass is slow to
    # build): the blank lines after a unit are only known at the next one.
    rows: list[tuple[int, str, int, tuple[str, float], int, str, str]] = []
    blank = 3
    width = pt.width
    for n, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if not s:
            blank += 1
            continue
        md = 0
        marked = ""
        if s.startswith(_MARK_START):
            m = _MD_HEAD.match(s)
            words = (m.group(2) or m.group(3) or "").strip() if m else ""
            if m and words:
                md = len(m.group(1))
                s = words
                bare = _MD_CLOSE.sub("", words).rstrip()
                if bare and bare != words:
                    marked, s = words, bare
            else:
                b = _BOLD.match(s)
                if b and (b.group(1) or b.group(2) or "").strip():
                    # The cues read the words; the item keeps the marks, which are no line-leading
                    # markup (a reader, and the scorer's coverage, sees **…** and __…__ as text).
                    md = 7
                    marked = s
                    s = (b.group(1) or b.group(2)).strip()
        elif rows and blank == 0 and _SETEXT.match(s) and _setext_title(rows[-1]):
            # A markdown setext heading: a short line underlined with === (level 1) or --- (level
            # 2). The underline stays a unit of its own (a rule: furniture, read as a gap).
            rows[-1] = (*rows[-1][:2], 1 if s[0] == "=" else 2, *rows[-1][3:])
            md = UNDERLINE
        tail = raw[len(raw.rstrip()) :]
        rows.append((n, s, md, _indent(raw), min(blank, 3), marked, tail))
        blank = 0
    afters = [r[4] for r in rows[1:]] + [3] if rows else []
    return [
        Unit(n, s, md, ind, before, after, width(s) + lead, marked, lead, tail)
        for (n, s, md, (ind, lead), before, marked, tail), after in zip(rows, afters, strict=True)
    ]


def spaced(us: list[Unit]) -> list[Unit]:
    """A markdown page that leaves no blank line anywhere, one paragraph a line, read as if a
    blank line stood between every two lines (as markdown pages mostly print them); any other
    page as it is.

    Its line breaks part paragraphs and headings as blank lines part them elsewhere: without
    this, a ``## `` headline set close under a paragraph read as one more line of it.
    """
    if len(us) < 3 or any(u.blank_before for u in us[1:]):
        return us
    heads = sum(1 for u in us if 1 <= u.md <= 6)
    rest = [u for u in us if not u.md]
    if heads < 2 or not rest:
        return us
    # One paragraph a line: most lines end a sentence (a hard-wrapped page's lines mostly do not).
    if sum(1 for u in rest if pt.ends_sentence(u.text)) * 2 < len(rest):
        return us
    last = len(us) - 1
    return [
        replace(
            u, blank_before=u.blank_before if i == 0 else 1, blank_after=u.blank_after if i == last else 1
        )
        for i, u in enumerate(us)
    ]


def column_widths(ws: list[float], at: Iterable[int] | None = None, radius: int = 6) -> list[float]:
    """The local wrap width at each index of ``at`` (every index by default) of a page whose lines
    are ``ws`` wide: the most common width among the neighbours' long lines.

    A hard-wrapped paragraph prints most lines at exactly the column width, so the mode of nearby
    widths is that width; in a page of one paragraph per line there is no such mode and the value
    only says how long nearby lines are (0.0 where no neighbour is long).
    """
    # The long lines' widths; 0 stands for a short line, which does not count.
    long = [w if w >= 6 else 0 for w in (round(x) for x in ws)]
    out: list[float] = []
    for i in range(len(long)) if at is None else at:
        near = long[max(0, i - radius) : i] + long[i + 1 : i + radius + 1]
        if 0 in near:
            near = [w for w in near if w]
        if not near:
            out.append(0.0)
            continue
        # max() keeps the first of equal counts: the width met first, as a count in order met does.
        best = max(near, key=near.count)
        out.append(float(best) if near.count(best) >= 2 else float(max(near)))
    return out


def _full(ws: list[float], at: list[int]) -> int:
    """How many units of ``at`` are as wide as their column (``column_widths``), each width in
    ``ws`` read in one measure."""
    return sum(1 for i, col in zip(at, column_widths(ws, at), strict=True) if col and abs(ws[i] - col) <= 0.5)


def measured(us: list[Unit]) -> list[Unit]:
    """The units with their widths in characters when the page was wrapped by counting characters
    (ASCII as wide as CJK), as some PDF tools and text dumps wrap; else the units as they are
    (widths in cells, ASCII half a cell, as type sets a printed column).

    Only lines with ASCII in them tell the two apart: inside a paragraph (its next line follows
    with no blank line), such a line runs to the column's width in the measure the page was
    wrapped in. Read in the other, a wrapped line full of digits looked short, like a headline's,
    and a paragraph was cut in two at it.
    """
    chars = [len(u.text) + u.lead for u in us]
    # The first 60 such lines decide: a page is wrapped one way throughout.
    inside = [i for i in range(len(us) - 1) if us[i + 1].blank_before == 0 and us[i].width != chars[i]][:60]
    if len(inside) < 2:
        return us
    # Characters must fit clearly more lines than cells (a tenth of them, two at least): on
    # rendered pages (every other training page, three families each) this took 258 of the 260
    # pages wrapped by characters that had two such lines, none of 532 wrapped by cells, and one
    # of 924 pages of paragraphs or markdown.
    if _full(chars, inside) < _full([u.width for u in us], inside) + max(2, len(inside) // 10):
        return us
    # Only a line with ASCII in it has two widths; the others are kept as they are.
    return [
        u
        if u.width == w
        else Unit(u.n, u.text, u.md, u.indent, u.blank_before, u.blank_after, w, u.marked, u.lead, u.tail)
        for u, w in zip(us, chars, strict=True)
    ]


@dataclass(frozen=True)
class Labelled:
    """A page's units with their labels, each label's probability, and the features behind them."""

    units: list[Unit]
    labels: list[str]
    probs: list[float]
    features: list[list[str]]
    widths: list[float]  # each unit's local wrap width (features.local_widths)
    grams: list[set[str]] | None = None  # each unit's bigrams (cohesion.bigrams), made once for both stages
    # The units' text as the labeller read it (reading_form, closed_up), when that differs.
    seen: list[str] | None = None
    # Paragraph starts measured as full lines on a page that lost its indents (reader.split.indents).
    flush_starts: int = 0
