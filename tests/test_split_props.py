"""Properties of split_text on any text: it never raises and keeps every line.

``split_text`` falls back to keeping every line when the splitter raises, so these tests also run
the splitter itself (``_split``): a crash in it fails them instead of passing through the fallback.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.models import Item, SplitPage
from reader.split import METHODS, _split, split_text

_WS = re.compile(r"\s+")
# The scorer's coverage ignores the marks that lead a line (markdown #, bullets): they are markup.
_LEAD = re.compile(r"^[#▶●□■◆◇★☆>\-\*·•]+")

# Pieces that exercise the rules: headline shapes, bylines, credits, marks, brackets.
_PIECES = [
    "（王小明）",
    "（赵一 钱二）",
    " 郑六 摄",
    "——",
    "##",
    "## ",
    "●",
    "▶",
    "□记者 韩一",
    "本报讯",
    "（记者 陈八）",
    "郑州·新闻",
    "步骤一",
    "。",
    "，",
    "：",
    "1",
    "3",
    "\x00",
    "\x1b[31m",
    "😀",
    " ",
    "\t",
    "\n",
    "\n\n",
    "市图书馆推出夜间服务",
    "读者",
    "NFC card",
    "八大活动",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=60).map("".join)


def _all_text(items: tuple[Item, ...]) -> str:
    return _WS.sub("", "".join(str(v) for i in items for v in i.to_json().values()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
@example("（王小明）（王小明）\n\n（王小明）\n\n（赵一 钱二）")  # a second byline under a headline
def test_never_raises_and_keeps_every_line(text: str) -> None:
    # _split is what split_text's catch-all fallback guards: a crash in either method fails here.
    for method in METHODS:
        _check_kept(text, _split(text, method))
    _check_kept(text, split_text(text))


def _check_kept(text: str, page: SplitPage) -> None:
    everything = _all_text(page.items)
    for line in text.replace("\x00", "").replace("\r", "\n").split("\n"):
        kept = _WS.sub("", _LEAD.sub("", line.strip()))
        if kept:
            assert kept in everything


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_unicode_text(text: str) -> None:
    for method in METHODS:
        _split(text, method)
    split_text(text)


def test_edge_cases_never_raise() -> None:
    for text in ["", "\n\n\n", " \t \n", "\x00\x00", "\x1b[2J\x07", "😀" * 1000, "（" * 5000, "#" * 5000]:
        for method in METHODS:
            _split(text, method)
        split_text(text)


def test_ten_megabyte_line_is_one_article() -> None:
    # How fast this and a page of 80,000 lines split is measured in bench/bench_split.py.
    for method in METHODS:
        page = _split("市图书馆推出夜间服务，" * 1_000_000, method)
        assert sum(item.kind == "article" for item in page.items) == 1


def _naive_window(lens: list[int], grams: list[set[str]], i: int, step: int, limit: int) -> set[str]:
    out: set[str] = set()
    n, j = 0, i + step
    while 0 <= j < len(lens) and n < limit:
        out |= grams[j]
        n += lens[j]
        j += step
    return out


@given(
    st.lists(st.tuples(st.integers(1, 80), st.sets(st.sampled_from("abcdefgh"))), max_size=12),
    st.sampled_from([1, 40, 160, 400]),
)
def test_cohesion_windows_hold_the_units_up_to_the_limit(
    rows: list[tuple[int, set[str]]], limit: int
) -> None:
    from reader.split.cohesion import Windows

    lens, grams = [r[0] for r in rows], [r[1] for r in rows]
    win = Windows(lens, grams)
    for i in range(len(rows)):
        after, before = _naive_window(lens, grams, i, 1, limit), _naive_window(lens, grams, i, -1, limit)
        assert set().union(*win.after(i, limit)) == after
        assert set().union(*win.before(i, limit)) == before
        share = len(grams[i] & after) / len(grams[i]) if grams[i] else 0.0
        assert win.share(grams[i], win.after(i, limit)) == share
