"""A hard-wrapped page is also read with its paragraphs joined, and the split keeps the reading that
leaves fewer stories unsettled, then the one the labeller is surer of (reader.split.unwrap); the
items still name the page's own raw lines."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest
from conftest import held_out_pages
from test_split_learned import needs_shared, score_rendered

from reader.models import Item, SplitPage
from reader.split import _split, render, unwrap
from reader.split.staged import label_page
from reader.split.units import Labelled, normalise, units

WIDTH = 12


def _wrap(para: str, width: int = WIDTH) -> list[str]:
    return [para[i : i + width] for i in range(0, len(para), width)]


PARA1 = "本报北京3月2日电记者今天从有关部门获悉，全国春耕生产正在由南向北陆续展开，各地抓紧备耕。"
PARA2 = "据介绍，今年农资供应总体充足，化肥价格基本稳定，种子储备能够满足春播需要，农机也已检修。"
PARA3 = "专家表示，要抓住有利时机，做好田间管理，确保粮食生产开好局起好步，夯实全年丰收的基础。"
HEADLINE = "各地春耕生产由南向北陆续展开农资供应充足"  # wider than the column: no wrapped line


PARAS = (PARA1, PARA2, PARA3) * 7  # a page long enough to be read twice (unwrap.MIN_LINES)


def _page(paras: tuple[str, ...] = PARAS) -> str:
    lines = [HEADLINE, ""]
    for para in paras:
        lines += _wrap(para)
    return "\n".join(lines) + "\n"


def _joined(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    return unwrap.joined(label_page(text), text)


def test_wrapped_paragraphs_join_and_name_their_raw_lines() -> None:
    text = _page()
    got = _joined(text)
    assert got is not None
    joined, spans = got
    lines = joined.split("\n")
    # The headline, wider than the column, stays a line of its own; no space is put into a join.
    assert lines[0] == HEADLINE
    body = "".join(lines[2:])
    assert body == "".join(PARAS)
    assert " " not in body
    raw = normalise(text).split("\n")
    for k, line in enumerate(lines):
        if not line:
            continue
        first, last = spans[k]
        assert "".join(raw[first - 1 : last]) == line  # each joined line is exactly its raw lines


def test_a_short_line_ends_its_paragraph() -> None:
    # The paragraphs' last lines are short, so the next paragraph starts a line of its own
    # wherever it is not a multiple of the width long.
    paras = ["甲" * 30 + "。", "乙" * 30 + "。"]
    text = "\n".join(_wrap(paras[0]) + _wrap(paras[1]))
    got = _joined(text)
    assert got is not None
    assert got[0].split("\n") == paras


def test_pages_that_are_not_hard_wrapped_are_read_once() -> None:
    paragraphs = "\n\n".join([HEADLINE, PARA1, PARA2, PARA3])
    assert _joined(paragraphs) is None
    markdown = "\n\n".join(["## " + HEADLINE, PARA1, "## 另一篇文章的标题", PARA2])
    assert _joined(markdown) is None


def test_a_short_page_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Joined, a page of a few paragraphs gives the labeller too little context to be believed.
    text = _page((PARA1, PARA2, PARA3))
    assert _joined(text) is not None
    calls: list[object] = []
    monkeypatch.setattr(unwrap, "sureness", lambda lab, spans=None: calls.append(lab) or 0.0)
    assert _split(text).items
    assert calls == []
    _split(_page())
    assert len(calls) == 2


def test_sureness_is_the_mean_log_probability() -> None:
    lab = label_page(_page())
    want = sum(math.log(p) for p in lab.probs) / len(lab.probs)
    assert unwrap.sureness(lab) == pytest.approx(want)
    assert unwrap.sureness(lab) <= 0.0


def test_a_joined_line_counts_once_per_raw_line() -> None:
    # The readings are compared over the page's raw lines: a joined paragraph of three raw lines
    # weighs three times a headline of one.
    got = _joined(_page())
    assert got is not None
    text, spans = got
    lab = label_page(text)
    sizes = [spans[u.n - 1][1] - spans[u.n - 1][0] + 1 for u in lab.units]
    assert sizes[0] == 1 and max(sizes) > 1
    want = sum(k * math.log(p) for k, p in zip(sizes, lab.probs, strict=True)) / sum(sizes)
    assert unwrap.sureness(lab, spans) == pytest.approx(want)
    assert sum(sizes) == len(label_page(_page()).units)  # every raw line, once


def test_a_headline_that_fills_the_column_stays_off_the_text_under_it() -> None:
    headline = "春耕生产由南向北陆续展开"  # as wide as the column, no blank line under it
    assert len(headline) == WIDTH
    lines = [headline] + [ln for p in PARAS for ln in _wrap(p)]
    got = _joined("\n".join(lines) + "\n")
    assert got is not None
    joined = got[0].split("\n")
    assert joined[0] == headline
    assert joined[1] == PARA1


def test_a_story_at_a_new_width_joins_from_its_first_line() -> None:
    # The second story is set wider; the local width at its first line still has the first
    # story's width in it, but the line is as wide as the lines it runs into.
    first = [ln for p in (PARA1, PARA2, PARA3) * 3 for ln in _wrap(p)]
    second = [ln for p in (PARA2, PARA3, PARA1) * 3 for ln in _wrap(p, 16)]
    got = _joined("\n".join([HEADLINE, "", *first, "", *second]) + "\n")
    assert got is not None
    joined = got[0].split("\n")
    at = joined.index("", 2)  # the blank line between the stories
    assert joined[at + 1 : at + 4] == [PARA2, PARA3, PARA1]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("prefer_joined", [True, False])
def test_either_reading_keeps_every_line_and_names_raw_lines(
    monkeypatch: pytest.MonkeyPatch, prefer_joined: bool
) -> None:
    text = _page()
    raw = normalise(text).split("\n")
    printed = len(label_page(text).units)
    calls: list[int] = []

    def sure(lab: Labelled, spans: object = None) -> float:
        joined = len(lab.units) < printed  # the joined reading has fewer units
        calls.append(int(joined))
        return float(joined == prefer_joined)

    monkeypatch.setattr(unwrap, "sureness", sure)
    page = _split(text)
    assert sorted(calls) == [0, 1]
    assert page.layout == "pdf-text"
    everything = _norm("".join(_norm(i.title + i.body + i.text + i.caption) for i in page.items))
    for line in raw:
        assert _norm(line) in everything  # nothing lost
    articles = [i for i in page.items if i.kind == "article"]
    assert articles
    for item in articles:
        first, last = item.lines
        assert 1 <= first <= last <= len(raw)
        span = _norm("".join(raw[first - 1 : last]))
        assert _norm(item.body)[:6] in span and _norm(item.body)[-6:] in span
    # The body ends on the page's last line whichever reading was kept.
    assert max(i.lines[1] for i in articles) == max(k + 1 for k, line in enumerate(raw) if line.strip())


@pytest.mark.parametrize("prefer_joined", [True, False])
def test_explain_shows_the_reading_the_split_kept(
    monkeypatch: pytest.MonkeyPatch, prefer_joined: bool
) -> None:
    from rich.console import Console

    from reader.cli.split_view import explain_page

    text = _page()
    printed = len(label_page(text).units)
    # The joined reading has fewer units than the page has lines.
    monkeypatch.setattr(
        unwrap, "sureness", lambda lab, spans=None: float((len(lab.units) < printed) == prefer_joined)
    )
    console = Console(record=True, width=400, highlight=False)
    explain_page(text, console)
    out = console.export_text()
    if prefer_joined:
        assert "read with its wrapped paragraphs joined, one a line: it leaves as many stories" in out
        assert "joined 1.000, as printed 0.000" in out  # both readings' figures, the kept one higher
    else:
        assert "also read with its wrapped paragraphs joined, one a line, and kept as printed" in out
        assert "joined 0.000, as printed 1.000" in out
    rows = [ln.split() for ln in out.splitlines() if ln[:4].strip().isdigit()]
    raw = normalise(text).split("\n")
    if not prefer_joined:  # a row for every line of the page
        assert len(rows) == sum(1 for line in raw if line.strip())
        return
    # One row per joined paragraph (and the headline), each numbered by its first raw line.
    starts = [1] + [2 + sum(len(_wrap(p)) for p in PARAS[:k]) + 1 for k in range(len(PARAS))]
    assert [int(r[0]) for r in rows] == starts
    assert rows[1][-1].startswith(PARA1[:6]) and len(raw) >= starts[-1]


@pytest.mark.score
@needs_shared
def test_held_out_pages_set_at_one_width_read_better_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    # Held-out dates, a rendering no training family draws as such: every story at one width,
    # no blank line between paragraphs.
    pages = held_out_pages()[::4]
    style = dataclasses.replace(
        render.Style(),
        layout="wrapped",
        width_per_article=False,
        width_lo=22,
        width_hi=22,
        blank_between_paras=False,
    )
    both = score_rendered(pages, style)
    monkeypatch.setattr(unwrap, "joined", lambda *args: None)
    printed = score_rendered(pages, style)
    assert both >= printed + 0.02, (both, printed)


@pytest.mark.parametrize(("roles", "one_line"), [("KT", False), ("TT", True), ("PT", False), ("PP", True)])
def test_headline_lines_run_on_only_within_one_role(roles: str, one_line: bool) -> None:
    # A kicker that fills the column stays off the title under it, and a story's last line off a
    # headline printed under it; a title wrapped over two lines is one line again, as is a
    # paragraph. The roles are the first reading's (set here, so only the rule is tested).
    kicker, title = "春耕生产由南向北陆续展开", "农资供应充足"
    assert len(kicker) == WIDTH
    text = "\n".join([kicker, title, "", *[ln for p in PARAS for ln in _wrap(p)]]) + "\n"
    lab = label_page(text)
    lab.labels[0], lab.labels[1] = roles
    got = unwrap.joined(lab, text)
    assert got is not None
    lines = got[0].split("\n")
    assert lines[:2] == ([kicker + title, ""] if one_line else [kicker, title])


def test_a_line_cut_after_spaces_runs_on() -> None:
    # The wrap fell just after the spaces that follow a dateline: with them the line is as wide
    # as the column (12 characters), without them it looks short.
    lead = "本报北京3月12日电\u00a0\u00a0记者今天从有关部门获悉，全国春耕生产正在由南向北陆续展开。"
    lines = [lead[:12], *_wrap(lead[12:])]
    assert lines[0].endswith("\u00a0") and len(lines[0]) == WIDTH
    text = "\n".join([HEADLINE, "", *lines, *[ln for p in PARAS for ln in _wrap(p)]]) + "\n"
    got = _joined(text)
    assert got is not None
    assert got[0].split("\n")[2] == lead.replace("\u00a0", "")


def test_a_paragraph_cut_after_spaces_stays_one_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as printed (the joined reading off): the 电头 line, short without its spaces, does not
    # end the paragraph it opens.
    monkeypatch.setattr(unwrap, "joined", lambda *args: None)
    lead = "本报北京3月12日电\u00a0\u00a0记者今天从有关部门获悉，全国春耕生产正在由南向北陆续展开。"
    text = "\n".join([HEADLINE, "", *_wrap(lead), *[ln for p in PARAS[:6] for ln in _wrap(p)]]) + "\n"
    unit = next(u for u in label_page(text).units if u.text.startswith("本报"))
    assert unit.tail == "\u00a0\u00a0" and max(unit.widths) == WIDTH > unit.width
    bodies = [i.body for i in _split(text).items if i.kind == "article"]
    assert any(lead.replace("\u00a0", "") in body.split("\n") for body in bodies), bodies


def _reading(
    probs: list[float], items: list[Item], spans: list[tuple[int, int]] | None = None
) -> unwrap.Reading:
    us = units("\n".join(f"第{k}行文字" for k in range(len(probs))) + "\n")
    lab = Labelled(us, ["P"] * len(us), probs, [[] for _ in us], [0.0] * len(us))
    return unwrap.Reading(lab, SplitPage(items=tuple(items), layout="pdf-text"), spans)


STORY = Item(kind="article", title="各地春耕生产陆续展开", body="本报北京3月2日电……")


def test_unsettled_counts_stories_with_no_title_or_no_body() -> None:
    page = SplitPage(
        items=(
            STORY,
            Item(kind="article", title="一个没有正文的标题"),
            Item(kind="article", body="没有标题的一段正文。"),
            Item(kind="photo", caption="图为春耕现场。"),  # a picture's caption has neither
            Item(kind="furniture", text="人民日报 第5版"),
        ),
        layout="pdf-text",
    )
    assert unwrap.unsettled(page) == 2


def test_the_reading_that_settles_more_stories_is_kept_even_when_the_labeller_is_less_sure() -> None:
    printed = _reading([0.99, 0.99, 0.99], [STORY, Item(kind="article", title="一个没有正文的标题")])
    joined = _reading([0.6, 0.6], [STORY], spans=[(1, 2), (3, 3)])
    assert unwrap.sureness(printed.lab) > unwrap.sureness(joined.lab, joined.spans)
    assert unwrap.prefer_joined(printed, joined)
    # The other way round: the joined reading leaves the headline alone, so the page stays as printed.
    printed2 = dataclasses.replace(printed, page=joined.page)
    joined2 = dataclasses.replace(joined, lab=printed.lab, page=printed.page, spans=[(1, 1), (2, 2), (3, 3)])
    assert not unwrap.prefer_joined(printed2, joined2)


def test_between_readings_that_settle_as_many_stories_the_surer_one_is_kept() -> None:
    printed = _reading([0.9, 0.9, 0.9], [STORY])
    joined = _reading([0.6, 0.99], [STORY], spans=[(1, 2), (3, 3)])
    # Per raw line: printed log(0.9) against (2 log 0.6 + log 0.99) / 3.
    assert not unwrap.prefer_joined(printed, joined)
    joined = _reading([0.99, 0.95], [STORY], spans=[(1, 2), (3, 3)])
    assert unwrap.prefer_joined(printed, joined)  # (2 log 0.99 + log 0.95) / 3 > log 0.9


def test_explain_says_when_the_joined_reading_was_kept_for_settling_more_stories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rich.console import Console

    from reader.cli.split_view import explain_page

    text = _page()
    printed = len(label_page(text).units)
    on_raw_lines = unwrap.on_raw_lines
    # Mark the joined reading's split; it settles every story, the page as printed leaves one.
    monkeypatch.setattr(
        unwrap,
        "on_raw_lines",
        lambda page, spans: dataclasses.replace(on_raw_lines(page, spans), page_name="J"),
    )
    monkeypatch.setattr(unwrap, "unsettled", lambda page: 0 if page.page_name == "J" else 1)
    # The labeller is surer of the page as printed.
    monkeypatch.setattr(unwrap, "sureness", lambda lab, spans=None: float(len(lab.units) >= printed))
    console = Console(record=True, width=400, highlight=False)
    explain_page(text, console)
    out = console.export_text()
    assert "read with its wrapped paragraphs joined, one a line: it leaves fewer stories with no title" in out
    assert "stories left with no title or no body: joined 0, as printed 1" in out
    assert "joined 0.000, as printed 1.000" in out
