"""Control characters in page text are made visible, never passed through."""

from __future__ import annotations

from reader.safe import visible, visible_line


def test_escape_sequences_become_visible() -> None:
    shown = visible("a\x1b]0;pwned\x07b\x1b[31mred")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "a␛]0;pwned␇b␛[31mred"


def test_c1_and_bidi_controls_are_named() -> None:
    assert visible("x\x9by\u202ez") == "x<U+009B>y<U+202E>z"


def test_newlines_tabs_and_cjk_survive() -> None:
    assert visible("洛阳\n\t𠀀😀") == "洛阳\n\t𠀀😀"
    assert visible_line("洛阳\n实践") == "洛阳 实践"
