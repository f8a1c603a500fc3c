"""Paragraph and markdown pages, layout detection, and the small typographic helpers."""

from __future__ import annotations

import pytest
from split_helpers import P1, P2, P3, Q1, Q2, R1, R2, articles, pdf, split_rules, wrap

from reader.split import detect_layout
from reader.split import patterns as pt


def test_layout_detection() -> None:
    assert detect_layout(pdf(wrap(P1), wrap(P2))) == "pdf-text"
    assert detect_layout("\n\n".join([P1 + P2, P2 + P3, Q1 + Q2])) == "paragraphs"
    assert detect_layout("## 标题一\n\n" + P1 + "\n\n## 标题二\n\n" + P2) == "markdown"
    assert detect_layout("") == "pdf-text"


def test_sentence_ends_and_kicker_ends() -> None:
    assert pt.ends_sentence("这是一句话。")
    assert pt.ends_sentence("他说：“好。”")
    assert pt.ends_sentence("学生开学了。（上图）")
    assert not pt.ends_sentence("“城市书房”")
    assert not pt.ends_sentence("读者可以提前一天预约，")
    assert pt.is_kicker_end("延长时间、扩大空间，市图书馆——")
    assert (
        pt.listed_count("十大惠民举措") == 10
        and pt.listed_count("三个服务站") == 3
        and pt.listed_count("八项措施") == 8
    )
    assert pt.listed_count("特色活动精彩") == 0


PARAGRAPH_PAGE = "\n\n".join(
    [
        "城东区：",
        "绿色发展 惠及百姓 推动生态建设上台阶",
        "城东区区委书记在公园建设现场调研指导绿化工作并与施工人员交流",
        "▶" + R1 + R2 + " □本报记者 韩一 通讯员 杨二/文图",
        "规划先行 科学布局",
        P1 + P2[:20],
        P2[20:] + P3,
        "社区居民在新建成的口袋公园里开展健身活动和丰富多彩的文艺表演",
        "多方参与 共建共享",
        Q1 + Q2,
    ]
)


def test_paragraph_page_with_lead_byline_subheads_and_captions() -> None:
    sp = split_rules(PARAGRAPH_PAGE)
    assert sp.layout == "paragraphs"
    (art,) = [i for i in sp.items if i.kind == "article"]
    assert art.kicker == "城东区：" and art.title == "绿色发展 惠及百姓 推动生态建设上台阶"
    assert art.byline == "本报记者 韩一 通讯员 杨二/文图"
    assert art.subheads == ("规划先行 科学布局", "多方参与 共建共享")
    assert P1 + P2 + P3 in art.paragraphs  # a paragraph broken by a blank line is re-joined
    photos = [i.caption for i in sp.items if i.kind == "photo"]
    assert photos == [
        "城东区区委书记在公园建设现场调研指导绿化工作并与施工人员交流",
        "社区居民在新建成的口袋公园里开展健身活动和丰富多彩的文艺表演",
    ]


MARKDOWN_PAGE = "\n\n".join(
    [
        "## 绿色发展惠民生 生态建设谱新篇",
        "——城东区“三项行动”建设美丽家园",
        "全媒体记者 韩一 通讯员 杨二",
        R1 + R2,
        "## 规划先行 科学布局",
        P1 + P2[:20],
        P2[20:] + P3,
        "## 北关镇",
        "## 多措并举建设口袋公园",
        "本报讯 " + Q1 + Q2 + " (朱三)",
        "## 南关镇",
        "## 推进夜间经济发展",
        "↑夜市一角。",
        "→夜市开业仪式现场。",
        "本报讯 " + R1 + " (秦四文/图)",
        "## 西关镇",
        "## 织密安全网",
        "## 守护平安线",
        "## 东关乡",
        "## “三到位”筑牢防线",
        "## 东关乡",
        "## “三到位”筑牢防线",
    ]
)


def test_markdown_headlines_subheads_and_bodyless_headlines() -> None:
    sp = split_rules(MARKDOWN_PAGE)
    assert sp.layout == "markdown"
    arts = [i for i in sp.items if i.kind == "article"]
    first = arts[0]
    assert first.title == "绿色发展惠民生 生态建设谱新篇"
    assert first.subtitle == "——城东区“三项行动”建设美丽家园"
    assert first.byline == "全媒体记者 韩一 通讯员 杨二"
    assert first.subheads == ("规划先行 科学布局",)
    assert first.body.startswith(R1)
    assert P1 + P2 + P3 in first.paragraphs
    assert [(a.kicker, a.title) for a in arts[1:]] == [
        ("北关镇", "多措并举建设口袋公园"),
        ("南关镇", "推进夜间经济发展"),
        ("西关镇", "织密安全网 守护平安线"),
        ("东关乡", "“三到位”筑牢防线"),
    ]
    assert arts[1].byline == "朱三" and arts[2].byline == "秦四文/图"
    assert arts[1].body.startswith("本报讯")
    assert arts[3].body == "" and arts[4].body == ""
    photos = [i.caption for i in sp.items if i.kind == "photo"]
    assert photos == ["↑夜市一角。", "→夜市开业仪式现场。"]
    repeats = [i for i in sp.items if i.kind == "furniture" and i.role == "repeat"]
    assert len(repeats) == 1


def test_markdown_heading_inside_article_is_a_subhead_unless_a_dateline_follows() -> None:
    page = "## 标题甲\n\n" + P1 + "\n\n## 小标题\n\n" + P2 + "\n\n## 标题乙\n\n本报讯 " + Q1
    arts = articles(page)
    assert [a.title for a in arts] == ["标题甲", "标题乙"]
    assert arts[0].subheads == ("小标题",)


def test_markdown_heading_levels_tell_subheads_from_headlines() -> None:
    page = "\n\n".join(
        [
            "# 标题甲",
            "## 副题甲",
            "本报讯（记者 韩一）" + R1,
            "### 一、小标题",
            R2,
            "# 标题乙",
            Q1 + "（张三）",
        ]
    )
    arts = articles(page)
    assert [(a.title, a.subtitle) for a in arts] == [("标题甲", "副题甲"), ("标题乙", "")]
    assert arts[0].subheads == ("一、小标题",) and arts[0].byline == "记者 韩一"
    assert arts[1].byline == "张三"


def test_long_headline_first_on_a_paragraph_page_is_a_title_not_a_caption() -> None:
    title = "全市上下凝心聚力推动经济社会高质量发展取得新成效"
    page = "\n\n".join([title, R1 + R2, "市民在新建成的城市公园里散步健身享受美好的周末时光", Q1 + Q2])
    sp = split_rules(page)
    (art,) = [i for i in sp.items if i.kind == "article"]
    assert art.title == title
    assert [i.caption for i in sp.items if i.kind == "photo"] == [
        "市民在新建成的城市公园里散步健身享受美好的周末时光"
    ]


def test_short_paragraphs_one_per_line_are_paragraph_text() -> None:
    page = "\n".join(["图书馆开设夜间自习区", R1, R2, "城东社区新建口袋公园", P1, Q1])
    assert detect_layout(page) == "paragraphs"


def test_markdown_images_and_bold_subheads() -> None:
    page = "\n\n".join(["# 标题甲", "![读者在自习](img/1.jpg)", "**一、延长时间**", P1, "# 标题乙", Q1])
    sp = split_rules(page)
    arts = [i for i in sp.items if i.kind == "article"]
    assert [a.title for a in arts] == ["标题甲", "标题乙"]
    assert arts[0].subheads == ("**一、延长时间**",) and arts[0].paragraphs[-1] == P1
    assert [i.caption for i in sp.items if i.kind == "photo"] == ["![读者在自习](img/1.jpg)"]


@pytest.mark.parametrize("method", ["learned", "rules"])
def test_byte_order_marks_and_zero_width_spaces_are_no_text(method: str) -> None:
    from reader.split import split_text
    from reader.store.write import line_map_of

    one = "## 全市投资保持平稳增长\n\n本报讯 今年以来，全市完成固定资产投资2350亿元，同比增长百分之八。\n\n其中工业投资增长较快。\n"
    two = "## 牡丹文化节开幕\n\n本报讯 第三十九届牡丹文化节昨日开幕，各地游客纷至沓来。\n\n本届文化节持续一个月。\n"
    text = "\ufeff" + one + "\n\ufeff" + two  # `cat a.md b.md`, each file saved with a BOM
    # A page saved from the web: "blank" lines that hold a zero-width space, one before a heading.
    web = text.replace("\ufeff", "").replace("\n\n", "\n\u200b\n").replace("## 牡丹", "\u200b## 牡丹")
    for page in (text, web):
        items = split_text(page, method).items
        titles = [(i.kind, i.title) for i in items]
        assert titles == [("article", "全市投资保持平稳增长"), ("article", "牡丹文化节开幕")]
        assert not any(ch in str(i.to_json()) for i in items for ch in "\ufeff\u200b")
        lines = line_map_of(page, items)
        assert [lines.item_roles(k)[0] for k in range(2)] == ["T", "T"]  # each headline line, its title's


@pytest.mark.parametrize("method", ["learned", "rules"])
def test_html_character_references_read_as_the_characters_they_stand_for(method: str) -> None:
    from reader.split import split_text
    from reader.store.write import line_map_of
    from reader.text.decode import unescape_entities

    # A page saved from a web page's text: &nbsp; indents, quotes and dashes as references.
    plain = (
        "## 全市投资保持平稳增长\n\n　　本报讯 今年以来，全市完成固定资产投资2350亿元，“稳中有进”。\n\n"
        "　　其中工业投资增长较快——同比增长百分之十。\n\n## 牡丹文化节开幕\n\n"
        "　　本报讯 第三十九届牡丹文化节昨日开幕，各地游客纷至沓来。\n"
    )
    page = (
        plain.replace("　　", "&nbsp;&nbsp;&nbsp;&nbsp;")
        .replace("“", "&ldquo;")
        .replace("”", "&#8221;")
        .replace("——", "&mdash;&mdash;")
    )
    got = split_text(page, method).items
    want = split_text(plain.replace("　　", "    "), method).items
    assert [i.to_json() for i in got] == [i.to_json() for i in want]
    assert [i.title for i in got] == ["全市投资保持平稳增长", "牡丹文化节开幕"]
    assert "“稳中有进”" in got[0].body and "——同比" in got[0].body and "&" not in str(got[0].to_json())
    lines = line_map_of(page, got)  # the raw lines, references and all, find their items
    assert lines.item_roles(0)[0] == "T" and lines.owner[2] == 0 and lines.owner[4] == 0
    # What is no reference, or one the standard library does not know, stays as it is.
    assert unescape_entities("R&D 与 AT&amp;T，&foo; 和 &#x201c;") == "R&D 与 AT&T，&foo; 和 “"
