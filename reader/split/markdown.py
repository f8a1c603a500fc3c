"""Markdown pages: ``#`` marks both headlines and in-article subheads.

A run of ``#`` lines with nothing between them can hold several body-less headlines (and a
repeated one); the run is cut where a line has the shape of the page's own kickers, learned from
the kicker-over-title pairs that do have a body, and a headline printed twice is kept once.
"""

from __future__ import annotations

import re

from reader.models import Item
from reader.split import patterns as pt
from reader.split.paragraphs import Rec, assemble, classify, group_heads, page_name_of

_HEAD = re.compile(r"^#{1,6}\s*")
_IMAGE = re.compile(r"^!\[[^\]]{0,500}\]\([^)]{0,2000}\)$")
_BOLD = re.compile(r"^(\*\*|__)[^*_]{1,40}\1$")
_LEVEL = re.compile(r"^(#{1,6})\s+\S")


def records(text: str) -> list[Rec]:
    """One record per non-empty line; ``#`` lines are headlines, the rest classified by shape.

    When a page uses several heading levels, the shallowest marks headlines and deeper ones mark
    subheads; with one level, position decides (see :func:`reader.split.paragraphs.assemble`).
    """
    lines = [ln.strip() for ln in text.split("\n")]
    levels = {len(m.group(1)) for m in map(_LEVEL.match, lines) if m}
    top = min(levels) if len(levels) >= 2 else 0
    out: list[Rec] = []
    for s in lines:
        if not s:
            continue
        m = _HEAD.match(s)
        if m and m.end() < len(s):
            level = len(s) - len(s.lstrip("#"))
            kind = "subhead" if top and level > top else "head"
            out.append(Rec(kind, s[m.end() :].strip()))
        elif m:
            out.append(Rec("furniture", s, credit="rule"))
        elif _IMAGE.match(s):
            out.append(Rec("photo", s))
        elif _BOLD.match(s) and pt.sentence_punct(s) == 0:
            # A bold line on its own is a subhead; it keeps its marks so the printed line survives.
            out.append(Rec("subhead", s, credit="bold"))
        else:
            out.append(classify(s, heads_marked=True))
    return out


def _kicker_shape(seq: list[Rec | list[str]]) -> tuple[set[str], float]:
    """Last characters and the widest width of the page's kickers (first of two lines over a body)."""
    ends: set[str] = set()
    widest = 0.0
    for i, g in enumerate(seq):
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if (
            isinstance(g, list)
            and len(g) == 2
            and isinstance(nxt, Rec)
            and nxt.kind == "body"
            and pt.width(g[0]) < pt.width(g[1])
        ):
            ends.add(g[0][-1])
            widest = max(widest, pt.width(g[0]))
    return ends, widest


def _split_repeat(g: list[str]) -> list[list[str] | Rec]:
    """Find a headline printed twice in a row inside a run: it marks its own extent."""
    n = len(g)
    for size in range(min(n // 2, 12), 0, -1):
        for at in range(0, n - 2 * size + 1):
            if g[at : at + size] == g[at + size : at + 2 * size]:
                out: list[list[str] | Rec] = []
                if at:
                    out.append(g[:at])
                out.append(g[at : at + size])
                # The repeat is kept as furniture, so no printed line is lost.
                out.append(Rec("furniture", " ".join(g[at : at + size]), credit="repeat"))
                if at + 2 * size < n:
                    out.extend(_split_repeat(g[at + 2 * size :]))
                return out
    return [g]


def cut_runs(seq: list[Rec | list[str]]) -> list[Rec | list[str]]:
    """Cut long headline runs into headlines: at a repeated headline, and at kicker-shaped lines."""
    ends, widest = _kicker_shape(seq)
    out: list[Rec | list[str]] = []
    for g in seq:
        if not isinstance(g, list) or len(g) < 3:
            out.append(g)
            continue
        for piece in _split_repeat(g[:200]) + ([g[200:]] if len(g) > 200 else []):
            if not isinstance(piece, list) or len(piece) < 3 or not ends:
                out.append(piece)
                continue
            parts: list[list[str]] = [[piece[0]]]
            for line in piece[1:]:
                if line[-1] in ends and pt.width(line) <= widest + 1 and len(parts[-1]) >= 2:
                    parts.append([line])
                else:
                    parts[-1].append(line)
            out.extend(parts)
    # Identical headlines printed one after another (separate runs) are one headline too.
    dedup: list[Rec | list[str]] = []
    for g in out:
        if isinstance(g, list) and dedup and dedup[-1] == g:
            dedup.append(Rec("furniture", " ".join(g), credit="repeat"))
            continue
        dedup.append(g)
    return dedup


def split_markdown(text: str) -> tuple[list[Item], str]:
    """Split a markdown page; returns its items and page name ("" — none printed)."""
    recs = records(text)
    levelled = any(r.kind == "subhead" for r in recs)
    return assemble(cut_runs(group_heads(recs)), heads_start=levelled), page_name_of(recs)
