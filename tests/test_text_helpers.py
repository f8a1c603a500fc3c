"""The one helper each for styled text, the result-count line and the config's userdict (issue 14 §3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import ConfigError, load_config
from reader.safe import visible_line
from reader.text.labels import result_count_line
from reader.text.styled import styled, styled_spans


def test_styled_joins_overlapping_spans_and_says_where_each_starts() -> None:
    text, starts = styled_spans("洛阳牡丹花开", [(2, 4), (0, 3), (5, 6)], "reverse")
    assert text.plain == "洛阳牡丹花开"
    assert starts == [0, 5]
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(0, 4, "reverse"), (5, 6, "reverse")]


def test_styled_makes_control_bytes_visible_without_moving_the_spans() -> None:
    text = styled("a\x1b[31mb洛阳", [(7, 9)], "bold")
    assert "\x1b" not in text.plain and text.plain.endswith("洛阳")
    span = text.spans[0]
    assert text.plain[span.start : span.end] == "洛阳"
    assert styled("一\n二", [(2, 3)], "bold", clean=visible_line).plain == "一 二"


def test_the_result_count_line_says_how_many_were_found_and_shown() -> None:
    assert result_count_line(1, 1, 2.0) == "1 result · 2.0 ms"
    assert (
        result_count_line(2063, 50, 12.34, more=", showing {shown}") == "2063 results, showing 50 · 12.3 ms"
    )
    assert result_count_line(3, 3, 1.0, more=", showing {shown}") == "3 results · 1.0 ms"


def test_userdict_is_read_by_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('userdict = "~/words.txt"\n', encoding="utf-8")
    assert load_config(path).userdict == Path.home() / "words.txt"
    path.write_text('userdict = "mine.txt"\n', encoding="utf-8")
    assert load_config(path).userdict == tmp_path / "mine.txt"
    path.write_text('userdict = ""\n', encoding="utf-8")
    assert load_config(path).userdict is None
    path.write_text("userdict = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="userdict must be a string"):
        load_config(path)
