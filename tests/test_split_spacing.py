"""A markdown page with no blank line anywhere, one paragraph a line, is read as if blank lines
stood between its lines (reader.split.units.spaced): its `## ` headlines are headlines still."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SKIP_SHARED

from reader.split import _split
from reader.split.units import spaced, units

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(
    SKIP_SHARED and not (SHARED / "corpus").exists(), reason="../shared is not present"
)

PAGE = [
    "## 全县春耕生产全面铺开",
    "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。",
    "据统计，全县已完成春耕面积十二万亩，进度快于往年。",
    "## 市图书馆新馆开馆迎读者",
    "本报讯 近日，市图书馆新馆正式开馆，读者可以免费借阅图书。",
    "新馆设有少儿阅览区和自习区，藏书达到八十万册。",
]


def test_a_markdown_page_without_blank_lines_is_read_as_spaced() -> None:
    us = spaced(units("\n".join(PAGE) + "\n"))
    assert [(u.blank_before, u.blank_after) for u in us] == [(3, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 3)]
    titles = [i.title for i in _split("\n".join(PAGE) + "\n").items if i.kind == "article"]
    assert titles == ["全县春耕生产全面铺开", "市图书馆新馆开馆迎读者"]


def test_other_pages_keep_their_spacing() -> None:
    for lines in (
        [*PAGE[:3], "", *PAGE[3:]],  # a blank line somewhere: the page's own spacing counts
        [p.removeprefix("## ") for p in PAGE],  # no markdown headings
        [PAGE[0], *PAGE[1:3]],  # one heading
        # hard-wrapped: most lines end mid-sentence
        [
            "## 标题一",
            "本报讯 连日来，全县春耕生产全面",
            "铺开，田间地头一派繁忙景象，进",
            "度快于往年。",
            "## 标题二",
            "新馆设有少儿阅览区和自习区，藏",
            "书达到八十万册，读者可以免费借",
        ],
    ):
        us = units("\n".join(lines) + "\n")
        assert spaced(us) is us


@pytest.mark.score
@needs_shared
def test_dev_markdown_pages_without_blank_lines() -> None:
    """Before: 0.702 on every other page (0.970 with their blank lines)."""
    from test_split_learned import _score

    gold = json.loads((SHARED / "dev" / "gold-markdown.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::2]:
        text = re.sub(r"\n\s*\n", "\n", (SHARED / "dev" / "markdown" / name).read_text(encoding="utf-8"))
        rows.append((gold["pages"][name], [i.to_json() for i in _split(text).items], text))
    assert _score(rows) >= 0.95
