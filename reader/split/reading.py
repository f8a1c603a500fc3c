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
# A mark after a Chinese character (or a closing quote), or before one (or an opening quote).
_AFTER = re.compile(f"(?<=[{CJK}{_CLOSE}])[,;:?!)]|[,;:?!](?=[{CJK}{_OPEN}])|\\((?=[{CJK}])")
# A full stop after a Chinese character or closing quote that is not followed by a letter or digit.
_STOP = re.compile(f"(?<=[{CJK}{_CLOSE}])\\.(?![0-9A-Za-z])")


def _full(m: re.Match[str]) -> str:
    return _FULL[m.group()]


def reading_form(text: str) -> str:
    """``text`` in the labeller's conventions (the same object when nothing changes)."""
    out = fold(text)
    if "." in out:
        out = _STOP.sub("。", out)
    if any(c in out for c in ",;:?!()"):
        out = _AFTER.sub(_full, out)
    return text if out == text else out
