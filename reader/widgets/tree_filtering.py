"""``f`` in the tree: show only some papers, dates or titles (mixed into the section tree)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.safe import visible_line
from reader.store.tree_filter import TreeFilter, parse_tree_filter
from reader.widgets.prompt import Prompt

if TYPE_CHECKING:
    from textual.app import App

HINT = "Filter the tree: paper:NAME · 2020-05 or 2020-05-01..2020-06 · words in titles (empty: all)"


class TreeFiltering:
    """The tree's filter: ``f`` asks for it, the tree is read again through it (what was open stays open)."""

    tree_filter: TreeFilter
    app: App[Any]

    def action_filter(self) -> None:
        """``f``: narrow the tree (``paper:洛阳 2020-05..2020-06 牡丹``)."""
        self.app.push_screen(
            Prompt(HINT, self.tree_filter.text, "paper:洛阳 2020-05 牡丹"), callback=self.set_filter
        )

    def set_filter(self, text: str | None) -> None:
        """Narrow the tree to what ``text`` keeps (an empty text shows everything again)."""
        if text is None:
            return
        self.tree_filter = parse_tree_filter(text)
        tree: Any = self
        tree.border_title = (
            None if self.tree_filter.empty else visible_line(f"filter: {self.tree_filter.text}")
        )
        tree.set_class(not self.tree_filter.empty, "-filtered")
        tree.reload()
