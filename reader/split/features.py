"""Features of each unit for the line labeller: typography, punctuation, patterns, context, cohesion.

Every feature is a cue any Chinese newspaper page carries — a line's length against the page's own
wrap width, how it ends, blank lines and indents, dateline / byline / caption / 转版 shapes, what
its neighbours look like, and lexical cohesion (character bigrams shared with the text before and
after it). None names a word of any particular page.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import itemgetter

from reader.split import patterns as pt
from reader.split.cohesion import bigrams, overlap, window_grams, window_overlaps
from reader.split.units import Unit

__all__ = ["bigrams", "end_class", "local_widths", "overlap", "page_features", "page_kind"]

CONTINUATION = re.compile(
    r"^[（(]?\s*(?:下转|上接|接上|转第|续第|转自|接第)\s*第?\s*[A-Z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版\s*[）)]?$"
)
# How a news lead opens when it has no 电头: a date or a time word, or the reporter.
LEAD = re.compile(
    r"^(?:[0-9０-９]{1,4}年|[0-9０-９]{1,2}月[0-9０-９]{1,2}日|近日|日前|近年来|近期|今年|去年|昨天|今天|当地时间)"
)
_CJK_RE = re.compile(f"[{pt.CJK}]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_CLOSE = "”’」』）)》】\"'"
_COMMAS = "，、；：,;:"


_second = itemgetter(1)


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    for i, e in enumerate(edges):
        if x < e:
            return i
    return len(edges)


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
    """Each unit's local wrap width: the most common width among its neighbours' long lines.

    A hard-wrapped paragraph prints most lines at exactly the column width, so the mode of nearby
    widths is that width; in a page of one paragraph per line there is no such mode and the value
    only says how long nearby lines are.
    """
    ws = [round(u.width) for u in us]
    n = len(ws)
    out: list[float] = []
    for i in range(n):
        counts: dict[int, int] = {}  # in the order met, so a tie goes to the first, as Counter's
        for j in range(max(0, i - radius), min(n, i + radius + 1)):
            w = ws[j]
            if w >= 6 and j != i:
                counts[w] = counts.get(w, 0) + 1
        if not counts:
            out.append(0.0)
            continue
        best, c = max(counts.items(), key=_second)
        out.append(float(best) if c >= 2 else float(max(counts)))
    return out


def _shape(u: Unit) -> dict[str, str]:
    s = u.text
    return {
        "len": str(_bucket(len(s), _LEN_EDGES)),
        "end": end_class(s),
        "pn": str(min(pt.sentence_punct(s), 3)),
    }


def _flags(s: str) -> list[str]:
    f: list[str] = []
    if pt.DATELINE.match(s):
        f.append("dateline")
    elif LEAD.match(s) or s.startswith(("记者", "本报记者")):
        f.append("lead")
    if pt.BYLINE_BRACKET.search(s):
        f.append("byl_br")
        if s.startswith(("（", "(")):
            f.append("byl_br_whole")
    if pt.BYLINE_LINE.match(s):
        f.append("byl_line")
    if pt.PHOTO_CREDIT.search(s):
        f.append("credit")
    if s.endswith(("摄", "摄）", "摄)")) or "摄影" in s[-6:]:
        f.append("she")
    if pt.EDITORS.match(s) or re.match(r"^本版(?:责编|编辑|主编|统筹|策划)", s):
        f.append("editors")
    if pt.DATE_LINE.match(s):
        f.append("dateonly")
    if pt.PAGE_NAME.match(s):
        f.append("pagename")
    if pt.CAPTION_START.match(s):
        f.append("capstart")
    if pt.SUBHEAD_MARK.match(s):
        f.append("submark")
    if pt.is_kicker_end(s):
        f.append("kickend")
    if pt.END_MARK.search(s):
        f.append("endmark")
    if CONTINUATION.match(s):
        f.append("cont")
    if pt.GRAPHIC_CREDIT.match(s):
        f.append("gcredit")
    if pt.NOTE.match(s):
        f.append("note")
    if s[:1] in '“「『"':
        f.append("q0")
    if s[:1] in pt.BULLETS:
        f.append("bullet")
    if s.startswith(("——", "—")):
        f.append("dash0")
    if " " in s or "\u3000" in s:
        f.append("space_in")
    if "：" in s[:8] or ":" in s[:8]:
        f.append("colon_early")
    if not _CJK_RE.search(s):
        f.append("nocjk")
    elif len(_ASCII_WORD.findall(s)) * 2 > len(s):
        f.append("ascii_heavy")
    if s[-1:] in "）)" and s[:1] not in "（(":
        f.append("br_end")
    if "《" in s:
        f.append("book")
    if "？" in s or "?" in s:
        f.append("qmark")
    if "！" in s or "!" in s:
        f.append("excl")
    return f


def page_kind(us: list[Unit], widths: list[float]) -> str:
    """The page's kind of text as a feature prefix: "m" markdown, "w" hard-wrapped, "p" paragraphs."""
    if not us:
        return "p"
    if sum(1 for u in us if 1 <= u.md <= 7) >= 1 and sum(1 for u in us if u.md) * 20 >= len(us):
        return "m"
    full = sum(1 for u, w in zip(us, widths, strict=True) if w >= 6 and abs(u.width - w) <= 1.0)
    return "w" if full * 2 >= len(us) else "p"


def _gaps(us: list[Unit]) -> tuple[list[int], list[int]]:
    """Blank lines before and after each unit (0, 1, 2 for more), counted in the page's own unit
    of spacing: a page that leaves two blank lines between all its paragraphs (double spacing)
    has the gaps another page leaves with one, so its every paragraph is not a new story."""
    ends = [i for i in range(len(us) - 1) if pt.ends_sentence(us[i].text)]
    gaps = Counter(us[i + 1].blank_before for i in ends if us[i + 1].blank_before)
    step = 1
    if len(ends) >= 3 and sum(gaps.values()) * 2 >= len(ends):  # blank lines part the paragraphs
        step = max(gaps.items(), key=lambda x: (x[1], -x[0]))[0]

    def rel(b: int) -> int:
        return min(2, b if step == 1 or not b else max(1, round(b / step)))

    return [rel(u.blank_before) for u in us], [rel(u.blank_after) for u in us]


def page_features(us: list[Unit], widths: list[float] | None = None) -> list[list[str]]:
    """The feature strings of every unit of one page, for the CRF (``widths``: the units'
    ``local_widths`` when the caller has them already)."""
    if not us:
        return []
    if widths is None:
        widths = local_widths(us)
    kind = page_kind(us, widths)
    shapes = [_shape(u) for u in us]
    flags = [_flags(u.text) for u in us]
    grams = [bigrams(u.text) for u in us]
    # Blocks: runs of units with no blank line between them.
    block_id: list[int] = []
    b = -1
    for u in us:
        if u.blank_before:
            b += 1
        block_id.append(b)
    block_size = Counter(block_id)
    pos_in_block: list[int] = []
    for i in range(len(us)):
        pos_in_block.append(0 if i == 0 or block_id[i] != block_id[i - 1] else pos_in_block[-1] + 1)
    # Each block's own wrap width (mode of its widths when it has full lines) for width changes.
    block_ws: dict[int, list[int]] = {}
    for bid, u in zip(block_id, us, strict=True):
        block_ws.setdefault(bid, []).append(round(u.width))
    block_w: dict[int, float] = {}
    for bid, ws in block_ws.items():
        c = Counter(ws).most_common(1)[0]
        block_w[bid] = float(c[0]) if c[1] >= 2 else 0.0
    n = len(us)
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
    if kind == "w":
        # Hard-wrapped text: a line's length says little by itself (columns are 10 or 40 cells
        # wide); its length relative to the local wrap width says whether it is a full line.
        for sh, u, w in zip(shapes, us, widths, strict=True):
            sh["len"] = "r" + str(_bucket(u.width / w, (0.3, 0.6, 0.9, 1.06))) if w else sh["len"]
    short = [len(u.text) <= 40 and sh["end"] != "stop" for u, sh in zip(us, shapes, strict=True)]
    lens = [len(u.text) for u in us]
    coh_after = window_overlaps(lens, grams, short, 160)
    coh_before = window_overlaps(lens[::-1], grams[::-1], short[::-1], 400)[::-1]
    # Whether a line is indented as a paragraph is, not with what: 　　, spaces and tabs all mark
    # one. No indent is no evidence (a headline may be flush, centred or set off), so it has no
    # feature: a model that learnt "flush means headline" fails on pages that centre headlines.
    ind = [u.indent not in ("", "deep") for u in us]
    if sum(ind) * 20 >= len(us) * 19:  # a page that indents every line says nothing by it
        ind = [False] * len(us)
    bb, ba = _gaps(us)
    feats: list[list[str]] = []
    for i, u in enumerate(us):
        sh = shapes[i]
        w = widths[i]
        rel = u.width / w if w else 0.0
        f = [
            "bias",
            f"k={kind}",
            f"len={sh['len']}",
            f"{kind}len={sh['len']}",
            f"end={sh['end']}",
            f"{kind}end={sh['end']}",
            f"pn={sh['pn']}",
            f"len_end={sh['len']}_{sh['end']}",
            f"pn_end={sh['pn']}_{sh['end']}",
            f"md={mdc[i]}",
            f"mdrel={mdrel[i]}",
            f"bb={bb[i]}",
            f"ba={ba[i]}",
            f"{kind}bb_ba={bb[i]}{ba[i]}",
            f"wrel={_bucket(rel, (0.01, 0.5, 0.8, 0.95, 1.06, 1.5)) if w else 'x'}",
            f"{kind}wrel_end={_bucket(rel, (0.01, 0.5, 0.8, 0.95, 1.06, 1.5)) if w else 'x'}_{sh['end']}",
            f"bpos={min(pos_in_block[i], 2)}",
            f"bsize={min(block_size[block_id[i]], 4)}",
            f"rpos={min(4, (5 * i) // n)}",
        ]
        if ind[i]:
            f.append("ind")
            f.append(f"{kind}ind")
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        for fl in flags[i]:
            f.append(fl)
            f.append(f"{kind}{fl}")
        # Neighbours' shapes, one and two away.
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                s2 = shapes[j]
                f.append(f"{d}len={s2['len']}")
                f.append(f"{d}end={s2['end']}")
                f.append(f"{d}pn={s2['pn']}")
                if abs(d) == 1:
                    f.append(f"{d}md={mdc[j]}")
                    f.append(f"{d}len_end={s2['len']}_{s2['end']}")
                    for fl in flags[j]:
                        f.append(f"{d}{fl}")
            else:
                f.append(f"{d}none")
        if i > 0:
            # A wrapped line continues the line above when that one runs to the full width.
            pw = widths[i - 1]
            prev_full = pw >= 6 and abs(us[i - 1].width - pw) <= 1.0 and shapes[i - 1]["end"] != "stop"
            f.append(f"prevfull={int(prev_full)}")
            f.append(f"prevfull_bb={int(prev_full)}{min(u.blank_before, 1)}")
            if mdc[i] != mdc[i - 1]:
                f.append("md_change")
        if pos_in_block[i] == 0 and i > 0:
            bw, pbw = block_w[block_id[i]], block_w[block_id[i - 1]]
            if bw and pbw:
                f.append(f"bw_change={int(abs(bw - pbw) >= 1)}")
        # Lexical cohesion: what a short line shares with the text just after and just before it.
        if short[i]:
            oa, ob = coh_after[i], coh_before[i]
            f.append(f"coh_a={_bucket(oa, (0.01, 0.15, 0.3, 0.5))}")
            f.append(f"coh_b={_bucket(ob, (0.01, 0.15, 0.3, 0.5))}")
            f.append(f"coh_ab={'a' if oa > ob + 0.1 else 'b' if ob > oa + 0.1 else '='}")
        if pos_in_block[i] == 0 and i > 0 and len(u.text) > 8:
            before = window_grams(lens, grams, i, -1, 200)
            after = grams[i] | window_grams(lens, grams, i, 1, 200)
            inter = len(before & after) / max(1, min(len(before), len(after)))
            f.append(f"coh_break={_bucket(inter, (0.03, 0.07, 0.12, 0.2))}")
        standalone = 0 < i < n - 1 and (
            u.blank_before > 0
            or shapes[i - 1]["end"] == "stop"
            or (widths[i - 1] > 0 and us[i - 1].width < widths[i - 1] - 1.5)
        )
        if short[i] and standalone:
            # Does the text go on with the same words across this short line (a subhead) or
            # change them (a headline between two articles)?
            before = window_grams(lens, grams, i, -1, 300)
            after = window_grams(lens, grams, i, 1, 300)
            inter = len(before & after) / max(1, min(len(before), len(after)))
            f.append(f"coh_across={_bucket(inter, (0.03, 0.06, 0.1, 0.15, 0.22))}")
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
