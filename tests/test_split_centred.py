"""A line set off deep (centred) on a page whose sure headlines are centred and whose body lines are
not is a headline line, whatever the first pass read it as (reader.split.second.centred)."""

from __future__ import annotations

import pytest

from reader.split import crf, second
from reader.split.units import units

HEADS = ["全县春耕生产全面铺开", "市图书馆新馆开馆迎读者", "老城区改造项目启动", "乡村振兴有了新路子"]
BODY = "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。"


def _page(lines: list[tuple[str, bool]]) -> list:
    # Each (text, centred): a centred line carries the spaces that set it deep.
    return units("\n\n".join(("　" * 8 + t) if c else t for t, c in lines) + "\n")


@pytest.fixture
def headline_role(monkeypatch):
    monkeypatch.setattr(crf, "best_other", lambda i, exclude: ("T", 0.6))


def _run(lines: list[tuple[str, bool]], labels: str, probs: list[float]) -> tuple[list[str], list[float]]:
    us = _page(lines)
    assert len(us) == len(labels)
    out, ps = list(labels), list(probs)
    second.centred(us, out, ps, [[] for _ in us])
    return out, ps


def test_a_centred_line_read_as_body_is_a_headline_line(headline_role) -> None:
    lines = [
        (HEADS[0], True),
        (BODY, False),
        (HEADS[1], True),
        (BODY, False),
        (HEADS[2], True),
        (BODY, False),
    ]
    lines += [(HEADS[3], True), (BODY, False)]
    labels, probs = _run(lines, "TNTNTNPN", [0.95, 0.9, 0.95, 0.9, 0.95, 0.9, 0.7, 0.9])
    assert labels == list("TNTNTNTN") and probs[6] == 0.6


def test_a_centred_sentence_stays_body(headline_role) -> None:
    # A centred line that ends a sentence is a set-off quotation or a paragraph, never a headline.
    lines = [
        (HEADS[0], True),
        (BODY, False),
        (HEADS[1], True),
        (BODY, False),
        (HEADS[2], True),
        (BODY, False),
    ]
    lines += [("这是一句居中的话。", True), (BODY, False)]
    labels, _ = _run(lines, "TNTNTNPN", [0.95, 0.9, 0.95, 0.9, 0.95, 0.9, 0.7, 0.9])
    assert labels == list("TNTNTNPN")


def test_no_habit_no_change(headline_role) -> None:
    # Only two sure headlines: too few to say how the page sets them.
    lines = [
        (HEADS[0], True),
        (BODY, False),
        (HEADS[1], True),
        (BODY, False),
        (HEADS[3], True),
        (BODY, False),
    ]
    labels, _ = _run(lines, "TNTNPN", [0.95, 0.9, 0.95, 0.9, 0.7, 0.9])
    assert labels == list("TNTNPN")
    # Sure headlines set flush: the page does not centre its headlines.
    lines = [
        (HEADS[0], False),
        (BODY, False),
        (HEADS[1], False),
        (BODY, False),
        (HEADS[2], False),
        (BODY, False),
    ]
    lines += [(HEADS[3], True), (BODY, False)]
    labels, _ = _run(lines, "TNTNTNPN", [0.95, 0.9, 0.95, 0.9, 0.95, 0.9, 0.7, 0.9])
    assert labels == list("TNTNTNPN")


def test_a_page_that_centres_its_body_lines_too_says_nothing_by_it(headline_role) -> None:
    lines = [(HEADS[0], True), (BODY, True), (HEADS[1], True), (BODY, False), (HEADS[2], True), (BODY, False)]
    lines += [(HEADS[3], True), (BODY, False)]
    labels, _ = _run(lines, "TNTNTNPN", [0.95, 0.9, 0.95, 0.9, 0.95, 0.9, 0.7, 0.9])
    assert labels == list("TNTNTNPN")
