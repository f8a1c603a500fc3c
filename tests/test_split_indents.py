"""A hard-wrapped page whose paragraphs were wrapped as indented and printed without the indent (PDF
text that loses leading blanks): each paragraph's first line runs two cells short, and is read as
the indented line it was (reader.split.indents)."""

from __future__ import annotations

from split_helpers import P1, P2, P3, Q1, Q2, R1, R2

from reader.split import indents
from reader.split.staged import split_staged
from reader.split.units import Unit, measured, normalise, units

WIDTH = 14


def _para(text: str, indent: str, drop: bool) -> str:
    """One paragraph wrapped at WIDTH cells with its first line ``indent`` deep (printed or not)."""
    first = WIDTH - len(indent)
    lines = [text[:first]] + [text[i : i + WIDTH] for i in range(first, len(text), WIDTH)]
    lines[0] = ("" if drop else indent) + lines[0]
    return "\n".join(lines)


def _page(indent: str = "\u3000\u3000", drop: bool = True) -> str:
    stories = [
        ("夜读有了好去处", [P1, P2, P3]),
        ("家门口的口袋公园", [Q1, Q2]),
        ("荒山披绿装", [R1, R2]),
    ]
    blocks = []
    for title, paras in stories:
        blocks.append(title)
        blocks += [_para(p, indent, drop) for p in paras]
    return "\n\n".join(blocks) + "\n"


def _units(text: str) -> list[Unit]:
    return measured(units(normalise(text)))


def test_paragraph_starts_two_cells_short_get_their_indent_back() -> None:
    us = _units(_page())
    back = indents.restore(us)
    starts = [i for i, u in enumerate(us) if u.blank_before and u.width == WIDTH - 2]
    assert len(starts) == 7
    for i, (u, b) in enumerate(zip(us, back, strict=True)):
        assert b.text == u.text  # the page's own characters
        if i in starts:
            assert (b.indent, b.lead, b.width) == ("ideo", 2.0, float(WIDTH))
        else:
            assert b == u  # the headlines and the other lines as they were


def test_the_page_splits_into_its_stories() -> None:
    items = [i for i in split_staged(_page()).items if i.kind == "article"]
    assert [i.title for i in items] == ["夜读有了好去处", "家门口的口袋公园", "荒山披绿装"]
    assert [i.body.count("\n") for i in items] == [2, 1, 1]  # each paragraph joined whole


def test_pages_that_keep_their_indents_or_set_paragraphs_flush_are_read_as_they_are() -> None:
    for page in (_page(drop=False), _page(indent="")):
        us = _units(page)
        assert indents.restore(us) is us


def test_a_few_short_first_lines_are_no_habit() -> None:
    # Two paragraphs run short, the rest open full: nothing is put back.
    page = "\n\n".join(
        [_para(P1, "\u3000\u3000", True), _para(Q1, "\u3000\u3000", True)]
        + [_para(p, "", True) for p in (P2, P3, Q2, R1, R2)]
    )
    us = _units(page + "\n")
    assert indents.restore(us) is us
