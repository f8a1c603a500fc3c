"""An article set as lines of ``rich.text.Text`` at a given width (no Textual: unit-testable).

Page text goes through :func:`reader.safe.visible` piece by piece, so highlight offsets computed
on the stored text still land on the right characters after control bytes are made visible.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text

from reader.models import Article
from reader.safe import visible_line
from reader.text.labels import date_label, page_label
from reader.text.layout import break_lines, measure
from reader.text.styled import styled_spans

INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of Chinese print
INDENT_CELLS = 4

# Attributes rather than colours: readable in light and dark themes, under NO_COLOR and on
# 8-colour terminals alike.
STYLE_KICKER = "italic"
STYLE_TITLE = "bold"
STYLE_SUBTITLE = "italic"
STYLE_META = "dim"
STYLE_SUBHEAD = "bold underline"
STYLE_CAPTION = "italic"
STYLE_HIT = "reverse"
STYLE_CURRENT_HIT = "reverse bold underline"

Highlighter = Callable[[str], list[tuple[int, int]]]


@dataclass
class Rendered:
    """An article set at one width: its lines and where the subheads and hits fall."""

    lines: list[Text] = field(default_factory=list)
    subhead_lines: list[int] = field(default_factory=list)
    hit_lines: list[int] = field(default_factory=list)
    width: int = 0

    def text(self) -> Text:
        """All lines as one Text (each line already fits: no further wrapping needed)."""
        return Text("\n").join(self.lines)


def _add_block(
    out: Rendered, text: Text, width: int, *, indent: bool = False, hit_starts: list[int] | None = None
) -> None:
    """Break ``text`` into lines and append them; note on which line each hit starts."""
    plain = text.plain
    offsets = break_lines(plain, width, first_indent=INDENT_CELLS if indent else 0)
    first = len(out.lines)
    for index, (start, end) in enumerate(offsets):
        line = text[start:end]
        if indent and index == 0:
            line = Text(INDENT) + line
        out.lines.append(line)
    for hit in hit_starts or []:
        for index, (start, end) in enumerate(offsets):
            if start <= hit < max(end, start + 1) or index == len(offsets) - 1:
                out.hit_lines.append(first + index)
                break


def render_article(
    article: Article, pane_width: int, *, highlighter: Highlighter | None = None, current_hit: int = -1
) -> Rendered:
    """Set ``article`` for a pane ``pane_width`` cells wide, highlighting what ``highlighter`` finds."""
    width = measure(pane_width)
    out = Rendered(width=width)
    hit_no = 0

    def mark(raw: str, base: str = "") -> tuple[Text, list[int]]:
        nonlocal hit_no
        first = hit_no
        text, starts = styled_spans(
            raw,
            highlighter(raw) if highlighter else [],
            lambda n: STYLE_CURRENT_HIT if first + n == current_hit else STYLE_HIT,
            base,
        )
        hit_no += len(starts)
        return text, starts

    def block(raw: str, base: str = "", *, indent: bool = False) -> None:
        text, starts = mark(raw.replace("\n", " "), base)
        _add_block(out, text, width, indent=indent, hit_starts=starts)

    if article.kicker:
        block(article.kicker, STYLE_KICKER)
    if article.kind == "photo":
        block("［图］" + (article.caption or article.title), STYLE_CAPTION)
        if article.credit:
            block(article.credit, STYLE_META)
    else:
        block(article.title or "（无题）", STYLE_TITLE)
        if article.subtitle:
            block(article.subtitle, STYLE_SUBTITLE)
    meta = [
        article.paper,
        date_label(article.date),
        page_label(article.page_number, article.section, page_id=article.page_id),
    ]
    if article.byline:
        meta.append(article.byline)
    # The meta line breaks between its parts where it can, so a byline's name stays whole.
    line = ""
    for part in (m for m in meta if m):
        joined = f"{line} · {part}" if line else part
        if line and cell_len(visible_line(joined)) > width:
            block(line, STYLE_META)
            joined = part
        line = joined
    if line:
        block(line, STYLE_META)
    subheads = {s.strip() for s in article.subheads}
    for paragraph in article.paragraphs:
        paragraph = without_byline(paragraph, article.byline)
        if not paragraph.strip():
            continue
        out.lines.append(Text())
        if paragraph.strip() in subheads:
            out.subhead_lines.append(len(out.lines))
            block(paragraph.strip(), STYLE_SUBHEAD)
        else:
            block(paragraph.strip(), indent=True)
    if article.kind != "photo" and article.caption:
        out.lines.append(Text())
        block("［图］" + article.caption, STYLE_CAPTION)
    return out


def without_byline(paragraph: str, byline: str) -> str:
    """A paragraph less the byline printed at its end (□东方今报记者 …): the meta line shows it once."""
    text = paragraph.rstrip()
    if byline and text.endswith(byline.strip()):
        return text[: len(text) - len(byline.strip())].rstrip().rstrip("□■").rstrip()
    return paragraph


def find_highlighter(needle: str) -> Highlighter:
    """Every place ``needle`` occurs (ignoring case; whitespace in it matches any run of spaces)."""
    words = needle.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE) if words else None

    def spans(text: str) -> list[tuple[int, int]]:
        if pattern is None:
            return []
        return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]

    return spans


def hit_number(article: Article, highlighter: Highlighter, place: str, start: int) -> int:
    """Which highlighted place of the article view (0-based) is the hit at ``start`` of the body.

    A hit outside the body (headline, byline, caption) is the first one shown in that part; the
    view highlights in reading order, so the hits before the target paragraph are counted.
    """
    seen: list[tuple[str, int]] = []

    def recording(text: str) -> list[tuple[int, int]]:
        spans = highlighter(text)
        seen.append((text, len(spans)))
        return spans

    render_article(article, 80, highlighter=recording)
    if place != "正文":
        return 0
    paragraphs = article.paragraphs
    tail = 1 if article.kind != "photo" and article.caption else 0
    first_par = len(seen) - tail - len(paragraphs)
    before = sum(n for _, n in seen[:first_par])
    at = 0
    for k, paragraph in enumerate(article.body.split("\n")):
        if at + len(paragraph) >= start:
            index = first_par + len([p for p in article.body.split("\n")[:k] if p])
            stripped = paragraph.strip()
            offset = start - at - (len(paragraph) - len(paragraph.lstrip()))
            inside = [s for s, _ in highlighter(stripped) if s < offset]
            return before + sum(n for _, n in seen[first_par:index]) + len(inside)
        at += len(paragraph) + 1
    return 0
