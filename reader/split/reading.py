"""The text as the labeller reads it: the conventions its cues were learned in, one character for one.

The line labeller was fitted on simplified text set with full-width punctuation (，。：), the way
Chinese newspapers print. Pages also come in traditional characters, or with ASCII punctuation
(OCR output, some web crawls: ``他说,今天.``). :func:`reading_form` maps both to the printed
convention: traditional characters fold to simplified (:func:`reader.tokens.fold`), and an ASCII
mark that touches a Chinese character becomes its full-width form (a full stop only where it
ends a sentence, so ``3.5`` and ``www.people.cn`` stay), as do marks standing alone on a line;
full-width digits and letters (２０１９, ＧＤＰ) are read as ASCII, as the corpus prints them. Each
character maps to one character, so offsets hold and the page's own text can be handed on
unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.split.patterns import CJK, ends_sentence, width
from reader.split.units import Unit
from reader.tokens import fold

_OPEN = "“‘「『（《"
_CLOSE = "”’」』）》"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# An ASCII mark after a Chinese character (or a closing quote), or before one (or an opening quote);
# "(" only before, ")" only after. Each pattern starts with the mark, so the engine skips to marks.
_MARK = re.compile(f"[,;:?!()](?:(?<=[{CJK}{_CLOSE}][,;:?!)])|(?<=[,;:?!(])(?=[{CJK}{_OPEN}]))")
# A full stop after a Chinese character or closing quote that is not followed by a letter or digit.
_STOP = re.compile(f"\\.(?<=[{CJK}{_CLOSE}]\\.)(?![0-9A-Za-z])")
_SAMPLE = 7  # a page in traditional characters shows them in any seventh of its characters
# A line of marks alone: the end of a sentence a hard wrap carried onto a line of its own (。 or
# ）。), whose Chinese character is on the line above.
_LONE = re.compile(r"[,;:?!().]+")
_FULL_TABLE = str.maketrans(_FULL)
# Full-width digits and Latin letters (２０１９年, ＧＤＰ): the corpus's text holds none, only ASCII.
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_NARROW = {
    c: c - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
}


def _full(m: re.Match[str]) -> str:
    return _FULL[m.group()]


def needs_reading(page: str) -> bool:
    """Whether a page's reading form may differ from it: traditional characters among a sample of
    its characters, an ASCII mark touching a Chinese character, or a full-width digit or letter
    (cheap: most pages are none of these)."""
    if _MARK.search(page) or _STOP.search(page) or _WIDE.search(page):
        return True
    sample = page[::_SAMPLE]
    return fold(sample) is not sample


def reading_form(text: str, narrow: bool = True) -> str:
    """``text`` in the labeller's conventions (the same object when nothing changes); its
    full-width digits and letters left as they are unless ``narrow`` (the form a line is measured
    in: a full-width digit takes its cell in a printed column, as a full-width mark does)."""
    if _LONE.fullmatch(text):
        return text.translate(_FULL_TABLE)
    out = fold(text)
    out = _narrowed(out) if narrow else out
    out = _STOP.sub("。", out)
    out = _MARK.sub(_full, out)
    return text if out == text else out


def _narrowed(text: str) -> str:
    """``text`` with its full-width digits and letters made ASCII (the same object when it has none)."""
    return text.translate(_NARROW) if _WIDE.search(text) else text


def read_unit(u: Unit, closed: bool, reading: bool) -> Unit:
    """Unit ``u`` as the labeller reads it (:func:`closed_up` when ``closed``, then
    :func:`reading_form` when ``reading``), ``u`` itself when that is its text; measured in cells,
    a mark read in its full-width form taking a full cell, as it does in a printed column, and a
    full-width digit or letter read narrow still taking its own (a column wrapped by cells holds
    it so; a page wrapped by characters counts it one, as it does a Chinese character)."""
    t = closed_up(u.text) if closed else u.text
    seen = reading_form(t, narrow=False) if reading else t
    t = _narrowed(seen) if reading else seen
    return u if t is u.text else replace(u, text=t, width=width(seen) + u.lead)


def as_is(text: str) -> str:
    """``text`` itself: the reading form of a page that needs none."""
    return text


def in_own(found: str, folded: str, own: str) -> str:
    """``found`` (read in ``folded``, ``own`` in its reading form) in ``own``'s characters."""
    if folded is own or not found:
        return found
    return found.translate({ord(f): o for f, o in zip(folded, own, strict=True) if f != o})


# OCR output and some PDF tools set spaces between Chinese characters inside sentences (国 务院
# 近日 印发…): they widen lines, break a hard-wrapped column's measure, and look like the space
# between a headline's phrases. A page whose sentence lines hold many such spaces (spaced_out) is
# read with them closed up (closed_up); its units keep their own text.
# One space between two Chinese characters (runs of two and more pad names and part paragraphs).
_GAP = re.compile(f"(?<=[{CJK}])[ \u3000\xa0](?=[{CJK}])")
# Closed up: one space alone inside the line, unless between two Latin letters ("New York" stays);
# runs of two and more are the page's own layout (电　　（记者, padded names), as are the spaces at
# the line's ends.
_CLOSE_UP = re.compile(
    "(?<=\\S)[ \u3000\xa0](?=\\S)(?<![A-Za-z].)|(?<=[A-Za-z])[ \u3000\xa0](?=[^\\sA-Za-z])"
)
# Spaces alone between two Chinese characters, per character of a page's sentence lines, from
# which the page is read closed up. Pages as printed stay under 0.004 (bench/split_identical.py's
# 1,031 pages: a byline's 高德权 文/图, a PDF line spread letter by letter), once a credit at a
# line's end (记者 王斌洋 摄) is not counted; dev pages hard-wrapped with a space at one character
# boundary in fifty measure 0.010 or more in nine of ten, in twenty 0.025.
MIN_GAPS = 0.008
_CREDIT_ENDS = ("摄", "摄影", "供图", "制图")
_MIN_LINES = 4  # lines holding such a space, at least


def spaced_out(us: list[Unit]) -> bool:
    """Whether a page sets spaces between Chinese characters inside its sentences, as OCR output
    and some PDF tools do: ``MIN_GAPS`` of the characters of its lines of 10 characters or more
    that hold a sentence mark (headlines, bylines and credits, which space names and phrases, hold
    none), on ``_MIN_LINES`` lines at least. A paragraph's first 16 characters are not counted (a
    law's 第一条　为了…, a 电头's 新华社北京2月3日电　近日… set a space there by design), nor a
    credit's last 14, but the whole of a line that goes on a paragraph wrapped above is."""
    chars = gaps = lines = 0
    for i, u in enumerate(us):
        t = u.text
        if len(t) < 10 or not ("，" in t or "。" in t or "；" in t or "？" in t or "！" in t):
            continue
        chars += len(t)
        if not (" " in t or "\u3000" in t or "\xa0" in t):  # most lines: no regex needed
            continue
        goes_on = i > 0 and not u.blank_before and not u.indent and not ends_sentence(us[i - 1].text)
        # A credit at the line's end spaces the photographer's name: 特约摄影 罗文涛 摄.
        end = len(t) - 14 if t.rstrip("）)").endswith(_CREDIT_ENDS) else len(t)
        found = len(_GAP.findall(t, 0 if goes_on else 16, max(0, end)))
        gaps += found
        lines += found > 0
    return lines >= _MIN_LINES and gaps >= MIN_GAPS * chars


def closed_up(text: str) -> str:
    """``text`` with its lone spaces inside the line taken out, but for one between two Latin
    letters (the same object when it has none)."""
    out = _CLOSE_UP.sub("", text)
    return text if out == text else out
