"""转版 lines: （下转第3版） and （上接第1版） say that an article goes on, or began, on another page."""

from __future__ import annotations

import re
from typing import Literal

Direction = Literal["next", "previous"]

_NUMERALS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_LINK = re.compile(
    r"[（(]\s*(下转|转|上接|紧接|接)\s*(?:第|A|Ａ)?\s*([0-9０-９]+|[零〇一二两三四五六七八九十]+)\s*(?:版|面)\s*[）)]"
)


def chinese_number(text: str) -> int | None:
    """``十二`` -> 12, ``３`` -> 3 (page numbers up to 99); None for anything else."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(units) > 1 or len(tens) > 1:
            return None
        high = _NUMERALS.get(tens, -1) if tens else 1
        low = _NUMERALS.get(units, -1) if units else 0
        return high * 10 + low if high > 0 and low >= 0 else None
    if len(text) == 1 and text in _NUMERALS:
        return _NUMERALS[text]
    return None


def page_links(body: str) -> list[tuple[Direction, int]]:
    """The 转版 lines of an article's body, in order: ("next", 3) for （下转第3版）, ("previous", 1)
    for （上接第1版）."""
    links: list[tuple[Direction, int]] = []
    for match in _LINK.finditer(body):
        number = chinese_number(match.group(2))
        if number is None:
            continue
        links.append(("previous" if "接" in match.group(1) else "next", number))
    return links


def link_mark(links: list[tuple[str, int]]) -> str:
    """A short mark for the tree: ``→3版`` (goes on on page 3), ``←1版`` (began on page 1), both."""
    return " ".join(f"{'→' if direction == 'next' else '←'}{number}版" for direction, number in links)
