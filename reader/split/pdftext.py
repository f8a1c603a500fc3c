"""PDF-extracted text: hard-wrapped lines, headlines often printed after their bodies.

The page is cut into blocks (lines.blocks), each block classified into units — headline, body
paragraphs, byline, photo caption, furniture — and the units are assembled into articles by
:mod:`reader.split.assemble`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.split import patterns as pt
from reader.split.build import Para, byline_at_end
from reader.split.lines import Line, blocks, typical_width

# Two CJK characters with a space between: headlines use spaces as separators, running text not.
_GAP = re.compile(f"[{pt.CJK}”」》]\\s+[{pt.CJK}“「《]")


@dataclass(slots=True)
class Unit:
    """One classified piece of a page: kind is head, body, byline, photo or furniture."""

    kind: str
    lines: list[str] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    continues: bool = False  # the first paragraph continues the previous, open one
    role: str = ""
    text: str = ""
    credit: str = ""


def head_like(s: str) -> bool:
    """True when a line has a headline's shape: no sentence end, little punctuation, no brackets."""
    if not s or s[0] in pt.ARROWS:
        return False
    if s[0] in pt.BULLETS and not (
        s[0] in pt.SUBHEAD_MARKS and pt.sentence_punct(s) == 0 and pt.width(s) <= 20
    ):
        return False
    if pt.ends_sentence(s) or s.rstrip()[-1] in "，、,;；：:":
        return False
    if pt.sentence_punct(s) > 1 or "（" in s or "(" in s:
        return False
    if pt.DATELINE.match(s) or byline_at_end(s) or pt.PHOTO_CREDIT.search(s):
        return False
    return pt.has_cjk(s)


def furniture_of(s: str) -> Unit | None:
    """A one-line block that is page furniture, a byline or a photo caption, else None."""
    if pt.PAGE_NAME.match(s):
        return Unit("furniture", role="page-name", text=s)
    tokens = s.split()
    if 0 < len(tokens) <= 6 and all(pt.LABEL_TOKEN.match(t) for t in tokens):
        return Unit("furniture", role="label", text=s)
    if pt.GRAPHIC_CREDIT.match(s):
        return Unit("furniture", role="credit", text=s)
    if s[:1] in "（(" and pt.BYLINE_BRACKET.fullmatch(s) and byline_at_end(s):
        return Unit("byline", text=s)
    if pt.NOTE.match(s):
        return Unit("furniture", role="note", text=s)
    if pt.EDITORS.match(s):
        return Unit("furniture", role="editors", text=s)
    if pt.DATE_LINE.match(s):
        return Unit("furniture", role="date", text=s)
    if pt.width(s) <= 40 and pt.BYLINE_LINE.match(s):
        return Unit("byline", text=s)
    if pt.CAPTION_START.match(s):
        return Unit("photo", text=s)
    m = pt.PHOTO_CREDIT.search(s)
    if m and not pt.ends_sentence(s[: m.start()]) and pt.width(s) <= 60:
        return Unit("photo", text=s[: m.start()].strip(), credit=s[m.start() :].strip())
    return None


def paragraphs(texts: list[str], frame: bool) -> list[Para]:
    """Re-join a block's hard-wrapped lines into paragraphs.

    A line ends its paragraph when it ends a sentence and is clearly shorter than the block's wrap
    width, when it closes with a byline or credit, or when it is a short bulleted item title.
    """
    w = typical_width(texts)
    out: list[Para] = []
    cur: Para | None = None
    for i, s in enumerate(texts):
        if cur is not None and s[0] in pt.BULLETS:
            out.append(cur)
            cur = None
        if cur is None:
            cur = Para(s, frame=frame and not out, bullet=s[0] in pt.BULLETS)
        else:
            cur.extend(s)
        last = i == len(texts) - 1
        short = pt.width(s) < w - 1.5
        ends = (pt.ends_sentence(s) and short) or bool(byline_at_end(s))
        ends = ends or (s[0] in pt.BULLETS and pt.width(s) <= 0.75 * w and not last)
        if ends and not last:
            out.append(cur)
            cur = None
    if cur is not None:
        out.append(cur)
    return out


def _opens(s: str) -> bool:
    """True when a body paragraph is left open (ends mid-sentence) and the next block may continue it."""
    return (
        not pt.ends_sentence(s)
        and not byline_at_end(s)
        and not pt.PHOTO_CREDIT.search(s[-40:])
        and not pt.END_MARK.search(s[-12:])
    )


def units(text: str) -> list[Unit]:
    """Classify the page's blocks into units, in printed order."""
    out: list[Unit] = []
    open_para = False
    bs = blocks(text)
    # The page's wrap width: most lines of running text fill it; a lone line far wider is unwrapped,
    # which in PDF text means a headline or kicker set across columns.
    page_w = typical_width([ln.text for b in bs for ln in b][:20000])
    for block in bs:
        out.extend(_block_units(block, open_para, page_w))
        last = out[-1] if out else None
        open_para = bool(last and last.kind == "body" and last.paras and _opens(last.paras[-1].tail))
    return out


def _block_units(block: list[Line], open_para: bool, page_w: float) -> list[Unit]:
    texts = [ln.text for ln in block]
    frame = block[0].frame
    if open_para and not frame and texts[0][0] not in pt.BULLETS:
        # A column break: the blank line fell in mid-sentence and this block carries on.
        return [Unit("body", paras=paragraphs(texts, False), continues=True)]
    if len(texts) == 1:
        f = furniture_of(texts[0])
        if f is not None:
            return [f]
        t = texts[0]
        if head_like(t) or (
            pt.sentence_punct(t) <= 3
            and not pt.ends_sentence(t)
            and pt.has_cjk(t)
            and t[0] not in pt.BULLETS
            and t[-1] not in "，、,;；：:"
        ):
            # A lone line with commas is a headline only when it is far wider than the wrap width
            # (set across columns); at the wrap width it is running text cut by a column break.
            if pt.sentence_punct(t) == 0 or pt.is_kicker_end(t) or pt.width(t) > 1.3 * page_w:
                return [Unit("head", lines=texts)]
            return [Unit("body", paras=paragraphs(texts, frame))]
    n = 0
    # Lines of a multi-line headline carry no sentence punctuation; one comma is allowed only in a
    # headline printed on a single line.
    while (
        n < min(len(texts), 3)
        and head_like(texts[n])
        and (len(texts) == 1 or pt.sentence_punct(texts[n]) == 0 or pt.is_kicker_end(texts[n]))
    ):
        n += 1
    if n == len(texts):
        return [Unit("head", lines=texts)]
    w_rest = typical_width(texts[1:])
    if n >= 1 and _inner_head_line(texts[0], w_rest) and not _GAP.search(texts[1]):
        # Short first lines without punctuation over full-width running text: a headline.
        k = 1
        while k < min(len(texts) - 1, 3) and _inner_head_line(texts[k], w_rest):
            k += 1
        return [Unit("head", lines=texts[:k]), *_inner_heads(texts[k:], False)]
    if n >= 1:
        first, rest = texts[0], texts[1:]
        wr = typical_width(rest)
        if (
            _GAP.search(first)
            or rest[0][0] in pt.BULLETS
            or pt.width(first) <= 0.6 * wr
            or pt.is_kicker_end(first)
        ):
            return [Unit("head", lines=[first]), Unit("body", paras=paragraphs(rest, False))]
    return _inner_heads(texts, frame)


def _inner_heads(texts: list[str], frame: bool) -> list[Unit]:
    """Cut a body block where a headline stands inside it with no blank line around it.

    An inner headline line follows a line that ends a sentence, is clearly shorter than the wrap
    width and carries no sentence punctuation (a paragraph's first line would fill the width).
    """
    w = typical_width(texts)
    out: list[Unit] = []
    start = 0
    i = 1
    while i < len(texts):
        prev = texts[i - 1]
        if (pt.ends_sentence(prev) or byline_at_end(prev)) and _inner_head_line(texts[i], w):
            j = i + 1
            while j < len(texts) and j - i < 3 and _inner_head_line(texts[j], w):
                j += 1
            out.append(Unit("body", paras=paragraphs(texts[start:i], frame and start == 0)))
            out.append(Unit("head", lines=texts[i:j]))
            start = j
            i = j + 1
            continue
        i += 1
    if start < len(texts):
        out.append(Unit("body", paras=paragraphs(texts[start:], frame and start == 0)))
    return out


def _inner_head_line(s: str, w: float) -> bool:
    return head_like(s) and pt.sentence_punct(s) == 0 and pt.width(s) <= 0.75 * w
