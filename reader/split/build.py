"""Article drafts: the mutable shape an article has while a layout assembles it, then an Item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.models import Item
from reader.split import patterns as pt
from reader.split.lines import join_wrapped


@dataclass(slots=True)
class Para:
    """One body paragraph; ``frame`` when it opens a text frame, ``subhead`` when it is a subhead.

    Wrapped pieces are collected in a list and joined once (``full``), so a paragraph re-joined from
    a hundred thousand lines costs linear time, and checks on its end look only at its ``tail``.
    """

    text: str
    frame: bool = False
    subhead: bool = False
    bullet: bool = False
    more: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # earlier pieces, joined a thousand at a time

    @property
    def tail(self) -> str:
        """The paragraph's end (what a check on how it ends needs): the last piece, or the last two
        when the last is short, so a lone （完） or （上图） is read after the sentence it follows."""
        if not self.more:
            return self.text
        last = self.more[-1]
        if len(last) >= 12:
            return last
        before = self.more[-2] if len(self.more) >= 2 else self.text
        return before[-64:] + last

    def extend(self, piece: str) -> None:
        """Continue the paragraph with the next hard-wrapped piece."""
        piece = piece.strip()
        if not piece:
            return
        last = self.tail.rstrip()[-1:] or "\u3000"
        # join_wrapped on the last character alone decides the separator: "" or one space.
        self.more.append(join_wrapped(last, piece)[1:])
        if len(self.more) > 1024:
            # Keep a few large strings instead of a million small ones; the last pieces stay apart
            # for ``tail``.
            self.done.append("".join(self.more[:-2]))
            del self.more[:-2]

    def full(self) -> str:
        """The whole paragraph text."""
        if self.more or self.done:
            self.text = self.text.rstrip() + "".join(self.done) + "".join(self.more)
            self.more = []
            self.done = []
        return self.text


@dataclass
class Draft:
    """An article (or a photo caption) being assembled."""

    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    paras: list[Para] = field(default_factory=list)
    head_before: bool = False  # its headline was printed before its body
    titled_after: bool = False  # its headline was printed after its body (then it is complete)
    closed: bool = False  # a byline or credit ended it
    part: int = 0
    photo_credit: str = ""
    orphan: bool = False  # a headline that found no body

    @property
    def has_head(self) -> bool:
        """True once it has a kicker, title or subtitle."""
        return bool(self.kicker or self.title or self.subtitle)

    def add(self, para: Para) -> None:
        """Append a paragraph, noting a byline or photo credit that closes the article."""
        self.paras.append(para)
        if para.subhead:
            return
        names = byline_at_end(para.tail)
        if names:
            if not self.byline:
                self.byline = names
            # A byline at the end of a lead (□ mark, or a dateline) does not end the article.
            self.closed = self.closed or not lead_byline(para.tail, len(self.paras))
        if pt.END_MARK.search(para.tail[-12:]):
            self.closed = True
        credit = pt.PHOTO_CREDIT.search(para.tail[-60:])
        if credit and not names:
            # The credit as printed (brackets included), so the caption plus credit is the line.
            self.photo_credit = credit.group(0).strip()
            self.closed = True

    def item(self) -> Item:
        """The finished Item: an article, or a photo when an untitled run ended with a 摄 credit."""
        body_parts = [p.full() for p in self.paras]
        if self.photo_credit and not self.has_head and body_parts:
            last = body_parts[-1]
            cut = last.rfind(self.photo_credit)
            body_parts[-1] = last[:cut].rstrip() if cut >= 0 else last
            caption = "\n".join(p for p in body_parts if p)
            return Item(kind="photo", caption=caption, credit=self.photo_credit)
        return Item(
            kind="article",
            kicker=self.kicker,
            title=self.title,
            subtitle=self.subtitle,
            byline=self.byline or dateline_byline(body_parts[0] if body_parts else ""),
            subheads=tuple(p.full() for p in self.paras if p.subhead),
            body="\n".join(body_parts),
            part=str(self.part) if self.part else "",
        )


_SPACES = re.compile(r"\s+")


def clean(s: str) -> str:
    """Collapse runs of white space to one space and strip."""
    return _SPACES.sub(" ", s).strip()


def byline_at_end(text: str) -> str:
    """The names of a byline that ends ``text`` (（某某）, 某某 文/图, □记者 某某), else ""."""
    t = text.rstrip()
    m = pt.BYLINE_BRACKET.search(t[-80:])
    # A column's name in brackets after a headline's words (在奋勇搏击中放飞青春梦想（今日谈）) has a
    # name's shape too; after a sentence's end (…。（刘瑜）) the name is the story's author.
    if (
        m
        and not pt.NOT_NAMES.match(m.group(1))
        and not m.group(1).endswith(("摄", "摄影"))
        and not pt.column_tag(t)
    ):
        return clean(m.group(1))
    m = pt.BYLINE_WENTU.search(t[-40:])
    if m:
        return clean(m.group(1))
    tail = t[-64:]
    m = pt.BYLINE_BOX.search(tail)
    # A box mark closes a lead with a byline only after a finished sentence; at the start of a
    # line it marks a subhead.
    if (
        m
        and m.start() > 0
        and pt.ends_sentence(tail[: m.start()])
        and (pt.has_role(m.group(1)) or len(m.group(1)) <= 20)
    ):
        return clean(m.group(1))
    return ""


def lead_byline(text: str, index: int) -> bool:
    """True when a byline ending paragraph ``index`` (1-based) belongs to a lead, not an article's end."""
    t = text.rstrip()
    return index == 1 and pt.BYLINE_BOX.search(t[-64:]) is not None


def dateline_byline(first: str) -> str:
    """The names in a dateline that opens an article (本报讯（记者 某某）…), else ""."""
    m = pt.DATELINE.match(first[:120])
    if m and m.group(1):
        return clean(m.group(1))
    return ""


def split_head(lines: list[str]) -> tuple[str, str, str]:
    """Split one headline block into (kicker, title, subtitle) from its lines' shapes."""
    lines = [clean(x) for x in lines if x.strip()]
    if not lines:
        return "", "", ""
    if len(lines) == 1:
        s = lines[0]
        if pt.is_kicker_end(s):
            return s, "", ""
        return "", s, ""
    first, rest = lines[0], lines[1:]
    if rest[-1].startswith(("——", "—", "--")) and len(rest) >= 1:
        k, t, _ = split_head(lines[:-1])
        return k, t, rest[-1]
    if pt.is_kicker_end(first):
        return first, " ".join(rest), ""
    if len(lines) == 2:
        a, b = pt.width(first), pt.width(rest[0])
        # A second line much shorter than the first is the wrapped tail of one title; two lines of
        # equal weight (the first no shorter) are a kicker over a title.
        # Two very short lines (a four-character phrase each) are one title set in a narrow column:
        # a kicker is a headline in its own right, a clause as long as the title it stands over.
        if b <= 0.6 * a or a < b or a + b <= 10:
            return "", f"{first} {rest[0]}", ""
        return first, rest[0], ""
    return "", " ".join(lines), ""


def is_subhead(text: str) -> bool:
    """Whether a body paragraph reads as an in-article subhead: short, no sentence end, byline or credit."""
    return (
        2 <= len(text) <= 30
        and not pt.ends_sentence(text)
        and not text.endswith(("，", "、", "；", ",", "：", ":"))
        and pt.sentence_punct(text) <= 1
        and not pt.BYLINE_BRACKET.search(text)
        and not pt.PHOTO_CREDIT.search(text)
    )
