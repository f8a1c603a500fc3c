"""Page text as rich Text with spans styled: the one way highlighted text is made, in the app and the CLI.

The text is made visible piece by piece (never parsed as markup), so spans computed on the stored
text still land on the right characters after control bytes are made visible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text

from reader.safe import visible


def styled_spans(
    text: str,
    spans: Iterable[tuple[int, int]],
    style: str | Callable[[int], str],
    base: str = "",
    clean: Callable[[str], str] = visible,
) -> tuple[Text, list[int]]:
    """``text`` through ``clean``, with ``style`` (or ``style(n)`` for the n-th span) over each
    (start, end) span of the original; overlapping spans are joined into one. Also where each
    styled span starts in the result."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        start, end = max(start, 0), min(end, len(text))
        if start >= end:
            continue
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    out = Text(style=base)
    starts: list[int] = []
    pos = 0
    for n, (start, end) in enumerate(joined):
        out.append(clean(text[pos:start]))
        starts.append(len(out.plain))
        out.append(clean(text[start:end]), style=style(n) if callable(style) else style)
        pos = end
    out.append(clean(text[pos:]))
    return out, starts


def styled(
    text: str,
    spans: Iterable[tuple[int, int]],
    style: str,
    base: str = "",
    clean: Callable[[str], str] = visible,
) -> Text:
    """``text`` through ``clean`` (made visible), with ``style`` over each (start, end) span of the original."""
    return styled_spans(text, spans, style, base, clean)[0]
