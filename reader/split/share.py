"""A body two headline blocks both belong to: two stories the labeller ran together, cut apart.

On a page that prints some headlines before their story and some after it, two stories can stand
with no headline between them: ``H1, story 1, story 2, H2``. When the labeller misses the line
that opens story 2, the stories come out as one body; H1 takes it and H2 is left with none. One
headline stack belongs to one article, so a headline left without a body beside a body that
another headline took says the body holds two stories. It is cut at the paragraph start that best
parts them: where the words of each headline fall on its own side of the cut (lexical cohesion of
a headline with its own story). A cut that the words do not support is not made: a one-word label
(a picture's title, a column's name) left without a body leaves the body whole.

H2 need not be left over for this: when a body follows it, the attachment itself
(``reader.split.group.attach``) weighs giving H2 that body against reading H2 as story 2's, by
:func:`best_cut`'s score; read as story 2's, H2 is left unattached there and cut for here.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.split import patterns as pt
from reader.split.cohesion import joined_bigrams
from reader.split.group import Segment, Sharer
from reader.split.units import Unit

# Least score for a cut (fitted on rendered training pages by bench/fit_share.py, never on the
# held-out dates or families).
CUT_MIN = 0.7
MIN_PART = 40  # characters: a part shorter than this is no story
MIN_SHARED = 2  # bigrams the headline must share with its own part (a one-word label proves nothing)
# The weight of the labeller's probability that a line opens a story, where the words part the
# two stories as well at several paragraph starts (fitted on rendered training pages by
# bench/fit_share.py --lead: 0 -> 4,845 articles found of 1,156 pages, 0.3 -> 4,857).
LEAD_W = 0.3


def _grams(idx: list[int], texts: list[str], grams: list[set[str]], limit: int) -> set[str]:
    return joined_bigrams([texts[i] for i in idx], [grams[i] for i in idx], limit)


def _starts(us: list[Unit], idx: list[int], widths: list[float]) -> list[int]:
    """Positions in ``idx`` (never the first) where a paragraph starts."""
    out = []
    for p in range(1, len(idx)):
        i = idx[p]
        prev = idx[p - 1]
        full = widths[prev] > 0 and us[prev].width >= widths[prev] - 1.5
        if pt.NOTE.match(us[i].text) or pt.END_MARK.search(us[i].text):
            continue  # a bracketed line (（完）, （本报…电）, （作者为…）) closes the story above it
        if us[i].blank_before or us[i].indent or (not full and pt.ends_sentence(us[prev].text)):
            out.append(p)
    return out


def cut_score(head: int, mine: int, theirs: int, other: int, o_theirs: int, o_mine: int) -> float:
    """How well a cut parts two stories, from bigram counts: ``head`` bigrams in the headline left
    without a body, ``mine`` / ``theirs`` of them found in its own part / the other part; ``other``
    bigrams in the headline that took the body, ``o_theirs`` / ``o_mine`` of them found in its own
    part / the first headline's part. 0 when the headline shares too little with its own part."""
    if mine < MIN_SHARED:
        return 0.0
    s = (mine - theirs) / head
    if other:
        s += (o_theirs - o_mine) / other
    return s


def story_opens(labels: list[str], probs: list[float]) -> list[float]:
    """How likely each unit opens a story, by the labeller: its N marginal, or 1 - P's."""
    return [p if y == "N" else 1.0 - p if y == "P" else 0.0 for y, p in zip(labels, probs, strict=True)]


def sharer(
    us: list[Unit], texts: list[str], grams: list[set[str]], widths: list[float], opens: list[float]
) -> Sharer:
    """The page's :data:`reader.split.group.Sharer`: :func:`best_cut`'s score of a body that the
    headline over it (``owner``) and one after it (``head``) both belong to, 0 when no cut."""

    def score(head: Segment, owner: Segment, body: Segment) -> float:
        cut = best_cut(head, owner, body, True, us, texts, grams, widths, opens)
        return cut[1] if cut is not None else 0.0

    return score


def split_shared(
    segs: list[Segment],
    certainty: list[float],
    us: list[Unit],
    texts: list[str],
    grams: list[set[str]],
    widths: list[float],
    opens: list[float] | None = None,
) -> tuple[list[Segment], list[float]]:
    """Cut each body that a headline left without one should share with the headline that took it
    (see the module's text); returns the segments and each one's attachment certainty, in order.
    Linear in the page: the cuts are chosen first, and the segments laid out again once."""
    taken = {s.attached for s in segs if s.kind == "body" and s.attached >= 0}
    cuts: dict[int, tuple[int, float, int, bool]] = {}  # body -> (position, score, headline, after it)
    for k, seg in enumerate(segs):
        if seg.kind != "head" or k in taken:
            continue
        for b, head_second in ((k - 1, True), (k + 1, False)):
            if not 0 <= b < len(segs) or segs[b].kind != "body" or b in cuts:
                continue
            body = segs[b]
            # The headline that took the body stands on its far side.
            if body.attached != (b - 1 if head_second else b + 1):
                continue
            cut = best_cut(seg, segs[body.attached], body, head_second, us, texts, grams, widths, opens)
            if cut is not None:
                cuts[b] = (cut[0], cut[1], k, head_second)
                break
    if not cuts:
        return segs, certainty
    at: list[int] = []  # each old segment's new place
    n = 0
    for i in range(len(segs)):
        at.append(n)
        n += 2 if i in cuts else 1
    out: list[Segment] = []
    conf: list[float] = []
    for i, seg in enumerate(segs):
        if i not in cuts:
            if seg.attached >= 0:
                seg.attached = at[seg.attached]
            out.append(seg)
            conf.append(certainty[i])
            continue
        p, score, k, head_second = cuts[i]
        owner = seg.attached
        first = Segment("body", seg.idx[:p], conf=seg.conf)
        second = Segment(
            "body",
            seg.idx[p:],
            conf=round(min(1.0, score), 3),
            why=f"a new story: two headlines' words fall on either side (score {score:.2f})",
        )
        # Headline after the body: the taker keeps the first part, this one its story just over
        # it; headline before: this one opens the first part, the taker closes the second.
        first.attached, second.attached = (at[owner], at[k]) if head_second else (at[k], at[owner])
        out += [first, second]
        conf += [certainty[i], certainty[i]]
    for i, (_, _, k, _) in cuts.items():
        conf[at[k]] = out[at[i] + 1].conf  # the headline is as sure of its story as the cut
    return out, conf


def best_cut(
    head: Segment,
    other: Segment,
    body: Segment,
    head_second: bool,
    us: list[Unit],
    texts: list[str],
    grams: list[set[str]],
    widths: list[float],
    opens: list[float] | None = None,
) -> tuple[int, float] | None:
    """(position in the body's units, score) of the best cut, or None when no cut scores enough.
    Linear in the body: each headline bigram's first and last unit in the body is found once,
    and the count on either side of a cut is a bisection.
    ``opens``: each unit's probability of opening a story, by the labeller; added at ``LEAD_W``
    (the words often part two stories equally well at several paragraph starts, the story's own
    first line among them)."""
    idx = body.idx
    hg = _grams(head.idx, texts, grams, 200)
    if len(hg) < MIN_SHARED:
        return None
    og = _grams(other.idx, texts, grams, 200)
    first, last = _spans(idx, texts, grams, hg | og)
    # Where each headline's bigrams first and last stand in the body, sorted: how many stand
    # before or after a cut is then a bisection.
    h_first = sorted(first[g] for g in hg if g in first)
    if len(h_first) < MIN_SHARED:  # the headline shares too little with the body to own a part
        return None
    h_last = sorted(last[g] for g in hg if g in last)
    o_first = sorted(first[g] for g in og if g in first)
    o_last = sorted(last[g] for g in og if g in last)
    cum = [0]
    for i in idx:
        cum.append(cum[-1] + len(texts[i]))
    best: tuple[int, float] | None = None
    for p in _starts(us, idx, widths):
        if cum[p] < MIN_PART or cum[-1] - cum[p] < MIN_PART:
            continue
        in_first = bisect_left(h_first, p)  # bigrams of the headline before the cut
        in_second = len(h_last) - bisect_left(h_last, p)
        of = bisect_left(o_first, p)
        os_ = len(o_last) - bisect_left(o_last, p)
        if head_second:
            s = cut_score(len(hg), in_second, in_first, len(og), of, os_)
        else:
            s = cut_score(len(hg), in_first, in_second, len(og), os_, of)
        if opens is not None and s > 0:
            s += LEAD_W * opens[idx[p]]
        if best is None or s > best[1]:
            best = (p, s)
    if best is None or best[1] < CUT_MIN:
        return None
    return best


def _spans(
    idx: list[int], texts: list[str], grams: list[set[str]], want: set[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """The first and the last position in ``idx`` of each bigram of ``want`` (a pair that runs
    from one line into the next counts at the second line)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    prev = ""
    for p, i in enumerate(idx):
        t = texts[i]
        got = grams[i] & want
        if t and prev and prev + t[0] in want:
            got.add(prev + t[0])
        for g in got:
            first.setdefault(g, p)
            last[g] = p
        if t:
            prev = t[-1]
    return first, last
