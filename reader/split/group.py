"""Group labelled units into articles: headline blocks attach to the body they belong with.

The labeller gives every unit a role — ``K`` kicker, ``T`` title, ``S`` subtitle, ``N`` the first
line of an article's body, ``P`` more body, ``C`` a photo caption, ``F`` page furniture. Bodies
are cut at each ``N`` and at each headline block. A headline block then attaches to the body just
before it (a PDF text prints many headlines after their story) or just after it, at most one
block to a body. The choice is made for the whole page at once by dynamic programming over the
headline's lexical cohesion with each candidate body's lead, the labeller's own certainty, and a
page habit (before or after) that is a prior, not a rule: a page may mix both.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.split.cohesion import bigrams, joined_bigrams, overlap

HEAD = frozenset("KTS")
SPLIT = 1.0
# Weights of the attachment score (constants: the training command fits the labeller, not these).
# ``split``: the cost of reading a headline block between two bodies as two headlines, the first
# printed after the body above it and the second over the body below (bench/fit_split_stack.py).
# ``share`` / ``share_cost``: reading a headline as the second of two stories in the body above it,
# whose first story's headline stands over it (reader.split.share's cut score times ``share``, less
# ``share_cost``; fitted on rendered training pages by `bench/fit_share.py --dp`).
DEFAULT_WEIGHTS = {
    "cohesion": 4.0,
    "habit": 0.6,
    "untitled": 1.2,
    "adjacent": 0.3,
    "split": SPLIT,
    "share": 4.0,
    "share_cost": 3.0,
}
# Scores how well a body parts into two stories, the first under one headline (the second
# argument, over the body) and the second under another (the first argument, after the body):
# reader.split.share's cut score, 0 when no cut parts them.
Sharer = Callable[["Segment", "Segment", "Segment"], float]


@dataclass
class Segment:
    """A run of units: a headline block (``head``) or a body (``body``) with its unit indexes."""

    kind: str  # "head" or "body"
    idx: list[int] = field(default_factory=list)
    attached: int = -1  # for a body: the index of its headline segment; -1 none
    conf: float = 1.0  # certainty of the boundary that opens this segment
    why: str = ""  # when the grouping (not a label) opened this segment: why (for --explain)
    joins: list[int] = field(default_factory=list)  # units where a body with no headline joined it
    # Units where this body went on from a body with no headline above it (the story's first lines).
    joined_below: list[int] = field(default_factory=list)
    # Units where a headline block no body took joined this one (its first lines).
    folded: list[int] = field(default_factory=list)
    # For a body: units where a headline block no body took, right over it, joined it (a label
    # set at the top of a story whose headline is printed after it, such as 核心阅读).
    labels_in: list[int] = field(default_factory=list)


def segments(labels: list[str], texts: list[str], blank_before: list[int] | None = None) -> list[Segment]:
    """Cut the labelled units into headline blocks and bodies (furniture is left out)."""
    blank_before = blank_before or [0] * len(labels)
    segs: list[Segment] = []
    cur: Segment | None = None
    prev_role = ""
    for i, lab in enumerate(labels):
        if lab == "F":
            prev_role = "F"
            continue
        kind = "head" if lab in HEAD else "body"
        new = cur is None or cur.kind != kind
        if not new and kind == "head" and cur is not None:
            # A new headline stack starts when the roles go back up (a kicker after a title ...).
            last = labels[cur.idx[-1]]
            order = "KTS"
            if order.index(lab) < order.index(last):
                new = True
            elif lab == last and blank_before[i]:
                new = True  # the same role again after a gap: the next headline, not a wrapped line
        if not new and kind == "body" and (lab == "N" or (lab == "C") != (prev_role == "C")):
            new = True
        if new:
            cur = Segment(kind)
            segs.append(cur)
        assert cur is not None
        cur.idx.append(i)
        prev_role = lab
    return segs


def _lead(seg: Segment, texts: list[str], grams: list[set[str]], limit: int = 160) -> set[str]:
    """The bigrams of the body's first units, up to ``limit`` characters (the unit that crosses it
    whole)."""
    n = 0
    end = 0
    for i in seg.idx:
        end += 1
        n += len(texts[i])
        if n >= limit:
            break
    idx = seg.idx[:end]
    return joined_bigrams([texts[i] for i in idx], [grams[i] for i in idx])


def _all(seg: Segment, texts: list[str], grams: list[set[str]], limit: int = 1200) -> set[str]:
    """The bigrams of the body's first ``limit`` characters."""
    return joined_bigrams([texts[i] for i in seg.idx], [grams[i] for i in seg.idx], limit)


def attach(
    segs: list[Segment],
    texts: list[str],
    weights: dict[str, float] | None = None,
    grams: list[set[str]] | None = None,
    sharer: Sharer | None = None,
) -> list[float]:
    """Attach each headline block to a neighbouring body; return each headline's attachment certainty.

    Sets ``Segment.attached`` on bodies. A headline with no free body on either side stands alone
    (an article with no body, or a picture's title). ``grams``: each text's bigrams, when the
    caller has them already. ``sharer``: when given, a headline just after a body that the
    headline over it took may be read as the second story's of that body instead (it is left
    unattached here, and ``reader.split.share.split_shared`` cuts the body); else it never is.
    """
    if grams is None:
        grams = [bigrams(t) for t in texts]
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    heads = [k for k, s in enumerate(segs) if s.kind == "head"]
    certainty = [1.0] * len(segs)
    if not heads:
        return certainty

    heads_grams: dict[tuple[int, int, int], set[str]] = {}
    bodies_grams: dict[int, tuple[set[str], set[str]]] = {}  # a body's lead and whole, once each
    cohs: dict[tuple[int, int, int, int], float] = {}
    shares: dict[int, float] = {}

    def shared(k: int, b: int) -> float:
        """The score of reading headline ``k`` as the second story's of body ``b`` (taken by the
        headline just over it), -inf when it cannot be."""
        if k not in shares:
            s = (
                sharer(segs[k], segs[b - 1], segs[b])
                if sharer and b >= 1 and segs[b - 1].kind == "head"
                else 0.0
            )
            shares[k] = w["share"] * s - w["share_cost"] if s > 0 else -math.inf
        return shares[k]

    def coh(h: int, b: int, lo: int = 0, hi: int = 0) -> float:
        """The cohesion of headline ``h`` (its lines ``lo:hi`` when ``hi``) with body ``b``."""
        key = (h, b, lo, hi)
        if key not in cohs:
            if (h, lo, hi) not in heads_grams:
                idx = segs[h].idx[lo : hi or None]
                heads_grams[h, lo, hi] = joined_bigrams([texts[i] for i in idx], [grams[i] for i in idx])
            hg = heads_grams[h, lo, hi]
            if hg and b not in bodies_grams:
                bodies_grams[b] = (_lead(segs[b], texts, grams), _all(segs[b], texts, grams))
            cohs[key] = (
                0.6 * overlap(hg, bodies_grams[b][0]) + 0.4 * overlap(hg, bodies_grams[b][1]) if hg else 0.0
            )
        return cohs[key]

    # A path's choices are a linked chain (headline, target, margin, rest) so that extending a path
    # costs O(1): copying a dict of choices at every step made long pages quadratic.
    # A node's fifth item is where a block read as two headlines is cut (0: not cut).
    Chain = tuple[int, int, float, Any, int] | None
    best_total = -math.inf
    best_chain: Chain = None
    for habit in ("before", "after"):
        # Dynamic programme over the segments: state = whether the last body already has a headline.
        # The value: (score, choices, the body reserved by the headline just before it, or -1).
        states: dict[bool, tuple[float, Chain, int]] = {False: (0.0, None, -1)}
        for k, seg in enumerate(segs):
            nxt: dict[bool, tuple[float, Chain, int]] = {}

            def put(
                taken: bool,
                val: float,
                ch: Chain,
                reserved: int,
                into: dict[bool, tuple[float, Chain, int]] = nxt,
            ) -> None:
                if taken not in into or into[taken][0] < val:
                    into[taken] = (val, ch, reserved)

            if seg.kind == "body":
                # A body whose headline (if any) is still to come: "taken" starts False, unless a
                # headline just before it was assigned forward.
                follows_body = k > 0 and segs[k - 1].kind == "body"
                for taken, (val, ch, reserved) in states.items():
                    if follows_body and not taken:
                        val -= w["untitled"]  # the body before it is left without a headline
                    put(reserved == k, val, ch, -1)
                states = nxt
                continue
            prev_b = k - 1 if k > 0 and segs[k - 1].kind == "body" else -1
            next_b = k + 1 if k + 1 < len(segs) and segs[k + 1].kind == "body" else -1
            for taken, (val, ch, _reserved) in states.items():
                opts: list[tuple[float, int]] = []
                if prev_b >= 0 and not taken:
                    opts.append(
                        (w["cohesion"] * coh(k, prev_b) + (w["habit"] if habit == "after" else 0.0), prev_b)
                    )
                if next_b >= 0:
                    opts.append(
                        (w["cohesion"] * coh(k, next_b) + (w["habit"] if habit == "before" else 0.0), next_b)
                    )
                opts.append((-w["untitled"], -1))
                if prev_b >= 0 and taken and sharer is not None:
                    # The body above holds two stories, this headline the second's (-2: left
                    # unattached here; the body is cut after the grouping).
                    sc = shared(k, prev_b)
                    if sc > -math.inf:
                        opts.append((sc + (w["habit"] if habit == "after" else 0.0), -2))
                cut, cut_sc = 0, -math.inf
                if prev_b >= 0 and next_b >= 0 and not taken:
                    cut, cut_sc = _best_cut(k, prev_b, next_b, [texts[i] for i in seg.idx], coh)
                    cut_sc = w["cohesion"] * cut_sc - w["split"]
                for sc, target in opts:
                    other = [o for o, t in opts if t != target] + [cut_sc]
                    margin = sc - max(other)
                    # A body left without a headline costs `untitled` (once, when it is passed).
                    pen = 0.0
                    if target != prev_b and prev_b >= 0 and not taken:
                        pen -= w["untitled"]
                    reserved = next_b if target >= 0 and target == next_b else -1
                    # Keyed by whether the next body is now spoken for: a path that left it free
                    # must not be dropped for a better-scoring one that took it.
                    put(reserved >= 0, val + sc + pen, (k, target, margin, ch, 0), reserved)
                if cut:  # the first lines go on the body above, the rest over the body below
                    margin = cut_sc - max(o for o, _ in opts)
                    put(True, val + cut_sc, (k, prev_b, margin, ch, cut), next_b)
            states = nxt
        for taken, (val, ch, reserved) in states.items():
            last = len(segs) - 1
            if segs[last].kind == "body" and not taken and reserved != last:
                val -= w["untitled"]
            if val > best_total:
                best_total, best_chain = val, ch
    node = best_chain
    cuts: dict[int, int] = {}
    while node is not None:
        k, target, margin, node, cut = node
        if target >= 0:
            segs[target].attached = k
        if cut:
            cuts[k] = cut
        certainty[k] = 1.0 / (1.0 + math.exp(-2.0 * margin))
    return _cut_blocks(segs, certainty, cuts) if cuts else certainty


def _best_cut(
    k: int, prev_b: int, next_b: int, lines: list[str], coh: Callable[[int, int, int, int], float]
) -> tuple[int, float]:
    """Where to cut headline block ``k`` in two (its first lines for the body above, the rest for
    the body below), and the two parts' cohesion with their bodies; (0, -inf) when no cut is
    likely: each part must share more with its own body than with the other, and the second part
    may not open with a subtitle's dash."""
    best, best_sc = 0, -math.inf
    size = len(lines)
    for j in range(1, size):
        if lines[j].startswith("—"):
            continue
        up, down = coh(k, prev_b, 0, j), coh(k, next_b, j, size)
        if up <= coh(k, next_b, 0, j) or down <= coh(k, prev_b, j, size):
            continue
        if up + down > best_sc:
            best, best_sc = j, up + down
    return best, best_sc


def _cut_blocks(segs: list[Segment], certainty: list[float], cuts: dict[int, int]) -> list[float]:
    """Cut the headline blocks in ``cuts`` (in place): the first part stays attached to the body
    above it, the second is attached to the body below it."""
    out: list[Segment] = []
    conf: list[float] = []
    at: list[int] = []
    for k, seg in enumerate(segs):
        at.append(len(out))
        if k in cuts:
            j = cuts[k]
            out += [
                Segment("head", seg.idx[:j], conf=seg.conf),
                Segment(
                    "head", seg.idx[j:], why="a headline block between two stories read as two headlines"
                ),
            ]
            conf += [certainty[k], certainty[k]]
            continue
        out.append(seg)
        conf.append(certainty[k])
    for seg in segs:
        if seg.kind == "body" and seg.attached >= 0:
            seg.attached = at[seg.attached]
    for k in cuts:
        segs[k + 1].attached = at[k] + 1  # the body below the block
    segs[:] = out
    return conf
