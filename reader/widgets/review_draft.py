"""A page's split being reviewed: where items start and each raw line's role, with undo.

No Textual here: the page view edits a Draft and shows it; save hands its starts and roles to
``reader.ingest.corrections.correct_page``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

HEADLINE = frozenset("KTS")


class DraftError(ValueError):
    """An edit that cannot be made here; the message says why, in one line."""


@dataclass
class Draft:
    """Starts (1-based raw line numbers of each item's first line) and one role letter per line."""

    lines: tuple[str, ...]
    starts: list[int]
    roles: list[str]
    history: list[tuple[list[int], list[str]]] = field(default_factory=list)

    @classmethod
    def from_page(cls, lines: Sequence[str], owner: Sequence[int | None], roles: str) -> Draft:
        """The draft of a page as stored: an item starts where a line's owner changes."""
        starts: list[int] = []
        last: int | None = None
        for i, o in enumerate(owner):
            if o is not None and o != last:
                starts.append(i + 1)
                last = o
        if not starts:
            starts = [1]
        first_text = next((i + 1 for i, ln in enumerate(lines) if ln.strip()), 1)
        starts[0] = min(starts[0], first_text)
        return cls(tuple(lines), starts, list(roles))

    @property
    def dirty(self) -> bool:
        """Whether anything was changed since loading (or since the last save)."""
        return bool(self.history)

    def item_of(self, line: int) -> int:
        """The index of the item raw ``line`` (1-based) belongs to."""
        k = 0
        for n, s in enumerate(self.starts):
            if s <= line:
                k = n
        return k

    def span(self, k: int) -> tuple[int, int]:
        """Item ``k``'s first and last raw line."""
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.lines)
        return self.starts[k], end

    def _text(self, line: int) -> bool:
        return bool(self.lines[line - 1].strip())

    def _push(self) -> None:
        self.history.append((list(self.starts), list(self.roles)))

    def undo(self) -> bool:
        """Take back the last edit; whether there was one."""
        if not self.history:
            return False
        self.starts, self.roles = self.history.pop()
        return True

    def new_article(self, line: int) -> None:
        """Start a new item at ``line``."""
        if line in self.starts:
            raise DraftError(f"an article starts at line {line} already")
        if not self._text(line):
            raise DraftError("an article cannot start at a blank line")
        if line < self.starts[0]:
            raise DraftError("no line before the first article")
        self._push()
        self.starts = sorted([*self.starts, line])

    def join_previous(self, line: int) -> None:
        """Join the item ``line`` is in to the one before it."""
        k = self.item_of(line)
        if k == 0:
            raise DraftError("the first article has none before it to join")
        self._push()
        del self.starts[k]

    def set_role(self, line: int, role: str) -> None:
        """Give ``line`` this role letter."""
        if not self._text(line):
            raise DraftError("a blank line takes no role")
        if self.roles[line - 1] == role:
            return
        self._push()
        self.roles[line - 1] = role

    def headline_block(self, line: int) -> tuple[int, int]:
        """The run of kicker/title/subtitle lines around ``line`` (blank lines inside it included)."""
        if self.roles[line - 1] not in HEADLINE:
            raise DraftError("the cursor is not on a headline (kicker, title or subtitle) line")
        first, last = self.span(self.item_of(line))
        a = b = line
        while a - 1 >= first and (self.roles[a - 2] in HEADLINE or not self._text(a - 1)):
            a -= 1
        while b + 1 <= last and (self.roles[b] in HEADLINE or not self._text(b + 1)):
            b += 1
        while not self._text(a):
            a += 1
        while not self._text(b):
            b -= 1
        return a, b

    def move_headline(self, line: int, step: int) -> None:
        """Move the headline block at ``line`` to the next (``step`` 1) or previous (-1) article.

        The block must stand at that edge of its article (as a headline printed after its article's
        body stands at the end of the article before): the boundary moves across it.
        """
        a, b = self.headline_block(line)
        k = self.item_of(line)
        first, last = self.span(k)
        if step > 0:
            if k + 1 >= len(self.starts):
                raise DraftError("there is no article after this one")
            if any(self._text(n) for n in range(b + 1, last + 1)):
                raise DraftError("the headline block must end its article to move to the next one")
            if a == first:
                raise DraftError("that would leave this article empty: join it to the next instead")
            self._push()
            self.starts[k + 1] = a
        else:
            if k == 0:
                raise DraftError("there is no article before this one")
            if a != first:
                raise DraftError("the headline block must open its article to move to the previous one")
            rest = next((n for n in range(b + 1, last + 1) if self._text(n)), None)
            if rest is None:
                raise DraftError("that would leave this article empty: join it to the previous instead")
            self._push()
            self.starts[k] = rest

    def decision(self) -> tuple[list[int], dict[int, str]]:
        """The starts and the role of every line with text, for ``correct_page``."""
        roles = {i + 1: r for i, r in enumerate(self.roles) if self.lines[i].strip() and r != "."}
        return list(self.starts), roles

    def saved(self) -> None:
        """Forget the undo history: the draft is now what the store holds."""
        self.history.clear()
