"""What kind of miss each gold article the splitter does not find is, on dev or on a rendering.

    python bench/miss_kinds.py dev_paragraphs dev_wrapped wrap_mixed wrap_page_width

Each name is ``dev_<layout>`` (a ../shared/dev layout, its gold file), ``seeds``, or a rendering
of ``bench/score_sets.py`` (a fixed one or a held-out family, drawn as that script draws it, on
the held-out month). For every gold article with no predicted article of the same headline and
body it prints one kind, counted:

- ``title in a body``: no predicted headline holds the gold title, a predicted body does (the
  title read as text: two stories run together);
- ``title nowhere``: no headline or body holds it (read as a caption or furniture);
- ``wrong body``: a headline holds the title, its body holds neither the gold's first nor last
  words (the headline attached to another story);
- ``start missing`` / ``end missing``: the body holds one end of the gold's text but not the
  other (``in headline``: its first words went into the headline, a first paragraph read as a
  subtitle).

For renderings (whose gold knows every line's role) each ``title in a body`` miss is also placed:
what the title's headline stack follows (a story's body, another story's headline stack printed
after that story, a caption, the page's top) and whether the stack stands before or after its own
story. The matching is the shared scorer's, loosened as it is for ``ok`` (white space removed).
Written in the thirty-sixth session from the throwaway scripts that found where the misses of
wrap_mixed and wrap_page_width come from (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import score_sets  # noqa: E402

from reader.split import render  # noqa: E402
from reader.split.staged import split_staged  # noqa: E402

_HEAD_ROLES = ("kicker", "title", "subtitle")


def _plain(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def _headline(a: dict[str, Any]) -> str:
    return _plain(a.get("kicker", "") + a.get("title", "") + a.get("subtitle", ""))


def kind_of(gold: dict[str, Any], articles: list[dict[str, Any]]) -> str:
    """The kind of miss of one gold article against the predicted articles ("ok" when found)."""
    title, starts, ends = _plain(gold.get("title")), _plain(gold.get("starts")), _plain(gold.get("ends"))
    heads = [a for a in articles if title in _headline(a)]
    if not heads:
        in_body = any(title in _plain(a.get("body", "")) for a in articles)
        return "title in a body" if in_body else "title nowhere"
    if any(starts in _plain(a["body"]) and ends in _plain(a["body"]) for a in heads):
        return "ok"
    body = _plain(heads[0]["body"])
    if starts not in body and ends not in body:
        return "wrong body"
    if starts not in body:
        return (
            "start missing (in headline)"
            if starts[:6] and starts[:6] in _headline(heads[0])
            else "start missing"
        )
    return "end missing"


def _place(r: render.Rendered, title: str) -> str | None:
    """Where a rendered article's headline stack stands: what it follows, and before or after its
    story (None when the title's line is not found)."""
    lines = r.lines
    at = next((i for i, gl in enumerate(lines) if gl.label == "title" and _plain(gl.text) in title), None)
    if at is None or not _plain(lines[at].text):
        return None
    art = lines[at].article
    top = at
    while top > 0 and lines[top - 1].label in _HEAD_ROLES and lines[top - 1].article == art:
        top -= 1
    if top == 0:
        follows = "the page's top"
    elif lines[top - 1].label in _HEAD_ROLES:
        follows = "another story's headline"
    else:
        follows = f"a {lines[top - 1].label}"
    body = [k for k, gl in enumerate(lines) if gl.article == art and gl.label == "body"]
    side = "over its story" if not body or body[0] > at else "after its story"
    return f"follows {follows}, {side}"


def _rows(name: str) -> list[tuple[dict[str, Any], str, render.Rendered | None]]:
    """(gold page, page text, rendering or None) of every page of ``name``."""
    shared = render.shared_dir()
    if name == "seeds" or name.startswith("dev_"):
        gold_file = (
            shared / "gold" / "seeds.json" if name == "seeds" else shared / "dev" / f"gold-{name[4:]}.json"
        )
        folder = shared / "seeds" if name == "seeds" else shared / "dev" / name[4:]
        pages = json.loads(gold_file.read_text(encoding="utf-8"))["pages"]
        return [(g, (folder / f).read_text(encoding="utf-8"), None) for f, g in pages.items()]
    if name not in score_sets.VARIANTS and name not in render.FAMILIES:
        raise SystemExit(f"no such set: {name}")
    return [(r.gold, r.text, r) for r in score_sets.rendered(name)]


def main(names: list[str]) -> str:
    lines = []
    for name in names:
        kinds: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for gold, text, r in _rows(name):
            items = [i.to_json() for i in split_staged(text).items]
            arts = [i for i in items if i["kind"] == "article"]
            for g in gold["articles"]:
                if g.get("body_missing"):
                    continue
                k = kind_of(g, arts)
                kinds[k] += 1
                if r is not None and k == "title in a body":
                    places[_place(r, _plain(g.get("title"))) or "not found"] += 1
        total = sum(kinds.values())
        lines.append(f"{name}: {kinds['ok']} of {total} gold articles found")
        lines += [f"  {v:5d}  {k}" for k, v in kinds.most_common() if k != "ok"]
        if places:
            lines.append("  title in a body, where its headline stack stands:")
            lines += [f"  {v:5d}  {k}" for k, v in places.most_common()]
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="+", help="dev_<layout>, seeds, or a rendering of bench/score_sets.py")
    print(main(ap.parse_args().names))
