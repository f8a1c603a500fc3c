"""A page hard-wrapped by counting characters (ASCII as wide as CJK) is measured in characters
(reader.split.units.measured); a page wrapped by printed width keeps its widths in cells."""

from __future__ import annotations

from reader.split import _split
from reader.split.units import measured, units

PARAS = [
    "本报讯 今年1至10月，全市完成固定资产投资2350亿元，同比增长8.6%，其中工业投资增长12.3%，"
    "高于全省平均水平3.1个百分点。",
    "市统计局介绍，前10个月全市新开工项目1286个，总投资额达到4100亿元，项目建设保持良好态势，"
    "为全年目标打下了坚实基础。",
    "据了解，2020年全市将再安排重点项目360个，年度计划投资1500亿元以上。",
]


def _wrap(text: str, width: int, cells: bool) -> list[str]:
    """Cut ``text`` into lines of ``width``: characters, or cells when ``cells`` (ASCII a half)."""
    lines, cur, w = [], "", 0.0
    for c in text:
        cw = 0.5 if cells and c.isascii() else 1.0
        if w + cw > width:
            lines.append(cur)
            cur, w = "", 0.0
        cur, w = cur + c, w + cw
    return [*lines, cur]


def _page(cells: bool) -> str:
    out = ["全市投资保持平稳增长", ""]
    for p in PARAS:
        out += [*_wrap(p, 18, cells), ""]
    return "\n".join(out)


def test_a_page_wrapped_by_characters_is_measured_in_characters() -> None:
    us = units(_page(cells=False))
    got = measured(us)
    assert got is not us
    assert [u.width for u in got] == [float(len(u.text)) for u in us]
    # Every line inside a paragraph is then as wide as the column.
    inside = [u for u, v in zip(got[:-1], got[1:], strict=True) if v.blank_before == 0]
    assert {u.width for u in inside} == {18.0}


def test_a_page_wrapped_by_width_keeps_its_cells() -> None:
    us = units(_page(cells=True))
    assert measured(us) is us


def test_a_page_of_paragraphs_keeps_its_cells() -> None:
    us = units("\n\n".join(["全市投资保持平稳增长", *PARAS]))
    assert measured(us) is us


def test_a_digit_heavy_line_does_not_cut_its_paragraph() -> None:
    """Read in cells, a wrapped line full of digits looked short: the paragraph was cut there."""
    page = _split(_page(cells=False))
    bodies = [i.body for i in page.items if i.kind == "article"]
    assert len(bodies) == 1
    assert bodies[0].split("\n") == PARAS
