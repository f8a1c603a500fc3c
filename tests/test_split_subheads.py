"""A page that sets its subheads as it sets its headlines (``##`` on both, or both flush among
indented paragraphs) is read again without that typography (reader.split.subheads)."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
from conftest import held_out_pages
from test_split_learned import needs_shared, score_rendered

from reader.split import render, subheads
from reader.split.staged import Labelled, label_page
from reader.split.units import units

BODY = "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。"
MORE = "农技人员深入田间地头，指导农民科学施肥、合理用药，确保春耕顺利进行。"
LATER = "连日来，各乡镇组织农机手抢抓农时，旋耕、播种同步推进。"  # a later paragraph: no 电头


def _page(lines: list[str]) -> list:
    return units("\n\n".join(lines) + "\n")


def test_candidates_are_marked_one_line_headlines_between_bodies() -> None:
    us = _page(
        ["## 全县春耕生产全面铺开", BODY, "## 田间管理", MORE, "## 市图书馆新馆开馆", "## 迎读者", BODY]
    )
    labels = list("TNTNTTN")
    probs = [0.9] * 7
    # The second heading sits between two bodies; the two-line stack at the end does not.
    assert subheads.candidates(us, labels, probs, "m") == [2]
    # A line the model was sure of is no candidate.
    probs[2] = 0.99
    assert subheads.candidates(us, labels, probs, "m") == []


def test_on_indented_pages_the_candidates_are_flush_lines() -> None:
    us = _page(
        ["全县春耕生产全面铺开", "　　" + BODY, "田间管理", "　　" + MORE, "　　" + BODY, "　　" + MORE]
    )
    labels = list("TNTNPP")
    assert subheads.candidates(us, labels, [0.8] * 6, "p") == [2]
    # A page that does not indent its paragraphs has none: there a flush line says nothing.
    flat = _page(["全县春耕生产全面铺开", BODY, "田间管理", MORE, BODY, MORE])
    assert subheads.candidates(flat, labels, [0.8] * 6, "p") == []


def _labelled(us: list, labels: str, probs: list[float]) -> Labelled:
    return Labelled(us, list(labels), probs, [["f"] for _ in us], [30.0] * len(us))


def test_the_second_reading_is_taken_when_it_puts_enough_candidates_in_the_body() -> None:
    us = _page(["## 全县春耕", BODY, "## 田间管理", MORE, "## 农资供应", LATER, "## 技术服务", MORE])
    first = _labelled(us, "TNTNTNTN", [0.95, 0.9, 0.7, 0.9, 0.6, 0.9, 0.8, 0.9])
    seen: list[list] = []

    def reading(labels: str, probs: list[float]):
        def label(plain: list) -> Labelled:
            seen.append(plain)
            return _labelled(plain, labels, probs)

        return label

    took = subheads.reread(us, first, reading("TNPPPPTN", [0.95, 0.9, 0.9, 0.9, 0.65, 0.9, 0.5, 0.9]))
    # The heading marks are taken away for the second reading, the page's own units handed on.
    assert all(u.md == 0 for u in seen[-1])
    assert took.labels == list("TNPPPPTN") and took.units is us
    assert subheads.NOTE in took.features[2] and subheads.NOTE not in took.features[1]
    # One candidate in the body is not enough: the first reading stands.
    kept = subheads.reread(us, first, reading("TNPPTNTN", [0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]))
    assert kept is first
    # Nor does a body reading much less sure than the headline reading was (MARGIN) count.
    kept = subheads.reread(us, first, reading("TNPPPPTN", [0.95, 0.9, 0.55, 0.9, 0.45, 0.9, 0.5, 0.9]))
    assert kept is first


def test_subheads_the_first_reading_took_for_body_count_towards_the_habit() -> None:
    us = _page(["## 全县春耕", BODY, "## 田间管理", MORE, "## 农资供应", LATER, MORE])
    # The first reading took one marked subhead for body and one for a headline: one candidate.
    first = _labelled(us, "TNPPTNP", [0.95, 0.9, 0.7, 0.9, 0.6, 0.9, 0.9])
    assert subheads.candidates(us, first.labels, first.probs, "m") == [4]
    assert subheads.read_as_body(us, first.labels, "m") == [2]

    def label(plain: list) -> Labelled:
        return _labelled(plain, "TNPPPPP", [0.95, 0.9, 0.9, 0.9, 0.7, 0.9, 0.9])

    took = subheads.reread(us, first, label)
    assert took.labels == list("TNPPPPP") and subheads.NOTE in took.features[4]
    # Without a subhead read as body the one candidate is not enough.
    alone = _labelled(us, "TNPPTNP", [0.95, 0.9, 0.7, 0.9, 0.6, 0.9, 0.9])
    alone.labels[2] = "N"
    assert subheads.read_as_body(us, alone.labels, "m") == []
    assert subheads.reread(us, alone, label) is alone
    # Nor does a page with subheads read as body and no candidate get a second reading.
    none = _labelled(us, "TNPPPPP", [0.95, 0.9, 0.7, 0.9, 0.6, 0.9, 0.9])
    assert subheads.reread(us, none, label) is none


def test_a_marked_line_over_a_dated_lead_keeps_its_first_reading() -> None:
    # A roundup marks its items' titles as it marks the subheads: the one right over a 电头 heads
    # the story the 电头 opens (a story's later paragraphs do not open with one).
    item = "本报北京3月2日电（记者王小明）市农业农村局日前发布春耕指南。"
    us = _page(
        ["## 全县春耕", BODY, "## 田间管理", MORE, "## 北京：春耕指南发布", item, "## 农资供应", LATER]
    )
    first = _labelled(us, "TNTNTNTN", [0.95, 0.9, 0.7, 0.9, 0.8, 0.9, 0.6, 0.9])

    def label(plain: list) -> Labelled:
        return _labelled(plain, "TNPPPPPP", [0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9])

    took = subheads.reread(us, first, label)
    assert took.labels == list("TNPPTNPP")
    assert took.probs[4] == 0.8 and subheads.LEAD_NOTE in took.features[4]
    assert subheads.NOTE in took.features[2] and subheads.NOTE in took.features[6]
    # The same line over a later paragraph is a subhead like the others.
    us = _page(
        ["## 全县春耕", BODY, "## 田间管理", MORE, "## 北京：春耕指南发布", LATER, "## 农资供应", LATER]
    )
    assert subheads.reread(us, first, label).labels == list("TNPPPPPP")


def test_a_page_with_no_candidates_is_read_once() -> None:
    us = _page(["## 全县春耕生产全面铺开", BODY, MORE])

    def label(plain: list) -> Labelled:
        raise AssertionError("read a second time")

    first = _labelled(us, "TNP", [0.9, 0.9, 0.9])
    assert subheads.reread(us, first, label) is first


# Held-out dates rendered in markdown with the corpus's own subheads (its short paragraphs) marked
# `##` as the headlines are: all of them 0.793 without the second reading and 0.841 with it; every
# fifth page, as here, 0.739 and 0.790 (the bar a few points under). With the twenty-first
# session's model and the subheads read as body counted too: all 0.883, every fifth page 0.828.
# With the thirty-eighth session's models, every fifth page 0.800 without it and 0.825 with it.
MARKED_BAR = 0.80


@pytest.mark.score
@needs_shared
def test_held_out_markdown_pages_that_mark_their_subheads_as_headlines(monkeypatch) -> None:
    pages = held_out_pages()[::5]
    style = dataclasses.replace(render.Style(), layout="markdown", mark_subheads="h2")

    with_rule = score_rendered(pages, style)
    assert with_rule >= MARKED_BAR
    monkeypatch.setattr(subheads, "MIN_BODY", 10**6)
    assert score_rendered(pages, style) < with_rule - 0.015


@needs_shared
def test_explain_names_the_second_reading(monkeypatch) -> None:
    pages = held_out_pages()
    style = dataclasses.replace(render.Style(), layout="markdown", mark_subheads="h2")
    rng = random.Random(7)
    counted: list[list[int]] = []  # the marked lines the first reading took for body, as the rule counts them
    read_as_body = subheads.read_as_body

    def spy(*args: Any) -> list[int]:
        counted.append(read_as_body(*args))
        return counted[-1]

    monkeypatch.setattr(subheads, "read_as_body", spy)
    for p in pages[:60]:
        counted.clear()
        lab = label_page(render.render_page(p, style, rng).text)
        noted = [i for i, f in enumerate(lab.features) if subheads.NOTE in f]
        if noted:
            # Named on the lines set as headlines that the second reading put in the body.
            assert all(lab.units[i].md and lab.labels[i] in "NP" for i in noted)
            # With the marked lines the first reading took for body (subheads read right), they
            # show the page's habit at least MIN_BODY times; the second reading may move only one.
            assert len(counted) == 1 and not set(counted[0]) & set(noted)
            assert len(noted) + len(counted[0]) >= subheads.MIN_BODY
            return
    pytest.fail("no page of 60 was read a second time")
