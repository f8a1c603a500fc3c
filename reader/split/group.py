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
from dataclasses import dataclass, field

from reader.split.features import bigrams, overlap

HEAD = frozenset("KTS")
# Weights of the attachment score, fitted by `python -m reader.split.train` (see train.py).
DEFAULT_WEIGHTS = {"cohesion": 4.0, "habit": 0.6, "untitled": 1.2, "adjacent": 0.3}


@dataclass
class Segment:
    """A run of units: a headline block (``head``) or a body (``body``) with its unit indexes."""

    kind: str  # "head" or "body"
    idx: list[int] = field(default_factory=list)
    attached: int = -1  # for a body: the index of its headline segment; -1 none
    conf: float = 1.0  # certainty of the boundary that opens this segment


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


def _lead(seg: Segment, texts: list[str], limit: int = 160) -> set[str]:
    out: list[str] = []
    n = 0
    for i in seg.idx:
        out.append(texts[i])
        n += len(texts[i])
        if n >= limit:
            break
    return bigrams("".join(out))


def _all(seg: Segment, texts: list[str], limit: int = 1200) -> set[str]:
    return bigrams("".join(texts[i] for i in seg.idx)[:limit])


def attach(segs: list[Segment], texts: list[str], weights: dict[str, float] | None = None) -> list[float]:
    """Attach each headline block to a neighbouring body; return each headline's attachment certainty.

    Sets ``Segment.attached`` on bodies. A headline with no free body on either side stands alone
    (an article with no body, or a picture's title).
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    heads = [k for k, s in enumerate(segs) if s.kind == "head"]
    certainty = [1.0] * len(segs)
    if not heads:
        return certainty

    def coh(h: int, b: int) -> float:
        hg = bigrams("".join(texts[i] for i in segs[h].idx))
        if not hg:
            return 0.0
        return 0.6 * overlap(hg, _lead(segs[b], texts)) + 0.4 * overlap(hg, _all(segs[b], texts))

    best_total = -math.inf
    best_choice: dict[int, int] = {}
    best_margins: dict[int, float] = {}
    for habit in ("before", "after"):
        # Dynamic programme over the segments: state = whether the last body already has a headline.
        # score[(k, taken)] for prefix up to segment k.
        states: dict[bool, tuple[float, dict[int, int], dict[int, float]]] = {False: (0.0, {}, {})}
        for k, seg in enumerate(segs):
            nxt: dict[bool, tuple[float, dict[int, int], dict[int, float]]] = {}

            def put(
                taken: bool,
                val: float,
                ch: dict[int, int],
                mg: dict[int, float],
                into: dict[bool, tuple[float, dict[int, int], dict[int, float]]] = nxt,
            ) -> None:
                if taken not in into or into[taken][0] < val:
                    into[taken] = (val, ch, mg)

            if seg.kind == "body":
                # A body whose headline (if any) is still to come: "taken" starts False, unless a
                # headline just before it was assigned forward (handled at the headline).
                follows_body = k > 0 and segs[k - 1].kind == "body"
                for taken, (val, ch, mg) in states.items():
                    if follows_body and not taken:
                        val -= w["untitled"]  # the body before it is left without a headline
                    if ch.get(-(k + 1)) is not None:  # reserved by the headline before it
                        put(True, val, ch, mg)
                    else:
                        put(False, val, ch, mg)
                states = nxt
                continue
            prev_b = k - 1 if k > 0 and segs[k - 1].kind == "body" else -1
            next_b = k + 1 if k + 1 < len(segs) and segs[k + 1].kind == "body" else -1
            for taken, (val, ch, mg) in states.items():
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
                top = sorted(opts, reverse=True)
                for sc, target in opts:
                    ch2 = dict(ch)
                    ch2[k] = target
                    mg2 = dict(mg)
                    other = [o for o, t in top if t != target]
                    mg2[k] = sc - (other[0] if other else sc - 5.0)
                    # A body left without a headline costs `untitled` (once, when it is passed).
                    pen = 0.0
                    if target != prev_b and prev_b >= 0 and not taken:
                        pen -= w["untitled"]
                    if target >= 0 and target == next_b:
                        ch2[-(next_b + 1)] = k
                    put(False, val + sc + pen, ch2, mg2)
            states = nxt
        for taken, (val, ch, mg) in states.items():
            last = len(segs) - 1
            if segs[last].kind == "body" and not taken and ch.get(-(last + 1)) is None:
                val -= w["untitled"]
            if val > best_total:
                best_total, best_choice, best_margins = val, ch, mg
    for k in heads:
        target = best_choice.get(k, -1)
        if target >= 0:
            segs[target].attached = k
        certainty[k] = 1.0 / (1.0 + math.exp(-2.0 * best_margins.get(k, 5.0)))
    return certainty
