"""Render newspaper pages with a known gold split from corpus articles (families in render_styles).

Usage: python -m reader.split.render --family F --out DIR [--seed N] [--limit N] [--dates-from FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.split.render_extras import furniture, subhead_text, with_caption
from reader.split.render_styles import (
    FAMILIES,
    FAMILIES_HELDOUT,
    FAMILIES_TRAIN,
    FAMILIES_UNSEEN,
    Style,
    break_two,
    cells_of,
    random_style,
    wrap,
)

__all__ = [
    "FAMILIES",
    "FAMILIES_HELDOUT",
    "FAMILIES_TRAIN",
    "FAMILIES_UNSEEN",
    "LABELS",
    "GoldLine",
    "Rendered",
    "Style",
    "gold_article",
    "load_corpus",
    "oracle_items",
    "random_style",
    "render_page",
    "render_set",
    "write_set",
]

LABELS = ("kicker", "title", "subtitle", "body", "continuation", "furniture", "caption", "subhead")
HEAD_KEYS = ("kicker", "title", "subtitle")
CORPUS_REL = "corpus/people-daily.jsonl.gz"
GAP = re.compile(r"[ \t\r\n]")
_Line = tuple[str, str, int, bool]  # text, label, article, para_start
# An in-article subhead among a story's paragraphs: short, no sentence or clause punctuation, no
# credit. Markdown archives often mark them as they mark headlines (`## `) or a level down.
_SUBHEAD = re.compile(r"^(?![（(]|本报|新华社)[^。！？，；：、）)\s][^。！？，；：、]{2,19}(?<![摄）)—])$")
_SUBHEAD_MARKS = {"h2": "## {}", "h3": "### {}", "bold": "**{}**"}


@dataclass(frozen=True)
class GoldLine:
    """One non-blank line of the rendered text with its role."""

    text: str
    label: str
    article: int
    para_start: bool


@dataclass(frozen=True)
class Rendered:
    """A rendered page: its text, per-line gold and the scorer's gold entry."""

    text: str
    lines: tuple[GoldLine, ...]
    gold: dict


def shared_dir() -> Path:
    """The shared data folder: $PAPER_READER_SHARED, else ``../shared`` beside the repository —
    found from the working directory (an installed package lives far from it), else from this
    file in a source checkout."""
    env = os.environ.get("PAPER_READER_SHARED")
    if env:
        return Path(env)
    candidates = [Path.cwd().parent / "shared", Path(__file__).resolve().parents[2].parent / "shared"]
    return next((c for c in candidates if (c / CORPUS_REL).exists()), candidates[0])


def load_corpus(path: str | Path | None = None) -> list[list[dict]]:
    """Pages of the corpus: lists of article dicts in seq order, pages in (date, page) order."""
    p = Path(path) if path else shared_dir() / CORPUS_REL
    pages: dict[tuple[str, int], list[dict]] = {}
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                pages.setdefault((a["date"], int(a["page"])), []).append(a)
    return [sorted(pages[k], key=lambda a: a["seq"]) for k in sorted(pages)]


def _paras(article: dict) -> list[str]:
    return [p for p in article.get("paragraphs") or [] if p.strip()]


def gold_article(article: dict) -> dict:
    """The scorer's gold entry for one article (mirrors dev gold)."""
    body = GAP.sub("", "".join(_paras(article)))
    g: dict = {
        "kind": "article",
        "title": article.get("title") or "",
        "starts": body[:12],
        "ends": body[-12:],
    }
    for k in ("kicker", "subtitle"):
        if article.get(k):
            g[k] = article[k]
    if not body:
        g["body_missing"] = True
    elif body.endswith("摄") and len(re.sub(r"\s", "", body)) <= 160:
        g["accept_photo"] = True
    return g


def _markup(label: str, text: str, style: Style) -> str:
    if style.layout != "markdown":
        return text
    h = style.md_heading
    if h == "h2" or (h == "title_only" and label == "title"):
        return "## " + text
    if h == "levels":
        return {"kicker": "### ", "title": "# ", "subtitle": "## "}[label] + text
    if h == "bold" and label == "title":
        return f"**{text}**"
    return text


def _headline(article: dict, i: int, style: Style, width: int, rng: random.Random) -> list[_Line | None]:
    out: list[_Line | None] = []
    for key in HEAD_KEYS:
        text = (article.get(key) or "").strip()
        if not text:
            continue
        if style.layout == "wrapped" and style.wrap_headline and cells_of(text, style.wrap_cells) > width:
            parts = wrap(text, width, cells=style.wrap_cells)
        elif key != "subtitle" and len(text) >= 14 and rng.random() < style.break_long_headline:
            parts = break_two(text)
        else:
            parts = [text]
        for part in parts:
            if out and style.blank_between_headline_lines:
                out.append(None)
            out.append((_centred(_markup(key, part, style), style, width), key, i, False))
    return out


def _centred(text: str, style: Style, width: int) -> str:
    """A headline line with leading spaces that centre it on the column (``center_headline``)."""
    if not style.center_headline:
        return text
    pad = max(0, int((width or 30) - cells_of(text, True)) // 2)
    return ("  " * pad if style.center_headline == "ascii" else "　" * pad) + text


def _body(paras: list[str], i: int, style: Style, width: int, rng: random.Random) -> list[_Line | None]:
    out: list[_Line | None] = []
    subs: set[int] = set()
    if style.subheads and len(paras) >= 5 and rng.random() < style.subheads:
        subs = set(rng.sample(range(2, len(paras) - 1), min(3, len(paras) - 3)))
    for k, p in enumerate(paras):
        if out and style.blank_between_paras:
            out.append(None)
        if k in subs:
            mark = _SUBHEAD_MARKS.get(style.mark_subheads, "{}")
            for t in subhead_text(p, rng):
                out += [(mark.format(t), "subhead", i, False), *([None] if style.blank_between_paras else [])]
        if style.mark_subheads and 0 < k < len(paras) - 1 and _SUBHEAD.match(p):
            out.append((_SUBHEAD_MARKS[style.mark_subheads].format(p), "body", i, True))
            continue
        if style.layout == "wrapped":
            first = max(4, width - int(cells_of(style.indent, True) + 0.5))
            chunks = wrap(p, width, first, style.wrap_cells, style.hang_punct, style.squeeze, rng)
        else:
            chunks = [p]
        chunks[0] = ("" if style.drop_indent else style.indent) + chunks[0]
        wrapped = len(chunks)
        stray = wrapped > 1 and rng.random() < style.stray_blank
        cut = rng.randrange(1, wrapped) if stray else -1
        if style.flush_subheads and style.indent and 0 < k < len(paras) - 1 and _SUBHEAD.match(p):
            # Set apart as a subhead is, not as a paragraph: one flush line (after the draws a
            # paragraph makes, so that the rest of the page is drawn as it would be without).
            chunks, cut = [p], -1
        for k, c in enumerate(chunks):
            if k == cut:
                out.append(None)
            out.append((c, "body", i, k == 0))
        if wrapped == 1 and not style.blank_between_paras and rng.random() < style.stray_blank:
            out.append(None)
    return out


def render_page(articles: list[dict], style: Style, rng: random.Random) -> Rendered:
    """Render one page's articles in a style; deterministic given the rng."""
    page = int(articles[0].get("page", 1)) if articles else 1
    top, bottom = furniture(articles, style, rng) if articles else ([], [])
    up = page > 1 and rng.random() < style.continuation
    down = rng.random() < style.continuation
    gap: list[_Line | None] = [None] * style.blank_between_articles
    seq: list[_Line | None] = []
    photos: list[dict] = []
    for s in top:
        seq += [(s, "furniture", -1, False), *gap[:1]]
    wrapped = style.layout == "wrapped"
    page_width = rng.randint(style.width_lo, style.width_hi) if wrapped else 0
    for i, a in enumerate(articles):
        per_article = wrapped and style.width_per_article
        width = rng.randint(style.width_lo, style.width_hi) if per_article else page_width
        head = _headline(a, i, style, width, rng)
        paras = _paras(a)
        body = _body(paras, i, style, width, rng)
        sep: list[_Line | None] = [None] if style.blank_between_paras else []
        if paras and up and i == 0:
            body = [(f"（上接第{rng.randint(1, page - 1)}版）", "continuation", i, False), *sep, *body]
        if paras and down and i == len(articles) - 1:
            body = [*body, *sep, (f"（下转第{page + rng.randint(1, 4)}版）", "continuation", i, False)]
        after = style.headline_pos == "after" or (style.headline_pos == "mixed" and rng.random() < 0.5)
        mid: list[_Line | None] = [None] if style.blank_after_headline and head and body else []
        block = [*body, *mid, *head] if after else [*head, *mid, *body]
        if style.captions and paras and rng.random() < style.captions:
            block = with_caption(block, paras, len(photos), style, width, rng, photos)
        seq += (gap if i else []) + block
    if bottom:
        seq += gap[:1] + [(s, "furniture", -1, False) for s in bottom]
    out_lines: list[str] = []
    gold: list[GoldLine] = []
    for item in seq:
        if item is None:
            if out_lines and (out_lines[-1] or style.blank_between_articles > 1):
                out_lines.append("")
            continue
        text, label, art, start = item
        if rng.random() < style.trailing_space:
            text += " "
        out_lines.append(text)
        gold.append(GoldLine(text, label, art, start))
    while out_lines and not out_lines[-1]:
        out_lines.pop()
    layout = {"layout": style.layout, "articles": [gold_article(a) for a in articles] + photos}
    return Rendered("\n".join(out_lines) + "\n", tuple(gold), layout)


def page_name(articles: list[dict], style: Style) -> str:
    """The page's file name, e.g. 20190201-11.txt (.md for markdown)."""
    a = articles[0]
    ext = ".md" if style.layout == "markdown" else ".txt"
    return f"{a['date'].replace('-', '')}-{int(a['page']):02d}{ext}"


def render_set(pages: Iterable[list[dict]], family: str, seed: int) -> list[tuple[str, Rendered]]:
    """Render pages in a family; each page's rng depends only on (family, seed, date, page)."""
    out = []
    for arts in pages:
        if not arts:
            continue
        rng = random.Random(f"{family}:{seed}:{arts[0]['date']}:{arts[0]['page']}")
        style = random_style(rng, family)
        out.append((page_name(arts, style), render_page(arts, style, rng)))
    return out


def write_set(out_dir: Path, pages: Iterable[list[dict]], family: str, seed: int) -> Path:
    """Write page files and gold-<family>.json (scorer format) to out_dir; return the gold path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gold = {}
    for name, r in render_set(pages, family, seed):
        (out_dir / name).write_bytes(r.text.encode("utf-8"))
        gold[name] = r.gold
    path = out_dir / f"gold-{family}.json"
    path.write_text(
        json.dumps({"version": 1, "pages": gold}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path


def _clean_head(s: str) -> str:
    s = re.sub(r"^#+\s*", "", s.strip())
    return s[2:-2] if s.startswith("**") and s.endswith("**") else s


def oracle_items(r: Rendered) -> list[dict]:
    """The true split of a rendered page as splitter output items (JSONL objects for the scorer)."""
    items: list[dict] = []
    arts: dict[int, dict] = {}
    for ln in r.lines:
        if ln.label == "caption":
            if items and items[-1].get("_n") == ln.article:
                items[-1]["caption"] += ln.text.strip()
            else:
                items.append({"kind": "photo", "caption": ln.text.strip(), "_n": ln.article})
            continue
        if ln.article < 0:
            items.append({"kind": "furniture", "text": ln.text.strip()})
            continue
        a = arts.setdefault(
            ln.article, {"kind": "article", "kicker": "", "title": "", "subtitle": "", "paras": []}
        )
        a.setdefault("raw", []).append(ln.text)
        if ln.label in HEAD_KEYS:
            a[ln.label] += _clean_head(ln.text)
        elif ln.label == "continuation":
            a.setdefault("notes", []).append(ln.text.strip())
        elif ln.para_start or ln.label == "subhead" or not a["paras"]:
            a["paras"].append(ln.text.strip())
        else:
            a["paras"][-1] += ln.text.strip()
    for it in items:
        it.pop("_n", None)
    for k in sorted(arts):
        a = arts[k]
        a["body"] = "\n".join(a.pop("paras"))
        items.append(a)
    return items


def _select(pages: list[list[dict]], spec: Path) -> list[list[dict]]:
    keys = {ln.strip().replace("-", "") for ln in spec.read_text(encoding="utf-8").splitlines() if ln.strip()}
    keys = {k.rsplit(".", 1)[0] for k in keys}
    out = []
    for arts in pages:
        day = arts[0]["date"].replace("-", "")
        if day in keys or f"{day}{int(arts[0]['page']):02d}" in keys:
            out.append(arts)
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: render a family's pages and gold into a folder."""
    ap = argparse.ArgumentParser(prog="python -m reader.split.render", description=__doc__)
    ap.add_argument("--family", required=True, choices=sorted(FAMILIES))
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="render at most N pages")
    ap.add_argument("--dates-from", type=Path, help="file of dates (2019-02-01) or page names (20190201-11)")
    ap.add_argument("--corpus", type=Path, default=None)
    a = ap.parse_args(argv)
    pages = load_corpus(a.corpus)
    if a.dates_from:
        pages = _select(pages, a.dates_from)
    if a.limit:
        pages = pages[: a.limit]
    gold = write_set(a.out, pages, a.family, a.seed)
    print(f"{len(pages)} pages -> {a.out} ({gold.name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
