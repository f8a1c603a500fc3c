"""Reading page files: detect the encoding, normalise line ends, refuse what is not text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_PAGE_BYTES = 128 * 1024 * 1024


class NotText(ValueError):
    """The file is not a page text we can read; the message says why, in one line."""


@dataclass(frozen=True)
class PageText:
    """A decoded page: its text (line ends normalised to \\n) and the encoding it came in."""

    text: str
    encoding: str


_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def decode_bytes(data: bytes) -> PageText:
    """Decode page bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030, else a guess."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotText(f"not a text file ({what})")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, enc = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
                if best is None:
                    raise NotText("not a text file (no text encoding fits its bytes)") from None
                text, enc = str(best), best.encoding
    if "\x00" in text:
        text = text.replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return PageText(text=text, encoding=enc)


def read_page(path: str | Path) -> PageText:
    """Read and decode one page file; raises NotText or OSError with a one-line reason."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise NotText(f"too large for a page ({size // (1024 * 1024)} MB; the limit is "
                      f"{MAX_PAGE_BYTES // (1024 * 1024)} MB)")
    return decode_bytes(p.read_bytes())
