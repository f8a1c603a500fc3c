"""A body two headlines share is cut where each headline's words fall on its own side
(reader.split.share), and only then."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from reader.split import share
from reader.split.cohesion import bigrams
from reader.split.group import attach, segments
from reader.split.staged import Labelled, build_items, group
from reader.split.units import units

# Two made-up stories, their headlines printed one before (H1) and one after (H2) them.
H1 = "全县春耕生产全面铺开"
STORY1 = [
    "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。",
    "农业部门组织技术人员深入田间，指导农户做好春耕备耕。",
    "据统计，全县已完成春耕面积十二万亩，春耕生产进度快于往年。",
]
STORY2 = [
    "本报讯 近日，市图书馆新馆正式开馆，读者可以免费借阅图书。",
    "新馆设有少儿阅览区和自习区，图书馆藏书达到八十万册。",
    "图书馆负责人介绍，新馆开馆后将延长开放时间，方便读者借阅。",
]
H2 = "市图书馆新馆开馆迎读者"


def _page(h1: str, body: list[str], h2: str) -> list:
    return units("\n\n".join([h1, *body, h2]) + "\n")


def _labelled(us: list, labels: list[str]) -> Labelled:
    return Labelled(us, labels, [0.9] * len(us), [[] for _ in us], [0.0] * len(us))


def test_a_headline_left_without_a_body_cuts_the_body_another_took_where_its_words_begin() -> None:
    us = _page(H1, STORY1 + STORY2, H2)
    labels = ["T", "N", "P", "P", "P", "P", "P", "T"]  # the labeller missed story 2's first line
    segs, _, certainty = group(_labelled(us, labels))
    bodies = [s for s in segs if s.kind == "body"]
    assert [s.idx for s in bodies] == [[1, 2, 3], [4, 5, 6]]
    assert [segs[s.attached].idx for s in bodies] == [[0], [7]]
    assert bodies[1].why.startswith("a new story") and not bodies[0].why
    # The headline's attachment is as sure as the cut that gave it its story.
    assert 0 < certainty[bodies[1].attached] == bodies[1].conf <= 1.0
    items = build_items(_labelled(us, labels)).items
    assert [(i.title, i.body.splitlines()[0]) for i in items] == [(H1, STORY1[0]), (H2, STORY2[0])]


def test_a_headline_before_its_story_takes_the_first_part() -> None:
    # H2's story first, then story 1 with its headline H1 printed after it; H2 is left over.
    us = _page(H2, STORY2 + STORY1, H1)
    texts = [u.text for u in us]
    labels = ["T", "N", "P", "P", "P", "P", "P", "T"]
    segs = segments(labels, texts)
    grams = [bigrams(t) for t in texts]
    certainty = attach(segs, texts, None, grams)
    # Whichever headline the attachment gave the merged body, the cut gives each its own story.
    segs, certainty = share.split_shared(segs, certainty, us, texts, grams, [0.0] * len(us))
    assert len(certainty) == len(segs)
    owners = {tuple(s.idx): segs[s.attached].idx[0] for s in segs if s.kind == "body"}
    assert owners == {(1, 2, 3): 0, (4, 5, 6): 7}


STORY3 = [
    "昨天，全市首条有轨电车线路通车试运营，沿线设站十五座。",
    "有轨电车全程约十八公里，高峰时段每六分钟发一班车。",
]


def test_a_headline_after_a_taken_body_is_its_second_storys_not_the_next_bodys() -> None:
    # H1 over stories 1 and 2 run together, H2 after them, then a story with no headline. H2
    # could take story 3 as its own (a headline before its story, as H1 is), but its words are
    # story 2's: the grouping reads it as story 2's headline and leaves story 3 untitled.
    us = units("\n\n".join([H1, *STORY1, *STORY2, H2, *STORY3]) + "\n")
    labels = ["T", "N", "P", "P", "P", "P", "P", "T", "N", "P"]
    segs, _, _ = group(_labelled(us, labels))
    bodies = [s for s in segs if s.kind == "body"]
    assert [(s.idx, segs[s.attached].idx[0] if s.attached >= 0 else None) for s in bodies] == [
        ([1, 2, 3], 0),
        ([4, 5, 6], 7),
        ([8, 9], None),
    ]
    # Without that reading, H2 took story 3 and stories 1 and 2 stayed one.
    texts = [u.text for u in us]
    segs = segments(labels, texts)
    attach(segs, texts, None, [bigrams(t) for t in texts])
    assert [(s.idx, s.attached) for s in segs if s.kind == "body"] == [([1, 2, 3, 4, 5, 6], 0), ([8, 9], 2)]


def test_where_the_words_part_two_stories_equally_the_labellers_likelier_lead_is_the_cut() -> None:
    # A paragraph with no word of either headline stands between the two stories: the words part
    # them as well before it as after it. The labeller's probability that a line opens a story
    # decides; without it the first such place is taken.
    neutral = "相关负责人表示，下一步将继续做好各项工作，确保取得实效。"
    us = _page(H1, [*STORY1, neutral, *STORY2], H2)
    texts = [u.text for u in us]
    grams = [bigrams(t) for t in texts]
    segs = segments(["T", "N", "P", "P", "P", "P", "P", "P", "T"], texts)
    head, owner, body = segs[2], segs[0], segs[1]
    widths = [0.0] * len(us)
    assert share.best_cut(head, owner, body, True, us, texts, grams, widths)[0] == 3  # type: ignore[index]
    opens = [0.0] * len(us)
    opens[5] = 0.2  # STORY2's first line: the labeller read it as more body, but not surely
    cut = share.best_cut(head, owner, body, True, us, texts, grams, widths, opens)
    assert cut is not None and body.idx[cut[0]] == 5


def test_a_bracketed_line_closing_the_first_story_stays_with_it() -> None:
    for closer in ("（本报记者 王小明）", "（完）"):
        us = _page(H1, [*STORY1, closer, *STORY2], H2)
        labels = ["T", "N", "P", "P", "P", "P", "P", "P", "T"]
        segs, _, _ = group(_labelled(us, labels))
        assert [s.idx for s in segs if s.kind == "body"] == [[1, 2, 3, 4], [5, 6, 7]], closer


def test_a_one_word_label_left_without_a_body_leaves_the_body_whole() -> None:
    for label in ("图片", "广告", "春耕"):  # one bigram: proves nothing, even when found in the text
        us = _page(H1, STORY1 + STORY2, label)
        labels = ["T", "N", "P", "P", "P", "P", "P", "T"]
        segs, _, _ = group(_labelled(us, labels))
        assert [s.idx for s in segs if s.kind == "body"] == [[1, 2, 3, 4, 5, 6]], label


def test_a_headline_whose_words_the_body_does_not_part_leaves_it_whole() -> None:
    # A second headline about the same story as the first: its words fall on both sides.
    us = _page(H1, STORY1 + STORY1, "春耕生产进度快于往年")
    labels = ["T", "N", "P", "P", "P", "P", "P", "T"]
    segs, _, _ = group(_labelled(us, labels))
    assert [s.idx for s in segs if s.kind == "body"] == [[1, 2, 3, 4, 5, 6]]


def test_no_part_shorter_than_a_story_is_cut_off() -> None:
    us = _page(H1, [*STORY1, "图书馆开馆。"], H2)
    labels = ["T", "N", "P", "P", "P", "T"]
    segs, _, _ = group(_labelled(us, labels))
    assert [s.idx for s in segs if s.kind == "body"] == [[1, 2, 3, 4]]


def test_the_cut_is_linear_scoring_matches_whole_sets() -> None:
    # The first/last-position counts equal what whole-set intersections of each part give.
    us = _page(H1, STORY1 + STORY2, H2)
    texts = [u.text for u in us]
    grams = [bigrams(t) for t in texts]
    idx = list(range(1, 7))
    hg, og = share._grams([7], texts, grams, 200), share._grams([0], texts, grams, 200)
    first, last = share._spans(idx, texts, grams, hg | og)
    for p in range(1, len(idx)):
        a = set().union(*(grams[i] for i in idx[:p]))
        b = set().union(*(grams[i] for i in idx[p:]))
        assert sum(1 for g in hg if first.get(g, p) < p) == len(hg & a)
        assert sum(1 for g in hg if last.get(g, -1) >= p) == len(hg & b)


def test_explain_names_the_cut(monkeypatch) -> None:
    from reader.cli import split_view
    from reader.split import staged

    us = _page(H1, STORY1 + STORY2, H2)
    labels = ["T", "N", "P", "P", "P", "P", "P", "T"]
    monkeypatch.setattr(staged, "label_page", lambda text: _labelled(us, labels))
    out = StringIO()
    split_view.explain_page("ignored", Console(file=out, width=200, highlight=False))
    row = [line for line in out.getvalue().splitlines() if "grouping:" in line]
    assert len(row) == 1 and "a new story" in row[0]
    lines = out.getvalue().splitlines()
    at = next(k for k, line in enumerate(lines) if STORY2[0][:10] in line)
    assert "grouping:" in lines[at + 1]
