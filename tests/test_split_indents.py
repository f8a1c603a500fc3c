"""A hard-wrapped page whose paragraphs were wrapped as indented and printed without the indent (PDF
text that loses leading blanks): each paragraph's first line runs two cells short, and is read as
the full line of a page set flush (reader.split.indents)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from split_helpers import P1, P2, P3, Q1, Q2, R1, R2

from reader.cli import cli
from reader.split import indents
from reader.split.staged import label_page, split_staged
from reader.split.units import Unit, measured, normalise, units

WIDTH = 14


def _para(text: str, indent: str, drop: bool) -> str:
    """One paragraph wrapped at WIDTH cells with its first line ``indent`` deep (printed or not)."""
    first = WIDTH - len(indent)
    lines = [text[:first]] + [text[i : i + WIDTH] for i in range(first, len(text), WIDTH)]
    lines[0] = ("" if drop else indent) + lines[0]
    return "\n".join(lines)


def _page(indent: str = "\u3000\u3000", drop: bool = True, lead: str = "") -> str:
    stories = [
        ("夜读有了好去处", [lead + P1, P2, P3]),
        ("家门口的口袋公园", [lead + Q1, Q2]),
        ("荒山披绿装", [lead + R1, R2]),
    ]
    blocks = []
    for title, paras in stories:
        blocks.append(title)
        blocks += [_para(p, indent, drop) for p in paras]
    return "\n\n".join(blocks) + "\n"


def _units(text: str) -> list[Unit]:
    return measured(units(normalise(text)))


def test_paragraph_starts_two_cells_short_are_read_as_full_lines() -> None:
    us = _units(_page())
    back = indents.restore(us)
    starts = [i for i, u in enumerate(us) if u.blank_before and u.width == WIDTH - 2]
    assert len(starts) == 7
    for i, (u, b) in enumerate(zip(us, back, strict=True)):
        assert b.text == u.text  # the page's own characters
        if i in starts:
            assert (b.indent, b.lead, b.width) == ("", 0.0, float(WIDTH))
        else:
            assert b == u  # the headlines and the other lines as they were


def test_the_page_is_read_as_its_flush_twin_and_splits_into_its_stories() -> None:
    # Each story opens as a news brief does (本报讯). Read as it is, the short first lines were
    # kickers and the stories were cut at them.
    page, flush = _page(lead="本报讯\u3000"), _page(indent="", lead="本报讯\u3000")
    assert label_page(page).labels == label_page(flush).labels
    items = [i for i in split_staged(page).items if i.kind == "article"]
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


def _justified(text: str, first: int, limits: tuple[int, ...]) -> list[str]:
    """Wrapped as a justified column read back as characters: lines hold one more or one fewer
    character by turns (``limits``), the first ``first`` long."""
    lines, at, k = [text[:first]], first, 0
    while at < len(text):
        n = limits[k % len(limits)]
        lines.append(text[at : at + n])
        at, k = at + n, k + 1
    return lines


def _justified_page(indent_lost: bool) -> str:
    paras = [P1 + Q1, P2 + R1, P3 + Q2, R2 + P1]
    first = WIDTH - 2 if indent_lost else WIDTH
    blocks = ["\n".join(_justified(p, first, (WIDTH, WIDTH + 1, WIDTH - 1))) for p in paras]
    return "\n\n".join(["夜读有了好去处", *blocks]) + "\n"


def test_a_justified_column_that_lost_its_indents() -> None:
    # Its full lines run 13 to 15 cells: the column is the median of the full lines near a start.
    us = _units(_justified_page(indent_lost=True))
    back = indents.restore(us)
    starts = [i for i, u in enumerate(us) if u.blank_before and i > 0]
    assert [us[i].width for i in starts] == [WIDTH - 2] * 4
    for i, (u, b) in enumerate(zip(us, back, strict=True)):
        assert b == (replace(u, width=float(WIDTH)) if i in starts else u)


def test_a_justified_column_of_flush_paragraphs_is_left_alone() -> None:
    us = _units(_justified_page(indent_lost=False))
    assert indents.restore(us) is us


def test_a_start_with_one_line_under_it_is_measured_too() -> None:
    # Two-line paragraphs among longer ones: such a start's column comes from the full lines of the
    # paragraphs near it (the last one's from those before it).
    paras = [P1 + Q1, P2[:26], R1 + R2, Q2[:26]]
    blocks = ["\n".join(_justified(p, WIDTH - 2, (WIDTH,))) for p in paras]
    us = _units("\n\n".join(["荒山披绿装", *blocks]) + "\n")
    assert [len(b.split("\n")) for b in blocks] == [6, 2, 5, 2]
    back = indents.restore(us)
    assert [b.text for b in back] == [u.text for u in us]
    assert [b.width for b in back if b.blank_before and b.n > 1] == [float(WIDTH)] * 4


def test_the_labels_and_explain_say_how_many_starts_were_read_as_full_lines(tmp_path: Path) -> None:
    assert label_page(_page()).flush_starts == 7
    assert label_page(_page(drop=False)).flush_starts == 0
    page = tmp_path / "page.txt"
    page.write_text(_page(), encoding="utf-8")
    r = CliRunner().invoke(cli, ["split", str(page), "--explain"])
    assert r.exit_code == 0, r.output
    assert "indents were lost (PDF text): 7 paragraph starts" in " ".join(r.output.split())
    page.write_text(_page(drop=False), encoding="utf-8")
    r = CliRunner().invoke(cli, ["split", str(page), "--explain"])
    assert r.exit_code == 0 and "indents were lost" not in r.output


def test_a_page_read_in_another_form_is_measured_the_same() -> None:
    # ASCII commas touching Chinese: the labeller reads the page in its reading form (full-width
    # marks) and hands on the page's own characters, with the widths it measured.
    page = _page(lead="本报讯\u3000").replace("，", ",")
    lab = label_page(page)
    assert lab.seen is not None and lab.flush_starts == 7
    items = [i for i in split_staged(page).items if i.kind == "article"]
    assert [i.title for i in items] == ["夜读有了好去处", "家门口的口袋公园", "荒山披绿装"]
    assert "," in items[0].body and "，" not in items[0].body  # the page's own commas
