"""A line set off deep (centred) on a page whose sure headlines are centred and whose body lines are
not is a headline line, whatever the first pass read it as (reader.split.second.centred)."""

from __future__ import annotations

import pytest

from reader.split import crf, second
from reader.split.units import units

HEADS = ["全县春耕生产全面铺开", "市图书馆新馆开馆迎读者", "老城区改造项目启动"]
BODY = "本报讯 连日来，全县春耕生产全面铺开，田间地头一派繁忙景象。"
LINE = "乡村振兴有了新路子"  # the line the first pass read as body
SURE = [0.95, 0.9] * 3 + [0.7, 0.9]


@pytest.fixture(autouse=True)
def headline_role(monkeypatch):
    # The likeliest headline role of a relabelled line (the CRF's, for the page it just tagged).
    monkeypatch.setattr(crf, "best_other", lambda i, exclude: ("T", 0.6))


def _labels_after(line: str = LINE, heads_centred: bool = True, body_centred: bool = False, n_heads: int = 3):
    """Three headlines each over a body (the first body centred when ``body_centred``), then
    ``line``, centred and read as body, over a body: the labels after the rule."""
    rows: list[tuple[str, bool]] = []
    for k, head in enumerate(HEADS[:n_heads]):
        rows += [(head, heads_centred), (BODY, body_centred and k == 0)]
    rows += [(line, True), (BODY, False)]
    us = units("\n\n".join(("　" * 8 + t) if centred else t for t, centred in rows) + "\n")
    labels = list("TN" * n_heads + "PN")
    probs = (SURE[: 2 * n_heads] + SURE[-2:])[: len(us)]
    second.centred(us, labels, probs, [[] for _ in us])
    return "".join(labels), probs


def test_a_centred_line_read_as_body_is_a_headline_line() -> None:
    labels, probs = _labels_after()
    assert labels == "TNTNTNTN" and probs[6] == 0.6


def test_a_centred_sentence_stays_body() -> None:
    # A centred line that ends a sentence is a set-off quotation or a paragraph, never a headline.
    assert _labels_after(line="这是一句居中的话。")[0] == "TNTNTNPN"


def test_too_few_sure_headlines_show_no_habit() -> None:
    assert _labels_after(n_heads=2)[0] == "TNTNPN"


def test_a_page_whose_headlines_are_flush_does_not_centre_them() -> None:
    assert _labels_after(heads_centred=False)[0] == "TNTNTNPN"


def test_a_page_that_centres_its_sentences_too_says_nothing_by_it() -> None:
    assert _labels_after(body_centred=True)[0] == "TNTNTNPN"
