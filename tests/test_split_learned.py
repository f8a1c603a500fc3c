"""The learned splitter: its stages on tiny made-up pages, and its scores on real pages it never saw.

The scores use the shared scorer's own matching (``score_page`` from ../shared/eval) in-process.
../shared/dev pages and the 2020-05 pages are never trained on (reader/split/train.py); the
held-out families render with parameters no training family uses. Thresholds sit a little under
the figures measured when the model was trained (see BENCHMARKS.md), so a change that loses
ground on unseen pages fails here.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest
from conftest import SKIP_SHARED, held_out_pages

from reader.split import _split, crf
from reader.split.aside import byline_line
from reader.split.features import bigrams, end_class, overlap, page_features
from reader.split.flags import flags as line_flags
from reader.split.group import Segment, attach, segments
from reader.split.staged import label_page
from reader.split.units import units

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(
    SKIP_SHARED and not (SHARED / "corpus").exists(), reason="../shared is not present"
)


def test_units_keep_raw_line_numbers_markup_and_blank_lines() -> None:
    us = units("## 标题\n\n　　正文第一段。\n第二行\n\n\n**粗体**\n")
    assert [(u.n, u.text, u.md) for u in us] == [
        (1, "标题", 2),
        (3, "正文第一段。", 0),
        (4, "第二行", 0),
        (7, "粗体", 7),
    ]
    assert us[1].indent == "ideo" and us[1].blank_before == 1 and us[2].blank_before == 0
    assert us[3].blank_before == 2 and us[3].blank_after == 3


def test_a_setext_underline_marks_the_short_line_above_it() -> None:
    us = units("解码注册制\n=====\n\n正文第一段。\n\n要闻短句\n-----\n正文写完了。\n---\n\n下一篇\n")
    assert [(u.text, u.md) for u in us] == [
        ("解码注册制", 1),
        ("=====", 8),
        ("正文第一段。", 0),
        ("要闻短句", 2),
        ("-----", 8),
        ("正文写完了。", 0),  # a sentence's end: the --- under it is a rule between stories
        ("---", 0),
        ("下一篇", 0),
    ]


def test_a_centred_line_is_set_deeper_than_a_paragraph_indent() -> None:
    us = units("        解码注册制\n    正文第一段。\n\t正文第二段。\n　　　　副题居中\n")
    assert [u.indent for u in us] == ["deep", "space", "tab", "deep"]
    feats = page_features(us)
    assert [("ind" in f) for f in feats] == [False, True, True, False]


def test_a_stray_indent_on_a_page_that_does_not_indent_its_paragraphs_is_no_cue() -> None:
    # A PDF tool left a space before the kicker; the page's paragraphs are flush.
    text = (
        " 我市坚持党建引领，构建基层组织体系\n\n叫响基层治理\n\n社区打造邻里品牌。\n\n街道推动服务落地。\n\n"
    )
    text += "党员奋战在一线。\n\n居民满意度提升。\n"
    feats = page_features(units(text))
    assert not any("ind" in f for f in feats)
    # The same line on a page that indents its paragraphs keeps the cue.
    indented = text.replace("\n\n", "\n\n　　").replace("　　叫响", "叫响")
    feats = page_features(units(indented))
    assert "ind" in feats[0] and "ind" in feats[2] and "ind" not in feats[1]


def test_lead_and_cohesion_across_a_short_line() -> None:
    lead = page_features(units("标题\n5月4日，施工人员坚守岗位。\n记者从会上获悉，工程过半。\n"))
    assert "lead" in lead[1] and "lead" in lead[2] and "lead" not in lead[0]
    text = "科创板注册制改革平稳推进，市场反响积极。\n\n改革向前\n\n科创板注册制改革带来新机遇。\n\n"
    text += "河湖治理见成效\n\n长江流域水质持续向好，河湖面貌一新。\n"
    feats = page_features(units(text))
    assert "coh_across=5" in feats[1]  # the same words go on across a subhead
    assert "coh_across=0" in feats[3]  # new words after a headline


def test_short_lines_of_one_length_are_marked_as_a_series() -> None:
    # Two subheads of one length (a story's series) and a headline of another; a line next to one
    # of the same length (a headline stack's two lines) is no series of it.
    body = "科创板注册制改革平稳推进，市场反响积极。"
    text = "\n\n".join([body, "改革向前 稳步推进", body, "制度创新 活力迸发", body, "河湖治理见成效", body])
    feats = page_features(units(text))
    twins = [next((f for f in fs if f.startswith("twin=")), None) for fs in feats]
    assert twins == [None, "twin=1", None, "twin=1", None, "twin=0", None]
    stack = page_features(units("\n\n".join([body, "改革向前", "稳步推进", body])))
    assert [next((f for f in fs if f.startswith("twin=")), None) for fs in stack] == [
        None,
        "twin=0",
        "twin=0",
        None,
    ]
    # The first lines of a hard-wrapped page's paragraphs stand alone too, at the column's width:
    # they are no series.
    wrapped = page_features(
        units("一二三四五六七八九十\n" * 3 + "一二三。\n" + "一二三四五六七八九十\n" * 3 + "完。\n")
    )
    assert not any(f.startswith("twin=") for fs in wrapped for f in fs)


def test_the_column_widths_either_side_of_a_short_line() -> None:
    # Story A wrapped at 10 characters, story B at 8: the short line between them stands where
    # the column width changes; a short line inside B has B's width on both sides.
    a = "一二三四五六七八九十\n" * 4 + "一二三。\n"
    b = "甲乙丙丁戊己庚辛\n" * 4 + "甲乙。\n"
    feats = page_features(units(a + "\n新的标题\n\n" + b + "\n小标题\n\n" + b))
    title, sub = 5, 11
    assert "wx_short=d" in feats[title] and "wx=d" in feats[title]
    assert "wx_short=s" in feats[sub] and "wx=s" in feats[sub]
    assert not any(f.startswith("wx") for f in feats[1])  # not where a block starts
    assert "wx=s" in feats[12] and "wx_short=s" not in feats[12]  # a full line: no short cue
    # A page of paragraphs one a line has no column width: its lines' widths are sentences' lengths.
    prose = page_features(units("第一段很长很长的句子。\n\n小标题\n\n第二段很长很长的句子。\n\n第三段。\n"))
    assert not any(f.startswith("wx") for fs in prose for f in fs)


def test_end_class_and_cohesion_cues() -> None:
    assert end_class("他说：“好。”") == "stop"
    assert end_class("国家市场监管总局要求——") == "dash"
    assert end_class("一是，") == "comma"
    assert overlap(bigrams("注册制改革"), bigrams("科创板试点注册制")) == 0.5  # 注册, 册制 of four
    feats = page_features(units("解码注册制\n\n注册制在科创板先行先试，市场热议。\n"))
    assert "coh_a=4" in feats[0]  # the headline shares its words with the text after it


def test_headline_after_its_body_attaches_backwards_by_cohesion() -> None:
    texts = [
        "科创板注册制规则公布后引发市场热议。",
        "解码科创板注册制",
        "机场火车站转供电主体要降价。",
        "转供电主体不得截留红利",
    ]
    segs = segments(["N", "T", "N", "T"], texts)
    attach(segs, texts)
    assert [(s.kind, s.attached) for s in segs] == [("body", 1), ("head", -1), ("body", 3), ("head", -1)]


def test_headline_before_its_body_attaches_forwards() -> None:
    texts = [
        "解码科创板注册制",
        "科创板注册制规则公布后引发市场热议。",
        "转供电主体不得截留红利",
        "机场火车站转供电主体要降价。",
    ]
    segs = segments(["T", "N", "T", "N"], texts)
    attach(segs, texts)
    assert [s.attached for s in segs] == [-1, 0, -1, 2]


def test_a_block_between_two_bodies_is_cut_when_each_part_belongs_with_its_own_body() -> None:
    # Two headline lines in a row, read as one stack by the labeller: the first shares its words
    # with the body above (its headline printed after it), the second with the body below.
    texts = [
        "科创板注册制规则公布后引发市场热议。",
        "解码科创板注册制",
        "转供电主体不得截留红利",
        "机场火车站转供电主体要降价。",
    ]
    segs = segments(["N", "K", "T", "N"], texts)
    certainty = attach(segs, texts)
    assert [(s.kind, s.idx) for s in segs] == [("body", [0]), ("head", [1]), ("head", [2]), ("body", [3])]
    assert segs[0].attached == 1 and segs[3].attached == 2
    assert len(certainty) == len(segs) and segs[2].why


@pytest.mark.parametrize(
    ("middle", "labels", "heads"),
    [
        # Both headline lines share their words with the body below: one stack, heading it.
        (["机场火车站降价", "转供电主体不得截留红利"], ["N", "K", "T", "N"], [-1, 1]),
        # A subtitle's dash never opens the second part of a cut; the stack heads the body above.
        (["转供电主体不得截留红利", "——科创板注册制解读"], ["N", "T", "S", "N"], [1, -1]),
    ],
)
def test_a_stack_is_not_cut_when_its_parts_do_not_belong_apart(
    middle: list[str], labels: list[str], heads: list[int]
) -> None:
    texts = ["科创板注册制规则公布后引发市场热议。", *middle, "机场火车站转供电主体要降价。"]
    segs = segments(labels, texts)
    attach(segs, texts)
    assert [s.kind for s in segs] == ["body", "head", "body"]
    assert [segs[0].attached, segs[2].attached] == heads


def test_a_headline_with_no_free_body_stands_alone() -> None:
    segs = [Segment("head", [0]), Segment("body", [1]), Segment("head", [2])]
    attach(segs, ["标题甲", "正文甲的内容。", "标题乙"])
    assert segs[1].attached == 0


def test_a_stray_headline_at_the_top_does_not_shift_every_headline_after_it() -> None:
    # A wrapped body line read as a headline opens the page; taking the body below it for itself
    # scores well locally, but then each later headline (printed after its own body) would have to
    # take the body after it. The whole page's best choice leaves the stray line alone.
    texts = [
        "热议科技",
        "科创板注册制规则公布后引发市场热议。",
        "解码科创板注册制规则",
        "机场火车站转供电主体要降价。",
        "转供电主体不得截留红利",
        "海洋经济发展成果由各国人民共享。",
        "共享海洋经济发展成果",
    ]
    segs = segments(["T", "N", "T", "N", "T", "N", "T"], texts)
    attach(segs, texts)
    assert [s.attached for s in segs if s.kind == "body"] == [2, 4, 6]


def test_a_kicker_after_a_title_starts_a_new_headline_stack() -> None:
    segs = segments(["T", "K", "T", "N"], ["甲", "乙", "丙", "丁。"])
    assert [s.idx for s in segs] == [[0], [1, 2], [3]]


def test_learned_split_of_a_small_page_gives_roles_lines_and_confidence() -> None:
    page = _split(
        "城东口袋公园开放\n\n本报讯 城东社区今年新建了三处口袋公园，居民出门就能休闲。\n\n社区说，公园建设前征求了居民意见。\n"
    )
    (art,) = [i for i in page.items if i.kind == "article"]
    assert art.title == "城东口袋公园开放"
    assert art.body.startswith("本报讯") and art.lines == (1, 5)
    assert 0.0 < art.confidence <= 1.0
    assert crf.available()


def _score(rows: list[tuple[dict, list[dict], str]]) -> float:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_split", SHARED / "eval" / "score_split.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = matched = predicted = 0
    for g, items, text in rows:
        r = mod.score_page(g, items, text)
        gold += len(r["rows"])
        matched += sum(x["matched"] for x in r["rows"])
        predicted += r["predicted"]
    p, rc = matched / max(predicted, 1), matched / max(gold, 1)
    return 2 * p * rc / max(p + rc, 1e-9)


def score_rendered(pages: list, style: object, seed: int = 7) -> float:
    """Article F1 of the learned split of ``pages`` rendered in ``style`` (one rng, ``seed``)."""
    from reader.split import render

    rng = random.Random(seed)
    rows = []
    for p in pages:
        r = render.render_page(p, style, rng)  # type: ignore[arg-type]
        rows.append((r.gold, [i.to_json() for i in _split(r.text).items], r.text))
    return _score(rows)


DEV_BARS = {"paragraphs": 0.88, "markdown": 0.95, "wrapped": 0.82}


@pytest.mark.slow
@needs_shared
@pytest.mark.parametrize("layout", sorted(DEV_BARS))
def test_dev_pages_meet_the_bar(layout: str) -> None:
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    for name, g in gold["pages"].items():
        text = (SHARED / "dev" / layout / name).read_text(encoding="utf-8")
        rows.append((g, [i.to_json() for i in _split(text).items], text))
    assert _score(rows) >= DEV_BARS[layout]


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize("layout", ["paragraphs", "wrapped"])
def test_a_page_in_traditional_characters_splits_as_its_simplified_form(layout: str) -> None:
    """The labeller's cues were learned on simplified text: it reads a traditional page folded,
    and the items keep the page's own characters."""
    from reader.tokens import _fold_map, fold

    to_traditional: dict[int, int] = {}
    for trad, simp in _fold_map().items():
        to_traditional.setdefault(simp, trad)
    changed = 0
    for f in sorted((SHARED / "dev" / layout).glob("*.txt"))[:40]:
        text = f.read_text(encoding="utf-8")
        trad = text.translate(to_traditional)
        got = json.dumps([i.to_json() for i in _split(trad).items], ensure_ascii=False)
        want = json.dumps([i.to_json() for i in _split(text).items], ensure_ascii=False)
        assert fold(got) == fold(want), f.name
        assert set(got) - set(trad) <= set(want) - set(text)  # no character the page does not have
        changed += got != want
    assert changed == 40  # every page's items are in its own (traditional) characters


_HALF_WIDTH = str.maketrans(
    {"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"}
)


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(("layout", "bar"), [("paragraphs", 0.9), ("wrapped", 0.87)])
def test_dev_pages_with_ascii_punctuation(layout: str, bar: float) -> None:
    """OCR output and some crawls set 他说,今天. for 他说，今天。: the labeller reads such marks in
    their printed (full-width) form, and measures the page's lines so (wrapped, these pages: 0.862
    when the lines were measured with their ASCII marks); the items keep the page's own marks."""
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::4]:
        text = (SHARED / "dev" / layout / name).read_text(encoding="utf-8").translate(_HALF_WIDTH)
        g = json.loads(json.dumps(gold["pages"][name], ensure_ascii=False).translate(_HALF_WIDTH))
        items = [i.to_json() for i in _split(text).items]
        assert not any(c in json.dumps(items, ensure_ascii=False) for c in "，。；："), name
        rows.append((g, items, text))
    assert _score(rows) >= bar


def test_full_width_digits_and_letters_are_read_narrow_and_measured_as_printed() -> None:
    from reader.split.reading import needs_reading, read_unit, reading_form

    assert reading_form("第７２４号，ＧＤＰ增长") == "第724号，GDP增长"
    assert reading_form("第７２４号", narrow=False) == "第７２４号"
    assert needs_reading("国务院令第７２４号") and not needs_reading("国务院令第724号")
    u = units("国务院令第７２４号\n")[0]
    read = read_unit(u, closed=False, reading=True)
    assert read.text == "国务院令第724号" and read.width == u.width == 9  # each digit keeps its cell


_FULL_DIGITS = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(("layout", "bar"), [("paragraphs", 0.929), ("wrapped", 0.918)])
def test_dev_pages_with_full_width_digits(layout: str, bar: float) -> None:
    """The corpus the labeller learnt from prints ASCII digits only (第724号); a page set with
    full-width ones (第７２４号) is read with them narrow. Every other page, with the models of the
    thirty-seventh session: paragraphs 0.924 read as set, 0.931 read narrow (0.935 with ASCII
    digits); wrapped 0.920, 0.920 (0.919). With the models before: 0.927, 0.934 (0.936); 0.926,
    0.928 (0.929)."""
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::2]:
        text = (SHARED / "dev" / layout / name).read_text(encoding="utf-8").translate(_FULL_DIGITS)
        g = json.loads(json.dumps(gold["pages"][name], ensure_ascii=False).translate(_FULL_DIGITS))
        rows.append((g, [i.to_json() for i in _split(text).items], text))
    assert _score(rows) >= bar


@pytest.mark.score
@needs_shared
def test_a_mark_wrapped_onto_a_line_of_its_own_is_read_in_its_printed_form() -> None:
    """A hard wrap carries a sentence's last mark onto a line of its own (。 alone): set in ASCII
    (.) it touches no Chinese character, and was read as no sentence's end, so the headline under
    it read as body. Of the 177 dev wrapped pages with such a line, the page set in ASCII marks
    is labelled as the printed page is on 165 without the rule, 174 with it (165 and 171 with the
    models of the thirty-seventh session)."""
    from reader.split.reading import reading_form

    assert [reading_form(t) for t in (".", ").", "?", "3.5", "abc.")] == ["。", "）。", "？", "3.5", "abc."]
    same = total = 0
    for path in sorted((SHARED / "dev" / "wrapped").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^[，。；：？！（）]+$", text, re.M):
            continue
        total += 1
        same += label_page(text).labels == label_page(text.translate(_HALF_WIDTH)).labels
    assert total == 177 and same >= 170


def _ocr_spaces(text: str, share: float = 0.05) -> str:
    """A space after one character in twenty, as OCR output and some PDF tools set them."""
    rng = random.Random(len(text))
    return "".join(c + (" " if c.strip() and rng.random() < share else "") for c in text)


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(("layout", "bar"), [("paragraphs", 0.88), ("markdown", 0.945), ("wrapped", 0.82)])
def test_dev_pages_with_spaces_between_characters(layout: str, bar: float) -> None:
    """Read closed up (before: 0.761 / 0.935 / 0.238 on all 200 pages); the items keep the spaces."""
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::4]:
        text = _ocr_spaces((SHARED / "dev" / layout / name).read_text(encoding="utf-8"))
        items = [i.to_json() for i in _split(text).items]
        kept = "".join(i.get("body", "") for i in items)
        assert not kept or " " in kept, name  # the page's own text, spaces and all
        rows.append((gold["pages"][name], items, text))
    assert _score(rows) >= bar


def test_a_page_is_read_closed_up_only_when_its_sentences_are_spaced_out() -> None:
    from reader.split.reading import closed_up, spaced_out

    sentences = [
        "国务院近日印发《关于进一步做好稳就业工作的意见》，提出多项举措。",
        "意见指出，要加大对企业稳岗的支持力度，鼓励企业不裁员或少裁员。",
        "各地要结合实际，抓紧制定具体办法，确保政策落地见效，惠及广大群众。",
        "人力资源社会保障部门要加强统筹协调，做好政策宣传解读和服务工作。",
    ]
    ocr = [_ocr_spaces(s + s, 0.08) for s in sentences]
    assert spaced_out(units("\n\n".join(ocr)))
    assert not spaced_out(units("\n\n".join(sentences)))
    # Spaces a printed page sets by design: a law's article numbers, a 电头, padded names in a list.
    law = [f"第{n}条　" + s for n, s in zip("一二三四", sentences, strict=True)]
    names = ["吴　悦　　" + s for s in sentences]
    dated = ["新华社北京2月3日电　" + s for s in sentences]
    credited = [s + "记者 王斌洋 摄" for s in sentences] * 2  # captions: the credit spaces the name
    assert not any(spaced_out(units("\n\n".join(x))) for x in (law, names, dated, credited))
    assert closed_up("国 务院 近日 印发 ，通知 。") == "国务院近日印发，通知。"
    assert closed_up("New York 时报 2019 年") == "New York时报2019年"
    assert closed_up("本报北京2月3日电  （记者 王小明）") == "本报北京2月3日电  （记者王小明）"  # runs stay


def test_reading_form_makes_marks_that_touch_chinese_full_width_and_leaves_the_rest() -> None:
    from reader.split.reading import needs_reading, reading_form

    assert reading_form("他说,今天下雨了.(记者张三)") == "他说，今天下雨了。（记者张三）"
    assert reading_form("增长3.5%,达到www.people.cn的水平") == "增长3.5%，达到www.people.cn的水平"
    assert reading_form("國家發展") == "国家发展"
    page = "科创板注册制改革平稳推进。\n"
    assert reading_form(page) is page  # nothing to change: the same object, no copy
    assert (
        not needs_reading(page * 20) and needs_reading("國家發展改革委員會" * 20) and needs_reading("他说,好")
    )
    assert all(len(reading_form(t)) == len(t) for t in ("a,b", "说:“好”!", "(注)", "書.\n"))


def _byline_lines(text: str, gold: dict) -> str:
    """A made-up byline line (本报记者 某某 某某) under every headline stack, as many papers print it."""
    titles = {
        re.sub(r"\s", "", a.get("subtitle") or a["title"]) for a in gold["articles"]
    }  # the stack's last line
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if re.sub(r"\s", "", line.lstrip("#")) in titles:
            out += ([""] if i + 1 < len(lines) and not lines[i + 1].strip() else []) + [
                "本报记者  王小明  李华"
            ]
    return "\n".join(out)


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(
    ("layout", "bar", "share"), [("paragraphs", 0.9, 0.85), ("markdown", 0.94, 0.85), ("wrapped", 0.82, 0.6)]
)
def test_dev_pages_with_a_byline_line_under_each_headline(layout: str, bar: float, share: float) -> None:
    """Before, the labeller took such a line for one more headline line (paragraphs: 0.16)."""
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    bylines = inserted = 0
    for name in sorted(gold["pages"])[::4]:
        text = _byline_lines(
            (SHARED / "dev" / layout / name).read_text(encoding="utf-8"), gold["pages"][name]
        )
        items = [i.to_json() for i in _split(text).items]
        bylines += sum(i.get("byline") == "本报记者 王小明 李华" for i in items)
        inserted += text.count("本报记者  王小明  李华")
        rows.append((gold["pages"][name], items, text))
    assert _score(rows) >= bar
    assert bylines >= share * inserted  # in the story's byline (where headlines follow their stories, less)


def test_a_byline_line_under_a_headline_is_the_storys_byline() -> None:
    page = "科创板迎来新机遇\n\n本报记者  王小明\n\n本报北京5月4日电  科创板注册制改革平稳推进。\n"
    (item,) = _split(page).items
    assert item.title == "科创板迎来新机遇" and item.byline == "本报记者 王小明"
    assert item.body.startswith("本报北京5月4日电")
    lab = label_page(page)
    assert (lab.units[1].text, lab.labels[1]) == ("本报记者  王小明", "N")  # the story opens at it


@pytest.mark.parametrize("role", ["全媒体记者", "融媒体记者", "首席记者", "本报特派记者", "驻站记者"])
def test_newer_reporter_titles_are_byline_lines(role: str) -> None:
    page = (
        f"科创板迎来新机遇\n\n{role}  王小明  通讯员  李华\n\n本报北京5月4日电  科创板注册制改革平稳推进。\n"
    )
    (item,) = _split(page).items
    assert item.title == "科创板迎来新机遇"
    assert item.byline == f"{role} 王小明 通讯员 李华"
    assert item.body.startswith("本报北京5月4日电")


@pytest.mark.parametrize("line", ["河南洛阳  邓德洪", "内蒙古赤峰市 刘 才", "安徽亳州市\xa0屈广法"])
def test_a_letters_signature_is_a_byline_line_not_a_headline(line: str) -> None:
    assert byline_line(line)
    page = (
        f"多把群众请进议事厅\n\n{line}\n\n近日，某市召开座谈会谋划2019年民生实事，邀请群众代表参加。\n\n"
        "座谈会上，代表们就养老、托育和老旧小区改造提出了意见，有关部门逐条作了回应。\n"
    )
    (item,) = _split(page).items
    assert item.title == "多把群众请进议事厅" and item.byline == " ".join(line.replace("\xa0", " ").split())


@pytest.mark.parametrize("line", ["小盆景 大天地", "武汉 加力复苏", "京北草原 策马奔腾"])
def test_a_headline_of_two_phrases_is_no_signature(line: str) -> None:
    assert not byline_line(line)


def test_a_two_character_name_printed_with_a_space_in_it_is_a_name() -> None:
    # 人民日报 pads two-character names to the width of three: 本报记者  贺  勇.
    page = "科创板迎来新机遇\n\n本报记者  贺  勇  王小明\n\n本报北京5月4日电  科创板注册制改革平稳推进。\n"
    (item,) = _split(page).items
    assert item.title == "科创板迎来新机遇" and item.byline == "本报记者 贺 勇 王小明"
    for line in (
        "（本报记者\xa0\xa0金\xa0\xa0歆）",
        "（新华社北京10月1日电  记者林晖、熊丰、孙少龙）",
        "（本报记者任姗姗采访整理）",
    ):
        assert "byl_br" in line_flags(line), line
    assert "byl_line" in line_flags("本报记者\xa0\xa0张\xa0\xa0枨")
    # Two characters of a sentence with spaces between them are no name.
    assert "byl_line" not in line_flags("记者  看  到了什么")


HELDOUT_BARS = {  # each a few points under the shipped model's score on this sample
    "ho_ascii_indent": 0.9,
    "ho_md_levels": 0.85,
    "ho_no_blanks": 0.88,
    "ho_mid_wrap": 0.72,
    "ho_iso_header": 0.85,
    "ho2_centered": 0.76,  # ho2_: kinds of page no training family draws
    "ho2_tab_paras": 0.85,
    # Photo captions inside stories: the weakest kind (0.697 on this sample; 0.584 before a body
    # no headline took went on the story above it, 0.568 before captions with a position mark and
    # captions over a story were lifted out).
    "ho2_captions": 0.65,
}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize("family", sorted(HELDOUT_BARS))
def test_held_out_renderings_of_held_out_dates(family: str) -> None:
    from reader.split import render

    pages = held_out_pages()[::5]
    rng = random.Random(7)
    rows = []
    for p in pages:
        r = render.render_page(p, render.random_style(rng, family), rng)
        rows.append((r.gold, [i.to_json() for i in _split(r.text).items], r.text))
    assert _score(rows) >= HELDOUT_BARS[family]


# Fixed renderings of held-out dates (bench/score_sets.py draws the same styles on more pages),
# read on every second held-out page: every headline after its story, one paragraph a line (0.897
# with the models of the thirty-sixth session, 0.902 with those of the thirty-seventh); headlines
# wrapped at a narrow column like their stories (0.855, 0.857). Every fifth page, as this test read
# before the thirty-seventh session, moved by up to 0.08 from one refit to the next (pages read
# wholly right by one model and wholly wrong by another, both ways), more than the set did.
FIXED_BARS = {
    "para_after": ({"layout": "paragraphs", "headline_pos": "after"}, 0.88),
    "wrap_wraphl": ({"layout": "wrapped", "wrap_headline": True, "width_lo": 12, "width_hi": 16}, 0.83),
}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize("name", sorted(FIXED_BARS))
def test_fixed_renderings_of_held_out_dates(name: str) -> None:
    from reader.split import render

    style, bar = FIXED_BARS[name]
    pages = held_out_pages()[::2]
    rng = random.Random(7)
    rows = []
    for p in pages:
        r = render.render_page(p, dataclasses.replace(render.Style(), **style), rng)
        rows.append((r.gold, [i.to_json() for i in _split(r.text).items], r.text))
    assert _score(rows) >= bar


# Hard-wrapped pages that centre their headlines with spaces (no training family does), on held-out
# dates: 0.806 on this sample, 0.756 without reading a centred line as the page's headlines are
# (reader.split.second.centred).
CENTRED_BAR = 0.78


@pytest.mark.score
@needs_shared
def test_held_out_wrapped_pages_that_centre_their_headlines(monkeypatch) -> None:
    from reader.split import render, second, unwrap

    pages = held_out_pages()[::5]
    style = dataclasses.replace(
        render.Style(),
        layout="wrapped",
        center_headline="ascii",
        width_lo=30,
        width_hi=40,
        blank_between_paras=False,
    )

    # The rule's own worth, read as printed: the joined reading of such pages (reader.split.unwrap)
    # reads them as well without it.
    monkeypatch.setattr(unwrap, "joined", lambda *args: None)
    with_rule = score_rendered(pages, style)
    assert with_rule >= CENTRED_BAR
    monkeypatch.setattr(second, "centred", lambda *args: None)
    assert score_rendered(pages, style) < with_rule


# Hard-wrapped pages set as a justified column and read back as characters (a punctuation mark at
# half a cell by chance: lines a cell or two long by turns; no training family draws them), flush
# and with the paragraph indents lost, on held-out dates: 0.773 and 0.794 on this sample, 0.764 and
# 0.769 without evening the lines (reader.split.justified). Each bar a few points under.
JUSTIFIED_BARS = {"flush": 0.75, "indent lost": 0.77}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize("kind", sorted(JUSTIFIED_BARS))
def test_held_out_justified_columns_read_back_as_characters(kind: str, monkeypatch) -> None:
    from reader.split import justified, render

    pages = held_out_pages()[::5]
    style = dataclasses.replace(
        render.Style(),
        layout="wrapped",
        wrap_cells=True,
        squeeze=0.6,
        width_lo=16,
        width_hi=22,
        headline_pos="mixed",
        indent="\u3000\u3000" if kind == "indent lost" else "",
        drop_indent=kind == "indent lost",
    )
    evened = score_rendered(pages, style)
    assert evened >= JUSTIFIED_BARS[kind]
    monkeypatch.setattr(justified, "even", lambda us: us)
    assert score_rendered(pages, style) < evened


# Headlines printed before their stories and after them on the same page, each article drawn
# either way (render.Style headline_pos "mixed"), on held-out dates. Each bar a few points under
# the figure reached: 0.779 / 0.841 / 0.735, where the grouping without cutting a body two
# headlines share (reader.split.share) gave 0.735 / 0.783 / 0.703.
MIXED_BARS = {"paragraphs": 0.76, "markdown": 0.82, "wrapped": 0.72}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize("layout", sorted(MIXED_BARS))
def test_held_out_pages_with_headlines_before_and_after_their_stories(layout: str) -> None:
    from reader.split import render

    pages = held_out_pages()[::5]
    extra = {"width_lo": 16, "width_hi": 24} if layout == "wrapped" else {}
    style = dataclasses.replace(render.Style(), layout=layout, headline_pos="mixed", **extra)
    rng = random.Random(7)
    rows = []
    for p in pages:
        r = render.render_page(p, style, rng)
        rows.append((r.gold, [i.to_json() for i in _split(r.text).items], r.text))
    assert _score(rows) >= MIXED_BARS[layout]


def _double_spaced(text: str) -> str:
    return re.sub(r"\n[ \t]*\n", "\n\n\n", text)


def _ruled(text: str) -> str:
    out: list[str] = []
    in_body = False
    for line in text.split("\n"):
        if line.startswith("## ") and in_body:
            out += ["---", ""]
        if line.strip():
            in_body = not line.startswith("## ")
        out.append(line)
    return "\n".join(out)


def _subheads_marked(text: str) -> str:
    out: list[str] = []
    in_body = False
    for line in text.split("\n"):
        if line.startswith("## "):
            in_body = False
        elif line.strip():
            if in_body and 3 <= len(line) <= 20 and not re.search(r"[。！？，；：、）)]", line):
                line = "## " + line  # a subhead marked as the headlines are
            in_body = True
        out.append(line)
    return "\n".join(out)


def _all_indented(text: str) -> str:
    return "\n".join("\u3000\u3000" + ln if ln.strip() else ln for ln in text.split("\n"))


RESPACED_BARS = {  # dev pages re-spaced, mostly in ways no training family prints
    ("paragraphs", "double_spaced"): 0.85,
    ("wrapped", "double_spaced"): 0.78,
    ("markdown", "ruled"): 0.94,
    ("paragraphs", "all_indented"): 0.8,
    ("markdown", "subheads_marked"): 0.72,  # marked subheads: a kind mixed_md draws
    ("markdown", "setext"): 0.92,  # 0.68 before underlines were read as heading marks
}


def _setext(text: str) -> str:
    """Markdown headings written the setext way: the line, then ==== under it."""
    return re.sub(r"(?m)^## (.+)$", lambda m: m.group(1) + "\n" + "=" * max(3, len(m.group(1))), text)


RESPACE = {
    "setext": _setext,
    "double_spaced": _double_spaced,
    "ruled": _ruled,
    "all_indented": _all_indented,
    "subheads_marked": _subheads_marked,
}


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(("layout", "change"), sorted(RESPACED_BARS))
def test_dev_pages_re_spaced(layout: str, change: str) -> None:
    gold = json.loads((SHARED / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::4]:
        text = RESPACE[change]((SHARED / "dev" / layout / name).read_text(encoding="utf-8"))
        rows.append((gold["pages"][name], [i.to_json() for i in _split(text).items], text))
    assert _score(rows) >= RESPACED_BARS[(layout, change)]


def test_a_closing_bracket_byline_of_several_names_is_the_byline() -> None:
    page = _split(
        "## 春耕备耕正当时\n\n本报讯 连日来，各地抢抓农时，田间地头一派忙碌景象。\n\n（本报记者吴月辉、余建斌）\n"
    )
    (item,) = page.items
    assert item.title == "春耕备耕正当时"  # one `## ` heading: the mark is not part of the title
    assert item.byline == "本报记者吴月辉、余建斌"
    assert "（本报记者吴月辉、余建斌）" in item.body  # and the line itself stays where it was printed


def test_bold_marks_stay_in_the_text() -> None:
    # `**…**` and `__…__` are no line-leading markup to the scorer's coverage: the item keeps them,
    # while the cues read the words (a heading, md=7).
    (u,) = units("**稳就业保民生**\n")
    assert (u.text, u.md, u.shown) == ("稳就业保民生", 7, "**稳就业保民生**")
    page = _split("**稳就业保民生**\n\n各地出台措施，稳定就业岗位。\n\n__0__\n")
    everything = "".join(i.title + i.body + i.text for i in page.items)
    assert "**稳就业保民生**" in everything and "__0__" in everything


def test_a_page_name_mid_file_starts_a_second_page() -> None:
    text = "洛阳·要闻\n\n标题一\n\n本报讯 今天天气很好。\n\n洛阳·县区\n\n标题二\n\n本报讯 县里开会。\n"
    items = _split(text).items
    assert [(i.kind, i.role or i.title) for i in items] == [
        ("furniture", "page-name"),
        ("article", "标题一"),
        ("furniture", "page-name"),
        ("article", "标题二"),
    ]


def test_separator_lines_are_furniture_and_read_as_gaps() -> None:
    plain = "## 标题一\n\n本报讯 今天天气很好。\n\n## 标题二\n\n本报讯 县里开会。\n"
    ruled = plain.replace("\n\n## 标题二", "\n\n---\n\n## 标题二")
    items = _split(ruled).items
    assert [(i.kind, i.text or i.title) for i in items] == [
        ("article", "标题一"),
        ("furniture", "---"),
        ("article", "标题二"),
    ]
    kept = [f for f in label_page(ruled).features if f != ["rule"]]
    gap = ruled.replace("---", "")  # the rule's line left empty
    assert kept == label_page(gap).features


def test_a_name_with_a_dot_over_a_paragraph_stays_a_subhead() -> None:
    # The story goes on in the same words under the name (a new story would change them: the
    # cohesion cue). With nothing shared across the name, the thirty-eighth session's models read
    # it as the title of a second story (0.6), as a reader of such a page might.
    text = (
        "标题一\n\n本报讯 今年以来，县里的山更绿了，水更清了，村里办起了民宿。\n\n大保护·底色\n\n"
        "这里的山更绿了，水更清了，来这里的人也越来越多，村里办起了好几家民宿。\n"
    )
    items = _split(text).items
    assert [i.kind for i in items] == ["article"] and "大保护·底色" in items[0].subheads


def _printed_page(name: str, title: str, paras: list[str]) -> str:
    return f"{name}\n\n{title}\n\n" + "\n\n".join(paras) + "\n\n"


def test_each_page_printed_in_one_file_is_labelled_from_its_page_name_reading_on_a_little(
    monkeypatch,
) -> None:
    from reader.split import printed, staged

    text = (
        "全市投资保持平稳增长\n\n本报讯 今年以来，全市完成固定资产投资2350亿元，同比增长百分之八。\n\n"
        "其中工业投资增长较快，民间投资继续回升。\n\n"
        + _printed_page(
            "洛阳·县区",
            "偃师新建三座桥梁",
            [
                "本报讯 近日，偃师区三座新建桥梁通车，方便了沿线群众出行。",
                "三座桥梁总投资一点二亿元，历时十个月建成。",
            ],
        )
        + _printed_page(
            "洛阳·文化",
            "牡丹文化节开幕",
            [
                "本报讯 第三十九届牡丹文化节昨日开幕，各地游客纷至沓来。",
                "本届文化节持续一个月，将举办各类活动八十余场。",
            ],
        )
    )
    featured: list[int] = []
    real = staged.page_features

    def counting(us, *args):  # type: ignore[no-untyped-def]
        featured.append(len(us))
        return real(us, *args)

    monkeypatch.setattr(staged, "page_features", counting)
    monkeypatch.setattr(printed, "page_features", counting)
    monkeypatch.setattr(printed, "CONTEXT", 2)
    lab = label_page(text)
    # The file once, then each later page with CONTEXT units of the next (not, as before, the rest
    # of the file from each page name on, which made a file of many pages cost its pages squared).
    assert featured == [11, 4 + 2, 4]
    assert [lab.labels[i] for i in (3, 7)] == ["F", "F"]
    items = staged.build_items(lab).items
    assert [(i.kind, i.title or i.text) for i in items] == [
        ("article", "全市投资保持平稳增长"),
        ("furniture", "洛阳·县区"),
        ("article", "偃师新建三座桥梁"),
        ("furniture", "洛阳·文化"),
        ("article", "牡丹文化节开幕"),
    ]


@pytest.mark.parametrize("page", ["————", "＊＊＊\n\n---\n", "---\n本报记者  王小明  李华\n"])
def test_a_page_of_separator_and_byline_lines_only_is_furniture(page: str) -> None:
    """Every unit set aside leaves the labeller nothing to read (a crash the property test found)."""
    items = _split(page).items
    assert items and all(i.kind == "furniture" for i in items)
