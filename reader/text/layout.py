"""Line breaking for Chinese text in a terminal: widths in cells, 避头尾, whole Latin words.

Pure functions, no Textual: :func:`break_lines` returns where each line starts and ends, so the
caller can slice a styled ``rich.text.Text`` (highlights and all) at the same places.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

# Characters that must never start a line (避头): closing brackets and quotes, stops, pauses,
# the ellipsis and dash halves, and the small kana that CJK typesetting keeps with what precedes.
NO_START = frozenset(
    "，。、；：？！）」』》〉】〕〗〙〛］｝”’…‥·・～%％‰,.;:?!)]}>"
    "々〻ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ—"
)
# Characters that must never end a line (避尾): opening brackets and quotes.
NO_END = frozenset("（「『《〈【〔〖〘〚［｛“‘([{<")

# A run that must not be split: a Latin word, a number (with its decimal point, comma or
# percent), a URL-ish token. Letters with accents count as Latin.
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[.,:/'’\-_@+&][A-Za-z0-9\u00C0-\u024F]+)*%?")

# A comfortable measure on wide terminals: about 40 CJK characters.
MAX_MEASURE = 80


def measure(width: int, maximum: int = MAX_MEASURE) -> int:
    """The text width to use in a pane ``width`` cells wide (never wider than ``maximum``)."""
    return max(1, min(width, maximum))


def _units(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into unbreakable units (start, end): a word, one character, or one space."""
    units: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        match = _WORD.match(text, i)
        if match and match.end() > i:
            units.append((i, match.end()))
            i = match.end()
        else:
            units.append((i, i + 1))
            i += 1
    return units


def _clusters(text: str) -> list[tuple[int, int]]:
    """Group units so that no cluster starts with a NO_START or ends with a NO_END character.

    Opening punctuation joins the unit after it; closing punctuation joins the unit before it.
    Spaces stay clusters of their own: they are where Latin text may break.
    """
    clusters: list[list[int]] = []
    pending_open: int | None = None  # start of opening punctuation waiting for its unit
    for start, end in _units(text):
        ch = text[start]
        if ch == " ":
            if pending_open is not None:
                clusters.append([pending_open, start])
                pending_open = None
            clusters.append([start, end])
            continue
        if end - start == 1 and ch in NO_END:
            if pending_open is None:
                pending_open = start
            continue
        if pending_open is None and end - start == 1 and ch in NO_START and clusters:
            # Spaces before closing punctuation (common in PDF text) join it to what they follow,
            # so the punctuation never starts a line; the spaces stay in the slice.
            spaces = 0
            while spaces < len(clusters) and text[clusters[-1 - spaces][0]] == " ":
                spaces += 1
            if spaces < len(clusters):
                if spaces:
                    del clusters[-spaces:]
                clusters[-1][1] = end
                continue
        if pending_open is not None:
            clusters.append([pending_open, end])
            pending_open = None
        else:
            clusters.append([start, end])
    if pending_open is not None:
        clusters.append([pending_open, len(text)])
    return [(a, b) for a, b in clusters]


def _hard_split(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Split one over-long cluster by characters (the only case a word is cut)."""
    pieces: list[tuple[int, int]] = []
    line_start = start
    used = 0
    for i in range(start, end):
        w = cell_len(text[i])
        if used + w > width and i > line_start:
            cut = i
            # Not before closing punctuation: it goes down with the character before it.
            while cut > line_start + 1 and text[cut] in NO_START:
                cut -= 1
            if cell_len(text[cut:i]) + w > width:
                cut = i  # a line too narrow to take the character down as well: fitting wins
            pieces.append((line_start, cut))
            line_start, used = cut, cell_len(text[cut:i])
        used += w
    pieces.append((line_start, end))
    return pieces


def break_lines(text: str, width: int, *, first_indent: int = 0) -> list[tuple[int, int]]:
    """Break one paragraph into lines no wider than ``width`` cells; returns (start, end) offsets.

    No line starts with closing punctuation or ends with opening punctuation, a Latin word or
    number is never split (unless it alone is wider than a line), spaces at a break are dropped.
    ``first_indent`` cells are reserved on the first line (for the 　　 paragraph indent).
    """
    width = max(width, 2)  # one CJK character must fit
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = first_indent

    for start, end in _clusters(text):
        w = cell_len(text[start:end])
        if text[start] == " ":
            # A space only counts when something follows it on the same line.
            if line_start is not None and used + w <= width:
                used += w
            elif line_start is not None:
                lines.append((line_start, line_end))
                line_start, used = None, 0
            continue
        if line_start is not None and used + w > width:
            lines.append((line_start, line_end))
            line_start, used = None, 0
        if line_start is None and used + w > width:
            # Wider than a whole line on its own: the one case a cluster is cut.
            pieces = _hard_split(text, start, end, max(width - used, 2))
            lines.extend(pieces[:-1])
            start = pieces[-1][0]
            used, w = 0, cell_len(text[start:end])
        if line_start is None:
            line_start = start
        used += w
        line_end = end
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def wrap(text: str, width: int, *, first_indent: int = 0) -> list[str]:
    """The lines of :func:`break_lines` as strings (for tests and plain output)."""
    return [text[a:b] for a, b in break_lines(text, width, first_indent=first_indent)]
