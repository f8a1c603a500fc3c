"""Photo captions printed among a story's lines: the cues that tell one from a headline or a
paragraph, and lifting it out of the story so that the story stays whole.

The labeller was never trained on captions inside stories (training on rendered ones lost more
elsewhere than it gained), so these are rules over typography and lexical cohesion:

* a line standing alone that ends in the photographer's credit (某某 摄) after caption words;
* a line that is no sentence and says where a person stands in the picture (（右二）), or opens
  as captions do (图为…, ▲, ↑);
* a line the model read as a headline that ends in a credit, or a credit alone under a caption,
  and the headline-like lines set close over either (a credit never follows a headline);
* a lone "headline" of three clauses or more (3 of the corpus's 7,478 titles hold two commas and
  25 characters);

and, once the page is cut into segments, a caption between two bodies, or between a headline and
the story it shares words with, is set aside as a photo item.
"""

from __future__ import annotations

import re

from reader.split import patterns as pt
from reader.split.cohesion import overlap
from reader.split.group import HEAD, Segment
from reader.split.units import Unit

SAME_STORY = 0.15  # share of a caption's bigrams found in the lead of the story under it
GOES_ON = 0.2  # share of a lead's bigrams found in the last lines of the story before the caption
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_POINTERS = tuple(pt.POINTERS)


def is_caption(us: list[Unit], labels: list[str], i: int) -> str:
    """Why unit ``i``, labelled a headline line or body by the model, is a photo caption ("" when
    it is not one)."""
    u, label = us[i], labels[i]
    text = u.text
    if len(text) > 80:
        return ""
    if text.startswith(_POINTERS):  # ▲, ↑: a mark that points at the picture, sentence or not
        if label != "P" or u.blank_before or (i > 0 and labels[i - 1] == "C"):
            return "opens with a mark pointing at a picture"
        return ""
    if pt.ends_sentence(text):
        return ""
    alone = bool(u.blank_before and u.blank_after)
    if alone and pt.credit_near_end(text) and caption_first(text):
        return "ends in a photographer's credit"
    if label != "P" or alone:
        if pt.POSITION_MARK.search(text):
            return "says where a person stands in the picture"
        if pt.CAPTION_START.match(text):
            return "opens as a caption (图为…)"
    lone = (i == 0 or labels[i - 1] not in HEAD) and (i + 1 == len(us) or labels[i + 1] not in HEAD)
    if label == "T" and lone and len(text) >= 25 and clauses(text) >= 3:
        return "three clauses where a lone headline would stand"
    return ""


def _credit(text: str) -> re.Match[str] | None:
    """The photographer's credit a line of caption length ends in (the cheap test first: 摄 in
    its last characters), or None."""
    if len(text) > 120 or not pt.credit_near_end(text):
        return None
    return pt.PHOTO_CREDIT.search(text)


def credit_closes(us: list[Unit], labels: list[str], i: int) -> str:
    """Why unit ``i``, not labelled a caption, is a caption's closing line: it ends in a
    photographer's credit (某某 摄, 某某/摄) where no headline ends, or is only a credit set under
    a caption or under lines the model read as a headline ("" when neither)."""
    text = us[i].text
    m = _credit(text) if labels[i] != "C" else None
    if m is None:
        return ""
    if labels[i] in HEAD:
        return "a headline never ends in a photographer's credit"
    above = labels[i - 1] if i > 0 and not us[i].blank_before else ""
    if m.start(1) <= 1 and len(text) <= 30:
        if above == "C" or above in HEAD:
            return "a photographer's credit set under a caption"
        if above in ("N", "P") and len(us[i - 1].text) <= 80 and not pt.ends_sentence(us[i - 1].text):
            return "a photographer's credit set under a line that is no sentence"
    return ""


def over_credit(us: list[Unit], labels: list[str], i: int) -> list[int]:
    """The lines set close over a caption line ``i`` that ends in a photographer's credit (no blank
    line between) and that the model read as a headline: a credit never follows a headline, so
    they are the caption's first lines."""
    out: list[int] = []
    if labels[i] != "C" or _credit(us[i].text) is None:
        return out
    j = i - 1
    while (
        j >= 0
        and not us[j + 1].blank_before
        and len(us[j].text) <= 80
        and (labels[j] in HEAD or (j == i - 1 and labels[j] in "NP" and not pt.ends_sentence(us[j].text)))
    ):
        out.append(j)
        j -= 1
    return out


def under_credit(us: list[Unit], labels: list[str], i: int) -> list[int]:
    """The sentences the model read as more of a caption after caption line ``i`` that ends in a
    photographer's credit: a caption ends at its credit, and the sentences under it are the
    story's (not those followed by a credit of their own: another picture's caption)."""
    out: list[int] = []
    m = _credit(us[i].text) if labels[i] == "C" else None
    if m is None or m.end() < len(us[i].text.rstrip()) - 1:
        return out
    j = i + 1
    while j < len(us) and labels[j] == "C":
        text = us[j].text
        if not pt.ends_sentence(text) or _credit(text) is not None or text.startswith(_POINTERS):
            break
        if j + 1 < len(us) and not us[j + 1].blank_before and _credit(us[j + 1].text) is not None:
            break  # a credit set under it: that picture's caption
        out.append(j)
        j += 1
    return out


def over_own_caption(us: list[Unit], labels: list[str], i: int) -> bool:
    """Whether unit ``i``, read as a caption, is a sentence set apart (a blank line between) over
    a caption that holds its own words before its credit (工人们在检查产品 李峰 摄): that caption
    is whole in its line, and the sentence above is the story's."""
    if labels[i] != "C" or i + 1 >= len(us) or labels[i + 1] != "C" or not us[i + 1].blank_before:
        return False
    text, under = us[i].text, us[i + 1].text
    if _credit(text) is not None or not pt.ends_sentence(text) or not caption_first(under):
        return False
    # Not when the sentence opens as a caption (图为…, ▲) or the words before the credit under it
    # are a writer's byline (本报记者  某某文  新华社记者  某某摄): then it is the caption.
    m = pt.PHOTO_CREDIT.search(under)
    return not (
        text.startswith(_POINTERS)
        or pt.CAPTION_START.match(text)
        or (m is not None and pt.has_role(under[: m.start(1)]))
    )


def clauses(text: str) -> int:
    """How many comma-separated clauses ``text`` holds outside brackets (a column tag's own
    commas, as in （来信综述·面对疫情，我们这样做）, do not count)."""
    bare = _BRACKETED.sub("", text)
    return bare.count("，") + bare.count(",") + 1


def caption_first(text: str) -> bool:
    """True when a line ending in a photo credit holds words before the credit (a caption)."""
    m = pt.PHOTO_CREDIT.search(text)
    return m is not None and m.start(1) >= 6 and not pt.ends_sentence(text[: m.start(1)].rstrip())


def lift_captions(
    segs: list[Segment],
    labels: list[str],
    grams: list[set[str]] | None = None,
    texts: list[str] | None = None,
) -> tuple[list[Segment], list[Segment]]:
    """(segments, captions lifted out): a caption printed between two bodies is a picture's, not a
    story's, and a body after it that goes on (its first unit more body, not a new one, or a lead
    with no 电头 that shares the words of the story before) is the same story as the body before it.
    A caption between a headline and a body is lifted when its words recur in that body's lead
    (``grams``: each unit's bigrams), so the headline reaches its story; one that shares nothing
    with it is the headline's own picture story (图片报道)."""
    out: list[Segment] = []
    lifted: list[Segment] = []
    for k, seg in enumerate(segs):
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        caption = seg.kind == "body" and all(labels[i] == "C" for i in seg.idx)
        if (
            caption
            and out
            and nxt is not None
            and nxt.kind == "body"
            and (out[-1].kind == "body" or _same_story(seg, nxt, grams))
        ):
            lifted.extend(_pictures(seg, texts))
            continue
        goes_on = (
            seg.kind == "body"
            and out
            and out[-1].kind == "body"
            and (labels[seg.idx[0]] == "P" or (texts is not None and _goes_on(out[-1], seg, texts, grams)))
        )
        if goes_on and lifted and out[-1].idx[-1] < lifted[-1].idx[0] < seg.idx[0]:
            out[-1].idx.extend(seg.idx)
            continue
        out.append(seg)
    return out, lifted


def _pictures(seg: Segment, texts: list[str] | None) -> list[Segment]:
    """A lifted run of caption lines, one segment per picture: a line opening with a pointer
    (↑, ▲) starts the caption of another picture."""
    if texts is None:
        return [seg]
    out: list[Segment] = []
    for i in seg.idx:
        if not out or texts[i].startswith(_POINTERS):
            out.append(Segment("body", [i], conf=seg.conf))
        else:
            out[-1].idx.append(i)
    return out


def _same_story(caption: Segment, body: Segment | None, grams: list[set[str]] | None) -> bool:
    """True when a caption's words recur in the start of ``body`` (a caption tells its story)."""
    if body is None or grams is None:
        return False
    cap = set().union(*(grams[i] for i in caption.idx))
    lead = set().union(*(grams[i] for i in body.idx[:4]))
    return overlap(cap, lead) >= SAME_STORY


def _goes_on(before: Segment, after: Segment, texts: list[str], grams: list[set[str]] | None) -> bool:
    """True when a body read as a new story's lead, printed after a caption, carries on the story
    before the caption: it opens with no 电头 and shares the words of that story's last lines."""
    if grams is None or pt.DATELINE.match(texts[after.idx[0]]):
        return False
    tail = set().union(*(grams[i] for i in before.idx[-4:]))
    return overlap(grams[after.idx[0]], tail) >= GOES_ON
