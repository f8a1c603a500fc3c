"""Markdown headings as hand-made and converted pages set them: ``##标题`` with no space after the
marks, and ``## 标题 ##`` with a closing sequence (reader.split.units)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SKIP_SHARED

from reader.split import _split
from reader.split.units import units

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(
    SKIP_SHARED and not (SHARED / "corpus").exists(), reason="../shared is not present"
)


def _read(line: str) -> tuple[int, str, str]:
    u = units(line + "\n")[0]
    return u.md, u.text, u.shown


def test_headings_without_a_space_or_with_a_closing_sequence() -> None:
    assert _read("## 标题") == (2, "标题", "标题")
    assert _read("##标题") == (2, "标题", "标题")
    assert _read("###2019年回顾") == (3, "2019年回顾", "2019年回顾")
    # The closing marks are read past, and kept in what the item shows (no character is lost).
    assert _read("## 标题 ##") == (2, "标题", "标题 ##")
    assert _read("##标题##") == (2, "标题", "标题##")
    # Not headings: a hashtag opening a sentence, ASCII words, marks alone.
    assert _read("#话题#我们在一起")[0] == 0
    assert _read("#hashtag")[0] == 0
    assert _read("##")[0] == 0


def test_a_page_with_closing_marks_keeps_every_character() -> None:
    page = "## 春运首日客流平稳 ##\n\n本报北京1月10日电 今天是春运首日。\n\n## 新能源汽车销量增长 ##\n\n本报北京1月10日电 去年销量大幅增长。\n"
    items = _split(page).items
    assert [i.title for i in items if i.kind == "article"] == ["春运首日客流平稳 ##", "新能源汽车销量增长 ##"]


@pytest.mark.score
@needs_shared
@pytest.mark.parametrize(
    ("form", "bar"),
    [
        (lambda t: re.sub(r"^## ", "##", t, flags=re.M), 0.975),
        (lambda t: re.sub(r"^## (.*)$", r"## \1 ##", t, flags=re.M), 0.975),
    ],
    ids=["no_space", "closing"],
)
def test_dev_markdown_pages_so_set(form, bar: float) -> None:
    """Every other dev markdown page (0.984 as set): with ##标题 0.881 and with ## 标题 ## 0.949
    before these forms were read as headings, 0.984 both after."""
    from test_split_learned import _score

    gold = json.loads((SHARED / "dev" / "gold-markdown.json").read_text(encoding="utf-8"))
    rows = []
    for name in sorted(gold["pages"])[::2]:
        text = form((SHARED / "dev" / "markdown" / name).read_text(encoding="utf-8"))
        rows.append((gold["pages"][name], [i.to_json() for i in _split(text).items], text))
    assert _score(rows) >= bar
