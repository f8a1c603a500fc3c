"""Second-pass features: what the first pass found about this page's own habits.

A page is set in one house style: its titles share an indent, blank lines and end punctuation, its
bodies start the same way, its headlines stand before their bodies or after them. The first pass
labels each line from its own cues and its neighbours'; this pass adds, for each line, how many of
the page's *other* lines that the first pass called a title (or a first body line, or body) look
like it, and which way the page's headline blocks face. So a title the first pass missed can be
recognised by its likeness to the titles it found. The counts leave the line itself out.
"""

from __future__ import annotations

from collections import Counter

from reader.split.features import end_class
from reader.split.units import Unit

_SHARE_EDGES = (0.01, 0.2, 0.5, 0.8)


def _bucket(x: float) -> int:
    return sum(1 for e in _SHARE_EDGES if x >= e)


def signature(u: Unit, full: bool) -> str:
    """The typographic look of a line: indent, blank lines around it, heading mark, end, full width."""
    return f"{u.indent}|{min(u.blank_before, 1)}{min(u.blank_after, 1)}|{int(bool(u.md))}|{end_class(u.text)}|{int(full)}"


def headline_habit(labels: list[str]) -> str:
    """Which way the page's headline blocks face, as far as labels alone tell: "before" when the
    page opens with a headline and does not end with one, "after" when it ends with one and does
    not open with one, else "mixed" (or "none" without headlines). Furniture is passed over."""
    text = [lab for lab in labels if lab in "KTSNPC"]
    if not any(lab in "KTS" for lab in text):
        return "none"
    opens, ends = text[0] in "KTS", text[-1] in "KTS"
    if opens and not ends:
        return "before"
    if ends and not opens:
        return "after"
    return "mixed"


def habit_features(
    us: list[Unit], feats: list[list[str]], labels: list[str], probs: list[float], full: list[bool]
) -> list[list[str]]:
    """Each unit's first-pass features plus the page-habit features of the second pass."""
    n = len(us)
    sigs = [signature(u, f) for u, f in zip(us, full, strict=True)]
    by_label: dict[str, Counter[str]] = {lab: Counter() for lab in "TNP"}
    totals: Counter[str] = Counter()
    for s, lab in zip(sigs, labels, strict=True):
        if lab in by_label:
            by_label[lab][s] += 1
            totals[lab] += 1
    habit = headline_habit(labels)
    out: list[list[str]] = []
    for i in range(n):
        f = list(feats[i])
        lab = labels[i]
        prev = labels[i - 1] if i else "^"
        nxt = labels[i + 1] if i + 1 < n else "$"
        f.append(f"p1={lab}")
        f.append(f"p1c={lab}{_bucket(probs[i])}")
        f.append(f"p1ctx={prev}{lab}{nxt}")
        f.append(f"hab={habit}")
        f.append(f"hab_prev={habit}_{prev}")
        for want, counts in by_label.items():
            own = 1 if lab == want else 0
            total = totals[want] - own
            if total <= 0:
                f.append(f"like{want}=none")
                continue
            f.append(f"like{want}={_bucket((counts[sigs[i]] - own) / total)}")
        out.append(f)
    return out
