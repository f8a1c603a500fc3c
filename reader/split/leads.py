"""A story's first paragraph opens with its 电头 (本报北京5月4日电, 新华社…电, 本报讯): what the line
over it may be.

A 电头 opens a story, so a short line set right over it, with no sentence end, is most often a
headline: the story's own, or on a page that prints headlines after their stories the one
before. Not always: a digest (资讯, 速览) sets a line of its own over each 本报电 item, and a
story may open with a summary line. So the model keeps such a line in the body unless it gave a
headline a fair chance itself (``MIN_HEAD``): on a page of a few lines, with little else to go by,
it may read the headline over a 本报讯 lead as the story's first line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.split import crf
from reader.split import patterns as pt
from reader.split.aside import byline_line
from reader.split.captions import over_own_caption
from reader.split.units import Unit

BODY = frozenset("NP")
# The least headline probability (kicker, title or subtitle) the model gives such a line for it
# to be read as a headline. Chosen on ../shared/dev (see BENCHMARKS.md, eleventh session).
MIN_HEAD = 0.25


def over_lead(texts: list[str], labels: list[str], head: Callable[[int], float], i: int) -> bool:
    """Whether unit ``i``, read as a body line with a headline probability ``head(i)`` of at least
    MIN_HEAD, is a short line with no sentence end set right over a line that opens with a 电头 (a
    byline line, a credit and a line that ends in a bracket or a comma excepted)."""
    if labels[i] not in BODY or i + 1 >= len(texts) or labels[i + 1] not in BODY:
        return False
    if not pt.may_open_dateline(texts[i + 1]) or not pt.DATELINE.match(texts[i + 1]):
        return False
    s = texts[i].strip()
    if not s or len(s) > 40 or pt.ends_sentence(s) or s[-1] in "）)，,、：:；;":
        return False
    if byline_line(s) or pt.PHOTO_CREDIT.search(s) or pt.BYLINE_LINE.match(s):
        return False
    return head(i) >= MIN_HEAD


def opens_split_dateline(texts: list[str], i: int) -> bool:
    """Whether unit ``i`` is the first part of a 电头 wrapped over two lines (新华社泰国清迈2月16日 /
    电（记者…）): neither line a 电头 alone, but the two together."""
    if i + 1 >= len(texts):
        return False
    s, t = texts[i].strip(), texts[i + 1].strip()
    if not s or not t or len(s) > 40 or not pt.may_open_dateline(s + t[:12]):
        return False
    if pt.DATELINE.match(s) or pt.DATELINE.match(t):
        return False
    return pt.DATELINE.match(s + t[:40]) is not None


# A 电头 with its date (本报北京1月31日电, 新华社华盛顿1月31日电) or 本报讯: DATELINE's looser agency
# form also takes words such as 人力资源社会保障部门根据水电.
DATED = re.compile(
    r"^(?:[▶●□■]\s*)?(?:本报讯|据?(?:本报|新华社|中新社|[^（(，。\s]{1,4}社)[^（(，。\s]{0,12}?\d{1,2}月\d{1,2}日电)"
)


def _dateline_before(texts: list[str], i: int, limit: int) -> bool:
    """Whether a line opening with a 电头 stands among the ``limit`` characters up to unit ``i``."""
    n = 0
    while i >= 0 and n < limit:
        t = texts[i]
        if pt.may_open_dateline(t) and pt.DATELINE.match(t):
            return True
        n += len(t)
        i -= 1
    return False


def reread_leads(
    us: list[Unit], texts: list[str], labels: list[str], probs: list[float], feats: list[list[str]]
) -> None:
    """Four rules for the page just tagged, in place, each leaving its reason among the unit's cues:
    a sentence set apart over a caption whole in its line is no caption (``captions``); a short
    line right over a 电头 read as body is a headline when the model gave it a fair chance; a dated
    电头 read as more body right after a finished sentence opens a story, unless another stood in
    the 600 characters before it (a digest's items); and a line read as a headline that is the
    first part of a 电头 wrapped over two lines opens the story (the model reads each line alone,
    and neither part looks like a 电头 by itself)."""

    def head(i: int) -> float:
        return crf.marginal_at(i, "KTS")

    for i in range(len(us) - 1):
        if labels[i] == "C":
            if over_own_caption(us, labels, i):
                labels[i], probs[i] = crf.best_other(i, "C")
                feats[i] = [
                    *feats[i],
                    "rule=no caption: a sentence set apart over a caption whole in its line",
                ]
        elif pt.may_open_dateline(texts[i + 1]) and over_lead(texts, labels, head, i):
            labels[i], probs[i] = crf.best_other(i, "NPCF")
            feats[i] = [*feats[i], "rule=a headline: a short line right over a 电头"]
            if labels[i + 1] == "P":
                labels[i + 1], probs[i + 1] = "N", crf.marginal_at(i + 1, "N")
        elif (
            labels[i + 1] == "P"
            and labels[i] in BODY
            and pt.ends_sentence(texts[i])
            and pt.may_open_dateline(texts[i + 1])
            and DATED.match(texts[i + 1])
            and not _dateline_before(texts, i, 600)
        ):
            labels[i + 1], probs[i + 1] = "N", crf.marginal_at(i + 1, "N")
            feats[i + 1] = [*feats[i + 1], "rule=a 电头 after a finished sentence opens a story"]
        elif labels[i] in "KTS" and opens_split_dateline(texts, i):
            labels[i], probs[i] = "N", crf.marginal_at(i, "N")
            feats[i] = [*feats[i], "rule=a story's first line: a 电头 wrapped over two lines"]
            # The lines of its paragraph that follow are the story's too, whatever they were read as.
            j = i + 1
            while j < len(us) and not us[j].blank_before and labels[j] in "KTSN":
                labels[j], probs[j] = "P", crf.marginal_at(j, "P")
                feats[j] = [*feats[j], "rule=a 电头 wrapped over two lines: its paragraph goes on"]
                j += 1
