"""Reading page files: detect the encoding, normalise line ends, refuse what is not text.

Limits (a real newspaper page is 5-100 KB of text, so these are far above any page):

* ``MAX_PAGE_BYTES`` (4 MiB): larger files are refused before they are read, so memory stays bounded.
* ``MAX_LINE_CHARS`` (100,000 characters): a page with a longer line is refused as not a page text,
  which keeps the splitter and the tokenizer away from pathological single-line inputs.
* ``MAX_LINES`` (100,000 lines; a real page has a few thousand): more is refused too, since the
  splitter's memory grows with the number of lines (a million one-character lines took ~300 MB).

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM when its NUL pattern
shows it, GB18030 (which covers GBK and GB2312) or Big5 when the bytes fit both, else
charset-normalizer's best guess. A UTF-8 file with
a few invalid bytes is read as UTF-8 with those bytes replaced by U+FFFD (and a note says so).
"""

from __future__ import annotations

import codecs
import html
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

# Characters with no width and no text: zero-width space, word joiner, direction marks, and the
# byte-order mark (files joined with ``cat`` keep one where each file began). Web pages and the
# tools that save them leave them around text, and a "blank" line holding one is no blank line to
# ``str.strip``. Zero-width (non-)joiners are not among them: they shape the characters beside
# them. The splitter drops these (reader.split.units.normalise), the article forms too, and the
# raw lines' matching counts them as white space (reader.text.roles).
INVISIBLE_CHARS = "\u200b\u200e\u200f\u2060\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# HTML character references a page saved from the web keeps in its text (&nbsp;&nbsp; for an
# indent, &ldquo;…&rdquo;, &#8220;): read as the characters they stand for, &nbsp; as a space. A
# name the standard library does not know stays as it is. The splitter reads them so
# (reader.split.units.normalise), the raw lines' matching too (reader.text.roles), and the article
# forms find them with this pattern (reader.ingest.forms.markup).
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#[0-9]{2,7}|#[xX][0-9A-Fa-f]{2,6});")


def unescape_entities(text: str) -> str:
    """``text`` with its HTML character references read (:data:`ENTITY`); itself when it has none."""
    if "&" not in text or not ENTITY.search(text):
        return text
    return ENTITY.sub(lambda m: html.unescape(m.group()).replace("\xa0", " "), text)


MAX_PAGE_BYTES = 4 * 1024 * 1024
MAX_LINE_CHARS = 100_000
MAX_LINES = 100_000
# A UTF-8 file with up to this share of invalid bytes is UTF-8 with damage, not another encoding.
_MAX_BAD_UTF8 = 0.01
# ... and when no other encoding fits either, damaged UTF-8 up to this share is still read as UTF-8.
_MAX_DAMAGED_UTF8 = 0.05
_MAX_CONTROL_SHARE = 0.05


class NotText(ValueError):
    """The file is not a page text we can read; the message says why, in one line."""


@dataclass(frozen=True)
class PageText:
    """A decoded page: its text (line ends normalised to \\n), its encoding, and repair notes."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"PK\x05\x06": "an empty ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an Office document",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}

_BOMS = (  # UTF-32 first: its LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has its NULs all on one side of each code unit."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2 or 1
    if odd > 0.3 * half and even < odd / 4:
        return "utf-16-le"
    if even > 0.3 * half and odd < even / 4:
        return "utf-16-be"
    return None


def _gb_or_big5(data: bytes, gb: str) -> tuple[str, str]:
    """Big5 bytes are nearly all valid GB18030 too (as nonsense); when both fit, let the statistics decide."""
    try:
        big5 = data.decode("big5hkscs")
    except UnicodeDecodeError:
        return gb, "gb18030"  # the usual case: real GB text is rarely valid Big5
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024], cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding == "big5":
        return big5, "big5hkscs"
    return gb, "gb18030"


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    notes: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc.replace("-sig", ""), errors="replace")
            return text, enc, notes
    nuls = data.count(0)
    if nuls > len(data) // 8:
        enc16 = _bomless_utf16(data)
        if enc16 is None:
            raise NotText("not a text file (binary data: many NUL bytes)")
        return data.decode(enc16, errors="replace"), enc16, notes
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    repaired = f"{bad} invalid UTF-8 byte sequence(s) replaced by \ufffd"
    if bad <= max(8, _MAX_BAD_UTF8 * len(text)):
        return text, "utf-8", [*notes, repaired]
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return (*_gb_or_big5(data, gb), notes)
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    if best is not None and best.encoding is not None:
        return data.decode(best.encoding, errors="replace"), best.encoding, notes
    if bad <= _MAX_DAMAGED_UTF8 * len(text):
        return text, "utf-8", [*notes, repaired]
    raise NotText("not a text file (no text encoding fits its bytes)")


def decode_bytes(data: bytes) -> PageText:
    """Decode page bytes into text with \\n line ends; raises NotText with a one-line reason."""
    if not data:
        raise NotText("empty file")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotText(f"not a text file ({what})")
    text, enc, notes = _decode(data)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        notes.append(f"{nuls} NUL character(s) removed")
    if len(_CONTROLS.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise NotText("not a text file (binary data: too many control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotText("no text (only blank space)")
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > MAX_LINES:
        raise NotText(f"not a page text ({lines:,} lines; the limit is {MAX_LINES:,})")
    longest = max(len(line) for line in text.split("\n"))
    if longest > MAX_LINE_CHARS:
        raise NotText(f"not a page text (a line of {longest:,} characters; the limit is {MAX_LINE_CHARS:,})")
    return PageText(text=text, encoding=enc, notes=tuple(notes))


def read_page(path: str | Path) -> PageText:
    """Read and decode one page file; raises NotText or OSError with a one-line reason."""
    p = Path(path)
    st = os.stat(p)
    if not stat.S_ISREG(st.st_mode):
        raise NotText("not a regular file")
    if st.st_size > MAX_PAGE_BYTES:
        raise NotText(
            f"too large for a page ({st.st_size / 2**20:.0f} MB; the limit is {MAX_PAGE_BYTES // 2**20} MB)"
        )
    with open(p, "rb") as f:
        # Read one byte past the limit so a file that grew after stat() is still caught.
        data = f.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise NotText(f"too large for a page (over the {MAX_PAGE_BYTES // 2**20} MB limit)")
    return decode_bytes(data)
