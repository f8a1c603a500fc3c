"""A turn line (（下转第3版）) ends the story printed above it: what stands between that story's text
and the turn line is more of the story, never a headline of its own.

A story continued on another page prints its turn line after its last line here, so a headline
read directly over the turn line would be a story with no text on this page, which no paper
prints: the model reads a short last line (an author's note, 数据来源：…) over such a line as a
headline, because in its training pages a line that opens a body follows one.
"""

from __future__ import annotations

import re

from reader.split.flags import CONTINUATION

# Turn lines that send the reader on (下转第3版, 转第3版, 转至第3版); 上接/接第/转自 lines come
# from another page and open what they continue.
DOWN = re.compile(r"^[（(]?\s*(?:下转|转第|转至)")
HEADLINE = frozenset("KTS")
BODY = frozenset("NP")


def is_down_turn(text: str) -> bool:
    """Whether ``text`` is a turn line sending the story on to another page."""
    return bool(DOWN.match(text)) and bool(CONTINUATION.match(text))


def story_ends(texts: list[str], labels: list[str], i: int) -> list[int]:
    """When unit ``i`` is a turn line read as body under headline lines that follow a body: those
    headline lines and the turn line (all to be read as the story's text), else []."""
    if labels[i] not in BODY or not is_down_turn(texts[i]):
        return []
    j = i - 1
    while j >= 0 and labels[j] in HEADLINE:
        j -= 1
    if j == i - 1 or j < 0 or labels[j] not in BODY:
        return []
    return list(range(j + 1, i + 1))
