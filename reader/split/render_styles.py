"""Rendering styles for training/test pages: the Style record, the named families, line-breaking helpers.

Training families (FAMILIES_TRAIN):
  dev_paragraphs  - like dev/paragraphs: headline lines, blank, one paragraph a line with blank lines between.
  dev_markdown    - like dev/markdown: every headline line as `## `, blank lines everywhere.
  dev_wrapped     - like dev/wrapped: naive hard wrap 12-20 chars per article, headlines after body on ~60% of pages.
  narrow_hang     - cell-counted wrap 10-16 (one width a page), hanging punctuation, 　　 indent, header + editor line.
  wide_pdf        - cell-counted wrap 29-40, 　　 or no indent, wrapped headlines, mixed positions, 转版 lines.
  compact_text    - 　　-indented paragraphs, no blanks between them, 2 between articles, long titles in 2 lines.
  md_plain        - markdown, `## ` on the title only, kicker/subtitle plain, titles broken in 2, page header.
  noisy_paragraphs- paragraphs with stray blank lines, line-final spaces, full-width digits in furniture, 转版 lines.
  tight_wrapped   - naive wrap 14-20 with 　　 indent and no blank lines between paragraphs, short header.
  run_on          - no blank line between paragraphs or after headlines, mostly none between articles
                    either (OCR and PDF dumps): paragraphs 　　-indented or not, one a line or wrapped
                    at 14-20.

ho2_captions prints photo captions (render_extras; no training family draws them: training on them lost).

Held-out families (FAMILIES_HELDOUT; parameter values no training family uses):
  ho_mid_wrap     - cell-counted wrap at 21-28 (train uses <=20 or >=29), hanging punctuation, mixed positions.
  ho_ascii_indent - paragraphs indented with ASCII spaces ("  " / "    "), `编辑：… 美编：…` editor lines.
  ho_md_levels    - markdown with `### kicker` / `# title` / `## subtitle`, or `**title**` bold titles.
  ho_no_blanks    - no blank lines at all (none between paragraphs, headlines or articles), 　　 indent,
                    wrapped at 21-28 (run_on trains on pages with no blank lines at 14-20 or unwrapped).
  ho_iso_header   - wrap 21-28 with "  " indent, `2019-02-01 | 第11版 | 经济` header, `（责任编辑：…）` footer.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, fields
from typing import Any

from reader.split.patterns import HANGING

SQUEEZE = set("，。、；：？！“”‘’（）《》")
ASCII_RUN = re.compile(r"[A-Za-z0-9]+|.", re.S)


@dataclass(frozen=True)
class Style:
    """Every rendering choice for one page."""

    layout: str = "paragraphs"  # paragraphs / markdown / wrapped
    width_lo: int = 0  # wrap width range (wrapped layout), drawn per article or per page
    width_hi: int = 0
    width_per_article: bool = True
    wrap_cells: bool = False  # count ASCII as half a cell and keep ASCII letter/digit runs whole
    hang_punct: bool = False  # a line may run one cell over for a closing punctuation mark
    wrap_headline: bool = False  # wrap headline lines longer than the width (wrapped layout)
    break_long_headline: float = 0.0  # chance that a long kicker/title breaks over two lines
    headline_pos: str = "before"  # before / after / mixed (each article independently)
    blank_between_paras: bool = True
    blank_after_headline: bool = True  # between headline block and body
    blank_between_headline_lines: bool = False
    blank_between_articles: int = 1  # 0 / 1 / 2
    indent: str = ""  # "" / "　　" / "  " / "    "
    md_heading: str = "h2"  # h2 (every line) / title_only / levels (### # ##) / bold (**title**)
    header: str = ""  # "" / full / section / short / iso
    editor: str = ""  # "" / benban / zeren / bianji / paren
    editor_at: str = "bottom"  # top / bottom
    section_label: str = ""  # "" / colon / bracket
    continuation: float = 0.0  # chance of a 上接 line and of a 下转 line on a page
    trailing_space: float = 0.0  # chance per line of a line-final space
    stray_blank: float = 0.0  # chance per paragraph of a stray empty line inside it
    fullwidth_digits: bool = False  # full-width digits in furniture lines
    center_headline: str = ""  # "" / ascii / ideo: headline lines centred with leading spaces
    mark_subheads: str = ""  # "" / h2 / h3 / bold: in-article subheads marked (markdown layout)
    captions: float = 0.0  # chance per story of a photo caption among its paragraphs or over it
    caption_gap: int = 0  # blank lines added around a caption
    subheads: float = 0.0  # chance per long story (5+ paragraphs) of subheads made from its paragraphs
    flush_subheads: bool = False  # on an indented page, a story's own short unpunctuated paragraphs flush
    drop_indent: bool = False  # wrapped as indented, printed without the indent (PDF text often loses it)
    squeeze: float = 0.0  # chance per CJK punctuation mark of half a cell (justified PDF lines run long)


_T, _F = (True,), (False,)
FAMILIES: dict[str, dict[str, tuple[Any, ...]]] = {
    "dev_paragraphs": {"layout": ("paragraphs",), "blank_between_headline_lines": _F},
    "dev_markdown": {"layout": ("markdown",), "blank_between_headline_lines": _T},
    "dev_wrapped": {
        "layout": ("wrapped",),
        "width_lo": (12,),
        "width_hi": (20,),
        "blank_after_headline": _F,
        "headline_pos": ("after", "after", "after", "before", "before"),
    },
    "narrow_hang": {
        "layout": ("wrapped",),
        "width_lo": (10, 12),
        "width_hi": (14, 16),
        "width_per_article": _F,
        "wrap_cells": _T,
        "hang_punct": _T,
        "wrap_headline": (True, False),
        "indent": ("　　",),
        "blank_between_paras": (True, False),
        "header": ("full", "section"),
        "editor": ("benban",),
        "headline_pos": ("before", "after"),
    },
    "wide_pdf": {
        "layout": ("wrapped",),
        "width_lo": (29, 32),
        "width_hi": (36, 40),
        "width_per_article": (True, False),
        "wrap_cells": _T,
        "hang_punct": (True, False),
        "wrap_headline": _T,
        "indent": ("", "　　"),
        "headline_pos": ("mixed",),
        "continuation": (0.5,),
        "blank_between_articles": (1, 2),
        "header": ("", "short"),
        "editor": ("", "zeren"),
        "editor_at": ("top", "bottom"),
    },
    "compact_text": {
        "indent": ("　　",),
        "blank_between_paras": _F,
        "blank_after_headline": (True, False),
        "blank_between_articles": (2,),
        "header": ("section",),
        "editor": ("benban", "zeren"),
        "editor_at": ("top",),
        "section_label": ("", "colon"),
        "break_long_headline": (0.0, 0.7),
        "blank_between_headline_lines": (True, False),
    },
    "md_plain": {
        "layout": ("markdown",),
        "md_heading": ("title_only",),
        "blank_between_articles": (1, 2),
        "blank_between_paras": (True, False),
        "header": ("full", "short"),
        "headline_pos": ("before", "after"),
        "break_long_headline": (0.5,),
    },
    "noisy_paragraphs": {
        "stray_blank": (0.1,),
        "trailing_space": (0.15,),
        "fullwidth_digits": _T,
        "continuation": (0.6,),
        "headline_pos": ("mixed",),
        "blank_between_paras": (True, False),
        "indent": ("", "　　"),
        "header": ("full", "section", "short"),
        "editor": ("benban", "zeren"),
        "section_label": ("colon",),
    },
    "tight_wrapped": {
        "layout": ("wrapped",),
        "width_lo": (14,),
        "width_hi": (20,),
        "indent": ("　　",),
        "blank_between_paras": _F,
        "blank_after_headline": (True, False),
        "header": ("short",),
        "headline_pos": ("before", "after"),
        "stray_blank": (0.0, 0.05),
    },
    "run_on": {
        "layout": ("paragraphs", "wrapped"),
        "width_lo": (14,),
        "width_hi": (20,),
        "wrap_cells": (True, False),
        "indent": ("　　", "　　", ""),
        "blank_between_paras": _F,
        "blank_after_headline": _F,
        "blank_between_articles": (0, 0, 1),
        "header": ("", "short", "section"),
        "editor": ("", "benban"),
        "headline_pos": ("before", "before", "mixed"),
        "continuation": (0.3,),
    },
    "ho_mid_wrap": {
        "layout": ("wrapped",),
        "width_lo": (21, 22),
        "width_hi": (26, 28),
        "wrap_cells": _T,
        "hang_punct": _T,
        "wrap_headline": (True, False),
        "headline_pos": ("mixed",),
        "blank_between_paras": (True, False),
        "indent": ("", "　　"),
        "continuation": (0.3,),
    },
    "ho_ascii_indent": {
        "indent": ("  ", "    "),
        "blank_between_paras": (True, False),
        "editor": ("bianji",),
        "editor_at": ("top", "bottom"),
        "header": ("", "section"),
        "break_long_headline": (0.0, 0.4),
    },
    "ho_md_levels": {
        "layout": ("markdown",),
        "md_heading": ("levels", "bold"),
        "blank_between_headline_lines": (True, False),
        "blank_between_paras": (True, False),
        "headline_pos": ("before", "mixed"),
        "section_label": ("bracket",),
    },
    "ho_no_blanks": {
        "layout": ("wrapped",),
        "width_lo": (21,),
        "width_hi": (28,),
        "wrap_cells": _T,
        "indent": ("　　",),
        "blank_between_paras": _F,
        "blank_after_headline": _F,
        "blank_between_articles": (0,),
        "header": ("", "full"),
        "continuation": (0.3,),
    },
    "ho_iso_header": {
        "layout": ("wrapped",),
        "width_lo": (21,),
        "width_hi": (28,),
        "wrap_cells": (True, False),
        "indent": ("  ",),
        "header": ("iso",),
        "editor": ("paren",),
        "headline_pos": ("before", "after"),
        "trailing_space": (0.0, 0.1),
    },
}
_ANY_WIDTHS = ((10, 16), (12, 20), (14, 22), (18, 26), (21, 28), (24, 32), (29, 40))
_ALL_HEADERS = ("", "full", "section", "short", "iso")
_ALL_EDITORS = ("", "benban", "zeren", "bianji", "paren")
FAMILIES.update(
    {
        # Every kind of variation the issue names, drawn together: the ho_ families' kinds are
        # among them, so those are probes of held-out dates now, not of unseen kinds.
        "mixed_wrap": {
            "layout": ("wrapped",),
            "widths": _ANY_WIDTHS,
            "width_per_article": (True, False),
            "wrap_cells": (True, False),
            "hang_punct": (True, False),
            "wrap_headline": (True, False),
            "break_long_headline": (0.0, 0.4),
            "indent": ("", "　　", "  ", "    "),
            "blank_between_paras": (True, False),
            "blank_after_headline": (True, False),
            "blank_between_articles": (0, 1, 2),
            "header": _ALL_HEADERS,
            "editor": _ALL_EDITORS,
            "editor_at": ("top", "bottom"),
            "headline_pos": ("before", "after", "mixed"),
            "continuation": (0.0, 0.3),
            "trailing_space": (0.0, 0.1),
        },
        "mixed_md": {
            "layout": ("markdown",),
            "md_heading": ("h2", "title_only", "levels", "bold"),
            "mark_subheads": ("", "h2", "h3", "bold"),
            "blank_between_headline_lines": (True, False),
            "blank_between_paras": (True, False),
            # A web page's markdown seldom prints a headline after its story.
            "headline_pos": ("before", "before", "mixed"),
            "section_label": ("", "bracket", "colon"),
            "header": _ALL_HEADERS,
            "editor": _ALL_EDITORS,
            "indent": ("", "　　"),
            "break_long_headline": (0.0, 0.4),
        },
        "mixed_paras": {
            "indent": ("", "　　", "  ", "    "),
            "blank_between_paras": (True, False),
            "blank_after_headline": (True, False),
            "blank_between_headline_lines": (True, False),
            "blank_between_articles": (0, 1, 2),
            "headline_pos": ("before", "mixed"),
            "header": _ALL_HEADERS,
            "editor": _ALL_EDITORS,
            "editor_at": ("top", "bottom"),
            "section_label": ("", "bracket", "colon"),
            "break_long_headline": (0.0, 0.5),
            "continuation": (0.0, 0.3),
        },
        # Kinds no training family draws (ho2_): the honest held-out figures.
        "ho2_centered": {
            "layout": ("wrapped",),
            "widths": ((22, 30), (26, 34)),
            "wrap_cells": (True,),
            "center_headline": ("ascii", "ideo"),
            "indent": ("　　", ""),
            "headline_pos": ("before", "after"),
            "blank_between_paras": (True, False),
            "header": ("full",),
            "editor": ("zeren",),
        },
        # Photo captions and made-up subheads: no training family draws them.
        "ho2_captions": {
            "layout": ("wrapped", "paragraphs"),
            "widths": ((22, 30), (26, 34)),
            "wrap_cells": (True,),
            "indent": ("　　", ""),
            "captions": (0.4,),
            "caption_gap": (2,),
            "subheads": (0.0,),
            "blank_between_articles": (2,),
            "headline_pos": ("before", "mixed"),
            "header": ("full",),
        },
        "ho2_tab_paras": {
            "indent": ("\t",),
            "blank_between_paras": (False,),
            "blank_between_articles": (1, 2),
            "center_headline": ("ascii",),
            "break_long_headline": (0.5,),
            "headline_pos": ("mixed",),
            "editor": ("bianji",),
            "section_label": ("colon",),
        },
    }
)
FAMILIES_TRAIN: tuple[str, ...] = tuple(f for f in FAMILIES if not f.startswith("ho"))
# Never drawn for training: ho_ (their kinds are in the mixed_ families) and ho2_ (unseen kinds).
FAMILIES_HELDOUT: tuple[str, ...] = tuple(f for f in FAMILIES if f.startswith("ho"))
FAMILIES_UNSEEN: tuple[str, ...] = tuple(f for f in FAMILIES if f.startswith("ho2_"))


def random_style(rng: random.Random, family: str) -> Style:
    """Draw one page's Style from a named family (``widths``: (lo, hi) pairs drawn together)."""
    spec = FAMILIES[family]
    values = {f.name: rng.choice(spec[f.name]) for f in fields(Style) if f.name in spec}
    if "widths" in spec:
        values["width_lo"], values["width_hi"] = rng.choice(spec["widths"])
    return Style(**values)


def cells_of(s: str, cells: bool) -> float:
    """Width of s in CJK cells (ASCII and no-break space count half when cells is set)."""
    if not cells:
        return float(len(s))
    if s.isascii():
        return 0.5 * len(s)
    return sum(0.5 if ord(c) < 128 or c == "\xa0" else 1.0 for c in s)


def wrap(
    text: str,
    width: int,
    first: int | None = None,
    cells: bool = False,
    hang: bool = False,
    squeeze: float = 0.0,
    rng: random.Random | None = None,
) -> list[str]:
    """Hard-wrap text at width (first line at first), optionally by cells with hanging punctuation;
    with ``squeeze`` and ``rng`` a CJK mark takes half a cell by that chance, as a justified column."""
    toks = ASCII_RUN.findall(text) if cells else list(text)
    lines: list[str] = []
    cur, w, limit = "", 0.0, float(first if first is not None else width)
    for tok in toks:
        # A lone character's width without a call (most tokens are one CJK character).
        if len(tok) == 1 and cells:
            tw = 0.5 if tok < "\x80" or tok == "\xa0" else 1.0
        else:
            tw = cells_of(tok, cells)
        if squeeze and rng is not None and tok in SQUEEZE and rng.random() < squeeze:
            tw = 0.5
        if w + tw <= limit:
            cur, w = cur + tok, w + tw
            continue
        if hang and cur and tok in HANGING and w + tw <= limit + 1:
            lines.append(cur + tok)
            cur, w, limit = "", 0.0, float(width)
            continue
        if cur:
            lines.append(cur)
            cur, w, limit = "", 0.0, float(width)
        while tw > limit and len(tok) > 1:  # an ASCII run longer than a whole line
            n = max(1, int(limit / cells_of(tok[0], cells)))
            lines.append(tok[:n])
            tok, tw, limit = tok[n:], cells_of(tok[n:], cells), float(width)
        cur, w = tok, tw
    if cur:
        lines.append(cur)
    out: list[str] = []
    for ln in lines:  # never leave a line of white space only
        if out and (not ln.strip() or not out[-1].strip()):
            out[-1] += ln
        else:
            out.append(ln)
    return out or [text]


def break_two(text: str) -> list[str]:
    """Break a long headline in two: at a space, comma or bracket near the middle, else in the middle."""
    n = len(text)
    cands = [i for i in range(n // 4, n - n // 4) if text[i] in " \u3000（—《“" or text[i - 1] in "，：、；"]
    i = min(cands, key=lambda j: abs(j - n // 2)) if cands else n // 2
    while not cands and 0 < i < n and text[i - 1 : i + 1].isascii() and text[i - 1 : i + 1].isalnum():
        i += 1
    a, b = text[:i].rstrip(), text[i:].lstrip()
    return [a, b] if a.strip() and b.strip() else [text]
