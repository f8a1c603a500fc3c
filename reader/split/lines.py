"""Lines and blocks: the page cut into blank-line-separated blocks, and hard wraps re-joined."""

from __future__ import annotations

from dataclasses import dataclass

from reader.split import patterns as pt


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty printed line, stripped; ``frame`` marks a line that opens a new text frame."""

    text: str
    frame: bool = False


def blocks(text: str) -> list[list[Line]]:
    """Cut the page into blocks of non-empty lines; a blank line or a frame start begins a new block.

    PDF extraction puts a space before the first line of a text frame; that line starts a new block
    even when no blank line precedes it, because the frame is a different story or part.
    """
    out: list[list[Line]] = []
    cur: list[Line] = []
    first = True
    for raw in text.split("\n"):
        s = raw.strip()
        if not s:
            if cur:
                out.append(cur)
                cur = []
            continue
        frame = (raw[:1] in (" ", "\t", "\u3000")) and not first
        first = False
        if frame and cur:
            out.append(cur)
            cur = []
        cur.append(Line(s, frame))
    if cur:
        out.append(cur)
    return out


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of one hard-wrapped sentence.

    No space between CJK characters; a space only where Latin letters meet across the join (two
    words a wrap parted). A number the wrap cut (组织3 | 2.5万名, 5 | G) is one number again: a
    Chinese column breaks a line at any character, digits too, and prose has no two numbers side
    by side with only a space between them.
    """
    a = a.rstrip()
    b = b.lstrip()
    if not a:
        return b
    if not b:
        return a
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def typical_width(lines: list[str]) -> float:
    """The wrap width of a run of lines: the upper-middle of their widths, robust to short last lines."""
    if not lines:
        return 0.0
    ws = sorted(pt.width(s) for s in lines)
    return ws[(len(ws) * 3) // 4] if len(ws) > 1 else ws[0]
