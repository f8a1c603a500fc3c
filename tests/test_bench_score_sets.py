"""bench/score_sets.py's closing line: the renderings' count, mean, lowest and how many miss the bar."""

from __future__ import annotations

from typing import Any

from conftest import bench_module


def _score_sets() -> Any:
    return bench_module("score_sets")


def test_the_summary_counts_renderings_only() -> None:
    got = {
        "dev paragraphs": 0.5,  # dev and the seeds are not renderings
        "seeds": 0.1,
        "sub_para": 0.7,
        "md_mixed": 0.95,
        "ho2_captions": 0.9,  # at the bar: not under it
    }
    line = _score_sets().summary(got)
    assert line == "renderings: 3, mean 0.8500, lowest 0.7000 (sub_para), 1 under 0.9"


def test_no_renderings_no_summary() -> None:
    assert _score_sets().summary({"dev markdown": 0.98, "seeds": 0.6}) == ""
