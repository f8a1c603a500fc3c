"""The index tokens laid out by array slices equal the plain definitions, whatever the text holds."""

from __future__ import annotations

import random
import sys

from reader import tokens
from reader.tokens import _RUN, EXTRA_MARK, TITLE_MARK, char_tokens, index_tokens


def plain_bigrams(text: str) -> str:
    return " ".join(a + b for run in _RUN.findall(text) for a, b in zip(run, run[1:], strict=False))


def plain_chars(title: str, body: str, extra: str) -> str:
    heads, bodies = set("".join(_RUN.findall(title))), set("".join(_RUN.findall(body)))
    extras = set("".join(_RUN.findall(extra))) - heads - bodies
    every = sorted(heads | bodies | extras)
    return " ".join(
        [*every, *(TITLE_MARK + c for c in sorted(heads)), *(EXTRA_MARK + c for c in sorted(extras))]
    )


def test_no_character_outside_the_runs_lies_past_ideographic_space() -> None:
    # char_tokens leaves out a precomputed set of code points up to U+3000.
    assert not [c for c in range(0x3001, sys.maxunicode + 1) if not _RUN.match(chr(c))]


def test_the_tokens_equal_their_plain_definitions() -> None:
    rnd = random.Random(7)
    pool = [*"洛阳日报，。、“”·《》 \n\t\u3000\xa0\x85ab,.-0２Ａ龍", "\ud800", "\U00020000", "\x00"]
    texts = ["", "洛", "洛阳", "洛阳 日报", "c++ a.b", "\ud800洛阳"]
    texts += ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    for k, text in enumerate(texts):
        assert index_tokens(text, normed=True) == plain_bigrams(text), repr(text)
        three = (text, texts[k - 1], texts[k - 2])
        assert char_tokens(*three, normed=True) == plain_chars(*three), repr(three)
    assert char_tokens("標題", "正文", "") == plain_chars("标题", "正文", "")  # folded first
    assert tokens.index_tokens("洛陽日報") == "洛阳 阳日 日报"
