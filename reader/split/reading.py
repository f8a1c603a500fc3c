"""The text as the labeller reads it: the conventions its cues were learned in, one character for one.

The line labeller was fitted on simplified text set with full-width punctuation (，。：), the way
Chinese newspapers print. Pages also come in traditional characters, or with ASCII punctuation
(OCR output, some web crawls: ``他说,今天.``). :func:`reading_form` maps both to the printed
convention: traditional characters fold to simplified (:func:`reader.tokens.fold`), and an ASCII
mark that touches a Chinese character becomes its full-width form (a full stop only where it
ends a sentence, so ``3.5`` and ``www.people.cn`` stay). Each character maps to one character, so
offsets hold and the page's own text can be handed on unchanged.
"""

from __future__ import annotations

import re

from reader.split.patterns import CJK
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


def _full(m: re.Match[str]) -> str:
    return _FULL[m.group()]


def needs_reading(page: str) -> bool:
    """Whether a page's reading form may differ from it: traditional characters among a sample of
    its characters, or an ASCII mark touching a Chinese character (cheap: most pages are neither)."""
    if _MARK.search(page) or _STOP.search(page):
        return True
    sample = page[::_SAMPLE]
    return fold(sample) is not sample


def reading_form(text: str) -> str:
    """``text`` in the labeller's conventions (the same object when nothing changes)."""
    out = _STOP.sub("。", fold(text))
    out = _MARK.sub(_full, out)
    return text if out == text else out


def as_is(text: str) -> str:
    """``text`` itself: the reading form of a page that needs none."""
    return text


def in_own(found: str, folded: str, own: str) -> str:
    """``found`` (read in ``folded``, ``own`` in its reading form) in ``own``'s characters."""
    if folded is own or not found:
        return found
    return found.translate({ord(f): o for f, o in zip(folded, own, strict=True) if f != o})
