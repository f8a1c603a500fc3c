"""Score the splitter on the dev pages changed in ways real archives vary: a probe of generality.

Usage (from the repo root, in the venv)::

    python bench/split_probes.py                       # every probe, every layout
    python bench/split_probes.py --probes traditional,setext --layouts markdown

Each probe rewrites all 200 pages of a ../shared/dev layout (and the gold where the probe changes
words a gold entry quotes) and scores the split with the shared scorer's own matching rules, beside
the page as it is. No probe is a training family: these are kinds of page the model never saw.

- ``traditional``: simplified characters written traditional (the inverse of the fold map).
- ``ascii_punct``: ，。；：？！（） set as ASCII marks, as OCR output often is.
- ``setext``: markdown ``## 标题`` written as ``标题`` underlined with ``=====``.
- ``byline_lines``: a made-up byline line (本报记者 王小明 李华) under every headline stack.
- ``turn_lines``: （下转第N版） after every other story's last line.
- ``fullwidth_digits``: ASCII digits written full-width.
- ``header``: a masthead line (人民日报  2019年2月1日  星期五  第3版) over the page, as PDF text opens.
- ``no_blanks``: every blank line taken out.
- ``indented``: every line but the headlines' indented with 　　 (a printed page's paragraphs).
- ``flush_subheads``: the same, but short lines that end no sentence (subheads) left flush, as
  papers print them.
- ``first_indent``: each paragraph's first line indented with 　　 and the paragraph wrapped
  again, so that line holds two characters less, as printed columns and PDF text set them.
- ``bom``: a byte-order mark in front of the page (a file joined to another with ``cat`` keeps it).
- ``zero_width``: a zero-width space in front of every line, as pages saved from the web carry.
- ``ocr_spaces``: a space after one character in twenty (drawn with the page's length as seed),
  as OCR output and some PDF tools set them between Chinese characters.
- ``entities``: the ``indented`` page as a web page's text saved it: each indent ``&nbsp;`` four
  times, quotes ``&ldquo;`` / ``&rdquo;``, dashes ``&mdash;``, ``&amp;`` for &.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from typing import Any

Gold = dict[str, Any]

_HALF = str.maketrans(
    {"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"}
)
_FULL_DIGITS = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
BYLINE = "本报记者  王小明  李华"


def _to_traditional() -> dict[int, int]:
    from reader.tokens import _fold_map

    out: dict[int, int] = {}
    for trad, simp in _fold_map().items():
        out.setdefault(simp, trad)
    return out


def _byline_lines(text: str, gold: Gold) -> str:
    last = {re.sub(r"\s", "", a.get("subtitle") or a["title"]) for a in gold["articles"]}
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if re.sub(r"\s", "", line.lstrip("#")) in last:
            out += ([""] if i + 1 < len(lines) and not lines[i + 1].strip() else []) + [BYLINE]
    return "\n".join(out)


def _turn_lines(text: str, gold: Gold) -> str:
    ends = {re.sub(r"\s", "", a["ends"]) for a in gold["articles"] if a.get("ends")}
    out: list[str] = []
    k = 0
    for line in text.split("\n"):
        out.append(line)
        if any(re.sub(r"\s", "", line).endswith(e) for e in ends):
            k += 1
            if k % 2:
                out.append(f"（下转第{k % 9 + 2}版）")
    return "\n".join(out)


HEADER = "人民日报  2019年2月1日  星期五  第3版"
_ENDS = re.compile(r"[。！？”」』）)…]$")


def _headline_texts(gold: Gold) -> set[str]:
    return {
        re.sub(r"\s", "", a[k]) for a in gold["articles"] for k in ("kicker", "title", "subtitle") if a.get(k)
    }


def _indented(text: str, gold: Gold, flush_subheads: bool = False) -> str:
    heads = _headline_texts(gold)
    out = []
    for line in text.split("\n"):
        s = re.sub(r"\s", "", line.lstrip("#"))
        head = any(s in h for h in heads) if s else True
        sub = flush_subheads and len(s) <= 25 and not _ENDS.search(s)
        out.append(line if head or sub or line.startswith("#") else "\u3000\u3000" + line)
    return "\n".join(out)


def _first_indent(text: str, gold: Gold) -> str:
    """Each paragraph's first line indented with 　　, the paragraph wrapped again at its own width
    so the indented line holds two characters less (as a printed column sets it); headlines flush.
    On a page of one paragraph a line this is ``indented``."""
    heads = _headline_texts(gold)
    out: list[str] = []
    end = text[len(text.rstrip("\n")) :]
    for block in text.rstrip("\n").split("\n\n"):
        lines = block.split("\n")
        k = 0
        while (
            k < len(lines) and (s := re.sub(r"\s", "", lines[k].lstrip("#"))) and any(s in h for h in heads)
        ):
            k += 1
        body = lines[k:]
        if not body or not body[0].strip() or body[0].startswith("#"):
            out.append(block)
            continue
        width = max(len(x) for x in body)
        joined = "".join(body)
        if len(body) < 2 or width < 6:
            rows = [joined]
        else:
            first = width - 2
            rows = [joined[:first], *(joined[j : j + width] for j in range(first, len(joined), width))]
        out.append("\n".join([*lines[:k], "\u3000\u3000" + rows[0], *rows[1:]]))
    return "\n\n".join(out) + end


def _setext(text: str, gold: Gold) -> str:
    return re.sub(r"(?m)^## (.+)$", lambda m: m.group(1) + "\n" + "=" * max(3, len(m.group(1))), text)


def _ocr_spaces(text: str, gold: Gold) -> str:
    rng = random.Random(len(text))
    return "".join(c + (" " if c.strip() and rng.random() < 0.05 else "") for c in text)


_ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "&": "&amp;"}


def _entities(text: str, gold: Gold) -> str:
    out = "".join(_ENTITIES.get(c, c) for c in _indented(text, gold))
    return out.replace("\u3000\u3000", "&nbsp;" * 4)


def probes() -> dict[str, tuple[Callable[[str, Gold], str], Callable[[str], str] | None]]:
    """name -> (rewrite a page's text given its gold, rewrite the gold's text or None)."""
    trad = _to_traditional()
    return {
        "traditional": (lambda t, g: t.translate(trad), lambda s: s.translate(trad)),
        "ascii_punct": (lambda t, g: t.translate(_HALF), lambda s: s.translate(_HALF)),
        "setext": (_setext, None),
        "byline_lines": (_byline_lines, None),
        "turn_lines": (_turn_lines, None),
        "fullwidth_digits": (lambda t, g: t.translate(_FULL_DIGITS), lambda s: s.translate(_FULL_DIGITS)),
        "header": (lambda t, g: HEADER + "\n" + t, None),
        "no_blanks": (lambda t, g: re.sub(r"\n\s*\n", "\n", t), None),
        "indented": (_indented, None),
        "flush_subheads": (lambda t, g: _indented(t, g, flush_subheads=True), None),
        "first_indent": (_first_indent, None),
        "bom": (lambda t, g: "\ufeff" + t, None),
        "zero_width": (lambda t, g: "\n".join("\u200b" + ln if ln else ln for ln in t.split("\n")), None),
        "ocr_spaces": (_ocr_spaces, None),
        "entities": (_entities, None),
    }


def main() -> None:
    """Command line."""
    from reader.split import render, train
    from reader.split.staged import split_staged

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--probes", default=",".join(probes()))
    ap.add_argument("--layouts", default="paragraphs,markdown,wrapped")
    args = ap.parse_args()
    shared = render.shared_dir()
    scorer = train._scorer(shared)
    table = probes()
    print("| layout | as it is | " + " | ".join(args.probes.split(",")) + " |")
    print("|---" * (2 + len(args.probes.split(","))) + "|")
    for layout in args.layouts.split(","):
        gold = json.loads((shared / "dev" / f"gold-{layout}.json").read_text(encoding="utf-8"))
        pages = {n: (shared / "dev" / layout / n).read_text(encoding="utf-8") for n in sorted(gold["pages"])}
        cells = []
        for name in ["", *args.probes.split(",")]:
            rows = []
            for pname, text in pages.items():
                g = gold["pages"][pname]
                if name:
                    change, change_gold = table[name]
                    text = change(text, g)
                    if change_gold is not None:
                        g = json.loads(change_gold(json.dumps(g, ensure_ascii=False)))
                rows.append((g, [i.to_json() for i in split_staged(text).items], text))
            cells.append(f"{train.score(rows, scorer)['f1']:.3f}")
        print(f"| {layout} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
