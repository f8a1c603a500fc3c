"""A body no headline took, just after a story's body, goes on that story, or with none above it
opens the body under it whose headline follows (reader.split.unattached.join_untitled); any other body
keeps its place."""

from __future__ import annotations

from io import StringIO

from conftest import labelled_blocks
from rich.console import Console

from reader.split.group import Segment
from reader.split.staged import Labelled, build_items, group
from reader.split.unattached import JOIN_CERTAINTY, join_untitled

H1 = "全县春耕生产全面铺开"
STORY1 = [
    "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。",
    "农业部门组织技术人员深入田间，指导农户做好春耕备耕。",
    "据统计，全县已完成春耕面积十二万亩，春耕生产进度快于往年。",
]
H2 = "市图书馆新馆开馆迎读者"
STORY2 = [
    "本报讯 近日，市图书馆新馆正式开馆，读者可以免费借阅图书。",
    "新馆设有少儿阅览区和自习区，图书馆藏书达到八十万册。",
]
CAPTION = "农户在田间移栽秧苗 王小明 摄"


def _articles(lab: Labelled) -> list[tuple[str, list[str]]]:
    return [(i.title, i.body.splitlines()) for i in build_items(lab).items if i.kind == "article"]


def test_a_body_the_labeller_opened_with_no_headline_goes_on_the_story_above() -> None:
    lab = labelled_blocks([H1, *STORY1], ["T", "N", "P", "N"])
    segs, _, _ = group(lab)
    assert [(s.kind, s.idx, s.joins) for s in segs] == [("head", [0], []), ("body", [1, 2, 3], [3])]
    items = build_items(lab).items
    assert [(i.title, i.body.splitlines()) for i in items] == [(H1, STORY1)]
    # An article a join made is no surer than joins are on training pages.
    assert items[0].confidence == JOIN_CERTAINTY


def test_a_story_a_caption_interrupts_is_one_story_and_the_caption_a_photo() -> None:
    # The labeller reads the paragraph after the picture as a new story's lead.
    lab = labelled_blocks([H1, STORY1[0], CAPTION, STORY1[1], STORY1[2]], ["T", "N", "C", "N", "P"])
    items = build_items(lab).items
    assert [(i.kind, i.title, i.body.splitlines()) for i in items if i.kind == "article"] == [
        ("article", H1, STORY1)
    ]
    assert [(i.caption, i.credit) for i in items if i.kind == "photo"] == [
        ("农户在田间移栽秧苗", "王小明 摄")
    ]


def test_a_story_printed_before_its_headline_keeps_the_lines_over_its_caption() -> None:
    # Two stories, each with its headline printed after it, a picture set in the second. The
    # labeller reads the paragraph after the picture as a lead: the headline takes that part, and
    # the part above the picture, which no headline takes, is the same story's start.
    lines = [*STORY1, H1, STORY2[0], CAPTION, STORY2[1], H2]
    lab = labelled_blocks(lines, ["N", "P", "P", "T", "N", "C", "N", "T"])
    assert _articles(lab) == [(H1, STORY1), (H2, STORY2)]
    segs, _, _ = group(lab)
    story2 = next(s for s in segs if s.kind == "body" and 4 in s.idx)
    assert story2.idx == [4, 6] and story2.joined_below == [6] and not story2.joins
    assert build_items(lab).items[1].confidence == JOIN_CERTAINTY


def test_a_body_under_a_headline_that_took_the_body_above_is_not_joined_below_without_a_taker() -> None:
    # The body below has no headline either: nothing says the two are one story.
    lab = labelled_blocks([*STORY1, H1, *STORY2], ["N", "P", "P", "T", "N", "N"])
    assert _articles(lab) == [(H1, STORY1), ("", [STORY2[0]]), ("", [STORY2[1]])]


def test_a_body_a_headline_takes_stays_its_own_story() -> None:
    # Headline after its story, on both stories: each body has its headline.
    lab = labelled_blocks([*STORY1, H1, *STORY2, H2], ["N", "P", "P", "T", "N", "P", "T"])
    assert _articles(lab) == [(H1, STORY1), (H2, STORY2)]
    assert all(not s.joins for s in group(lab)[0])


def test_a_body_at_the_top_of_the_page_has_no_story_to_go_on() -> None:
    # A story continued from another page, then a headed one.
    lab = labelled_blocks([STORY1[2], H2, *STORY2], ["N", "T", "N", "P"])
    assert _articles(lab) == [("", [STORY1[2]]), (H2, STORY2)]


def test_a_caption_body_is_never_joined() -> None:
    lab = labelled_blocks([H1, *STORY1, CAPTION], ["T", "N", "P", "P", "C"])
    items = build_items(lab).items
    assert [i.kind for i in items] == ["article", "photo"]
    assert items[0].body.splitlines() == STORY1


def test_headline_indexes_still_point_at_their_headlines_after_a_join() -> None:
    segs = [
        Segment("head", [0]),
        Segment("body", [1, 2]),
        Segment("body", [3]),
        Segment("head", [4]),
        Segment("body", [5, 6]),
    ]
    segs[1].attached, segs[4].attached = 0, 3
    labels = ["T", "N", "P", "N", "T", "N", "P"]
    out, certainty = join_untitled(segs, [0.9, 1.0, 1.0, 0.8, 1.0], labels)
    assert [s.idx for s in out] == [[0], [1, 2, 3], [4], [5, 6]]
    assert [out[s.attached].idx for s in out if s.kind == "body"] == [[0], [4]]
    assert certainty == [0.9, 1.0, 0.8, 1.0]


def _explained(monkeypatch, lab: Labelled) -> list[str]:
    """``split --explain``'s lines for a page labelled ``lab``."""
    from reader.cli import split_view
    from reader.split import staged

    monkeypatch.setattr(staged, "label_page", lambda text: lab)
    out = StringIO()
    split_view.explain_page("ignored", Console(file=out, width=220, highlight=False))
    return out.getvalue().splitlines()


def test_explain_names_the_join(monkeypatch) -> None:
    lines = _explained(monkeypatch, labelled_blocks([H1, *STORY1], ["T", "N", "P", "N"]))
    at = next(k for k, line in enumerate(lines) if STORY1[2][:10] in line)
    assert "goes on the story above" in lines[at + 1]
    assert sum("goes on the story above" in line for line in lines) == 1


def test_explain_names_a_join_below(monkeypatch) -> None:
    lab = labelled_blocks(
        [*STORY1, H1, STORY2[0], CAPTION, STORY2[1], H2], ["N", "P", "P", "T", "N", "C", "N", "T"]
    )
    lines = _explained(monkeypatch, lab)
    at = next(k for k, line in enumerate(lines) if STORY2[1][:10] in line)
    assert "this story's first part" in lines[at + 1]
    assert sum("first part" in line for line in lines) == 1
