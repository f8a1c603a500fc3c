"""Raw lines <-> split items: which item and role each raw line of a page has, and items rebuilt
from lines and roles (what a user's correction decides).

Roles are one letter each, so they read without colour: K kicker, T title, S subtitle, B byline,
D dateline lead, P body, H subhead, C caption, F furniture ("." a blank line or no item's line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.models import Item
from reader.text.decode import INVISIBLE_CHARS, unescape_entities

ROLES = "KTSBDPHCF"
ROLE_NAMES = {
    "K": "kicker",
    "T": "title",
    "S": "subtitle",
    "B": "byline",
    "D": "dateline lead",
    "P": "body",
    "H": "subhead",
    "C": "caption",
    "F": "furniture",
}
_NAMES_TO_ROLES = {v: k for k, v in ROLE_NAMES.items()} | {"dateline": "D", "lead": "D"}

# Invisible characters (reader.text.decode.INVISIBLE_CHARS) count as white space: the splitter drops them.
_MARKUP = re.compile(rf"^[\s{INVISIBLE_CHARS}]*(?:#{{1,6}}\s*|>\s*|[-*+]\s+)")
_SPACE = re.compile(rf"[\s{INVISIBLE_CHARS}]+")
_DATELINE = re.compile(
    r"^(?:本报讯|新华社|中新社|本报[^，。：]{0,16}(?:电|讯))|^[^，。]{0,20}\d{1,2}月\d{1,2}日电"
)
_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")


def role_of(name: str) -> str | None:
    """The letter for a role given by letter or name (``t``, ``title``); None when unknown."""
    name = name.strip()
    if len(name) == 1 and name.upper() in ROLES:
        return name.upper()
    return _NAMES_TO_ROLES.get(name.lower())


def raw_lines(text: str) -> list[str]:
    """A page text's raw lines, as the splitter numbers them (line 1 is ``raw_lines(t)[0]``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def squash(text: str) -> str:
    """A line's text for matching: HTML character references read (as the splitter reads them),
    markdown markers, white space and invisible characters removed."""
    return _SPACE.sub("", _MARKUP.sub("", unescape_entities(text)))


@dataclass(frozen=True)
class LineMap:
    """Each raw line's item (index into the items, None for none) and role letter ("." for none)."""

    owner: tuple[int | None, ...]
    roles: str

    @cached_property
    def _spans(self) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        for i, k in enumerate(self.owner):
            if k is not None:
                spans[k] = (spans[k][0] if k in spans else i + 1, i + 1)
        return spans

    def span(self, k: int) -> tuple[int, int]:
        """Item ``k``'s first and last raw line (1-based), or (0, 0) when it owns none."""
        return self._spans.get(k, (0, 0))

    def item_roles(self, k: int) -> str:
        """Item ``k``'s roles over its span, one letter a line ("." for a line not its own)."""
        first, last = self.span(k)
        if not first:
            return ""
        return "".join(self.roles[i] if self.owner[i] == k else "." for i in range(first - 1, last))


def _fields(item: Item) -> list[tuple[str, str]]:
    """An item's texts in the order they are usually printed, each with its role."""
    if item.kind == "furniture":
        return [("F", squash(item.text))]
    if item.kind == "photo":
        return [("C", squash(item.caption)), ("B", squash(item.credit))]
    out = [("K", squash(item.kicker)), ("T", squash(item.title)), ("S", squash(item.subtitle))]
    out.append(("B", squash(item.byline)))
    subheads = {squash(s) for s in item.subheads}
    for n, para in enumerate(item.paragraphs):
        s = squash(para)
        role = "H" if s in subheads else ("D" if n == 0 and _DATELINE.match(s) else "P")
        out.append((role, s))
    return [(r, t) for r, t in out if t]


class _Cursor:
    """Consumes an item's field texts as its raw lines are read (a wrapped field spans lines)."""

    def __init__(self, item: Item) -> None:
        self.fields = _fields(item)
        self.left = [t for _, t in self.fields]
        self.default = {"furniture": "F", "photo": "C"}.get(item.kind, "P")

    def take(self, s: str) -> str | None:
        """The role of line text ``s`` if this item holds it (consumed), else None."""
        for role, text in self.fields:  # a byline printed in brackets on a line of its own: （涧宣）
            if role == "B" and text in s and len(s) <= len(text) + 4:
                return role
        for k, rest in enumerate(self.left):  # the first field whose remaining text starts with it
            if rest.startswith(s):
                self.left[k] = rest[len(s) :]
                return self.fields[k][0]
        for k, (role, text) in enumerate(self.fields):  # anywhere in a field (printed out of order)
            at = text.find(s)
            if at >= 0:
                if self.left[k].startswith(text[at:]):
                    self.left[k] = self.left[k][len(text) - at :]
                return role
        return None


def map_lines(lines: Sequence[str], items: Sequence[Item]) -> LineMap:
    """Which item and role each raw line has: from the items' ``lines`` spans when they carry them,
    else by finding each line's text in the items in reading order."""
    owner: list[int | None] = [None] * len(lines)
    roles = ["."] * len(lines)
    cursors = [_Cursor(item) for item in items]
    spanned = bool(items) and all(item.lines != (0, 0) for item in items)
    if spanned:
        for k, item in enumerate(items):
            first, last = item.lines
            for i in range(max(first, 1) - 1, min(last, len(lines))):
                if lines[i].strip() and owner[i] is None:
                    owner[i] = k
    at = 0
    for i, line in enumerate(lines):
        s = squash(line)
        if not s:
            continue
        if spanned:
            mine = owner[i]
            if mine is not None:
                roles[i] = cursors[mine].take(s) or cursors[mine].default
            continue
        # Unspanned (an older split): the current item, then the ones after, then any before.
        order = [*range(at, len(items)), *range(0, at)]
        for k in order:
            role = cursors[k].take(s)
            if role is not None:
                owner[i], roles[i], at = k, role, k
                break
        else:
            if items:
                owner[i], roles[i] = at, cursors[at].default
    return LineMap(tuple(owner), "".join(roles))


def _join(parts: list[str], brackets: bool = False) -> str:
    out = ""
    for part in parts:
        part = _MARKUP.sub("", part).strip()
        if brackets:
            part = part.strip("（）()【】[] 　")
        if not part:
            continue
        gap = " " if out and _ASCII_END.search(out) and _ASCII_START.match(part) else ""
        out += gap + part
    return out


def build_item(lines: Sequence[str], roles: str, confidence: float = 1.0, first: int = 1) -> Item:
    """The item that raw ``lines`` (numbered from ``first``) with these role letters make.

    All furniture lines make furniture; caption lines (with an optional byline as the credit) make a
    photo; anything else is an article. Body lines join into paragraphs that break at a blank line,
    an indented line, or a change of role; each subhead block is a paragraph and a subhead.
    """
    pairs = [(ln, r) for ln, r in zip(lines, roles, strict=False) if ln.strip() and r in ROLES]
    span = (first, first + len(lines) - 1)
    used = {r for _, r in pairs}
    if used and used <= {"F"}:
        return Item(kind="furniture", text=_join([ln for ln, _ in pairs]), confidence=confidence, lines=span)
    if "C" in used and used <= {"C", "B"}:
        caption = _join([ln for ln, r in pairs if r == "C"])
        credit = _join([ln for ln, r in pairs if r == "B"], brackets=True)
        return Item(kind="photo", caption=caption, credit=credit, confidence=confidence, lines=span)
    heads: dict[str, list[str]] = {r: [] for r in "KTSB"}
    paragraphs: list[tuple[str, list[str]]] = []
    previous = "."
    blank_before = False
    for line, role in zip(lines, roles, strict=False):
        if not line.strip() or role not in ROLES:
            blank_before = True
            continue
        if role in heads:
            heads[role].append(line)
        else:
            kind = "H" if role == "H" else "P"
            indented = line[:1].isspace() or line.startswith("　")
            fresh = previous != role or blank_before or (kind == "P" and indented)
            if fresh or kind == "H" or not paragraphs:
                paragraphs.append((kind, [line]))
            else:
                paragraphs[-1][1].append(line)
        previous, blank_before = role, False
    body = [(kind, _join(part)) for kind, part in paragraphs]
    body = [(kind, text) for kind, text in body if text]
    return Item(
        kind="article",
        kicker=_join(heads["K"]),
        title=_join(heads["T"]),
        subtitle=_join(heads["S"]),
        byline=_join(heads["B"], brackets=True),
        subheads=tuple(text for kind, text in body if kind == "H"),
        body="\n".join(text for _, text in body),
        confidence=confidence,
        lines=span,
    )
