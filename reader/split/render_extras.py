"""Things real pages print inside a story that the corpus does not keep: photo captions and subheads.

A caption is made from the story's own material (a picture shows what the story tells): one of
its sentences, cut at a clause to 12-60 characters, its full stop mostly dropped, sometimes with a
position mark after a name and a photographer's credit (某某 摄) on the same line or its own. A
subhead is made from the paragraph it stands over: one or two of its short clauses. Both are drawn
from the page's rng only when the style asks for them, so other renderings stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable

from reader.split.patterns import DATELINE
from reader.split.render_styles import Style, wrap

Line = tuple[str, str, int, bool]  # text, label, article (captions: -2 - their number), para_start

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚英华玉兰文斌宁欣然雪峰"
SECTIONS = (
    "要闻",
    "经济",
    "国际",
    "文化",
    "体育",
    "社会",
    "理论",
    "评论",
    "副刊",
    "地方",
    "视点",
    "综合",
    "科技",
)
WEEKDAYS = "一二三四五六日"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_SENTENCES = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE = re.compile(r"[^，。！？；：、]+")
_POSITIONS = ("左", "右", "中", "左一", "左二", "右一", "右二", "右三", "前排左一", "后排中")
_ROLES = ("", "", "记者", "本报记者", "通讯员", "特约摄影")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def credit(rng: random.Random) -> str:
    """A photographer's credit: 某某 摄, 记者 某某 摄, 某某/摄, 某某 摄影."""
    role = rng.choice(_ROLES)
    who = _name(rng) + (f" {_name(rng)}" if rng.random() < 0.15 else "")
    tail = rng.choice((" 摄", " 摄", "摄", "/摄", " 摄影"))
    return (role + " " if role else "") + who + tail


def caption_text(paras: list[str], rng: random.Random) -> str:
    """A caption-like line from a story's paragraphs ("" when none is usable)."""
    sentences = [
        s.strip()
        for p in paras
        for s in _SENTENCES.findall(p)
        if len(s.strip()) >= 12 and not DATELINE.match(s.strip()) and "记者" not in s
    ]
    if not sentences:
        return ""
    s = rng.choice(sentences)
    if len(s) > 60:  # cut at the last clause break that keeps it 15-60 long
        cuts = [m.end() for m in re.finditer(r"[，；：]", s[:61]) if m.end() >= 16]
        s = s[: cuts[-1] - 1] if cuts else s[: rng.randint(24, 48)]
    if s.endswith(("。", "！", "？")) and rng.random() < 0.85:
        s = s[:-1]
    s = s.rstrip("，；：、").lstrip("”’」』）)》】，、；：…— ")
    if rng.random() < 0.25:
        at = rng.randint(2, min(6, len(s) - 1))
        s = f"{s[:at]}（{rng.choice(_POSITIONS)}）{s[at:]}"
    if rng.random() < 0.1:
        s = rng.choice(("图为", "▲", "上图：", "↑")) + s
    return s if len(s) >= 10 else ""


def subhead_text(para: str, rng: random.Random) -> list[str]:
    """A subhead over a paragraph: one or two of its short clauses, on one or two lines ([] if none)."""
    clauses = [c for c in _CLAUSE.findall(para) if 3 <= len(c) <= 10 and not c.isascii()]
    if not clauses:
        return []
    k = rng.randrange(len(clauses))
    parts = clauses[k : k + 2] if rng.random() < 0.7 else clauses[k : k + 1]
    parts = [p.strip("“”‘’《》（）() ") for p in parts]
    parts = [p for p in parts if len(p) >= 3]
    if not parts:
        return []
    if len(parts) == 2 and rng.random() < 0.15:
        return parts  # printed on two lines
    return [" ".join(parts)]


def caption_block(
    paras: list[str], number: int, width: int, wrap: Callable[[str], list[str]] | None, rng: random.Random
) -> tuple[list[Line], dict]:
    """A caption's lines (wrapped when ``wrap`` is given) and its gold photo entry ([] and {} if none)."""
    text = caption_text(paras, rng)
    if not text:
        return [], {}
    cred = credit(rng) if rng.random() < 0.55 else ""
    own_line = bool(cred) and rng.random() < 0.35
    full = text if not cred or own_line else f"{text}{rng.choice(('  ', ' ', '　'))}{cred}"
    # A PDF's caption is often set in a column of its own: wrapped at the story's width or not.
    rows = wrap(full) if wrap is not None and width and rng.random() < 0.4 else [full]
    if own_line:
        rows.append(cred)
    art = -2 - number
    gold = {"kind": "photo", "caption": text}
    if cred:
        gold["credit"] = cred
    return [(r, "caption", art, False) for r in rows], gold


def _names(rng: random.Random, n: int) -> list[str]:
    return [
        rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))) for _ in range(n)
    ]


def furniture(articles: list[dict], style: Style, rng: random.Random) -> tuple[list[str], list[str]]:
    """Page furniture made from metadata and built-in lists: (top lines, bottom lines)."""
    date, page = articles[0].get("date", "2019-01-01"), int(articles[0].get("page", 1))
    y, m, d = (int(x) for x in date.split("-"))
    section = rng.choice(SECTIONS)
    top: list[str] = []
    bottom: list[str] = []
    wd = WEEKDAYS[dt.date(y, m, d).weekday()]
    header = {
        "full": f"人民日报 {y}年{m}月{d}日 星期{wd} 第{page}版",
        "section": f"第{page}版：{section}",
        "short": f"{page} {section}",
        "iso": f"{date} | 第{page:02d}版 | {section}",
    }.get(style.header)
    if header:
        top.append(header)
    label = {"colon": f"版面：{section}", "bracket": f"【{section}】"}.get(style.section_label)
    if label:
        top.append(label)
    names = _names(rng, 3)
    editor = {
        "benban": "本版责编：" + " ".join(names[: rng.randint(1, 3)]),
        "zeren": "责任编辑：" + "、".join(names[: rng.randint(1, 2)]),
        "bianji": f"编辑：{names[0]}　美编：{names[1]}",
        "paren": f"（责任编辑：{names[0]}）",
    }.get(style.editor)
    if editor:
        (top if style.editor_at == "top" else bottom).append(editor)
    if style.fullwidth_digits:
        top, bottom = [s.translate(FULLWIDTH) for s in top], [s.translate(FULLWIDTH) for s in bottom]
    return top, bottom


def with_caption(
    block: list[Line | None],
    paras: list[str],
    number: int,
    style: Style,
    width: int,
    rng: random.Random,
    photos: list[dict],
) -> list[Line | None]:
    """The story's block with a caption over it or before one of its paragraphs (or after the last)."""
    wrapper = (lambda t: wrap(t, width, cells=style.wrap_cells)) if style.layout == "wrapped" else None
    lines, gold = caption_block(paras, number, width, wrapper, rng)
    if not lines:
        return block
    photos.append(gold)
    sep: list[Line | None] = [None] * ((1 if style.blank_between_paras else 0) + style.caption_gap)
    cap: list[Line | None] = [*sep, *lines, *sep]
    body = [(k, len(x[0].strip())) for k, x in enumerate(block) if x is not None and x[1] == "body"]
    total = sum(n for _, n in body)
    # Never between the story's first or last 14 characters: the gold's first and last words.
    starts = [
        k
        for k, x in enumerate(block)
        if x is not None
        and x[1] == "body"
        and x[3]
        and (k == body[0][0] or 14 <= sum(n for j, n in body if j < k) <= total - 14)
    ]
    if rng.random() < 0.3 or not starts:
        return [*lines, *sep, *block]
    at = rng.choice([*starts, starts[-1] + 1])
    if at == starts[-1] + 1:  # after the last paragraph's first line: at the paragraph's end
        at = max(k for k, x in enumerate(block) if x is not None and x[1] == "body") + 1
    return [*block[:at], *cap, *block[at:]]
