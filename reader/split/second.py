"""The labeller's second pass: what the first pass found on the page, as features of each unit.

A linear-chain CRF sees each line with its neighbours. It cannot see the page's own conventions:
that on this page the lines it is sure are headlines are centred (or marked ``###``, or set off
by two blank lines) while the paragraphs are indented, or that the story a short line stands in
already has subheads. A second model reads the first pass's labels and the page's typography
as the first pass saw it, and labels the page again:

- the first pass's label of the unit and of its neighbours, and how sure it was;
- the page's headline typography: for each of indent, markdown level, blank lines before and
  after, and full or short line, the value the page's sure headlines share (two in three or more)
  when the page's body lines mostly have another; each unit is marked as matching the headlines'
  value, the bodies' or neither (``ty_…``), and how many of those it matches;
- whether its length falls among the page's sure titles' lengths;
- in the story it stands in (since the last headline line): how many short lines standing alone
  came before it, and how much body text.

No word of any page is a feature here: only labels, counts and typography. The second model is
fitted on the training pages' features and the labels a first-pass model gave them without having
been trained on them (``reader.split.train``: each half labelled by the model of the other half).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.split import patterns as pt
from reader.split.units import Unit

MARK = "pass=2"  # added to the cues of a page the second pass labelled (not a feature of the model)
SURE = 0.8  # a first-pass headline this sure belongs to the page's headline typography
# Fewer units than this and the page keeps the first pass's labels: a few lines show no habit of the
# page's, and on made-up pages of six lines the second pass ran a caption on over whole stories
# (no training page is that short; the training pages score the same with or without this floor).
MIN_UNITS = 20
_ATTRS = ("ind", "md", "bb", "ba", "rel")
EDGE = "-1"  # the blank lines before the page's first line and after its last: none of its own


def _band(p: float) -> str:
    return "h" if p >= 0.9 else "m" if p >= 0.6 else "l"


def _looks(u: Unit, width: float) -> tuple[str, ...]:
    """The unit's value of each of ``_ATTRS``."""
    rel = "x" if not width else ("full" if u.width >= width - 1.5 else "short")
    return (u.indent or "-", str(u.md), str(min(u.blank_before, 2)), str(min(u.blank_after, 2)), rel)


def _profile(looks: list[tuple[str, ...]], heads: list[int], bodies: list[int]) -> list[tuple[int, str, str]]:
    """(attribute, headlines' value, bodies' value) of each typographic attribute that tells them
    apart on this page: the sure headlines share a value (two in three or more) the bodies mostly
    do not have."""
    prof: list[tuple[int, str, str]] = []
    if not heads or not bodies:
        return prof
    for a in range(len(_ATTRS)):
        # The page's first and last lines have no blank lines of their own (EDGE): they say nothing
        # of the page's habit (a page whose one sure headline opens it would make "no blank line
        # before" the mark of a body line, and every other headline a body line).
        hs = Counter(v for i in heads if (v := looks[i][a]) != EDGE)
        bs = Counter(v for i in bodies if (v := looks[i][a]) != EDGE)
        if not hs or not bs:
            continue
        (hv, hn), (bv, _) = hs.most_common(1)[0], bs.most_common(1)[0]
        if hv != bv and hn * 3 >= 2 * hs.total():
            prof.append((a, hv, bv))
    return prof


def _typography(look: tuple[str, ...], prof: list[tuple[int, str, str]]) -> list[str]:
    if not prof:
        return ["ty=none"]
    out = [f"ty={min(sum(look[a] == hv for a, hv, _ in prof), 3)}of{min(len(prof), 3)}"]
    for a, hv, bv in prof:
        out.append(f"ty_{_ATTRS[a]}=" + ("h" if look[a] == hv else "b" if look[a] == bv else "o"))
    return out


def features(
    us: Sequence[Unit],
    widths: Sequence[float],
    labels: Sequence[str],
    probs: Sequence[float],
    heads: Sequence[float],
) -> list[list[str]]:
    """The second pass's features of each unit, from the first pass's ``labels``, each label's
    probability (``probs``) and each unit's probability of being a headline line (``heads``:
    kicker, title or subtitle); added to the first pass's own features."""
    n = len(us)
    sure = [i for i in range(n) if labels[i] in "KTS" and probs[i] >= SURE]
    bodies = [i for i in range(n) if labels[i] in "NP"]
    looks = [_looks(u, w) for u, w in zip(us, widths, strict=True)]
    if looks:
        # The page's start and end count as 3 blank lines: no typography of the line's own.
        looks[0] = (looks[0][0], looks[0][1], EDGE, *looks[0][3:])
        looks[-1] = (*looks[-1][:3], EDGE, looks[-1][4])
    prof = _profile(looks, sure, bodies)
    typography: dict[tuple[str, ...], list[str]] = {}  # most units share a few looks
    title_lens = sorted(len(us[i].text) for i in sure if labels[i] == "T")
    out: list[list[str]] = []
    subs = chars = 0  # in the story so far: short lines standing alone, body characters
    for i, u in enumerate(us):
        lab = labels[i]
        prv = labels[i - 1] if i else "^"
        nxt = labels[i + 1] if i + 1 < n else "$"
        f = [
            f"s1={lab}{_band(probs[i])}",
            "s1p=" + prv,
            "s1n=" + nxt,
            f"s1pn={prv}{lab}{nxt}",
            "s1h=" + _band(heads[i]),
        ]
        ty = typography.get(looks[i])
        if ty is None:
            ty = typography[looks[i]] = _typography(looks[i], prof)
        f += ty
        text = u.text
        if title_lens and len(text) <= 40:
            f.append("tlen=in" if title_lens[0] <= len(text) <= title_lens[-1] else "tlen=out")
        if lab in "KTS":
            subs = chars = 0
        else:
            f.append(_SUBS[min(subs, 2)])
            f.append(_CHARS[0 if not chars else 1 if chars < 300 else 2 if chars < 1500 else 3])
            if lab == "N":
                subs = chars = 0
            if lab == "P" and len(text) <= 30:
                w = widths[i]
                alone = (not w or u.width < w - 1.5) and (
                    i == 0
                    or bool(u.blank_before)
                    or pt.ends_sentence(us[i - 1].text)
                    or bool(widths[i - 1] and us[i - 1].width < widths[i - 1] - 1.5)
                )
                if alone and not pt.ends_sentence(text):
                    subs += 1
            chars += len(text)
        out.append(f)
    return out


_SUBS = ("art_subs=0", "art_subs=1", "art_subs=2")
_CHARS = ("art_chars=0", "art_chars=s", "art_chars=m", "art_chars=l")


def centred(us: Sequence[Unit], labels: list[str], probs: list[float], feats: list[list[str]]) -> None:
    """On a page the second pass does not read: where the lines the first pass is sure are headline
    lines are set off deep (centred: reader.split.units' "deep" indent), two in three or more, and
    its body lines hardly ever are (sentences and long lines), a line so set that the first pass
    read as body, short and ending no sentence, is a headline line (its likeliest headline role),
    in place. A centred line is a display line in any paper; the labeller, trained on pages that
    set their headlines flush, has no feature for it."""
    from reader.split import crf

    sure = [i for i, lab in enumerate(labels) if lab in "KTS" and probs[i] >= SURE]
    if len(sure) < 3:
        return
    deep = [u.indent == "deep" for u in us]
    if sum(deep[i] for i in sure) * 3 < len(sure) * 2:
        return
    body = [i for i, lab in enumerate(labels) if lab in "NP"]
    short = [len(u.text) <= CENTRED_MAX and not pt.ends_sentence(u.text) for u in us]
    if sum(deep[i] and not short[i] for i in body) * 20 > len(body):  # it centres its paragraphs
        return
    for i in body:
        if deep[i] and short[i]:
            labels[i], probs[i] = crf.best_other(i, "NPCF")
            feats[i] = [*feats[i], "rule=a headline line: centred, as the page's headlines are"]


CENTRED_MAX = 40  # characters: a longer centred line is no headline line (a set-off quotation)
