"""Features of each unit for the line labeller: typography, punctuation, patterns, context, cohesion.

Every feature is a cue any Chinese newspaper page carries — a line's length against the page's own
wrap width, how it ends, blank lines and indents, dateline / byline / caption / 转版 shapes, what
its neighbours look like, and lexical cohesion (character bigrams shared with the text before and
after it). None names a word of any particular page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from reader.split import patterns as pt
from reader.split.cohesion import Windows, bigrams, overlap
from reader.split.flags import flags as line_flags
from reader.split.units import Unit, column_widths

__all__ = ["bigrams", "end_class", "local_widths", "overlap", "page_features", "page_kind"]

_CJK_RE = re.compile(f"[{pt.CJK}]")
_CLOSE = "”’」』）)》】\"'"
_COMMAS = "，、；：,;:"


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    """The index of the first edge above ``x`` (len(edges) when none is)."""
    return bisect_right(edges, x)


_LEN_EDGES = (2, 3, 4, 6, 9, 13, 17, 21, 31, 51, 101)


def end_class(s: str) -> str:
    """How a line ends: a sentence stop, a comma-like mark, a dash, a bracket, a letter ..."""
    t = s.rstrip()
    if not t:
        return "none"
    if pt.ends_sentence(t):
        return "stop"
    c = t[-1]
    if t.endswith(("——", "—", "--")):
        return "dash"
    if c in "：:":
        return "colon"
    if c in _COMMAS:
        return "comma"
    if c in _CLOSE:
        return "close"
    if c.isdigit():
        return "digit"
    if _CJK_RE.match(c):
        return "cjk"
    if c.isascii() and c.isalpha():
        return "latin"
    return "other"


def local_widths(us: list[Unit], radius: int = 6) -> list[float]:
    """Each unit's local wrap width (``units.column_widths`` of the units' widths)."""
    return column_widths([u.width for u in us], None, radius)


def page_kind(us: list[Unit], widths: list[float]) -> str:
    """The page's kind of text as a feature prefix: "m" markdown, "w" hard-wrapped, "p" paragraphs."""
    if not us:
        return "p"
    if sum(1 for u in us if 1 <= u.md <= 7) >= 1 and sum(1 for u in us if u.md) * 20 >= len(us):
        return "m"
    full = sum(1 for u, w in zip(us, widths, strict=True) if w >= 6 and abs(u.width - w) <= 1.0)
    return "w" if full * 2 >= len(us) else "p"


def _gaps(us: list[Unit], end_classes: list[str]) -> tuple[list[int], list[int]]:
    """Blank lines before and after each unit (0, 1, 2 for more), counted in the page's own unit
    of spacing: a page that leaves two blank lines between all its paragraphs (double spacing)
    has the gaps another page leaves with one, so its every paragraph is not a new story.
    ``end_classes``: each unit's ``end_class``, which the caller has made already."""
    ends = [i for i in range(len(us) - 1) if end_classes[i] == "stop"]
    gaps = Counter(us[i + 1].blank_before for i in ends if us[i + 1].blank_before)
    step = 1
    if len(ends) >= 3 and sum(gaps.values()) * 2 >= len(ends):  # blank lines part the paragraphs
        step = max(gaps.items(), key=lambda x: (x[1], -x[0]))[0]

    def rel(b: int) -> int:
        return min(2, b if step == 1 or not b else max(1, round(b / step)))

    return [rel(u.blank_before) for u in us], [rel(u.blank_after) for u in us]


# The feature strings of a unit come in groups that depend on a few values each (its shape, its
# markdown and gaps, a neighbour's shape and flags); most pages repeat the same values many times,
# so each group's strings are made once per process and shared. Callers get fresh lists.
_GROUPS: dict[tuple[object, ...], list[str]] = {}
_GROUPS_MAX = 100_000
_WREL = (0.01, 0.5, 0.8, 0.95, 1.06, 1.5)
_LEN_BUCKET = [str(_bucket(k, _LEN_EDGES)) for k in range(_LEN_EDGES[-1] + 1)]
_REL_EDGES = (0.3, 0.6, 0.9, 1.06)
_REL_LEN = [f"r{i}" for i in range(len(_REL_EDGES) + 1)]
_COH_EDGES = (0.01, 0.15, 0.3, 0.5)
_COH_A = [f"coh_a={i}" for i in range(len(_COH_EDGES) + 1)]
_COH_B = [f"coh_b={i}" for i in range(len(_COH_EDGES) + 1)]
_BREAK_EDGES = (0.03, 0.07, 0.12, 0.2)
_COH_BREAK = [f"coh_break={i}" for i in range(len(_BREAK_EDGES) + 1)]
_ACROSS_EDGES = (0.03, 0.06, 0.1, 0.15, 0.22)
_COH_ACROSS = [f"coh_across={i}" for i in range(len(_ACROSS_EDGES) + 1)]
# By whether the line above runs to the full width, then whether a blank line comes between.
_PREV_FULL = {
    full: {gap: (f"prevfull={int(full)}", f"prevfull_bb={int(full)}{int(gap)}") for gap in (False, True)}
    for full in (False, True)
}
_DIGITS = [str(i) for i in range(10)]
_TWINS = ("twin=0", "twin=1", "twin=2")  # other short lines standing alone of the same length
_SERIES_MAX = 24  # characters: a longer line standing alone is a title or a sentence, not a subhead


def _group(key: tuple[object, ...]) -> list[str]:
    """The feature strings of one group (``key[0]`` names it; the rest are its values)."""
    got = _GROUPS.get(key)
    if got is not None:
        return got
    if len(_GROUPS) >= _GROUPS_MAX:
        _GROUPS.clear()
    tag = key[0]
    if tag == "own":  # the three below, one after the other
        _, kind, ln, end, pn, md, mdrel, bb, ba, wr = key
        got = [
            *_group(("shape", kind, ln, end, pn)),
            *_group(("md", kind, md, mdrel, bb, ba)),
            *_group(("wrel", kind, wr, end)),
        ]
    elif tag == "shape":
        _, kind, ln, end, pn = key
        got = [
            "bias",
            f"k={kind}",
            f"len={ln}",
            f"{kind}len={ln}",
            f"end={end}",
            f"{kind}end={end}",
            f"pn={pn}",
            f"len_end={ln}_{end}",
            f"pn_end={pn}_{end}",
        ]
    elif tag == "md":
        _, kind, md, mdrel, bb, ba = key
        got = [f"md={md}", f"mdrel={mdrel}", f"bb={bb}", f"ba={ba}", f"{kind}bb_ba={bb}{ba}"]
    elif tag == "wrel":
        _, kind, wr, end = key
        got = [f"wrel={wr}", f"{kind}wrel_end={wr}_{end}"]
    elif tag == "pos":
        _, bpos, bsize, rpos = key
        got = [f"bpos={bpos}", f"bsize={bsize}", f"rpos={rpos}"]
    elif tag == "flags":
        _, kind, flags = key
        got = [x for fl in flags for x in (fl, f"{kind}{fl}")]  # type: ignore[attr-defined]
    elif tag == "near":  # a neighbour two away
        _, d, ln, end, pn = key
        got = [f"{d}len={ln}", f"{d}end={end}", f"{d}pn={pn}"]
    else:  # "next": a neighbour one away
        _, d, ln, end, pn, md, flags = key
        got = [f"{d}len={ln}", f"{d}end={end}", f"{d}pn={pn}", f"{d}md={md}", f"{d}len_end={ln}_{end}"]
        got += [f"{d}{fl}" for fl in flags]  # type: ignore[attr-defined]
    _GROUPS[key] = got
    return got


def _union(sets: list[set[str]]) -> set[str]:
    """The union of ``sets``, never to be changed (a lone set is returned as it is, not copied)."""
    return sets[0] if len(sets) == 1 else set().union(*sets)


def _indents(us: list[Unit], ends: list[str]) -> list[bool]:
    """Which units are indented as a paragraph is, where indenting is the page's habit: a page
    that indents every line says nothing by it, nor one that indents hardly any of the lines that
    open its paragraphs (a stray space a PDF tool left before a headline is no paragraph)."""
    ind = [u.indent not in ("", "deep") for u in us]
    k = sum(ind)
    if not k or k * 20 >= len(us) * 19:
        return [False] * len(us)
    opens = [i for i, u in enumerate(us) if i == 0 or u.blank_before or ends[i - 1] == "stop"]
    if sum(ind[i] for i in opens) * 5 < len(opens):
        return [False] * len(us)
    return ind


def page_features(
    us: list[Unit], widths: list[float] | None = None, grams: list[set[str]] | None = None
) -> list[list[str]]:
    """The feature strings of every unit of one page, for the CRF (``widths``: the units'
    ``local_widths``, ``grams``: their texts' bigrams, when the caller has them already)."""
    if not us:
        return []
    if widths is None:
        widths = local_widths(us)
    kind = page_kind(us, widths)
    n = len(us)
    texts = [u.text for u in us]
    lens = [len(s) for s in texts]
    ends = [end_class(s) for s in texts]
    pns = [_DIGITS[min(pt.sentence_punct(s), 3)] for s in texts]
    top = len(_LEN_BUCKET) - 1
    lbs = [_LEN_BUCKET[min(k, top)] for k in lens]
    if kind == "w":
        # Hard-wrapped text: a line's length says little by itself (columns are 10 or 40 cells
        # wide); its length relative to the local wrap width says whether it is a full line.
        lbs = [
            _REL_LEN[bisect_right(_REL_EDGES, u.width / w)] if w else lb
            for u, w, lb in zip(us, widths, lbs, strict=True)
        ]
    flags = [tuple(line_flags(s)) for s in texts]
    if grams is None:
        grams = [bigrams(s) for s in texts]
    win = Windows(lens, grams)
    short = [k <= 40 and e != "stop" for k, e in zip(lens, ends, strict=True)]
    # What each short line shares with the text after and before it: in one pass over the page
    # when most lines are short (hard-wrapped text), else line by line (the same figures).
    if sum(short) * 2 >= n:
        share_after = win.shares_after(160, short)
        share_before = win.shares_before(400, short)
    else:
        share_after = [
            win.share(g, win.after(i, 160)) if s else 0.0
            for i, (g, s) in enumerate(zip(grams, short, strict=True))
        ]
        share_before = [
            win.share(g, win.before(i, 400)) if s else 0.0
            for i, (g, s) in enumerate(zip(grams, short, strict=True))
        ]
    # Blocks: runs of units with no blank line between them.
    block_id: list[int] = []
    b = -1
    for u in us:
        if u.blank_before:
            b += 1
        block_id.append(b)
    block_size = Counter(block_id)
    pos_in_block: list[int] = []
    for i in range(n):
        pos_in_block.append(0 if i == 0 or block_id[i] != block_id[i - 1] else pos_in_block[-1] + 1)
    # Each block's own wrap width (mode of its widths when it has full lines) for width changes.
    block_ws: dict[int, list[int]] = {}
    for bid, u in zip(block_id, us, strict=True):
        block_ws.setdefault(bid, []).append(round(u.width))
    block_w: dict[int, float] = {}
    for bid, ws in block_ws.items():
        if len(ws) < 2:  # no width twice
            block_w[bid] = 0.0
            continue
        c = Counter(ws).most_common(1)[0]
        block_w[bid] = float(c[0]) if c[1] >= 2 else 0.0
    # The column widths met on either side of a block's start: a hard-wrapped page set from a
    # PDF wraps each story at its own column's width, so a short line between text wrapped at two
    # widths is likelier a headline between two stories than a subhead inside one.
    order = list(block_w)  # block ids in page order
    w_before: dict[int, float] = {}
    w_after: dict[int, float] = {}
    last = 0.0
    for b in order:
        w_before[b] = last
        last = block_w[b] or last
    last = 0.0
    for b in reversed(order):
        last = block_w[b] or last
        w_after[b] = last
    # Markdown marks as "a heading" (any level, or a whole-line **bold**) and its level relative to
    # the heading before it: conventions differ (`## ` for every headline line, `### kicker` /
    # `# title` / `## subtitle`, bold titles), the relation between neighbours less so.
    mdc = ["h" if u.md else "0" for u in us]
    mdrel: list[str] = []
    last_level = 0
    for u in us:
        if not u.md:
            mdrel.append("x")
            continue
        level = 0 if u.md == 7 else u.md
        mdrel.append(
            "first"
            if not last_level
            else "same"
            if level == last_level
            else "up"
            if level < last_level
            else "down"
        )
        last_level = level or last_level
    # Whether a line is indented as a paragraph is, not with what: 　　, spaces and tabs all mark
    # one. No indent is no evidence (a headline may be flush, centred or set off), so it has no
    # feature: a model that learnt "flush means headline" fails on pages that centre headlines.
    ind = _indents(us, ends)
    bb, ba = _gaps(us, ends)
    ind_strs = ["ind", f"{kind}ind"]
    # Each unit as its neighbours see it, one and two away.
    near = {
        d: [_group(("near", d, lb, e, p)) for lb, e, p in zip(lbs, ends, pns, strict=True)] for d in (-2, 2)
    }
    nxt = {
        d: [
            _group(("next", d, lb, e, p, m, fl))
            for lb, e, p, m, fl in zip(lbs, ends, pns, mdc, flags, strict=True)
        ]
        for d in (-1, 1)
    }
    # Short lines standing alone (after a blank line, a sentence's end or a short line): headlines
    # and subheads. A story's subheads come in series, often set to one length (天府之国 创作源泉 /
    # 匠心独运 薪火相传), where the headlines of a page's stories differ: on 800 training-date
    # renders, 68 % of such lines (of 24 characters or fewer) read as body have another of their
    # length on the page, not next to them, and 41-43 % of the titles and kickers.
    alone = [
        short[i]
        and 0 < i < n - 1
        and (
            u.blank_before > 0
            or ends[i - 1] == "stop"
            or (widths[i - 1] > 0 and us[i - 1].width < widths[i - 1] - 1.5)
        )
        for i, u in enumerate(us)
    ]
    sizes = [len("".join(t.split())) if a else 0 for t, a in zip(texts, alone, strict=True)]
    # Of a hard-wrapped page's lines, those that open a paragraph stand alone too, and run to the
    # column's width: only the ones short of it count.
    series = [
        a and sizes[i] <= _SERIES_MAX and not (widths[i] >= 6 and us[i].width >= widths[i] - 1.5)
        for i, a in enumerate(alone)
    ]
    same = Counter(sizes[i] for i in range(n) if series[i])
    feats: list[list[str]] = []
    for i, u in enumerate(us):
        end = ends[i]
        w = widths[i]
        wr = bisect_right(_WREL, u.width / w) if w else "x"
        f = [
            *_group(("own", kind, lbs[i], end, pns[i], mdc[i], mdrel[i], bb[i], ba[i], wr)),
            *_group(("pos", min(pos_in_block[i], 2), min(block_size[block_id[i]], 4), min(4, (5 * i) // n))),
        ]
        if ind[i]:
            f += ind_strs
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        if flags[i]:
            f += _group(("flags", kind, flags[i]))
        f += near[-2][i - 2] if i >= 2 else ("-2none",)
        f += nxt[-1][i - 1] if i >= 1 else ("-1none",)
        f += nxt[1][i + 1] if i + 1 < n else ("1none",)
        f += near[2][i + 2] if i + 2 < n else ("2none",)
        if i > 0:
            # A wrapped line continues the line above when that one runs to the full width.
            pw = widths[i - 1]
            prev_full = pw >= 6 and abs(us[i - 1].width - pw) <= 1.0 and ends[i - 1] != "stop"
            f += _PREV_FULL[prev_full][u.blank_before > 0]
            if mdc[i] != mdc[i - 1]:
                f.append("md_change")
        if pos_in_block[i] == 0 and i > 0:
            bw, pbw = block_w[block_id[i]], block_w[block_id[i - 1]]
            if bw and pbw:
                f.append("bw_change=1" if abs(bw - pbw) >= 1 else "bw_change=0")
        if pos_in_block[i] == 0 and i > 0:
            wb, wa = w_before[block_id[i]], w_after[block_id[i]]
            if wb and wa:
                across = "s" if abs(wb - wa) < 1 else "d"
                f.append(f"wx={across}")
                if u.width < 0.8 * max(wb, wa):
                    f.append(f"wx_short={across}")
        # Lexical cohesion: what a short line shares with the text just after and just before it.
        if short[i]:
            oa = share_after[i]
            ob = share_before[i]
            f.append(_COH_A[bisect_right(_COH_EDGES, oa)])
            f.append(_COH_B[bisect_right(_COH_EDGES, ob)])
            f.append("coh_ab=a" if oa > ob + 0.1 else "coh_ab=b" if ob > oa + 0.1 else "coh_ab==")
        if pos_in_block[i] == 0 and i > 0 and lens[i] > 8:
            before = _union(win.before(i, 200))
            ahead = win.after(i, 200)
            after = grams[i].union(*ahead) if ahead else grams[i]
            inter = len(before & after) / max(1, min(len(before), len(after)))
            f.append(_COH_BREAK[bisect_right(_BREAK_EDGES, inter)])
        if alone[i]:
            # Does the text go on with the same words across this short line (a subhead) or
            # change them (a headline between two articles)?
            before = _union(win.before(i, 300))
            after = _union(win.after(i, 300))
            inter = len(before & after) / max(1, min(len(before), len(after)))
            f.append(_COH_ACROSS[bisect_right(_ACROSS_EDGES, inter)])
            if series[i]:
                k = sizes[i]
                twins = same[k] - 1 - sum(1 for j in (i - 1, i + 1) if series[j] and sizes[j] == k)
                f.append(_TWINS[min(twins, 2)])
            # The first body line after this run of short lines: does it open like a news lead
            # (电头, a date, 记者), as an article's first paragraph does and a section's seldom?
            j = i + 1
            while j < n and j <= i + 4 and short[j]:
                j += 1
            if j < n:
                opens = "dl" if "dateline" in flags[j] or "lead" in flags[j] else "x"
                f.append(f"next_body={min(j - i, 4)}{opens}")
        feats.append(f)
    return feats
