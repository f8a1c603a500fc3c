"""Pages printed one after another in one file: where the next one starts, and each labelled alone.

A page name (郑州·新闻, 第3版) standing alone between blank lines over a headline-shaped line,
mid-file, starts a second page printed in the same file (no training page does that; the corpus's
few 大保护·底色 subheads stand over paragraphs). Each such page is labelled from its page name
on, as a page is read from its top, up to the next one: a file of many pages costs what its pages
cost one by one. Where a page starts is read from the text alone, before any labelling.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.split import patterns as pt
from reader.split.features import page_features
from reader.split.units import Unit

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
    """Label a file's units with ``tag_page``, each page printed in it on its own (``feats``,
    ``widths``: the whole file's, which its first page keeps; a later page's cues are made for it
    alone, and its page name is its furniture)."""
    cuts = [i for i in range(1, len(us) - 1) if opens_page(us, i)]
    if not cuts:
        return tag_page(us, feats, grams, widths)
    labels: list[str] = []
    probs: list[float] = []
    cues: list[list[str]] = []
    for a, b in zip([0, *cuts], [*cuts, len(us)], strict=True):
        if a == 0:
            got = tag_page(us[:b], feats[:b], grams[:b], widths[:b] if widths is not None else None)
        else:
            got = tag_page(us[a:b], page_features(us[a:b], None, grams[a:b]), grams[a:b], None)
            got[0][0] = "F"
        labels += got[0]
        probs += got[1]
        cues += got[2]
    return labels, probs, cues
