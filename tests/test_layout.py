"""The CJK line breaker: widths in cells, 避头尾, Latin words and numbers kept whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.layout import NO_END, NO_START, break_lines, measure, wrap

PARA = (
    "该项目负责人满怀信心地说：“目前，通风兼安全洞已经开挖到设计总长的88.15%，进场交通洞开挖到"
    "设计总长的66.53%……施工都在按计划有序推进，项目按期完工不成问题。”"
)


def test_lines_fit_and_keep_every_character() -> None:
    for width in range(4, 60):
        lines = wrap(PARA, width)
        assert all(cell_len(line) <= width for line in lines), width
        assert "".join(lines) == PARA


def test_no_line_starts_with_closing_punctuation() -> None:
    # From 12 cells up: below that a cluster like 66.53%…… is wider than a line and must be cut.
    for width in range(12, 60):
        for line in wrap(PARA, width)[1:]:
            assert line[0] not in NO_START, (width, line)


def test_no_line_ends_with_opening_punctuation() -> None:
    for width in range(12, 60):
        for line in wrap(PARA, width)[:-1]:
            assert line[-1] not in NO_END, (width, line)


def test_numbers_and_latin_words_are_not_split() -> None:
    for width in range(12, 60):
        lines = wrap(PARA, width)
        joined_edges = [(a[-1], b[0]) for a, b in zip(lines, lines[1:], strict=False)]
        for left, right in joined_edges:
            assert not (left.isdigit() and right in ".0123456789%"), (width, lines)
    assert wrap("visit Luoyang today", 10) == ["visit", "Luoyang", "today"]


def test_spaces_at_a_break_are_dropped() -> None:
    assert wrap("hello world foo bar baz", 9) == ["hello", "world foo", "bar baz"]


def test_a_word_wider_than_the_line_is_cut() -> None:
    assert wrap("abcdefghijklmnop", 5) == ["abcde", "fghij", "klmno", "p"]


def test_first_indent_shortens_the_first_line() -> None:
    lines = wrap("一二三四五六七八九十", 10, first_indent=4)
    assert lines == ["一二三", "四五六七八", "九十"]


def test_ellipsis_and_closing_quote_stay_with_the_text_before() -> None:
    lines = wrap("甲乙丙丁……”戊", 8)
    assert lines[1][0] not in NO_START
    assert "".join(lines) == "甲乙丙丁……”戊"


def test_offsets_slice_the_original_text() -> None:
    offsets = break_lines(PARA, 20)
    assert offsets[0][0] == 0
    assert offsets[-1][1] == len(PARA)
    assert all(a < b for a, b in offsets)


def test_empty_text_is_one_empty_line() -> None:
    assert wrap("", 10) == [""]


def test_measure_caps_wide_panes() -> None:
    assert measure(200) == 80
    assert measure(50) == 50


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("中文字，。、“”（）《》…ab1.% ")), max_size=80),
    st.integers(min_value=2, max_value=30),
)
def test_any_text_fits_and_is_kept(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= max(width, 2) for line in lines)
    # Only spaces at a break may be dropped.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_space_before_punctuation_does_not_push_it_to_a_line_start() -> None:
    # PDF text puts spaces before stops and quotes (洛宁荣获“省级森林城市”称号): 避头尾 still holds.
    text = "洛宁县成功获评“省级森林城市” ，这是全县上下共同努力的结果 。此前，洛宁县已获得“全国绿化模范县” 称号 。"
    for width in range(8, 80):
        lines = wrap(text, width)
        for line in lines[1:]:
            assert line[0] not in NO_START, (width, lines)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


_CJK = st.sampled_from(list("洛阳宁县森林城市称号全国绿化模范获得共同努力结果"))
_CLOSE = st.sampled_from(sorted(NO_START & set("，。、；：？！）」』》”’…%")))
_PIECE = st.one_of(
    _CJK,
    _CJK,
    _CJK,
    _CLOSE,
    st.sampled_from(sorted(NO_END & set("（「『《“‘"))),
    st.just(" "),
    st.sampled_from([" 。", " ，", "” ，", "  、", " ……"]),
    st.text(alphabet="abcdefgXYZ0123456789", min_size=1, max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=300).map("".join), st.integers(min_value=20, max_value=200))
def test_no_line_starts_with_closing_punctuation_at_any_width(text: str, width: int) -> None:
    lines = wrap(text, width, first_indent=4)
    for line in lines[1:]:
        assert line[:1] not in NO_START, (width, lines)
    assert all(cell_len(line) <= width for line in lines[1:]), (width, lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
