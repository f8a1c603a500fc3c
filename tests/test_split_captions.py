"""Photo captions printed inside a story: rendered for training with their gold, and lifted out of
the story by the grouping stage so that the story stays whole."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import SKIP_SHARED, corpus_pages

from reader.split import crf
from reader.split import patterns as pt
from reader.split.captions import (
    caption_first,
    credit_closes,
    lift_captions,
    over_credit,
    over_own_caption,
    under_credit,
)
from reader.split.flags import flags as line_flags
from reader.split.group import segments
from reader.split.render import oracle_items, render_page
from reader.split.render_extras import caption_text, subhead_text
from reader.split.render_styles import Style
from reader.split.staged import Labelled, build_items, label_page, split_staged
from reader.split.train import unit_labels
from reader.split.units import units

PAGE = "标题一行\n\n第一段正文，说了一件事情。\n\n图中人物在现场察看 王伟 摄\n\n第二段正文，接着说下去。\n\n另一篇的标题\n\n另一篇的正文。\n"


def test_a_caption_between_two_paragraphs_is_lifted_and_the_story_rejoined() -> None:
    labels = ["T", "N", "C", "P", "T", "N"]
    segs, lifted = lift_captions(segments(labels, ["x"] * 6), labels)
    assert [s.idx for s in lifted] == [[2]]
    assert [(s.kind, s.idx) for s in segs] == [("head", [0]), ("body", [1, 3]), ("head", [4]), ("body", [5])]


def test_a_caption_before_a_new_story_is_lifted_and_the_stories_stay_apart() -> None:
    labels = ["T", "N", "C", "N", "P"]
    segs, lifted = lift_captions(segments(labels, ["x"] * 5), labels)
    assert [s.idx for s in lifted] == [[2]]
    assert [s.idx for s in segs if s.kind == "body"] == [[1], [3, 4]]


def test_a_headline_over_a_caption_alone_keeps_it_a_picture_story() -> None:
    labels = ["T", "C", "T", "N"]
    segs, lifted = lift_captions(segments(labels, ["x"] * 4), labels)
    assert not lifted and len(segs) == 4


def test_grouping_gives_the_story_and_a_photo_item() -> None:
    us = units(PAGE)
    labels = ["T", "N", "C", "P", "T", "N"]
    lab = Labelled(us, labels, [0.9] * 6, [[] for _ in us], [0.0] * 6)
    items = build_items(lab).items
    kinds = [i.kind for i in items]
    assert kinds == ["article", "photo", "article"]
    assert items[0].title == "标题一行" and "图中人物" not in items[0].body
    assert items[0].body.endswith("接着说下去。")
    assert items[1].caption == "图中人物在现场察看" and items[1].credit == "王伟 摄"


def test_caption_and_subhead_text_come_from_the_paragraphs() -> None:
    paras = ["今天上午，工人们在工地上加紧施工，确保项目按期完工。", "项目负责人介绍，进度已经过半。"]
    for seed in range(30):
        rng = random.Random(seed)
        cap = caption_text(paras, rng)
        assert 10 <= len(cap) <= 70 and not cap.endswith("，")
        assert all(len(line) <= 22 for line in subhead_text(paras[0], rng))
    assert caption_text(["短句。"], random.Random(0)) == ""


@pytest.mark.skipif(SKIP_SHARED, reason="shared corpus not available")
def test_rendered_captions_are_photos_in_gold_and_c_in_labels() -> None:
    rng = random.Random(5)
    style = Style(captions=1.0, caption_gap=1, subheads=1.0)
    found = 0
    for arts in corpus_pages()[:30]:
        r = render_page(arts, style, rng)
        photos = [g for g in r.gold["articles"] if g["kind"] == "photo"]
        caps = [g for g in r.lines if g.label == "caption"]
        labels = unit_labels(r)
        assert [lab for lab, g in zip(labels, r.lines, strict=True) if g.label == "caption"] == ["C"] * len(
            caps
        )
        assert all(lab in "PQ" for lab, g in zip(labels, r.lines, strict=True) if g.label == "subhead")
        for p in photos:
            assert p["caption"] in r.text
        oracle = [i for i in oracle_items(r) if i["kind"] == "photo"]
        assert len(oracle) == len(photos)
        found += len(photos)
    assert found >= 20


def test_a_line_alone_ending_in_a_credit_is_a_photo_and_the_story_stays_whole() -> None:
    page = (
        "工地上的春天\n\n　　今年以来，全县重点项目建设加快推进，工地上一派繁忙景象。\n\n"
        "工人们在车间检查产品质量 李峰 摄\n\n"
        "　　项目负责人介绍，目前工程进度已经过半，预计年底完工。\n\n"
        "另一篇的标题在这里\n\n　　本报讯 另一篇正文说了别的事情。\n"
    )
    _photo_inside_story(page, "预计年底完工。", "工人们在车间检查产品质量", "李峰 摄", "李峰")


def _photo_inside_story(page: str, story_ends: str, caption: str, credit: str, name: str) -> None:
    """The page splits into the story (whole, the caption out of it), the photo, the next story."""
    items = split_staged(page).items
    assert [i.kind for i in items] == ["article", "photo", "article"]
    assert items[0].body.endswith(story_ends) and name not in items[0].body and caption not in items[0].body
    assert (items[1].caption, items[1].credit) == (caption, credit)


def test_a_credit_alone_closes_the_story_it_ends() -> None:
    assert not caption_first("新华社记者 刘诗平摄")
    assert not caption_first("让居民买到低价的商品。 某某 摄")
    assert caption_first("工人们在车间检查产品质量 李峰 摄")


def test_a_credit_after_a_slash_is_a_photographers_credit() -> None:
    for line in ("通讯员 李峰/摄", "高峰／摄", "特约摄影 孙强 摄影", "新华社记者\xa0肖艺九摄"):
        m = pt.PHOTO_CREDIT.search(line)
        assert m is not None and m.start(1) == 0, line
    assert pt.PHOTO_CREDIT.search("他看了看/说") is None


def _page(lines: list[str], gaps: list[int]) -> list:
    """Units of ``lines`` with ``gaps[k]`` blank lines before line ``k``."""
    return units("".join("\n" * g + line + "\n" for line, g in zip(lines, gaps, strict=True)))


CAPTIONED = [
    "工地上的春天",
    "本报讯 今年以来，工地上一派繁忙景象。",
    "工人们在车间里检查新出厂的产品",
    "通讯员 李峰/摄",
    "据了解，该项目总投资十二亿元。",
]


def test_a_credit_set_under_a_line_read_as_a_headline_makes_both_a_caption() -> None:
    us = _page(CAPTIONED, [0, 1, 1, 0, 1])
    labels = ["T", "N", "T", "P", "P"]
    assert credit_closes(us, labels, 3) == "a photographer's credit set under a caption"
    labels[3] = "C"
    assert over_credit(us, labels, 3) == [2]
    # The line over it was read as body and is no sentence: a caption's too.
    labels = ["T", "N", "P", "P", "P"]
    assert credit_closes(us, labels, 3) == "a photographer's credit set under a line that is no sentence"


def test_a_credit_closing_a_picture_storys_sentences_or_set_apart_stays_where_it_is() -> None:
    # Under a sentence (a picture story's last line, whose gold keeps the credit in its body).
    story = [*CAPTIONED[:2], "图为工人们在车间里检查新出厂的产品。", *CAPTIONED[3:]]
    us = _page(story, [0, 1, 1, 0, 1])
    assert credit_closes(us, ["T", "N", "P", "P", "P"], 3) == ""
    # After a blank line nothing says which lines it belongs to.
    us = _page(CAPTIONED, [0, 1, 1, 1, 1])
    assert credit_closes(us, ["T", "N", "T", "P", "P"], 3) == ""
    # A caption that ends in its credit is not a credit alone (it stays as the model read it).
    us = _page([*CAPTIONED[:3], "工人们在检修线路 李峰/摄", CAPTIONED[4]], [0, 1, 1, 0, 1])
    assert credit_closes(us, ["T", "N", "P", "P", "P"], 3) == ""


def test_a_line_read_as_a_headline_that_ends_in_a_credit_is_a_caption_with_the_lines_over_it() -> None:
    lines = [
        "本报讯 今年以来，工地上一派繁忙景象。",
        "清代中叶，随着玻璃镜的大量传入，铜镜渐次淡出",
        "人们的日常生活　记者 张文摄",
        "金代铜镜既有模仿宋镜的痕迹。",
    ]
    us = _page(lines, [0, 1, 0, 1])
    labels = ["N", "K", "T", "P"]
    assert credit_closes(us, labels, 2) == "a headline never ends in a photographer's credit"
    labels[2] = "C"
    assert over_credit(us, labels, 2) == [1]
    assert over_credit(us, labels, 3) == []  # no credit: nothing over it changes


def test_a_caption_and_its_credit_inside_a_story_become_a_photo_and_the_story_stays_whole() -> None:
    page = (
        "工地上的春天\n\n本报讯 今年以来，全县重点项目建设加快推进，工地上一派繁忙景象，工人们加班加点赶进度。\n\n"
        "项目负责人介绍，目前工程进度已经过半，预计年底完工，届时将为周边群众出行提供便利。\n\n"
        "工人们在车间里检查新出厂的产品质量\n通讯员 李峰/摄\n\n"
        "据了解，该项目总投资十二亿元，建成后年产值可达三十亿元。\n\n"
        "另一篇的标题在这里\n\n本报讯 另一篇正文说了别的事情，同学们在操场上开展体育锻炼。\n"
    )
    _photo_inside_story(
        page, "年产值可达三十亿元。", "工人们在车间里检查新出厂的产品质量", "通讯员 李峰/摄", "李峰"
    )


# A made-up story with a caption that says where a person stands in the picture (no credit), and
# a story under it. (That story had one line until the thirty-seventh session's models, which give
# its headline 0.25: a page's last story of one line, under a short line, is read either way.)
STORY = (
    "市区新建三座口袋公园\n\n本报讯 今年以来，市区新建三座口袋公园，周边居民散步健身有了好去处。\n\n"
    "公园管理员（右二）向居民介绍口袋公园的健身设施\n\n"
    "口袋公园面积不大，却配齐了健身设施和休息座椅，居民下楼就能到。\n\n"
    "下一步，市区还将新建五座口袋公园。\n\n另一篇报道的标题\n\n本报讯 另一篇的正文，说的是别的事情。\n\n"
    "第二段接着说这件事情。\n"
)


def test_a_line_with_a_position_mark_is_a_caption_and_the_story_stays_whole() -> None:
    items = split_staged(STORY).items
    assert [i.kind for i in items] == ["article", "photo", "article"]
    assert items[1].caption == "公园管理员（右二）向居民介绍口袋公园的健身设施"
    assert items[0].title == "市区新建三座口袋公园"
    assert items[0].body.endswith("新建五座口袋公园。") and "右二" not in items[0].body


def test_a_position_mark_in_a_sentence_stays_in_the_story() -> None:
    page = STORY.replace(
        "公园管理员（右二）向居民介绍口袋公园的健身设施", "公园管理员（右二）向居民介绍了健身设施。"
    )
    items = split_staged(page).items
    assert [i.kind for i in items] == ["article", "article"]
    assert "（右二）" in items[0].body


def _grams(texts: list[str]) -> list[set[str]]:
    from reader.split.cohesion import bigrams

    return [bigrams(t) for t in texts]


def test_a_caption_between_a_headline_and_its_own_story_is_lifted() -> None:
    texts = [
        "口袋公园开放",
        "居民在口袋公园里锻炼身体",
        "本报讯 市区新建的口袋公园今天开放，居民在公园里锻炼身体。",
    ]
    labels = ["T", "C", "N"]
    segs, lifted = lift_captions(segments(labels, texts), labels, _grams(texts))
    assert [s.idx for s in lifted] == [[1]]
    assert [(s.kind, s.idx) for s in segs] == [("head", [0]), ("body", [2])]


def test_a_caption_under_a_headline_that_shares_no_words_with_the_next_story_is_that_headlines_picture() -> (
    None
):
    texts = ["图片报道", "工人们在大桥上加紧施工", "本报讯 今年的农业生产形势良好，春播进度快于往年。"]
    labels = ["T", "C", "N"]
    segs, lifted = lift_captions(segments(labels, texts), labels, _grams(texts))
    assert not lifted and len(segs) == 3


def test_a_lone_headline_of_three_clauses_is_a_caption_but_a_column_tags_comma_does_not_count() -> None:
    from reader.split.captions import is_caption

    def one(text: str) -> bool:
        us = units(f"前面一段正文。\n\n{text}\n\n后面一段正文。\n")
        return is_caption(us, ["P", "T", "P"], 1)

    assert one("很多医生奋战在抗疫一线，救死扶伤，其中有些人甚至牺牲了生命")
    assert not one("防控疫情，从自我保护做起（来信综述·面对疫情，我们这样做）")
    assert not one("决胜全面小康，我们要弘扬劳动精神和奋斗精神")  # two clauses: a headline's shape
    us = units("引题一行\n\n很多医生奋战在抗疫一线，救死扶伤，其中有些人甚至牺牲了生命\n\n正文。\n")
    assert not is_caption(us, ["K", "T", "N"], 1)  # in a headline stack it is a title


def test_a_lead_after_a_caption_that_goes_on_with_the_storys_words_rejoins_it() -> None:
    texts = [
        "口袋公园开放",
        "本报讯 市区新建的口袋公园今天开放，居民在公园里锻炼身体。",
        "居民在公园里散步",
        "口袋公园里的健身设施齐全，居民锻炼身体很方便。",
        "另一篇的标题",
        "本报讯 今年的农业生产形势良好，春播进度快于往年。",
    ]
    labels = ["T", "N", "C", "N", "T", "N"]
    segs, lifted = lift_captions(segments(labels, texts), labels, _grams(texts), texts)
    assert [s.idx for s in lifted] == [[2]]
    assert [s.idx for s in segs if s.kind == "body"] == [[1, 3], [5]]
    # A lead with a 电头 after the caption is a story of its own.
    texts[3] = "本报讯 口袋公园里的健身设施齐全，居民锻炼身体很方便。"
    segs, lifted = lift_captions(segments(labels, texts), labels, _grams(texts), texts)
    assert [s.idx for s in segs if s.kind == "body"] == [[1], [3], [5]]


def test_captions_opened_by_pointers_are_one_photo_each_even_as_sentences() -> None:
    page = (
        "## 口袋公园开放\n\n\n↑居民在口袋公园里锻炼身体。\n→口袋公园的健身设施。\n\n\n"
        "本报讯 市区新建的口袋公园今天开放，居民在口袋公园里锻炼身体。\n\n"
        "口袋公园面积不大，却配齐了健身设施。\n\n## 另一篇报道的标题\n\n本报讯 另一篇的正文，说的是别的事情。\n"
    )
    items = split_staged(page).items
    assert sorted((i.kind, i.caption or i.title) for i in items) == [
        ("article", "口袋公园开放"),
        ("article", "另一篇报道的标题"),
        ("photo", "↑居民在口袋公园里锻炼身体。"),
        ("photo", "→口袋公园的健身设施。"),
    ]
    (park,) = [i for i in items if i.title == "口袋公园开放"]
    assert park.body.startswith("本报讯 市区新建") and park.body.endswith("配齐了健身设施。")


def test_a_credit_may_carry_the_pictures_source_and_a_spaced_name() -> None:
    # 某某摄（新华社发）, （人民视觉）: most credits in the corpus name a source after 摄; a
    # two-character name is often printed with a space in it to fill the width of three.
    for line, credit in (
        ("段永红摄（新华社发）", "段永红摄（新华社发）"),
        ("本报记者 王小明摄（人民视觉）", "本报记者 王小明摄（人民视觉）"),
        ("郑\xa0\xa0鹏摄", "郑\xa0\xa0鹏摄"),
        ("新华社记者\xa0\xa0刘\xa0\xa0潇摄", "新华社记者\xa0\xa0刘\xa0\xa0潇摄"),
        ("游人在花海中拍照 乔\xa0\xa0健摄（影像中国）", "乔\xa0\xa0健摄（影像中国）"),
    ):
        m = pt.PHOTO_CREDIT.search(line)
        assert m is not None and m.group(1) == credit, line
        assert "credit" in line_flags(line), line
    # A bracket after a sentence is no source of a picture, and 摄 inside a word is no credit.
    assert pt.PHOTO_CREDIT.search("春节到了（新华社发）") is None
    assert pt.PHOTO_CREDIT.search("他们正在拍摄（纪录片）") is None


def test_a_cartoons_credits_are_a_graphic_credit() -> None:
    # 某某图  某某文 under a cartoon: the artist's and the writer's names, no headline.
    for line in ("曹\xa0\xa0一图\xa0\xa0李\xa0\xa0清文", "勾  犇图  付千也文", "制图：张小明"):
        assert "gcredit" in line_flags(line), line
    for line in ("广东深圳市 聂耀文", "这幅图  说明了全文"):
        assert "gcredit" not in line_flags(line), line


def test_a_columns_name_in_brackets_ends_a_headline_not_a_byline() -> None:
    for line in (
        "为了沉甸甸的收获（快评）",
        "“党员必须先上，没有商量！”（人民论坛）",
        "我的工作在线上（大数据观察·网聚青年力量）",
    ):
        assert "coltag" in line_flags(line), line
    # A byline, a picture's source after its credit, an end mark and a bracket alone are no column.
    for line in (
        "他说了很多话（本报记者 张三）",
        "翟慧勇摄（影像中国）",
        "这是一个句子。（完）",
        "（人民论坛）",
        "表1  数量（2019年）",
    ):
        assert "coltag" not in line_flags(line), line


def test_a_sentence_set_apart_over_a_caption_whole_in_its_line_is_no_caption() -> None:
    us = _page(
        [
            "工地上的春天",
            "今年以来，全县重点项目建设加快推进。",
            "工人们在车间检查产品质量 李峰 摄",
            "项目年底完工。",
        ],
        [0, 1, 1, 1],
    )
    labels = ["T", "C", "C", "P"]
    assert over_own_caption(us, labels, 1)
    # Set close over it (no blank line), or opening as a caption does (图为…), it is the caption.
    close = _page([u.text for u in us], [0, 1, 0, 1])
    assert not over_own_caption(close, labels, 1)
    shown = _page(["工地上的春天", "图为工人们在车间检查产品。", us[2].text, us[3].text], [0, 1, 1, 1])
    assert not over_own_caption(shown, labels, 1)
    # Nor when the words before the credit under it are a writer's byline.
    byline = _page(
        [us[0].text, us[1].text, "本报记者  方  圆文  新华社记者  王  松摄", us[3].text], [0, 1, 1, 1]
    )
    assert not over_own_caption(byline, labels, 1)


def test_a_sentence_under_a_dateline_is_no_caption(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "工地上的春天\n\n本报讯 今年以来，全县重点项目建设加快推进。\n\n项目年底完工。\n"
    tag = crf.tag

    def misread(features: list[list[str]], model: Path = crf.MODEL) -> tuple[list[str], list[float]]:
        _, probs = tag(features, model)
        return ["T", "C", "C"], probs  # a caption run over the story

    monkeypatch.setattr(crf, "tag", misread)
    lab = label_page(page)
    assert lab.labels[1] in "NP" and any(
        f.startswith("rule=a sentence under a 电头") for f in lab.features[1]
    )


def test_a_short_line_right_over_a_dateline_is_read_as_a_headline_when_the_model_gave_it_a_chance() -> None:
    from reader.split.leads import MIN_HEAD, over_lead

    texts = [
        "上一篇的最后一句话。",
        "全市投资保持平稳增长",
        "本报讯 今年以来，全市完成固定资产投资2350亿元。",
    ]
    labels = ["P", "P", "P"]
    assert over_lead(texts, labels, [0.0, MIN_HEAD, 0.0].__getitem__, 1)
    assert not over_lead(texts, labels, [0.0, MIN_HEAD - 0.01, 0.0].__getitem__, 1)  # all but ruled out
    # A sentence, a byline line and a line over no 电头 stay as they were read.
    for other in (["上一篇。", "这一行是一句话。", texts[2]], ["上一篇。", "本报记者  王小明", texts[2]]):
        assert not over_lead(other, labels, [0.0, 0.9, 0.0].__getitem__, 1)
    assert not over_lead(
        texts[:2] + ["今年以来，全市完成固定资产投资。"], labels, [0.0, 0.9, 0.0].__getitem__, 1
    )


def test_a_dateline_wrapped_over_two_lines_opens_the_story_not_its_headline() -> None:
    from reader.split.leads import opens_split_dateline

    assert opens_split_dateline(["新华社曼谷2月16日", "电  （记者张三、李四"], 0)
    assert opens_split_dateline(["本报北京1月31", "日电（记者王五）国家"], 0)
    # A headline over a whole 电头, a whole 电头, and a headline over a body line are not.
    assert not opens_split_dateline(["胡春华出席", "新华社上海10月15日电  国务院副总理"], 0)
    assert not opens_split_dateline(["本报北京1月31日电", "（记者王五）国家"], 0)
    assert not opens_split_dateline(["外长举行战略磋商", "双方表示将加强合作"], 0)
    page = (
        "外长举行战略磋商\n新华社曼谷2月16日\n电  （记者张三、李四\n）2月16日，外交部长\n"
        "与来访的外长在曼谷举\n行战略磋商。双方表示\n将加强合作，推动两国\n关系不断向前发展。\n\n"
        "双方还就共同关心的国\n际和地区问题交换了意\n见。\n"
    )
    lab = label_page(page)
    assert lab.labels[1] == "N" and lab.labels[2] == "P"
    assert any(f.startswith("rule=a story's first line: a 电头") for f in lab.features[1])
    (story,) = [i for i in split_staged(page).items if i.kind == "article"]
    assert story.title == "外长举行战略磋商"
    assert story.body.startswith("新华社曼谷2月16日电")


def test_a_dated_dateline_after_a_finished_sentence_opens_a_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as more body (a page that prints this story's headline after it), a 电头 with its date
    right after a finished sentence opens a story, unless another 电头 stood shortly before (a
    digest's items) or it is no 电头 but words such as 社会保障…电 ."""
    first = "本报讯 今年以来，全县重点项目建设加快推进，一批项目陆续开工。"
    story = "本报北京1月31日电  （记者王小明）国家有关部门31日发布消息，春运客流平稳有序。"
    page = f"全县项目建设提速\n\n{first}\n\n{'项目年底前全部完工。' * 60}\n\n{story}\n"
    tag = crf.tag

    def as_body(features: list[list[str]], model: Path = crf.MODEL) -> tuple[list[str], list[float]]:
        _, probs = tag(features, model)
        return ["T", "N", *["P"] * (len(features) - 2)], probs

    monkeypatch.setattr(crf, "tag", as_body)
    lab = label_page(page)
    assert lab.labels[3] == "N"
    assert any(f.startswith("rule=a 电头 after a finished sentence") for f in lab.features[3])
    # A digest: its items' 电头 stand close together, so each stays in the story the model read.
    close = f"全县项目建设提速\n\n{first}\n\n项目年底前全部完工。\n\n{story}\n"
    assert label_page(close).labels[3] == "P"
    # Words that DATELINE's loose agency form takes are no 电头.
    words = "人力资源社会保障行政部门根据水电燃气供应情况，及时调整工作安排。"
    assert label_page(page.replace(story, words)).labels[3] == "P"


STORY_WITH_PICTURE = (
    "珠峰高程测量正式启动\n\n"
    "　　本报珠峰大本营5月2日电  2020珠峰高程测量首场新闻发布会4月30日在珠峰大本营召开，测量正式启动。\n\n"
    "　　测量队员克服高寒缺氧，完成了前期准备工作。\n\n"
    "测绘队员在珠峰大本营整理测量装备\n通讯员 高艳 摄影\n\n"
    "　　今年正值中国和尼泊尔建交65周年，此次测量具有重要的历史意义。\n\n"
    "　　测量成果将向社会公布。\n"
)


def test_a_credit_that_ends_in_sheying_is_no_byline_line() -> None:
    from reader.split.aside import byline_line

    assert not byline_line("通讯员 高艳 摄影") and byline_line("通讯员 高艳")


def test_a_caption_ends_at_its_credit_and_the_story_goes_on_under_it() -> None:
    page = split_staged(STORY_WITH_PICTURE)
    (art,) = [i for i in page.items if i.kind == "article"]
    (photo,) = [i for i in page.items if i.kind == "photo"]
    assert art.title == "珠峰高程测量正式启动"
    assert art.body.endswith("测量成果将向社会公布。") and "建交65周年" in art.body
    assert photo.caption == "测绘队员在珠峰大本营整理测量装备" and photo.credit == "通讯员 高艳 摄影"


def test_under_credit_keeps_a_second_pictures_caption() -> None:
    us = units("甲图说明 王伟 摄\n\n乙图里人们在田间劳作。\n李华 摄\n\n丙段正文写完了。\n")
    labels = ["C", "C", "C", "C"]
    assert under_credit(us, labels, 0) == []  # the sentence under it has its own credit under it
    assert under_credit(us, labels, 2) == [3]
