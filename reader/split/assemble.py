"""Assemble PDF-text units into articles: decide which body each headline belongs to.

* A headline printed after a body with no headline of its own is that body's headline when the
  body is finished: a byline closed it, no body follows the headline, it carries a part number,
  or the page never closes articles with bylines and the headline is not subhead-shaped.
* Otherwise, inside an unfinished article, a headline followed by body is a subhead (in an article
  headed before its body, only numbered, marked or two-line headlines are).
* Any other headline waits for the body that follows it; several waiting headlines combine into
  kicker, title and subtitle where their shapes allow, and the rest are orphans for
  :mod:`reader.split.fixups`.
"""

from __future__ import annotations

from reader.models import Item
from reader.split import patterns as pt
from reader.split.build import Draft, Para, byline_at_end, clean, split_head
from reader.split.pdftext import Unit

Entry = Draft | Item


class Assembler:
    """Walks the units of one page in order and builds drafts, photos and furniture."""

    def __init__(self, units: list[Unit]) -> None:
        """Prepare to assemble ``units``."""
        self.units = units
        self.out: list[Entry] = []
        self.cur: Draft | None = None
        self.pending: list[Unit] = []
        self.awaiting: Draft | None = None  # just got its headline after its body; may take a subtitle
        self.page_name = ""
        self.i = 0
        digits = {_part(u.lines) for u in units if u.kind == "head"}
        self.parts = len(digits - {0}) >= 2
        self.bylines = any(u.kind == "byline" or any(byline_at_end(p.tail) for p in u.paras) for u in units)

    def run(self) -> list[Entry]:
        """Assemble every unit; returns drafts and finished items in reading order."""
        for i, u in enumerate(self.units):
            self.i = i
            nxt = self.units[i + 1] if i + 1 < len(self.units) else None
            getattr(self, "_" + u.kind)(u, nxt)
        self._flush_pending()
        return self.out

    def _new(self, **kw: object) -> Draft:
        d = Draft(**kw)  # type: ignore[arg-type]
        self.out.append(d)
        self.cur = d
        return d

    def _body(self, u: Unit, nxt: Unit | None) -> None:
        paras = list(u.paras)
        if u.continues and self.cur is not None and self.cur.paras and not self.pending:
            last = self.cur.paras.pop()
            first = paras.pop(0)
            last.extend(first.full())
            self.cur.closed = False
            self.cur.add(last)
        if self.pending:
            self._start_with_pending()
        for p in paras:
            d = self.cur
            if d is None or d.closed or d.titled_after:
                d = self._new()
            d.add(p)
        self.awaiting = None

    def _head(self, u: Unit, nxt: Unit | None) -> None:
        lines = u.lines
        d = self.cur
        if self.pending:
            self.pending.append(u)
            return
        a = self.awaiting
        if a is not None and not a.title and not _part(lines):
            # The title under a kicker that was printed after its body.
            a.title = clean(" ".join(lines))
            return
        if a is not None and len(lines) == 1 and not a.subtitle and not _part(lines) and self._titled_later():
            a.subtitle = clean(lines[0])
            self.awaiting = None
            return
        follows_body = nxt is not None and nxt.kind == "body" and not nxt.continues
        if self.parts and _part(lines) and d is not None and (d.has_head or d.head_before):
            # On a page of numbered parts, part headlines follow their bodies: one that stands after
            # a headed article takes no body that follows; the second pass gives it its own.
            self._orphan(u)
            d.closed = True
            return
        if d is not None and d.paras and not d.has_head and not d.head_before:
            # On a page whose articles never end with a byline, a plain headline after a body is
            # that body's headline; where bylines end articles, one before the byline divides it.
            unclosed_page = not self.bylines and not _subhead_shape(lines)
            # A body that opens a new text frame or with a dateline after the headline is another
            # story: the headline closes the body before it.
            new_story = follows_body and len(lines) == 1 and (_dateline(nxt) or _new_frame(nxt))
            if (
                d.closed
                or not follows_body
                or _part(lines)
                or pt.is_kicker_end(lines[-1])
                or unclosed_page
                or new_story
            ):
                self._title_after(d, lines)
                return
            d.paras.append(Para(clean(" ".join(lines)), subhead=True))
            return
        if (
            d is not None
            and d.head_before
            and not d.closed
            and follows_body
            and not _part(lines)
            and not pt.is_kicker_end(lines[-1])
            and not _dateline(nxt)
            and _subhead_shape(lines)
        ):
            d.paras.append(Para(clean(" ".join(lines)), subhead=True))
            return
        self.pending.append(u)

    def _titled_later(self) -> bool:
        """True unless the body after this headline runs to the page's end with no headline after it.

        A second headline just after a headline printed after its body is that article's subtitle,
        unless the next body would otherwise be left without any headline: then it is that body's.
        """
        j = self.i + 1
        body = False
        while j < len(self.units) and self.units[j].kind in ("body", "byline", "photo"):
            body = body or self.units[j].kind == "body"
            j += 1
        end = j == len(self.units) or (
            self.units[j].kind == "furniture" and self.units[j].role == "page-name"
        )
        return not (body and end)

    def _title_after(self, d: Draft, lines: list[str]) -> None:
        k, t, s = split_head(lines)
        d.kicker, d.title, d.subtitle = k, t, s
        d.part = _part(lines) if self.parts else 0
        if d.part:
            d.title = d.title[:-1].rstrip()
        d.titled_after = True
        self.awaiting = d if not d.subtitle else None

    def _start_with_pending(self) -> None:
        heads = self.pending
        self.pending = []
        sub = ""
        if len(heads) >= 2 and heads[-1].lines[0].startswith(("——", "—")):
            sub = clean(" ".join(heads[-1].lines))
            heads = heads[:-1]
        # Earlier headlines that cannot be a kicker over the last one found no body: orphans.
        use = [heads[-1]]
        for h in reversed(heads[:-1]):
            if _kicker_over(h.lines, use[0].lines) and len(use) == 1:
                use.insert(0, h)
            else:
                self._orphan(h)
        lines = [x for h in use for x in h.lines]
        if len(use) == 1 and _long_kicker(use[0].lines):
            k, t, s = clean(" ".join(use[0].lines)), "", ""
        elif len(use) == 2:
            k, t, s = " ".join(use[0].lines), *split_head(use[1].lines)[1:]
            kk = split_head(use[1].lines)[0]
            k = clean(k + (" " + kk if kk else ""))
        else:
            k, t, s = split_head(lines)
        d = self._new(kicker=k, title=t, subtitle=clean(f"{s} {sub}"), head_before=True)
        d.part = _part(use[-1].lines) if self.parts else 0
        if d.part:
            d.title = d.title[:-1].rstrip()

    def _orphan(self, h: Unit) -> None:
        k, t, s = split_head(h.lines)
        d = Draft(kicker=k, title=t, subtitle=s, orphan=True, head_before=True)
        d.part = _part(h.lines) if self.parts else 0
        if d.part:
            d.title = d.title[:-1].rstrip()
        self.out.append(d)

    def _flush_pending(self) -> None:
        for h in self.pending:
            self._orphan(h)
        self.pending = []

    def _byline(self, u: Unit, nxt: Unit | None) -> None:
        if self.pending:
            self._start_with_pending()
        d = self.cur
        if d is not None and d.has_head and not d.paras and not d.titled_after and not d.byline:
            # 记者 某某 under a headline, before the body: the article's byline (a second such
            # line is kept below as a note, never dropped).
            d.byline = clean(u.text)
            return
        if d is not None and not d.closed and d.paras:
            d.add(Para(u.text))
            d.byline = d.byline or byline_at_end(u.text)
            d.closed = True
        else:
            self.out.append(Item(kind="furniture", role="note", text=u.text))

    def _photo(self, u: Unit, nxt: Unit | None) -> None:
        self.out.append(Item(kind="photo", caption=u.text, credit=u.credit))

    def _furniture(self, u: Unit, nxt: Unit | None) -> None:
        if u.role == "page-name":
            self._flush_pending()
            self.cur = None
            self.awaiting = None
            self.page_name = self.page_name or u.text
        elif self.cur is not None and u.role in ("credit", "label"):
            # A graphic's credit or label stands at the edge of a box: the story before it ended.
            self.cur.closed = True
        self.out.append(Item(kind="furniture", role=u.role, text=u.text))


def _part(lines: list[str]) -> int:
    if not lines:
        return 0
    m = pt.PART_DIGIT.search(lines[-1].rstrip())
    return int(m.group(1)) if m else 0


def _dateline(u: Unit | None) -> bool:
    return bool(u and u.kind == "body" and u.paras and pt.DATELINE.match(u.paras[0].text[:80]))


def _new_frame(u: Unit | None) -> bool:
    """True when a body unit's first paragraph opens a new text frame (an indented first line)."""
    return bool(u and u.kind == "body" and u.paras and u.paras[0].frame)


def _subhead_shape(lines: list[str]) -> bool:
    """True when a headline inside a headed article reads as a subhead: numbered, marked or a couplet.

    Without a byline to end an article, a plain one-line headline after a headed article more often
    starts the next article than divides this one.
    """
    return len(lines) == 2 or pt.SUBHEAD_MARK.match(lines[0]) is not None


def _long_kicker(lines: list[str]) -> bool:
    """True when a lone headline reads as a kicker: a sentence-like line with commas."""
    t = " ".join(lines)
    return len(lines) == 1 and pt.sentence_punct(t) >= 2 and pt.width(t) > 30 and not pt.ends_sentence(t)


def _kicker_over(a: list[str], b: list[str]) -> bool:
    """True when headline ``a`` reads as the kicker of headline ``b`` printed just after it."""
    ta, tb = " ".join(a), " ".join(b)
    if pt.is_kicker_end(ta) or (pt.width(ta) <= 0.6 * pt.width(tb) and not pt.listed_count(ta)):
        # A kicker is set smaller and runs shorter than the title under it.
        return True
    return pt.sentence_punct(ta) >= 1 and pt.width(ta) > 1.3 * pt.width(tb)
