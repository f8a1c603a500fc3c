"""Second pass over a PDF page: give headlines that found no body the body that is theirs.

Two shapes of feature page print a headline away from its body:

* numbered parts (…1, …2, …3) whose headlines follow their bodies, where one part's body was
  printed before the lead's text frame: the part takes the paragraphs printed before that frame;
* a headline announcing a list (两大…, 三个…) printed before another story, whose items stand at
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
    i = 0
    while i < len(out):
        e = out[i]
        # A placed orphan moves later in the list; look at index i again, now another entry.
        if (
            isinstance(e, Draft)
            and e.orphan
            and ((e.part and _take_before_frame(out, i)) or _take_list_items(out, i))
        ):
            continue
        i += 1
    return out


def _take_before_frame(out: list[Entry], i: int) -> bool:
    """Numbered part: take the paragraphs of the article before it that precede its last frame."""
    orphan = out[i]
    assert isinstance(orphan, Draft)
    for j in range(i - 1, max(-1, i - 40), -1):
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
        return True
    return False


def _take_list_items(out: list[Entry], i: int) -> bool:
    """List headline: take the announced number of bulleted items from the next long list."""
    orphan = out[i]
    assert isinstance(orphan, Draft)
    n = pt.listed_count(orphan.kicker + orphan.title)
    if n < 2:
        return False
    # The list stands close by: looking a few dozen entries ahead keeps long pages linear.
    for j in range(i + 1, min(len(out), i + 40)):
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
            out[i:j] = [*out[i + 1 : j], orphan]
            return True
    return False
