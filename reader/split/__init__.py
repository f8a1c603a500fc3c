"""Split a raw page text into articles, photo captions and page furniture, in reading order.

The one entry point is :func:`split_text`. It never raises on any text and never drops a line:
every non-empty input line survives in some item.
"""

from __future__ import annotations

from reader.models import Item, SplitPage
from reader.split.detect import detect_layout

__all__ = ["split_text", "detect_layout"]


def split_text(text: str) -> SplitPage:
    """Split one page's text (already decoded, line ends normalised) into items."""
    try:
        return _split(text)
    except Exception:  # noqa: BLE001 - the contract is to never raise; keep every line instead
        return _fallback(text)


def _split(text: str) -> SplitPage:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    layout = detect_layout(text)
    if layout == "markdown":
        from reader.split.markdown import split_markdown

        items, page_name = split_markdown(text)
    elif layout == "paragraphs":
        from reader.split.paragraphs import split_paragraphs

        items, page_name = split_paragraphs(text)
    else:
        from reader.split.pdfpage import split_pdf

        items, page_name = split_pdf(text)
    return SplitPage(items=tuple(items), layout=layout, page_name=page_name)


def _fallback(text: str) -> SplitPage:
    """Every non-empty line kept, one paragraph each, in one untitled article."""
    lines = [ln.strip() for ln in str(text).split("\n") if ln.strip()]
    if not lines:
        return SplitPage(items=())
    return SplitPage(items=(Item(kind="article", body="\n".join(lines)),), layout="pdf-text")
