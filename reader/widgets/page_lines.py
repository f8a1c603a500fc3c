"""The page view's body: a page's raw lines, one a row, with line numbers, a one-letter role gutter,
a rule between articles (number, kind, confidence, title) and a cursor that reads without colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.safe import visible_line
from reader.widgets.review_draft import Draft

_CURSOR = Style(reverse=True)
_RULE = Style(bold=True)
_MUTED = Style(dim=True)
_ROLE = Style(bold=True)


class PageLines(ScrollView, can_focus=True):
    """Rows of a Draft: rules between items and raw lines; ``cursor`` is a raw line (1-based)."""

    DEFAULT_CSS = """
    PageLines { height: 1fr; overflow-x: hidden; }
    """

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="page_view_down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="page_view_up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="page_view_page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="page_view_page_up"),
        Binding("g,home", "edge(-1)", "First line", show=False, id="page_view_top"),
        Binding("G,end", "edge(1)", "Last line", show=False, id="page_view_bottom"),
    ]

    class Moved(Message):
        """The cursor moved to another raw line."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft: Draft | None = None
        self.labels: dict[tuple[int, int], tuple[str, str, float | None]] = {}
        self.cursor = 1
        self._rows: list[tuple[str, int]] = []  # ("rule", item index) or ("line", raw line)

    def show(
        self,
        draft: Draft,
        items: Sequence[Any],
        owner: Sequence[int | None],
        cursor: int = 1,
    ) -> None:
        """Show ``draft``; ``items`` (stored, with ``owner`` per line) give each span's kind and confidence."""
        self.draft = draft
        self.labels = {}
        for k, item in enumerate(items):
            own = [i + 1 for i, o in enumerate(owner) if o == k]
            if own:
                first = own[0]
                span = (first, draft.span(draft.item_of(first))[1])
                self.labels[span] = (item.kind, item.label, item.confidence)
        self.cursor = max(1, min(cursor, len(draft.lines)))
        self.rebuild()
        self.call_after_refresh(self.scroll_to_cursor)

    def rebuild(self) -> None:
        """Lay the rows out again after the draft changed."""
        draft = self.draft
        self._rows = []
        if draft is None:
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        starts = set(draft.starts)
        for n in range(1, len(draft.lines) + 1):
            if n in starts:
                self._rows.append(("rule", draft.item_of(n)))
            self._rows.append(("line", n))
        self.virtual_size = Size(0, len(self._rows))
        self.refresh()

    def row_of(self, line: int) -> int:
        """The row a raw line is drawn on."""
        return next((y for y, (kind, n) in enumerate(self._rows) if kind == "line" and n == line), 0)

    def rule_text(self, k: int) -> tuple[str, str]:
        """Item ``k``'s rule: its number, kind and confidence (or "edited"), and its label."""
        draft = self.draft
        assert draft is not None
        span = draft.span(k)
        kind, label, confidence = self.labels.get(span, ("", "", None))
        if not kind:
            return f"── {k + 1} · edited ", ""
        conf = f"{confidence:.2f}" if confidence is not None else "?"
        return f"── {k + 1} · {kind} · {conf} ", visible_line(label)

    def render_line(self, y: int) -> Strip:
        """One row: a rule, or ``▶ 123 T│text``."""
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if self.draft is None or row >= len(self._rows):
            return Strip.blank(width, Style())
        kind, n = self._rows[row]
        if kind == "rule":
            head, label = self.rule_text(n)
            segments = [Segment(head, _RULE), Segment(label + " ", _MUTED), Segment("─" * width, _MUTED)]
            return Strip(segments).crop_extend(0, width, Style())
        mine = n == self.cursor
        role = self.draft.roles[n - 1]
        style = _CURSOR if mine else Style()
        segments = [
            Segment(("▶" if mine else " ") + f"{n:>4} ", style),
            Segment(role if role != "." else " ", _ROLE + style),
            Segment("│", style),
            Segment(visible_line(self.draft.lines[n - 1]), style),
        ]
        strip = Strip(segments)
        return strip.crop_extend(0, width, style)

    def scroll_to_cursor(self) -> None:
        """Keep the cursor's row (and the rule above it, when there is one) in sight."""
        row = self.row_of(self.cursor)
        top = row - 1 if row and self._rows[row - 1][0] == "rule" else row
        height = max(1, self.scrollable_content_region.height)
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif row >= self.scroll_offset.y + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def move_to(self, line: int) -> None:
        """Put the cursor on raw line ``line``."""
        if self.draft is None:
            return
        self.cursor = max(1, min(line, len(self.draft.lines)))
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.Moved(self.cursor))

    def action_move(self, step: int) -> None:
        """j / k: the next or previous line."""
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        """Space / b: a screen's worth of lines on or back."""
        self.move_to(self.cursor + step * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, step: int) -> None:
        """g / G: the first or last line."""
        self.move_to(1 if step < 0 else 10**9)
