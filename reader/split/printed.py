"""Pages printed one after another in one file: where the next one starts, and how each is read.

A page name (郑州·新闻, 第3版) standing alone between blank lines over a headline-shaped line,
mid-file, starts a second page printed in the same file (no training page does that; the corpus's
few 大保护·底色 subheads stand over paragraphs). Where a page starts is read from the text alone.
Each such page is labelled from its page name on, as a page is read from its top, and reading on
``CONTEXT`` units into the next page: its last lines are read better with what follows than at a
page's end (40 dev pages joined in one file: 0.899 so, 0.874 each page cut at the next page
name, 0.883 each page alone), and the whole rest of the file, as it was read before, made a file
of many pages cost its pages squared (160 pages: 57 s, now 3.6 s).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.split import patterns as pt
from reader.split.features import page_features
from reader.split.units import Unit

CONTEXT = 200  # units of the next page read with a page

Tagged = tuple[list[str], list[float], list[list[str]]]  # labels, their probabilities, their cues
PageTagger = Callable[[list[Unit], list[list[str]], list[set[str]], "list[float] | None"], Tagged]


def opens_page(us: list[Unit], i: int) -> bool:
    """Whether unit ``i`` is a page name standing alone between blank lines over a headline-shaped
    line (``i`` not the file's first or last unit)."""
    nxt = us[i + 1]
    return bool(
        us[i].blank_before
        and us[i].blank_after
        and len(nxt.text) <= 30
        and not pt.ends_sentence(nxt.text)
        and pt.PAGE_NAME.match(us[i].text)
    )


def by_page(
    us: list[Unit],
    feats: list[list[str]],
    grams: list[set[str]],
    widths: list[float] | None,
    tag_page: PageTagger,
) -> Tagged:
    """Label a file's units with ``tag_page`` (``feats``, ``widths``: the whole file's): the first
    page keeps the whole file's labels; each later page is labelled from its page name, which is
    its furniture, on into ``CONTEXT`` units of the next."""
    cuts = [i for i in range(1, len(us) - 1) if opens_page(us, i)]
    if not cuts:
        return tag_page(us, feats, grams, widths)
    # The first page as the whole file labels it (its last lines read with what follows, as a page
    # with no page name mid-file is read); each page name keeps that labelling's probability.
    whole = tag_page(us, feats, grams, widths)
    labels, probs, cues = whole[0][: cuts[0]], whole[1][: cuts[0]], whole[2][: cuts[0]]
    for a, b in zip(cuts, [*cuts[1:], len(us)], strict=True):
        c = min(len(us), b + CONTEXT)
        got = tag_page(us[a:c], page_features(us[a:c], None, grams[a:c]), grams[a:c], None)
        n = b - a
        labels += ["F", *got[0][1:n]]
        probs += [whole[1][a], *got[1][1:n]]
        cues += got[2][:n]
    return labels, probs, cues
