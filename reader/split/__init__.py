"""Split a raw page text into articles, photo captions and page furniture, in reading order.

The one entry point is :func:`split_text`. It never raises on any text and never drops a line:
every non-empty input line survives in some item.

Two methods: ``learned`` (the default) labels every line with a CRF fitted on renderings of real
pages and groups the labels into articles (``reader.split.staged``); ``rules`` is the earlier
hand-written splitter for PDF text, paragraphs and markdown, kept for pages it was written on.
"""

from __future__ import annotations

from reader.models import Item, SplitPage
from reader.split.detect import detect_layout

__all__ = ["split_text", "detect_layout", "METHODS"]

METHODS = ("learned", "rules")


def split_text(text: str, method: str = "learned") -> SplitPage:
    """Split one page's text (already decoded) into items; never raises, never drops a line."""
    try:
        return _split(text, method)
    except Exception:  # noqa: BLE001 - the contract is to never raise; keep every line instead
        return _fallback(text)


def _split(text: str, method: str = "learned") -> SplitPage:
    """The split itself (raises on a defect: tests call this to see crashes the fallback hides)."""
    if method == "learned":
        from reader.split.staged import split_staged

        return split_staged(text)
    if method != "rules":
        raise ValueError(f"unknown split method {method!r}")
    return _split_rules(text)


def _split_rules(text: str) -> SplitPage:
    from reader.split.units import normalise

    text = normalise(text)  # line ends, NULs and invisible characters read as the learned method reads them
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
