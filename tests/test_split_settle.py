"""Where a page leaves a story unsettled (no title or no body), the least sure lines in and next to
it are read in their next likeliest role when that settles it (reader.split.settle)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import labelled_blocks

from reader.split import crf, settle, unwrap
from reader.split.staged import build_items
from reader.split.units import Labelled

TITLE_A = "全县春耕生产全面铺开"
STORY_A = [
    "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。",
    "县农业农村局组织技术人员深入田间，指导农户科学施肥、合理用药。",
]
TITLE_B = "市图书馆新馆开馆迎读者"
STORY_B = [
    "本报讯 近日，市图书馆新馆正式开馆，读者可以免费借阅图书。",
    "新馆设有少儿阅览区和自习区，图书馆藏书达到八十万册。",
]
LAST = "据了解，新馆每周开放六天"  # the story's last line, read as a title


def _reading(lab: Labelled) -> unwrap.Reading:
    return unwrap.Reading(lab, build_items(lab))


def _unsure(lab: Labelled, at: int, p: float) -> Labelled:
    probs = list(lab.probs)
    probs[at] = p
    return replace(lab, probs=probs)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The labeller's next likeliest role is body (0.45) for every line; the lines asked are kept."""
    calls: list[int] = []
    monkeypatch.setattr(crf, "tag", lambda feats, model=None: (["P"] * len(feats), [0.5] * len(feats)))

    def best_other(i: int, exclude: object) -> tuple[str, float]:
        calls.append(i)
        return "P", 0.45

    monkeypatch.setattr(crf, "best_other", best_other)
    return calls


def _page() -> Labelled:
    # Story A, then story B, its last line read as a title of its own (an article with no body).
    return labelled_blocks(
        [TITLE_A, *STORY_A, TITLE_B, *STORY_B, LAST],
        ["T", "N", "P", "T", "N", "P", "T"],
    )


def test_an_unsure_line_whose_next_role_settles_the_story_takes_it(asked: list[int]) -> None:
    lab = _unsure(_page(), 6, 0.5)
    before = _reading(lab)
    assert unwrap.unsettled(before.page) == 1
    after = settle.settle(before, build_items)
    assert unwrap.unsettled(after.page) == 0
    assert after.lab.labels[6] == "P" and after.lab.probs[6] == 0.45
    assert settle.NOTE in after.lab.features[6]
    articles = [(i.title, i.body.splitlines()) for i in after.page.items if i.kind == "article"]
    assert articles == [(TITLE_A, STORY_A), (TITLE_B, [*STORY_B, LAST])]
    assert asked == [6]


def test_a_line_the_labeller_is_sure_of_keeps_its_role(asked: list[int]) -> None:
    before = _reading(_page())  # every line 0.95 sure
    assert settle.settle(before, build_items) is before
    assert asked == []


def test_only_lines_in_or_next_to_an_unsettled_story_are_tried(asked: list[int]) -> None:
    # Unsure lines in story A (far from the bodiless title) are not asked about, though less sure.
    lab = _unsure(_unsure(_unsure(_page(), 6, 0.5), 1, 0.3), 2, 0.3)
    settle.settle(_reading(lab), build_items)
    assert asked == [6]


def test_a_role_that_settles_nothing_is_not_kept(monkeypatch: pytest.MonkeyPatch, asked: list[int]) -> None:
    monkeypatch.setattr(crf, "best_other", lambda i, exclude: (asked.append(i), ("K", 0.3))[1])
    lab = _unsure(_page(), 6, 0.5)
    before = _reading(lab)
    after = settle.settle(before, build_items)
    assert after is before and asked == [6]


def test_a_settled_page_is_left_as_it_is(asked: list[int]) -> None:
    lab = labelled_blocks([TITLE_A, *STORY_A, TITLE_B, *STORY_B], ["T", "N", "P", "T", "N", "P"])
    before = _reading(_unsure(lab, 2, 0.4))
    assert settle.settle(before, build_items) is before and asked == []


def test_a_page_of_more_units_than_printed_pages_have_keeps_its_reading(
    monkeypatch: pytest.MonkeyPatch, asked: list[int]
) -> None:
    monkeypatch.setattr(settle, "MAX_UNITS", 6)  # the page has 7 units
    before = _reading(_unsure(_page(), 6, 0.5))
    assert settle.settle(before, build_items) is before and asked == []


def test_a_story_is_never_settled_by_reading_its_lines_as_furniture_or_a_caption(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A page of one heading and one 电头 sentence, read as page furniture and an untitled story:
    # its next likeliest role, furniture, would leave no story unsettled by leaving none at all.
    lab = labelled_blocks(["第12篇", "本报讯 第12篇的正文。"], ["F", "N"])
    lab = _unsure(lab, 1, 0.55)
    monkeypatch.setattr(crf, "tag", lambda feats, model=None: (["F"] * len(feats), [0.5] * len(feats)))
    excluded: list[set[str]] = []

    def best_other(i: int, exclude: set[str]) -> tuple[str, float]:
        excluded.append(set(exclude))
        roles = [r for r in ("F", "C", "T") if r not in exclude]
        return roles[0], 0.3

    monkeypatch.setattr(crf, "best_other", best_other)
    before = _reading(lab)
    assert unwrap.unsettled(before.page) == 1
    after = settle.settle(before, build_items)
    assert excluded and all({"F", "C"} <= e for e in excluded)
    assert [i.kind for i in after.page.items].count("article") == 1


def test_the_pages_of_a_one_story_markdown_archive_each_keep_their_story() -> None:
    # Seen in the app's tests: such pages came out as furniture only, and the archive lost stories.
    from reader.split import _split

    for n in (0, 12, 25):
        items = _split(f"## 第{n}篇\n\n本报讯 第{n}篇的正文。\n").items
        bodies = [i.body for i in items if i.kind == "article"]
        assert bodies == [f"本报讯 第{n}篇的正文。"]


def test_a_short_label_left_alone_is_not_read_as_the_story_above_it(asked: list[int]) -> None:
    # 图片报道 at the foot of the page, a picture's label with no story in the text: the folds leave
    # such a label alone (unattached.LABEL_MAX), and so does this.
    lab = labelled_blocks([TITLE_A, *STORY_A, "图片报道"], ["T", "N", "P", "T"])
    before = _reading(_unsure(lab, 3, 0.5))
    assert unwrap.unsettled(before.page) == 1
    assert settle.settle(before, build_items) is before and asked == []
