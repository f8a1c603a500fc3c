"""Crawled article text that still holds its web page's markup, as plain paragraphs.

Crawls of a paper's website often keep an article's body as the page had it: ``<p>　　…</p>``,
``<br/>``, ``&nbsp;`` and ``&ldquo;…&rdquo;``. Such text is read with the standard library's HTML
parser: a block element (a paragraph, a line break, a heading, a list item, a table row) ends a
line, other tags are dropped with what scripts and styles hold, and character references become
the characters they name. Text with neither tags nor references is handed back as it is.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from reader.text.decode import ENTITY, INVISIBLE

# The tags crawled article bodies hold (character references: reader.text.decode.ENTITY).
_MARKUP = re.compile(
    r"</?(?:p|br|div|span|strong|b|i|em|u|a|img|font|h[1-6]|li|ul|ol|table|tbody|tr|td|th|section"
    r"|article|blockquote|center|sup|sub|figure|figcaption|script|style)\b[^<>]*>",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    ("p", "br", "div", "li", "ul", "ol", "table", "tr", "section", "article", "blockquote", "center")
    + ("figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6")
)
_HIDDEN = frozenset(("script", "style"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain(text: str) -> str:
    """``text`` without its web markup: tags read as above, references as their characters, and
    characters with no width and no text (zero-width spaces inside words, as web pages carry them:
    ``reader.text.decode.INVISIBLE``) taken out, so that search finds the words they split."""
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    if _MARKUP.search(text):
        parser = _Text()
        parser.feed(text)
        parser.close()
        return "".join(parser.parts)
    if ENTITY.search(text):
        return html.unescape(text)
    return text


def plain_line(text: str) -> str:
    """A one-line field (a title, a byline) without its web markup, its lines joined by a space."""
    out = plain(text)
    return " ".join(s for s in (p.strip() for p in out.split("\n")) if s) if out is not text else text
