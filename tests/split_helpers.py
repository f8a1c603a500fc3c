"""Helpers to make up small pages for the splitter's tests (never the seed pages).

The made-up PDF, paragraph and markdown pages test the hand-written ``rules`` method, which
was written on them; the learned method is tested on real pages (tests/test_split_learned.py).
"""

from __future__ import annotations

from reader.models import Item, SplitPage
from reader.split import split_text


def split_rules(text: str) -> SplitPage:
    """The page split by the hand-written rules."""
    return split_text(text, method="rules")


def wrap(paragraph: str, width: int = 15) -> str:
    """Hard-wrap one paragraph every ``width`` characters, the way PDF extraction does."""
    return "\n".join(paragraph[i : i + width] for i in range(0, len(paragraph), width))


def pdf(*blocks: str) -> str:
    """A PDF-text page: blocks separated by blank lines."""
    return "\n\n".join(blocks) + "\n"


def articles(text: str) -> list[Item]:
    """The article items of a split page."""
    return [i for i in split_rules(text).items if i.kind == "article"]


def kinds(text: str) -> list[str]:
    """The kinds of a split page's items, in order."""
    return [i.kind for i in split_rules(text).items]


# Running text made up for the tests: long enough to wrap over several lines.
P1 = "市图书馆近日推出夜间自习服务，每天开放到晚上十点，受到不少年轻读者欢迎。"
P2 = "馆方介绍，夜间自习区共设座位两百个，读者可以提前一天在网上预约，现场凭证件入场。"
P3 = "不少读者表示，这项服务解决了下班后没有地方学习的难题，希望能够长期坚持下去。"
Q1 = "城东社区今年新建了三处口袋公园，居民出门几百米就能找到休闲健身的好去处。"
Q2 = "社区负责人说，公园建设前广泛征求了居民意见，增加了儿童游乐和老人休息设施。"
R1 = "全市春季植树活动日前启动，各单位组织干部职工到城郊荒山义务植树。"
R2 = "据统计，活动共栽植各类苗木五万余株，新增绿化面积一千余亩。"
