"""A page that sets its subheads as it sets its headlines: read it again without that typography.

Two habits make a story's subheads look like its headlines: a page of paragraphs (one a line)
indented with 　　 that sets its headlines and its subheads flush, and a markdown page that marks
both with ``##`` (or ``###``, ``**…**``). The model reads a flush line among indented ones, or a
marked one, as a headline: the corpus's subheads are paragraphs, set like the rest on nearly every
training page. So it parts a story at each subhead, the subhead its title (rendered held-out pages
with the corpus's subheads marked ``##``: article F1 0.79, against 0.96 unmarked).

On such pages the candidates are the lines so set that the model read as a headline of one line
between two stretches of body (a subhead's place). The page is read a second time with that
typography taken away (indents, or heading marks), where the sentences around a line decide. When
that reading takes candidates into the body, each about as surely (within ``MARGIN``) as the first
reading took it for a headline, and those with the lines so set that the first reading already
took for body (subheads it read right: it reads a series of subheads by their lengths, and a page
with one subhead left as a headline had no second reading when only the candidates counted) are
at least ``MIN_BODY``, the page sets its subheads as its headlines and the second reading is the
page's. Hard-wrapped pages are left alone: their flush lines are a paragraph's later lines.

A candidate set right over a dated 电头 (本报北京2月2日电, 本报讯) keeps its first reading, as does
the 电头's line: a 电头 opens a story, so the line over it heads that story (a roundup marks its
items' titles as it marks the subheads), where a subhead stands over a story's later paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.split.features import page_kind
from reader.split.leads import DATED
from reader.split.units import Labelled, Unit

# Fitted on pages of training dates rendered with subheads so set and without (bench/fit_subheads.py).
MIN_BODY = 2
MARGIN = -0.1
UNSURE = 0.95
SUBHEAD_MAX = 30  # characters: a longer line read as body is a paragraph, whatever its typography
_PARAGRAPH_INDENTS = frozenset(("ideo", "space", "tab"))
NOTE = "rule=read without headline typography: this page sets its subheads as its headlines"
LEAD_NOTE = "rule=kept as first read: a line set as headlines are, right over a dated 电头"


def candidates(us: list[Unit], labels: list[str], probs: list[float], kind: str) -> list[int]:
    """The units set as the page sets headlines (marked on a markdown page, flush on a page of
    indented paragraphs) that were read as a headline of one line between two stretches of body."""
    return [i for i in _between_bodies(us, labels, kind) if labels[i] in "KTS" and probs[i] < UNSURE]


def read_as_body(us: list[Unit], labels: list[str], kind: str) -> list[int]:
    """The units set as the page sets headlines that the first reading took for body, short and
    between two stretches of body: subheads read right, which show the page's habit as well."""
    return [
        i for i in _between_bodies(us, labels, kind) if labels[i] == "P" and len(us[i].text) <= SUBHEAD_MAX
    ]


def _between_bodies(us: list[Unit], labels: list[str], kind: str) -> list[int]:
    """The units set as the page sets its headlines (marked on a markdown page, flush on a page of
    indented paragraphs; none on other pages) with body on either side (a caption before)."""
    if kind == "m":
        marked = [bool(u.md) for u in us]
    elif sum(1 for u in us if u.indent in _PARAGRAPH_INDENTS) * 2 >= len(us):
        marked = [not u.indent for u in us]
    else:
        return []
    return [
        i for i in range(1, len(us) - 1) if marked[i] and labels[i - 1] in "NPC" and labels[i + 1] in "NP"
    ]


def reread(us: list[Unit], first: Labelled, label: Callable[[list[Unit]], Labelled]) -> Labelled:
    """``first`` (the labels of units ``us``), or the page's reading without its headline
    typography when that reading finds the page sets its subheads so (``label`` labels units)."""
    kind = page_kind(us, first.widths)
    if kind == "w":
        return first
    found = candidates(us, first.labels, first.probs, kind)
    # A line so set right over a dated 电头 heads the story the 电头 opens (a story's later
    # paragraphs do not open with one): no subhead, and no evidence of the page's habit. It and
    # its 电头 keep the first reading whatever the second makes of the page.
    leads = [i for i in found if over_dated_lead(us, first.labels, i)]
    heads = [i for i in found if i not in leads]
    if not heads:
        return first
    already = read_as_body(us, first.labels, kind)
    if len(heads) + len(already) < MIN_BODY:
        return first
    if kind == "m":
        plain = [replace(u, md=0) if u.md else u for u in us]
    else:
        plain = [replace(u, indent="", width=u.width - u.lead, lead=0.0) if u.lead else u for u in us]
    second = label(plain)
    body = {i for i in heads if second.labels[i] in "NP" and second.probs[i] - first.probs[i] >= MARGIN}
    if not body or len(body) + len(already) < MIN_BODY:
        return first
    feats = [[*f, NOTE] if i in body else f for i, f in enumerate(second.features)]
    labels, probs = list(second.labels), list(second.probs)
    for j in (k for i in leads for k in (i, i + 1)):
        labels[j], probs[j], feats[j] = first.labels[j], first.probs[j], [*first.features[j], LEAD_NOTE]
    return replace(second, units=us, labels=labels, probs=probs, features=feats)


def over_dated_lead(us: list[Unit], labels: list[str], i: int) -> bool:
    """Whether unit ``i`` stands right over a line read as body that opens with a dated 电头."""
    return i + 1 < len(us) and labels[i + 1] in "NP" and DATED.match(us[i + 1].text.strip()) is not None
