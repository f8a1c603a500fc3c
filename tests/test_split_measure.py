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


STORY = [
    "全市春耕生产全面铺开",
    "本报讯连日来，全市春耕生产全面铺开，田间地头一派繁忙景象，农机手驾驶拖拉机在田里来回作业。",
    "据统计，全市已完成春耕面积十二万亩，进度快于往年同期，农资供应充足，价格总体平稳。",
    "市农业农村局组织技术人员深入田间地头，指导农户科学施肥、合理用药，确保不误农时。",
]
STORY2 = [
    "市图书馆新馆开馆迎读者",
    "本报讯近日，市图书馆新馆正式开馆，读者可以凭身份证免费办理借书证，借阅馆内图书。",
    "新馆设有少儿阅览区、自习区和数字阅读区，藏书达到八十万册，每天开放十二个小时。",
]


def _indented_page(indent: str) -> str:
    """Two stories, headline first, each paragraph hard-wrapped at 16 cells with its first line
    indented (the indent takes its cells from the first line, as a printed column does)."""
    out: list[str] = []
    for title, *paras in (STORY, STORY2):
        out += [title, ""]
        for p in paras:
            first = 16 - len(indent)
            lines = [p[:first], *(p[k : k + 16] for k in range(first, len(p), 16))]
            out += [indent + lines[0], *lines[1:], ""]
    return "\n".join(out)


def test_a_paragraph_indent_counts_in_the_line_width() -> None:
    us = units("　　本报讯 连日来\n    四个空格\n\t制表符\n　　　　居中的标题\n顶格")
    assert [(u.indent, u.lead) for u in us] == [
        ("ideo", 2.0),
        ("space", 2.0),
        ("tab", 2.0),
        ("deep", 0.0),
        ("", 0.0),
    ]
    assert [u.width - u.lead for u in us] == [6.5, 4.0, 3.0, 5.0, 2.0]


def test_an_indented_hard_wrapped_paragraph_stays_whole() -> None:
    """The indented first line runs to the column with its indent: it is no paragraph's end."""
    page = _split(_indented_page("　　"))
    bodies = {i.title: i.body.split("\n") for i in page.items if i.kind == "article"}
    assert bodies == {STORY[0]: STORY[1:], STORY2[0]: STORY2[1:]}
