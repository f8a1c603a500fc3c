"""A turn line (（下转第3版）) ends the story printed above it: what stands between that story's text
and the turn line is more of the story, never a headline of its own. So does a bracketed note on
where the story came from or who wrote it (（作者为…）, （新华社…电）), wrapped over lines or not,
and a page's design credit (版式设计：…) printed under the story at its foot, which the model reads
as page furniture with the editors' lines.

A story continued on another page prints its turn line after its last line here, so a headline
read directly over the turn line would be a story with no text on this page, which no paper
prints: the model reads a short last line (an author's note, 数据来源：…) over such a line as a
headline, because in its training pages a line that opens a body follows one.
"""

from __future__ import annotations

import re

from reader.split import patterns as pt
from reader.split.flags import CONTINUATION

# Turn lines that send the reader on (下转第3版, 转第3版, 转至第3版); 上接/接第/转自 lines come
# from another page and open what they continue.
DOWN = re.compile(r"^[（(]?\s*(?:下转|转第|转至)")
HEADLINE = frozenset("KTS")
BODY = frozenset("NP")
_OVER_CREDIT = BODY | HEADLINE  # what a design credit that is a story's text stands under


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


# A story's closing note in brackets: its author (作者为…), its agency or reporter (新华社…电, 记者…),
# who put it together (…整理). Headlines in brackets are dates and occasions (（2019年9月30日）,
# （…会议通过）): none of the corpus's 54 names a writer or an agency.
_NOTE = re.compile(r"作者[为系是]|记者|通讯员|整理|编译|日电|社\S{0,12}电")
_NOTE_LINES = 4  # the longest note wrapped over lines that is read as one


def closing_note(texts: list[str], labels: list[str], i: int) -> list[int]:
    """When unit ``i`` opens a bracketed closing note under a body's last sentence and the note
    (its lines up to the one its bracket closes at the end of) was read as headline lines, or is a
    credit line (数据来源：…) read as a headline under a body, or a design credit (版式设计：…) read
    as anything but body under a body or a headline: those lines (the story's text), else []."""
    t = texts[i]
    if i == 0:
        return []
    if pt.DESIGN_CREDIT.match(t):  # under a story's text, or under the headline of a page that has none
        return [i] if labels[i] not in BODY and labels[i - 1] in _OVER_CREDIT else []
    if labels[i - 1] not in BODY:
        return []
    if pt.STORY_CREDIT.match(t):
        return [i] if labels[i] in HEADLINE else []
    if not t.startswith(("（", "(")) or not pt.ends_sentence(texts[i - 1]):
        return []
    j = i
    while not texts[j].rstrip().endswith(("）", ")")):
        j += 1
        if j >= len(texts) or j - i >= _NOTE_LINES or texts[j].startswith(("（", "(")):
            return []
    note = "".join(texts[i : j + 1])
    if not _NOTE.search(note) or not any(labels[k] in HEADLINE for k in range(i, j + 1)):
        return []
    return list(range(i, j + 1))
