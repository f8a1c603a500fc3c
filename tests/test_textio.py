"""Page decoding: encodings, line ends, binary refusal and the size limits, with generated files."""

from __future__ import annotations

import codecs
import contextlib
import os
import time
from pathlib import Path

import pytest

from reader.text import decode as textio
from reader.text.decode import MAX_LINE_CHARS, MAX_PAGE_BYTES, NotText, decode_bytes, read_page

TEXT = (
    "洛阳·县区\n\n我市全力打造“古都夜八点”文旅消费品牌\n本报讯（记者 朱艳艳）古都夜八点，相约洛阳城。𠀀字\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    page = decode_bytes(data)
    assert page.text == TEXT and page.encoding == encoding and not page.notes


def test_gbk_text() -> None:
    text = "中华人民共和国\n新华社北京电\n" * 20
    page = decode_bytes(text.encode("gbk"))
    assert page.text == text and page.encoding == "gb18030"


def test_utf16_without_bom_ascii_heavy() -> None:
    text = "Page 3 news in English with 一些 Chinese\n" * 10
    assert decode_bytes(text.encode("utf-16-le")).text == text


@pytest.mark.parametrize("sep", ["\r\n", "\r", "\n"])
def test_line_ends_are_normalised(sep: str) -> None:
    assert decode_bytes(TEXT.replace("\n", sep).encode("utf-8")).text == TEXT


def test_mixed_line_ends() -> None:
    assert decode_bytes("一\r\n二\r三\n四".encode()).text == "一\n二\n三\n四"


def test_nul_bytes_inside_text_are_removed_with_a_note() -> None:
    page = decode_bytes(TEXT.encode("utf-8").replace(b"\n", b"\x00\n", 2))
    assert page.text == TEXT and any("NUL" in n for n in page.notes)


def test_a_few_invalid_utf8_bytes_are_replaced_not_misread_as_gb18030() -> None:
    data = TEXT.encode("utf-8") * 5
    data = data[:30] + b"\xff" + data[30:]
    page = decode_bytes(data)
    assert page.encoding == "utf-8" and "\ufffd" in page.text and "古都夜八点" in page.text
    assert any("invalid UTF-8" in n for n in page.notes)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"   \n\n\t  \r\n", "no text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (bytes(range(256)) * 40, "not a text file"),
        (os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00" * 2000, "binary"),
    ],
    ids=["empty", "blank", "pdf", "png", "zip", "all-bytes", "nul-heavy"],
)
def test_binary_and_empty_are_refused_with_a_reason(data: bytes, why: str) -> None:
    with pytest.raises(NotText, match=why):
        decode_bytes(data)


def test_random_bytes_never_raise_anything_but_nottext() -> None:
    for seed in range(30):
        data = os.urandom(500 + seed * 37)
        with contextlib.suppress(NotText):
            decode_bytes(data)


def test_too_large_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: 100 MB on paper, nothing on disk
        f.truncate(100 * 1024 * 1024)
    monkeypatch.setattr(textio, "decode_bytes", lambda data: pytest.fail("read a file over the limit"))
    with pytest.raises(NotText, match="too large"):
        read_page(big)


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    line = ("古都夜八点相约洛阳城" * 30 + "\n").encode()
    p = tmp_path / "big.txt"
    p.write_bytes(line * (MAX_PAGE_BYTES // len(line)))
    assert read_page(p).text.count("\n") == MAX_PAGE_BYTES // len(line)


def test_single_10mb_line_is_refused_quickly(tmp_path: Path) -> None:
    p = tmp_path / "line.txt"
    p.write_bytes(b"x" * (10 * 1024 * 1024))
    start = time.process_time()  # this process's CPU time: other programs on the machine do not count
    with pytest.raises(NotText):
        read_page(p)
    assert time.process_time() - start < 2


def test_long_line_under_the_page_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(NotText, match=f"{MAX_LINE_CHARS:,}"):
        decode_bytes(("字" * (MAX_LINE_CHARS + 1)).encode())
    assert decode_bytes(("字" * MAX_LINE_CHARS).encode()).text


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotText, match="regular"):
        read_page(fifo)
    with pytest.raises(NotText, match="regular"):
        read_page(tmp_path)


def test_big5_is_not_misread_as_gb18030() -> None:
    text = (
        "臺灣報紙新聞報導，中華民國政府今日宣佈擴大經濟發展計畫。\n\n行政院長表示，這項計畫將會帶動整體經濟的成長。\n"
        * 5
    )
    page = decode_bytes(text.encode("big5"))
    assert page.text == text and page.encoding.startswith("big5")


def test_too_many_lines_is_refused_with_the_limit() -> None:
    from reader.text.decode import MAX_LINES

    with pytest.raises(NotText, match=f"{MAX_LINES:,}"):
        decode_bytes("字\n".encode() * (MAX_LINES + 1))
    assert decode_bytes("字\n".encode() * (MAX_LINES - 1)).text
