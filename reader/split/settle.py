"""Read again the lines the labeller was least sure of, where its reading leaves a story unsettled.

One headline stack belongs to one story: a split that leaves a headline with no story under or
over it, or a story with no headline, has misread some line between them
(:func:`reader.split.unwrap.unsettled`). The labeller gives every line its likeliest role one line
at a time; the grouping sees the page whole. So where the kept reading leaves stories unsettled,
each line in such a story or just next to it that the labeller was less than :data:`SURE` of (the
least sure first, at most :data:`TRIES` of them; never a short label, which the folds leave alone
too) is given its next likeliest role within a story, and the change is kept when the page then
leaves fewer stories unsettled. A kept change stays for the lines tried
after it.

Lines anywhere on the page were tried first: on real pages that read titles far from the unsettled
story as body (dev paragraphs 0.932 -> 0.929, the seeds 0.459 -> 0.433). Kept to the unsettled
stories and their neighbours, on training-date renders (``bench/settle_probe.py``, 150 pages a
set): mixed_paras 0.907 -> 0.915, md_mixed 0.894 -> 0.899, para_after 0.888 -> 0.891, wrap_mixed
0.878 -> 0.881, no set lower; on the held-out month every rendering level or up (ho2_captions
0.809 -> 0.822, para_after 0.879 -> 0.889), dev paragraphs 0.932 -> 0.933, dev markdown 0.979 ->
0.980, the seeds 0.459 -> 0.500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.models import SplitPage
from reader.split import crf, second, unwrap
from reader.split.group import HEAD
from reader.split.unattached import LABEL_MAX
from reader.split.units import Labelled

SURE = 0.8  # a line the labeller is at least this sure of keeps its role
TRIES = 12  # lines tried at most on a page (the least sure first): the work stays linear
# Each try groups the whole page again: on a page of more units than this (a file of many pages run
# together, megabytes long) twelve groupings doubled the split's time (bench/bench_split.py), so
# such a page keeps the labeller's reading. Printed pages have 20-500 lines.
MAX_UNITS = 2000
NOTE = "rule=read in its next likeliest role: the page then leaves fewer stories with no title or no body"


def settle(kept: unwrap.Reading, build: Callable[[Labelled], SplitPage]) -> unwrap.Reading:
    """``kept`` with the lines whose next likeliest role settles more stories read in that role
    (``build``: the grouping stage, labels to items)."""
    left = unwrap.unsettled(kept.page)
    lab = kept.lab
    if not left or len(lab.units) > MAX_UNITS:  # most pages: nothing more to do
        return kept
    near = _near_unsettled(kept)
    unsure = sorted((p, i) for i, p in enumerate(lab.probs) if p < SURE and i in near and not _label(lab, i))[
        :TRIES
    ]
    if not unsure:
        return kept
    # Tag the page again for its marginals: the features the labels were decided on, less the
    # marks the rules after the labeller left among them.
    model = crf.MODEL2 if second.MARK in lab.features[0] else None
    crf.tag([[f for f in fs if f != second.MARK and not f.startswith("rule=")] for fs in lab.features], model)
    best = kept
    for _, i in unsure:
        # Roles within a story only: a line read as furniture or a caption would settle a story by
        # taking it off the page (a story of one 电头 line read as the page's furniture).
        role, p = crf.best_other(i, {best.lab.labels[i], "F", "C"})
        labels, probs, feats = list(best.lab.labels), list(best.lab.probs), list(best.lab.features)
        labels[i], probs[i], feats[i] = role, p, [*feats[i], NOTE]
        trial = replace(best.lab, labels=labels, probs=probs, features=feats)
        page = build(trial)
        if kept.spans is not None:
            page = unwrap.on_raw_lines(page, kept.spans)
        now = unwrap.unsettled(page)
        if now < left:
            best, left = unwrap.Reading(trial, page, kept.spans), now
            if not left:
                break
    return best


def _label(lab: Labelled, i: int) -> bool:
    """A headline line of :data:`reader.split.unattached.LABEL_MAX` characters or fewer: a picture's
    or a section's label (图片报道), an item of its own with no story, as the folds leave it."""
    return lab.labels[i] in HEAD and len("".join(lab.units[i].text.split())) <= LABEL_MAX


def _near_unsettled(kept: unwrap.Reading) -> set[int]:
    """The units of the stories the reading leaves unsettled, and the unit just before and just
    after each: a line whose role would settle a story stands in it or next to it."""
    spans = kept.spans
    raw = [u.n if spans is None else spans[u.n - 1][0] for u in kept.lab.units]
    out: set[int] = set()
    for item in kept.page.items:
        if not unwrap.is_unsettled(item):
            continue
        first, last = item.lines
        inside = [k for k, n in enumerate(raw) if first <= n <= last]
        if inside:
            out.update(range(max(0, inside[0] - 1), min(len(raw), inside[-1] + 2)))
    return out
