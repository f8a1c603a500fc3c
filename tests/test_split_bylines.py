"""Byline lines (patterns.BYLINE_LINE): what the rules splitter and the lead rule take for one, and
what they no longer take (a headline holding 文 or 图 before a few characters). Made-up pages only."""

from __future__ import annotations

import pytest

from reader.split import patterns as pt
from reader.split import split_text
from reader.split.build import byline_at_end
from reader.split.leads import over_lead


@pytest.mark.parametrize(
    "line",
    [
        "本报记者  王小明",
        "新华社记者\xa0\xa0张\xa0\xa0枨",
        "本报驻埃及记者\xa0周\xa0輖",
        "本报记者李昌禹",
        "本报记者  王小明  通讯员  李华",
        "■本报记者  王小明",
        "文  张三",
        "本报记者  殷新宇摄",
    ],
)
def test_byline_lines(line: str) -> None:
    assert pt.BYLINE_LINE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "一个来了还想再来的图书馆",
        "图片报道",
        "传承文化血脉",
        "图书馆",
        "李克强总理出席记者会并回答中外记者提问",
        "中国市场监管行政处罚文书网开通",
        "陆文凯摄",
        "记者手记",
        "■记者手记",
        "记者点评",
    ],
)
def test_a_headline_holding_a_role_character_is_no_byline_line(line: str) -> None:
    assert not pt.BYLINE_LINE.match(line)


def test_the_rules_splitter_keeps_such_headlines_as_titles() -> None:
    page = (
        "图片报道\n\n5月7日，江苏连云港码头一批风电设备正在装船。\n\n新华社记者 张三摄\n\n"
        "传承文化血脉\n\n本报北京5月4日电  科创板注册制改革平稳推进，各方反应积极。\n\n"
        "改革的第二段文字也在这里，说明了更多内容。\n"
    )
    items = [i for i in split_text(page, "rules").items if i.kind == "article"]
    assert [i.title for i in items] == ["图片报道", "传承文化血脉"]
    assert items[1].body.startswith("本报北京5月4日电")


def test_a_headline_holding_tu_over_a_dateline_may_be_read_as_a_headline() -> None:
    texts = ["上一篇的最后一段。", "中国市场监管行政处罚文书网开通", "本报北京1月6日电  日前，网站正式开通。"]
    labels = ["P", "P", "P"]
    assert over_lead(texts, labels, lambda i: 0.5, 1)
    # A byline line over the 电头 stays where it is.
    texts[1] = "本报记者  王小明"
    assert not over_lead(texts, labels, lambda i: 0.5, 1)


def test_a_columns_name_in_brackets_after_a_headline_is_no_byline() -> None:
    assert byline_at_end("在奋勇搏击中放飞青春梦想（今日谈）") == ""
    assert byline_at_end("下好教育“先手棋”（在一线）") == ""
    # After a sentence's end the name in brackets is the story's author.
    assert byline_at_end("代表们就养老、托育和老旧小区改造提出了意见。（刘瑜）") == "刘瑜"
    page = (
        "在奋勇搏击中放飞青春梦想（今日谈）\n\n本报北京5月4日电  科创板注册制改革平稳推进，各方反应积极。\n\n"
        "座谈会上，代表们就养老、托育和老旧小区改造提出了意见。（刘瑜）\n"
    )
    (item,) = split_text(page, "rules").items
    assert item.title == "在奋勇搏击中放飞青春梦想（今日谈）" and item.byline == "刘瑜"
