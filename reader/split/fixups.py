"""Second pass over a PDF page: give headlines that found no body the body that is theirs.

Two shapes of feature page print a headline away from its body:

* numbered parts (…1, …2, …3) whose headlines follow their bodies, where one part's body was
  printed before the lead's text frame: the part takes the paragraphs printed before that frame;
* a headline announcing a list (八大…, 三个…) printed before another story, whose items stand at
  the head of a longer bulleted list: it takes as many bulleted items as it announces.
"""

from __future__ import annotations

from reader.models import Item
from reader.split import patterns as pt
from reader.split.build import Draft

Entry = Draft | Item


def place_orphans(entries: list[Entry]) -> list[Entry]:
    """Resolve orphan headlines in ``entries`` (drafts and items in reading order)."""
    out = list(entries)
    for i, e in enumerate(out):
        if not (isinstance(e, Draft) and e.orphan):
            continue
        if e.part and _take_before_frame(out, i):
            continue
        _take_list_items(out, i)
    return out


def _take_before_frame(out: list[Entry], i: int) -> bool:
    """Numbered part: take the paragraphs of the article before it that precede its last frame."""
    orphan = out[i]
    assert isinstance(orphan, Draft)
    for j in range(i - 1, -1, -1):
        prev = out[j]
        if isinstance(prev, Item):
            if prev.kind == "furniture" and prev.role == "page-name":
                return False
            continue
        if prev.orphan:
            continue
        k = max((n for n, p in enumerate(prev.paras) if p.frame), default=0)
        if k <= 0:
            return False
        orphan.paras, prev.paras = prev.paras[:k], prev.paras[k:]
        orphan.orphan = False
        out.insert(i, out.pop(i))
        return True
    return False


def _take_list_items(out: list[Entry], i: int) -> bool:
    """List headline: take the announced number of bulleted items from the next long list."""
    orphan = out[i]
    assert isinstance(orphan, Draft)
    n = pt.listed_count(orphan.kicker + orphan.title)
    if n < 2:
        return False
    for j in range(i + 1, len(out)):
        nxt = out[j]
        if isinstance(nxt, Item):
            if nxt.kind == "furniture" and nxt.role == "page-name":
                return False
            continue
        bullets = [k for k, p in enumerate(nxt.paras) if p.bullet]
        if len(bullets) > n and bullets[0] == 0 and not nxt.head_before:
            cut = bullets[n]
            orphan.paras, nxt.paras = nxt.paras[:cut], nxt.paras[cut:]
            orphan.orphan = False
            # The list's items now follow their headline in reading order.
            out.insert(j - 1, out.pop(i))
            return True
    return False
