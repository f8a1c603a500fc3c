"""Cue flags of one line for the line labeller: dateline, lead, byline, credit, page name, marks.

Each is a typographic pattern (``reader.split.patterns``) or a character a line starts or ends
with; the cheapest exact condition of each costly pattern is tested first, so most lines are
never handed to the regex engine.
"""

from __future__ import annotations

import re

from reader.split import patterns as pt

CONTINUATION = re.compile(
    r"^[（(]?\s*(?:下转|上接|接上|转第|续第|转自|接第)\s*第?\s*[A-Z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版\s*[）)]?$"
)
# How a news lead opens when it has no 电头: a date or a time word, or the reporter.
LEAD = re.compile(
    r"^(?:[0-9０-９]{1,4}年|[0-9０-９]{1,2}月[0-9０-９]{1,2}日|近日|日前|近年来|近期|今年|去年|昨天|今天|当地时间)"
)
_CJK_RE = re.compile(f"[{pt.CJK}]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


# Exact shortcuts for the costliest patterns, each a condition the pattern cannot match without:
# PHOTO_CREDIT holds 摄 among its last characters (patterns.credit_near_end), BYLINE_BRACKET and END_MARK a bracket,
# BYLINE_CUE holds no ，。；, DATELINE holds 本报, 电 or 据 (unit texts hold no line end).
BENBAN = re.compile(r"^本版(?:责编|编辑|主编|统筹|策划)")
# The characters each pattern anchored at the line's start can begin with (\d: str.isdecimal,
# \s: str.isspace, as the regex engine reads them); a line that starts otherwise is not tried.
_LEAD0 = frozenset("0123456789０１２３４５６７８９近日今去昨当")
_EDITORS0 = frozenset("（(【[责编美校版组审终值")
_CAPTION0 = frozenset(pt.POINTERS + "上下左右中本图")
_SUBMARK0 = frozenset("一二三四五六七八九十（(第■□◆◇●▲★☆")
_CONT0 = frozenset("（(下上接转续")
_GCREDIT0 = frozenset("制绘设图美版")


def flags(s: str) -> list[str]:
    """The cues of one line: the shapes of datelines, bylines, credits, page names and the like."""
    f: list[str] = []
    c0 = s[:1]
    if pt.may_open_dateline(s) and pt.DATELINE.match(s):
        f.append("dateline")
    elif (c0 in _LEAD0 and LEAD.match(s)) or s.startswith(("记者", "本报记者")):
        f.append("lead")
    closes = s[-1:] in "）)"
    if closes and pt.BYLINE_BRACKET.search(s):
        f.append("byl_br")
        if s.startswith(("（", "(")):
            f.append("byl_br_whole")
    if "，" not in s and "。" not in s and "；" not in s and pt.BYLINE_CUE.match(s):
        f.append("byl_line")
    if pt.credit_near_end(s) and pt.PHOTO_CREDIT.search(s):
        f.append("credit")
    if s.endswith(("摄", "摄）", "摄)")) or "摄影" in s[-6:]:
        f.append("she")
    if (c0 in _EDITORS0 and pt.EDITORS.match(s)) or (s.startswith("本版") and BENBAN.match(s)):
        f.append("editors")
    if "日" in s and "年" in s and pt.DATE_LINE.match(s):
        f.append("dateonly")
    if pt.PAGE_NAME.match(s):
        f.append("pagename")
    if c0 in _CAPTION0 and pt.CAPTION_START.match(s):
        f.append("capstart")
    if (c0 in _SUBMARK0 or c0.isdecimal()) and pt.SUBHEAD_MARK.match(s):
        f.append("submark")
    if pt.is_kicker_end(s):
        f.append("kickend")
    if closes and pt.END_MARK.search(s):
        f.append("endmark")
    if (c0 in _CONT0 or c0.isspace()) and CONTINUATION.match(s):
        f.append("cont")
    if (c0 in _GCREDIT0 and pt.GRAPHIC_CREDIT.match(s)) or (
        s.endswith("文") and "图" in s and pt.ART_CREDIT.match(s)
    ):
        f.append("gcredit")
    if c0 and c0 in "（(" and pt.NOTE.match(s):
        f.append("note")
    if s[:1] in '“「『"':
        f.append("q0")
    if s[:1] in pt.BULLETS:
        f.append("bullet")
    if s.startswith(("——", "—")):
        f.append("dash0")
    if " " in s or "\u3000" in s:
        # A PDF tool spreads the characters of a justified line with spaces (此 外 ，市 文 化): that is
        # no headline's space between its phrases (人民幸福安康 祖国繁荣吉祥).
        parts = s.split()
        singles = sum(1 for p in parts if len(p) == 1)
        f.append("letterspaced" if singles >= 3 and singles * 2 >= len(parts) else "space_in")
    if "：" in s[:8] or ":" in s[:8]:
        f.append("colon_early")
    if not _CJK_RE.search(s):
        f.append("nocjk")
    # Over half ASCII holds the line under 2.5 UTF-8 bytes a character (a CJK character takes 3):
    # a line of Chinese is never handed to the regex engine.
    elif len(s.encode()) * 2 < len(s) * 5 and len(_ASCII_WORD.findall(s)) * 2 > len(s):
        f.append("ascii_heavy")
    if closes and s[:1] not in "（(":
        f.append("br_end")
        if pt.column_tag(s):
            f.append("coltag")
    if "《" in s:
        f.append("book")
    if "？" in s or "?" in s:
        f.append("qmark")
    if "！" in s or "!" in s:
        f.append("excl")
    return f
