"""Paragraph text (one line per paragraph) and the shared assembly used by markdown pages.

Each non-empty line is a record: a headline line, a subtitle (——…), a byline line, a photo
caption, or body. Consecutive headline lines form one headline group; a group opens a new
article unless it is a lone line inside an unfinished article with body following — a subhead.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.models import Item
from reader.split import patterns as pt
from reader.split.build import Draft, Para, byline_at_end, clean, split_head
from reader.split.pdftext import _GAP

# Headlines and subheads in paragraph text stay short; a longer line without sentence punctuation
# standing alone is a photo caption.
HEAD_MAX = 24.0
_FURNITURE = (
    ("page-name", pt.PAGE_NAME),
    ("editors", pt.EDITORS),
    ("date", pt.DATE_LINE),
    ("credit", pt.GRAPHIC_CREDIT),
)


@dataclass(slots=True)
class Rec:
    """One paragraph-level record: head, subhead, subtitle, byline, photo, longline, furniture or body."""

    kind: str
    text: str
    credit: str = ""


def classify(s: str, heads_marked: bool = False) -> Rec:
    """Classify one paragraph line (``heads_marked``: headlines carry their own mark, as in markdown)."""
    if s[0] in pt.ARROWS or pt.CAPTION_START.match(s):
        return Rec("photo", s)
    for role, pattern in _FURNITURE:
        if pattern.match(s):
            return Rec("furniture", s, credit=role)
    if s[:1] in "（(" and pt.NOTE.match(s) and not pt.BYLINE_BRACKET.fullmatch(s):
        return Rec("furniture", s, credit="note")
    if s.startswith(("——", "—", "--")) and not pt.ends_sentence(s):
        return Rec("subtitle", s)
    if pt.width(s) <= 60 and pt.BYLINE_LINE.match(s):
        return Rec("byline", s)
    m = pt.PHOTO_CREDIT.search(s[-40:])
    if m and not byline_at_end(s):
        cut = len(s) - len(s[-40:]) + m.start()
        return Rec("photo", s[:cut].strip(), credit=s[cut:].strip())
    if s[0] in pt.BULLETS or pt.ends_sentence(s) or byline_at_end(s) or pt.DATELINE.match(s[:80]):
        return Rec("body", s)
    if pt.sentence_punct(s) == 0 and s[-1] not in "，、,;；" and pt.has_cjk(s):
        if pt.width(s) > HEAD_MAX:
            return Rec("longline", s)
        if not heads_marked:
            return Rec("head", s)
    return Rec("body", s)


def split_paragraphs(text: str) -> tuple[list[Item], str]:
    """Split a page of one-line paragraphs; returns its items and page name ("" — none printed)."""
    recs = [classify(ln.strip()) for ln in text.split("\n") if ln.strip()]
    return assemble(group_heads(recs)), page_name_of(recs)


def page_name_of(recs: list[Rec]) -> str:
    """The first page-name line among the records, else ""."""
    return next((r.text for r in recs if r.kind == "furniture" and r.credit == "page-name"), "")


def group_heads(recs: list[Rec]) -> list[Rec | list[str]]:
    """Fold consecutive head records into one group (a list of their lines)."""
    out: list[Rec | list[str]] = []
    for r in recs:
        if r.kind == "head" and out and isinstance(out[-1], list):
            out[-1].append(r.text)
        elif r.kind == "head":
            out.append([r.text])
        else:
            out.append(r)
    return out


def assemble(seq: list[Rec | list[str]], heads_start: bool = False) -> list[Item]:
    """Build items from records and headline groups (lists of headline lines), in order.

    ``heads_start``: every headline group opens an article (subheads were marked apart already).
    """
    out: list[Item] = []
    photos: list[Item] = []
    cur: Draft | None = None
    plain_subs: list[Para] = []  # subheads read from unmarked headline lines in the current draft

    def finish() -> None:
        nonlocal cur
        if cur is not None:
            for p in _odd_subheads(plain_subs):
                # A line unlike the article's other subheads is a photo caption set between paragraphs.
                cur.paras.remove(p)
                photos.insert(0, Item(kind="photo", caption=p.text, credit=""))
            out.append(cur.item())
        plain_subs.clear()
        out.extend(photos)
        photos.clear()
        cur = None

    for i, r in enumerate(seq):
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if isinstance(r, list):
            starts = (
                heads_start
                or cur is None
                or len(r) >= 2
                or cur.closed
                or nxt is None
                or isinstance(nxt, list)
                or (isinstance(nxt, Rec) and nxt.kind in ("subtitle", "byline"))
                or (isinstance(nxt, Rec) and pt.DATELINE.match(nxt.text[:80]) is not None)
                or pt.is_kicker_end(r[0])
                or not cur.paras
            )
            if not starts and cur is not None:
                sub = Para(clean(" ".join(r)), subhead=True)
                cur.paras.append(sub)
                plain_subs.append(sub)
                continue
            finish()
            k, t, s = split_group(r)
            cur = Draft(kicker=k, title=t, subtitle=s, head_before=True)
            continue
        if r.kind == "furniture":
            finish()
            out.append(Item(kind="furniture", role=r.credit or "note", text=r.text))
        elif r.kind == "subhead":
            if cur is not None and (cur.paras or r.credit == "bold"):
                cur.paras.append(Para(r.text, subhead=True))
            elif cur is not None and not cur.subtitle:
                cur.subtitle = r.text
            else:
                finish()
                cur = Draft(title=r.text, head_before=True)
        elif (
            r.kind == "longline"
            and (cur is None or (cur.has_head and not cur.title and not cur.paras))
            and isinstance(nxt, Rec)
            and nxt.kind in ("body", "subtitle", "byline")
        ):
            # A long line without punctuation is a caption, except where only a headline can stand:
            # first on the page, or under a kicker still waiting for its title.
            if cur is None:
                cur = Draft(title=r.text, head_before=True)
            else:
                cur.title = r.text
        elif r.kind in ("photo", "longline"):
            item = Item(kind="photo", caption=r.text, credit=r.credit)
            (photos if cur is not None else out).append(item)
        elif r.kind == "subtitle" and cur is not None and cur.has_head and not cur.paras and not cur.subtitle:
            cur.subtitle = r.text
        elif r.kind == "byline" and cur is not None and not cur.paras and not cur.byline:
            cur.byline = clean(r.text)
        else:
            if (
                cur is not None
                and cur.paras
                and not cur.paras[-1].subhead
                and _open(cur.paras[-1].tail)
                and pt.width(cur.paras[-1].tail) >= 30
                and pt.sentence_punct(cur.paras[-1].tail) > 0
            ):
                # A column break fell in mid-sentence: the paragraph carries on here.
                last = cur.paras.pop()
                last.extend(r.text)
                cur.closed = False
                cur.add(last)
                continue
            if cur is None or cur.closed:
                finish()
                cur = Draft()
            cur.add(Para(r.text, bullet=r.text[0] in pt.BULLETS))
    finish()
    return out


def _odd_subheads(subs: list[Para]) -> list[Para]:
    """Subheads unlike the rest: where two or more share the two-phrase shape (words, a space,
    words), a single line without that gap is not one of the article's subheads but a caption."""
    gapped = [p for p in subs if _GAP.search(p.text)]
    odd = [p for p in subs if not _GAP.search(p.text)]
    return odd if len(gapped) >= 2 and len(odd) == 1 else []


def _open(s: str) -> bool:
    """True when a paragraph ends mid-sentence, so a column break may have cut it."""
    return not pt.ends_sentence(s) and not byline_at_end(s)


def split_group(lines: list[str]) -> tuple[str, str, str]:
    """Kicker, title, subtitle of a headline group whose lines were printed one per line."""
    lines = [clean(x) for x in lines]
    if len(lines) >= 2 and lines[-1].startswith(("——", "—")):
        k, t, _ = split_group(lines[:-1])
        return k, t, lines[-1]
    if len(lines) == 1:
        return split_head(lines)
    # Printed on lines of their own, a kicker stands over the title: the first of two lines is the
    # kicker unless it is the longer and the second is its short tail.
    first, rest = lines[0], lines[1:]
    if pt.is_kicker_end(first) or len(rest) >= 2 or pt.width(first) <= pt.width(rest[0]) * 1.5:
        return first, " ".join(rest), ""
    return "", " ".join(lines), ""
