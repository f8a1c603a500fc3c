"""A headline block no body took, right over a body that takes the headline printed after it, is
that story's first lines: a label set at its top (reader.split.unattached.fold_labels)."""

from __future__ import annotations

from io import StringIO

from conftest import labelled_blocks
from rich.console import Console

from reader.split.group import Segment
from reader.split.staged import Labelled, build_items, group
from reader.split.unattached import LABEL_CERTAINTY, fold_labels

LABEL = "核心阅读"
STORY_A = [
    "全县春耕生产全面铺开，田间地头一派繁忙景象，农机手抢抓农时翻耕土地。",
    "县农业农村局组织技术人员深入田间，指导农户科学施肥、合理用药。",
]
TITLE_A = "全县春耕生产全面铺开"
STORY_B = [
    "日前，市纪委监委对三起违反中央八项规定精神问题进行通报。",
    "通报指出，各级党组织要把纠治“四风”作为经常性工作抓实抓细。",
]
TITLE_B = "市纪委监委通报三起违反中央八项规定精神问题"


def _after_page() -> Labelled:
    # Every headline printed after its story; the first story opens with a label the labeller
    # read as a title.
    return labelled_blocks(
        [LABEL, *STORY_A, TITLE_A, *STORY_B, TITLE_B],
        ["T", "N", "P", "T", "N", "P", "T"],
    )


def _articles(lab: Labelled) -> list[tuple[str, list[str]]]:
    return [(i.title, i.body.splitlines()) for i in build_items(lab).items if i.kind == "article"]


def test_a_label_over_a_story_whose_headline_follows_it_opens_that_story() -> None:
    lab = _after_page()
    assert _articles(lab) == [(TITLE_A, [LABEL, *STORY_A]), (TITLE_B, STORY_B)]
    # A fold is right less often than not on training pages: the story is listed for review.
    assert build_items(lab).items[0].confidence == LABEL_CERTAINTY
    segs = group(lab)[0]
    assert segs[0].kind == "body" and segs[0].idx[:2] == [0, 1] and segs[0].labels_in == [1]


def test_a_headline_left_alone_at_the_foot_of_the_page_stays_an_item() -> None:
    # Nothing under it: no body to open.
    lab = labelled_blocks([TITLE_A, *STORY_A, TITLE_B], ["T", "N", "P", "T"])
    got = _articles(lab)
    assert (TITLE_A, STORY_A) in got and (TITLE_B, []) in got
    assert all(not s.labels_in for s in group(lab)[0])


def test_only_a_body_whose_headline_is_under_it_takes_the_block() -> None:
    # Block 0 over a body that took the headline over it (segment 2 is not its headline).
    segs = [Segment("head", [0]), Segment("head", [1]), Segment("body", [2, 3])]
    segs[2].attached = 1
    out, certainty = fold_labels(segs, [0.4, 0.9, 1.0])
    assert [s.idx for s in out] == [[0], [1], [2, 3]] and certainty == [0.4, 0.9, 1.0]
    # The same block over a body that took the headline under it is folded, the indexes renumbered.
    segs = [Segment("head", [0]), Segment("body", [1, 2]), Segment("head", [3]), Segment("body", [4])]
    segs[1].attached = 2
    out, certainty = fold_labels(segs, [0.4, 1.0, 0.8, 1.0])
    assert [s.idx for s in out] == [[0, 1, 2], [3], [4]]
    assert out[0].attached == 1 and out[0].labels_in == [1]
    assert certainty == [1.0, 0.8, 1.0]


def test_explain_names_the_label(monkeypatch) -> None:
    from reader.cli import split_view
    from reader.split import staged

    lab = _after_page()
    monkeypatch.setattr(staged, "label_page", lambda text: lab)
    out = StringIO()
    split_view.explain_page("ignored", Console(file=out, width=220, highlight=False))
    lines = out.getvalue().splitlines()
    at = next(k for k, line in enumerate(lines) if STORY_A[0][:10] in line)
    assert "the headline block above takes no body: it is this story's first lines" in " ".join(
        lines[at : at + 2]
    )
