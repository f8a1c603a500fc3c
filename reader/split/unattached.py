"""What the attachment leaves alone: a body no headline took, and a headline no body took.

:func:`reader.split.group.attach` gives each headline block at most one neighbouring body. Two
readings of what it leaves over follow it, each a pass over the segments:

* :func:`join_untitled`: a body no headline took goes on the story just above it, or, under a
  headline block or at the top of the page, opens the body below whose headline follows it;
* :func:`fold_orphans`: a headline block no body took, set right over a headline block that the
  body below took, is the first lines of that headline (a kicker or a title's first line the
  labeller read as a headline of its own, set off by a blank line as markdown sets every one);
* :func:`fold_labels`: a headline block no body took, set right over a body that takes the
  headline printed after it, is that story's first lines (a label such as 核心阅读 or 编者按).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.split.group import Segment
from reader.split.units import Unit

# How often a joined body is the story above's, on rendered training pages (bench/fit_untitled.py):
# the certainty an article made by a join is given.
JOIN_CERTAINTY = 0.67


def join_untitled(
    segs: list[Segment], certainty: list[float], labels: list[str]
) -> tuple[list[Segment], list[float]]:
    """A body no headline took, just after a story's body, goes on that story; with no story's
    body above it, it opens the body just under it whose headline is printed after that body.

    The labeller opens a body at each line it reads as a lead (``N``). When no headline on the page
    is attached to that body, the line was more of the story above it more often than a story with
    no headline: a photo caption or a wider gap set in the story misled the labeller. Caption
    bodies are left alone; a body at the top of the page (a story continued from another page)
    has no story above it. The units where a body joined are kept in ``joins`` (for --explain).
    Under a headline block or at the top of the page, a body no headline took whose next body
    takes the headline under that one is that story's first part (on rendered training pages,
    1,156 of them, 4,838 -> 4,845 articles found and 16 fewer made up); the unit where the two
    meet is kept in ``joined_below``.
    """
    gone: set[int] = set()
    prev: Segment | None = None  # the last segment kept
    for k, seg in enumerate(segs):
        if (
            seg.kind == "body"
            and seg.attached < 0
            and prev is not None
            and prev.kind == "body"
            and prev.attached >= 0
            and labels[seg.idx[0]] in "NP"
            and labels[prev.idx[0]] in "NP"
        ):
            prev.joins.append(seg.idx[0])
            prev.idx.extend(seg.idx)
            gone.add(k)
            continue
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        if (
            seg.kind == "body"
            and seg.attached < 0
            and (prev is None or prev.kind == "head")
            and nxt is not None
            and nxt.kind == "body"
            and nxt.attached == k + 2
            and labels[seg.idx[0]] in "NP"
            and labels[nxt.idx[0]] in "NP"
        ):
            # No story above to go on, and the body below takes its headline from under it: the
            # two are that story's, its first lines set off by a caption or a gap.
            nxt.joined_below.append(nxt.idx[0])
            nxt.idx[:0] = seg.idx
            nxt.conf = seg.conf
            gone.add(k)
            continue
        prev = seg
    return _without(segs, certainty, gone)


# A headline block of this many characters or fewer, alone, is a section's or a picture page's
# label (its own item with no body), not the first line of the headline under it.
LABEL_MAX = 4
# How often a fold joins the lines of one story's headline, on rendered training pages
# (bench/fit_orphans.py: 116 of 139): the certainty an article whose headline was folded is given.
FOLD_CERTAINTY = 0.83


def fold_orphans(
    segs: list[Segment], certainty: list[float], texts: list[str]
) -> tuple[list[Segment], list[float]]:
    """A headline block no body took, set right over the headline block of the body below, is the
    first lines of that headline: the two are one stack (its lines' roles: :func:`stack_roles`).

    A stack's lines are cut into blocks at a blank line before a role that comes again (two title
    lines apart are read as two headlines), so a kicker the labeller read as a title, or a title
    wrapped over two markdown headings, was an article with no body and its story's headline lost
    its first lines. On rendered training pages (1,156, ``bench/fit_orphans.py``) 4,857 -> 4,925
    articles found and 139 fewer made up. A block of :data:`LABEL_MAX` characters or fewer stays
    alone (图片报道 over the next story's headline, on a page whose pictures are not in the text).
    The unit where the two meet is kept in ``folded``.
    """
    taker = {s.attached: j for j, s in enumerate(segs) if s.kind == "body" and s.attached >= 0}

    def meets(k: int, seg: Segment, nxt: Segment) -> list[int] | None:
        if (
            seg.kind == "head"
            and k not in taker
            and nxt.kind == "head"
            and taker.get(k + 1, -1) > k + 1  # taken by a body below it
            and sum(len("".join(texts[i].split())) for i in seg.idx) > LABEL_MAX
        ):
            return nxt.folded
        return None

    return _fold_down(segs, certainty, meets)


# How often a fold put the block into its own story on rendered training pages (bench/fit_labels.py).
LABEL_CERTAINTY = 0.3


def fold_labels(segs: list[Segment], certainty: list[float]) -> tuple[list[Segment], list[float]]:
    """A headline block no body took, right over a body that takes the headline printed after
    that body, is the story's first lines: a label set at its top (核心阅读, 编者按, a column's
    name) that the labeller read as a headline, on a page that prints headlines after stories.

    Left alone it is an article with no body, and the story's first words are lost from it. On
    rendered training pages (1,156, ``bench/fit_labels.py``) 4,926 -> 4,922 articles found and 46
    fewer made up; on training-date pages with every headline after its story, F1 0.838 -> 0.888.
    Only 14 of those 46 folds put the block into its own gold story (the rest were read wrong
    either way: a picture's title, a headline the attachment gave no body), so an article a fold
    made is given :data:`LABEL_CERTAINTY`, low enough for review to list it. The unit where the
    block meets the body is kept in ``labels_in``.
    """
    taker = {s.attached for s in segs if s.kind == "body" and s.attached >= 0}

    def meets(k: int, seg: Segment, nxt: Segment) -> list[int] | None:
        taken = seg.kind == "head" and k not in taker
        return nxt.labels_in if taken and nxt.kind == "body" and nxt.attached == k + 2 else None

    return _fold_down(segs, certainty, meets)


def _fold_down(
    segs: list[Segment],
    certainty: list[float],
    meets: Callable[[int, Segment, Segment], list[int] | None],
) -> tuple[list[Segment], list[float]]:
    """Each segment for which ``meets(k, seg, next)`` gives a list joins the next segment as its
    first lines; the unit where the two meet is added to that list."""
    gone: set[int] = set()
    for k, seg in enumerate(segs[:-1]):
        nxt = segs[k + 1]
        where = meets(k, seg, nxt)
        if where is not None:
            where.append(nxt.idx[0])
            nxt.idx[:0] = seg.idx
            nxt.conf = seg.conf
            gone.add(k)
    return _without(segs, certainty, gone)


def made_certainty(body: Segment | None, head: Segment | None) -> list[float]:
    """The certainties of what the grouping joined into the story of ``body`` and ``head``."""
    out: list[float] = []
    if body is not None and (body.joins or body.joined_below):
        out.append(JOIN_CERTAINTY)  # a body the labeller opened was joined to the story
    if body is not None and body.labels_in:
        out.append(LABEL_CERTAINTY)  # a headline block was read as the story's first lines
    if head is not None and head.folded:
        out.append(FOLD_CERTAINTY)  # a headline block the labeller cut off was joined to it
    return out


def _without(
    segs: list[Segment], certainty: list[float], gone: set[int]
) -> tuple[list[Segment], list[float]]:
    """``segs`` and their certainties without the segments in ``gone`` (joined to others; no body
    is attached to one), each body's headline index renumbered."""
    at: list[int] = []  # each old segment's index among those kept
    out: list[Segment] = []
    conf: list[float] = []
    for k, seg in enumerate(segs):
        at.append(len(out))
        if k not in gone:
            out.append(seg)
            conf.append(certainty[k])
    for seg in out:
        if seg.kind == "body" and seg.attached >= 0:
            seg.attached = at[seg.attached]
    return out, conf


def stack_roles(head: Segment, labels: list[str], us: list[Unit]) -> list[str]:
    """The role of each line of headline block ``head``: its label, but in a block a fold made
    (:func:`fold_orphans`), title lines under the block no body took that open with a subtitle's
    dash (——) are the subtitle (the block is the title), and else that block is the kicker when its
    lines are markdown headings (a markdown title is one heading)."""
    out = [labels[i] for i in head.idx]
    if not head.folded:
        return out
    k = head.idx.index(head.folded[0])
    if us[head.idx[k]].text.startswith("—"):
        if "S" not in out[:k]:
            out[k:] = ["S" if r == "T" else r for r in out[k:]]
    elif all(us[i].md and labels[i] == "T" for i in head.idx[:k]):
        out[:k] = ["K"] * k
    return out
