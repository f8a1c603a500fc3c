"""bench/miss_kinds.py: the kind of miss of a gold article against a page's predicted articles."""

from __future__ import annotations

from typing import Any

from conftest import bench_module


def _kind(gold: dict[str, Any], arts: list[dict[str, Any]]) -> str:
    return str(bench_module("miss_kinds").kind_of(gold, arts))


GOLD = {"title": "河湖治理见成效", "starts": "本报北京5月1日电", "ends": "持续向好。"}
BODY = "本报北京5月1日电 记者某某\n河湖长制全面推行。\n水质持续向好。"


def test_a_found_article_is_ok_and_each_miss_has_its_kind() -> None:
    ok = {"kicker": "", "title": "河湖 治理见成效", "subtitle": "", "body": BODY}
    assert _kind(GOLD, [ok]) == "ok"  # white space is no difference
    merged = {"title": "前一篇", "body": "前文。\n河湖治理见成效\n" + BODY}
    assert _kind(GOLD, [merged]) == "title in a body"
    assert _kind(GOLD, [{"title": "前一篇", "body": "前文。"}]) == "title nowhere"
    assert _kind(GOLD, [{"title": "河湖治理见成效", "body": "别的故事。"}]) == "wrong body"
    cut = {"title": "河湖治理见成效", "body": "本报北京5月1日电 记者某某"}
    assert _kind(GOLD, [cut]) == "end missing"
    deck = {"title": "河湖治理见成效", "subtitle": "本报北京5月1日电 记者某某", "body": "水质持续向好。"}
    assert _kind(GOLD, [deck]) == "start missing (in headline)"
    assert _kind(GOLD, [{"title": "河湖治理见成效", "body": "水质持续向好。"}]) == "start missing"
