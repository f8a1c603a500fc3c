"""On a page that runs its paragraphs together, a short line set apart by blank lines is a
headline line, whatever the first pass read it as (reader.split.apart)."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import held_out_pages
from test_split_learned import needs_shared, score_rendered

from reader.split import apart, crf, render, staged, unwrap
from reader.split.units import units

PARA = [
    "连日来，全县春耕生产全面铺开。",
    "田间地头一派繁忙景象，农民忙着播种。",
    "农技人员深入一线，指导科学施肥。",
]
HEAD = "市图书馆新馆开馆迎读者"


@pytest.fixture
def headline_role(monkeypatch):
    # The likeliest headline role of a relabelled line (the CRF's, for the page it just tagged).
    monkeypatch.setattr(crf, "best_other", lambda i, exclude: ("T", 0.6))


def _page(head: str, blank_between_paras: bool) -> tuple[list, list[str]]:
    """Two stories of three paragraphs, the second under ``head`` set apart by blank lines; the
    labels a first pass that read the headline as body would give."""
    sep = "\n\n" if blank_between_paras else "\n"
    text = sep.join(PARA * 2) + "\n\n" + head + "\n\n" + sep.join(PARA * 2) + "\n"
    us = units(text)
    labels = ["N"] + ["P"] * (len(us) - 1)
    return us, labels


def test_a_line_set_apart_on_a_page_that_runs_its_paragraphs_together_is_a_headline(headline_role) -> None:
    us, labels = _page(HEAD, blank_between_paras=False)
    assert apart.runs_paragraphs_together(us, labels)
    probs = [0.9] * len(us)
    feats: list[list[str]] = [[] for _ in us]
    apart.set_apart(us, labels, probs, feats)
    at = [u.text for u in us].index(HEAD)
    assert labels[at] == "T" and probs[at] == 0.6 and apart.NOTE in feats[at]
    assert labels.count("T") == 1


def test_where_blank_lines_part_the_paragraphs_a_line_set_apart_says_nothing(headline_role) -> None:
    us, labels = _page(HEAD, blank_between_paras=True)
    assert not apart.runs_paragraphs_together(us, labels)
    apart.set_apart(us, labels, [0.9] * len(us), [[] for _ in us])
    assert "T" not in labels


@pytest.mark.parametrize(
    "line",
    [
        "（本报布鲁塞尔2月10日电）",  # a note in brackets
        "席，本报驻巴西记者采访整理）",  # the tail of one
        "图片来源：影像中国",  # a label with a colon
        "勾  犇图  吕  岩文",  # names spaced out: a credit
        "版式设计：蔡华伟",  # an editor's line
        "本报记者 王小明 李华",  # a byline
        "他说，这是一个好消息",  # a clause
    ],
)
def test_notes_credits_and_clauses_set_apart_stay_as_they_were_read(line: str, headline_role) -> None:
    us, labels = _page(line, blank_between_paras=False)
    apart.set_apart(us, labels, [0.9] * len(us), [[] for _ in us])
    assert "T" not in labels


# Held-out dates, hard-wrapped at 16-24 characters with no blank line between paragraphs (blank
# lines after each headline and between stories): all of them 0.831 without the rule and 0.873
# with it; every fourth page, as here, 0.788 and 0.839 (the bar a few points under). With the
# models of the thirty-eighth session (every training family on every page), every fourth page
# 0.838 without the rule and 0.859 with it: the labeller reads more of these pages right itself.
APART_BAR = 0.81


@pytest.mark.score
@needs_shared
def test_held_out_wrapped_pages_that_run_their_paragraphs_together(monkeypatch) -> None:
    pages = held_out_pages()[::4]
    style = dataclasses.replace(
        render.Style(), layout="wrapped", width_lo=16, width_hi=24, blank_between_paras=False
    )
    # The rule's own worth, read as printed: the joined reading of such pages (reader.split.unwrap)
    # makes up part of what the rule does when it is off.
    monkeypatch.setattr(unwrap, "joined", lambda *args: None)
    with_rule = score_rendered(pages, style)
    assert with_rule >= APART_BAR
    monkeypatch.setattr(staged, "set_apart", lambda *args: None)
    assert score_rendered(pages, style) < with_rule - 0.015
