"""Tell the three page layouts apart from line statistics."""

from __future__ import annotations

import re

from reader.split.patterns import ends_sentence, width

_MD_HEAD = re.compile(r"^#{1,6}\s+\S")


def detect_layout(text: str) -> str:
    """Return "markdown", "paragraphs" (one line per paragraph) or "pdf-text" (hard-wrapped lines)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return "pdf-text"
    heads = sum(1 for ln in lines[:5000] if _MD_HEAD.match(ln))
    if heads >= 2 or (heads == 1 and len(lines) <= 3):
        return "markdown"
    lengths = [len(ln) for ln in lines]
    total = sum(lengths)
    long_chars = sum(n for n in lengths if n > 60)
    # Hard-wrapped PDF text keeps nearly every line under ~30 characters; in paragraph text most
    # of the characters stand in lines of a paragraph's length, however many short headlines there are.
    if long_chars > 0.4 * total:
        return "paragraphs"
    # Hard wraps cut sentences anywhere, so few wide PDF lines end a sentence (about one in
    # twenty); a paragraph per line ends one far more often, however short the paragraphs.
    wide = [ln for ln in lines[:20000] if width(ln) >= 20]
    if len(wide) >= 3 and sum(1 for ln in wide if ends_sentence(ln)) > 0.4 * len(wide):
        return "paragraphs"
    return "pdf-text"
