"""A headline block no body took, set right over the headline block of the body below, is the
first lines of that headline (reader.split.unattached.fold_orphans); a short label, or a block
with a body of its own, keeps its place."""

from __future__ import annotations

from io import StringIO

from conftest import labelled_blocks
from rich.console import Console

from reader.split.group import Segment
from reader.split.staged import Labelled, build_items, group
from reader.split.unattached import FOLD_CERTAINTY, fold_orphans

KICKER = "市纪委监委通报"
TITLE = "三起违反中央八项规定精神典型问题"
STORY = [
    "本报讯 日前，市纪委监委对三起违反中央八项规定精神问题进行通报。",
    "通报指出，各级党组织要把纠治“四风”作为经常性工作抓实抓细。",
]
H0 = "全县春耕生产全面铺开"
STORY0 = ["本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。"]


def _articles(lab: Labelled) -> list[tuple[str, str, list[str]]]:
    return [(i.kicker, i.title, i.body.splitlines()) for i in build_items(lab).items if i.kind == "article"]


def test_a_kicker_read_as_a_title_stays_with_the_title_under_it() -> None:
    # Under a story that has its headline: the kicker, read as a title of its own, can take no
    # body (the one above is taken), and was an article with no body.
    lab = labelled_blocks([H0, *STORY0, KICKER, TITLE, *STORY], ["T", "N", "T", "T", "N", "P"])
    got = _articles(lab)
    assert len(got) == 2
    assert got[0] == ("", H0, STORY0)
    assert got[1][2] == STORY and got[1][1].startswith(KICKER) and got[1][1].endswith(TITLE)
    segs, _, _ = group(lab)
    head = next(s for s in segs if s.kind == "head" and 2 in s.idx)
    assert head.idx == [2, 3] and head.folded == [3]
    # An article whose headline was folded is no surer than folds are on training pages.
    assert build_items(lab).items[1].confidence == FOLD_CERTAINTY


def test_on_a_markdown_page_the_folded_heading_is_the_kicker() -> None:
    # A markdown title is one heading: a heading no body took, over the story's title, is its kicker.
    lines = [f"## {H0}", *STORY0, f"## {KICKER}", f"## {TITLE}", *STORY]
    lab = labelled_blocks(lines, ["T", "N", "T", "T", "N", "P"])
    assert _articles(lab) == [("", H0, STORY0), (KICKER, TITLE, STORY)]


def test_a_folded_title_line_that_opens_with_a_dash_is_the_subtitle() -> None:
    title, subtitle = "快发展中要下慢功夫（体育大看台）", "——体育产业怎么看"
    lab = labelled_blocks([H0, *STORY0, title, subtitle, *STORY], ["T", "N", "T", "T", "N", "P"])
    item = [i for i in build_items(lab).items if i.kind == "article"][1]
    assert (item.kicker, item.title, item.subtitle) == ("", title, subtitle)
    assert item.body.splitlines() == STORY


def test_on_a_markdown_page_a_folded_heading_over_a_dash_is_the_title() -> None:
    title, subtitle = "你们就是时代英雄", "——记二〇一八年最美城乡社区工作者群体"
    lines = [f"## {H0}", *STORY0, f"## {title}", f"## {subtitle}", *STORY]
    lab = labelled_blocks(lines, ["T", "N", "T", "T", "N", "P"])
    item = [i for i in build_items(lab).items if i.kind == "article"][1]
    assert (item.kicker, item.title, item.subtitle) == ("", title, subtitle)


def test_a_kicker_labelled_a_kicker_needs_no_fold() -> None:
    lab = labelled_blocks([H0, *STORY0, KICKER, TITLE, *STORY], ["T", "N", "K", "T", "N", "P"])
    assert _articles(lab)[1] == (KICKER, TITLE, STORY)
    assert all(not s.folded for s in group(lab)[0])


def test_a_short_label_over_the_next_headline_stays_alone() -> None:
    # 图片报道-like labels of four characters or fewer are items of their own (their pictures
    # are not in the text), not the first line of the next story's headline.
    lab = labelled_blocks([H0, *STORY0, "图片新闻", TITLE, *STORY], ["T", "N", "T", "T", "N", "P"])
    assert _articles(lab) == [("", H0, STORY0), ("", "图片新闻", []), ("", TITLE, STORY)]


def test_a_headline_with_a_body_of_its_own_is_not_folded() -> None:
    # Two headlines, each over its own story: nothing is left alone.
    lab = labelled_blocks([H0, *STORY0, TITLE, *STORY], ["T", "N", "T", "N", "P"])
    assert _articles(lab) == [("", H0, STORY0), ("", TITLE, STORY)]
    assert all(not s.folded for s in group(lab)[0])


def test_a_headline_block_over_a_headline_printed_after_its_body_is_not_folded() -> None:
    # The block under the lone one takes the body above it (headline after its story): the lone
    # block is not over the headline of the body below, so it is not that headline's.
    segs = [Segment("body", [0]), Segment("head", [1]), Segment("head", [2]), Segment("body", [3])]
    segs[0].attached = 2  # (not adjacent: attach never does this; the fold must not rely on it)
    out, certainty = fold_orphans(
        segs, [1.0, 0.7, 0.9, 1.0], ["甲乙丙丁戊", "己庚辛壬癸子", "丑寅卯辰巳", "午未申酉戌"]
    )
    assert [s.idx for s in out] == [[0], [1], [2], [3]]
    assert certainty == [1.0, 0.7, 0.9, 1.0]


def test_headline_indexes_still_point_at_their_headlines_after_a_fold() -> None:
    segs = [
        Segment("head", [0]),
        Segment("body", [1]),
        Segment("head", [2]),
        Segment("head", [3]),
        Segment("body", [4, 5]),
    ]
    segs[1].attached, segs[4].attached = 0, 3
    texts = [H0, STORY0[0], KICKER, TITLE, *STORY]
    out, certainty = fold_orphans(segs, [0.9, 1.0, 0.6, 0.8, 1.0], texts)
    assert [s.idx for s in out] == [[0], [1], [2, 3], [4, 5]]
    assert [out[s.attached].idx for s in out if s.kind == "body"] == [[0], [2, 3]]
    assert certainty == [0.9, 1.0, 0.8, 1.0]


def test_explain_names_the_fold(monkeypatch) -> None:
    from reader.cli import split_view
    from reader.split import staged

    lab = labelled_blocks([H0, *STORY0, KICKER, TITLE, *STORY], ["T", "N", "T", "T", "N", "P"])
    monkeypatch.setattr(staged, "label_page", lambda text: lab)
    out = StringIO()
    split_view.explain_page("ignored", Console(file=out, width=220, highlight=False))
    lines = out.getvalue().splitlines()
    at = next(k for k, line in enumerate(lines) if TITLE in line)
    assert "the headline block above takes no body: it is this headline's first lines" in " ".join(
        lines[at : at + 2]
    )
