"""Scrolling that takes effect at once, so each key of a burst scrolls from where the last one left."""

from __future__ import annotations

from typing import Any


class ImmediateScroll:
    """Mixed into a scrollable widget: j/k, space/b, g/G scroll now, not after the next refresh."""

    def _now(self) -> Any:
        return self

    def action_scroll_down(self) -> None:
        """One line down."""
        w = self._now()
        w.scroll_to(y=w.scroll_y + 1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        """One line up."""
        w = self._now()
        w.scroll_to(y=w.scroll_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        """One screenful down."""
        w = self._now()
        w.scroll_to(y=w.scroll_y + w.scrollable_content_region.height, animate=False, immediate=True)

    def action_page_up(self) -> None:
        """One screenful up."""
        w = self._now()
        w.scroll_to(y=w.scroll_y - w.scrollable_content_region.height, animate=False, immediate=True)

    def action_scroll_home(self) -> None:
        """To the top."""
        self._now().scroll_to(y=0, animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """To the bottom."""
        w = self._now()
        w.scroll_to(y=w.max_scroll_y, animate=False, immediate=True)
