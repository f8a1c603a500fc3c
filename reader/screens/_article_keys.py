"""The open article's keys (``m``, ``B``, ``y``) wherever focus is on a screen that shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from reader.widgets.article_view import SCREEN_WIDE, ArticleView

if TYPE_CHECKING:
    from textual.binding import BindingsMap
    from textual.dom import DOMNode


class ArticleKeys:
    """Mixed into a Screen holding an ArticleView. The view declares ``m``, ``B`` and ``y`` (one id
    each, so one keymap entry remaps them); this lets them act while another widget of the screen
    (the tree) has focus, after that widget's own keys and before the screen's."""

    def widget_bindings(self) -> list[tuple[ArticleView, Binding]]:
        """The view's screen-wide bindings as declared (the palette lists them beside the screen's)."""
        screen: Any = self
        views = list(screen.query(ArticleView))
        if not views:
            return []
        view = views[0]
        return [(view, b) for b in ArticleView.BINDINGS if isinstance(b, Binding) and b.action in SCREEN_WIDE]

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        # Textual's chain runs from the focused widget up through the screen to the app; the view's
        # screen-wide keys go in just above the screen when focus is elsewhere.
        chain: list[tuple[DOMNode, BindingsMap]] = super()._binding_chain  # type: ignore[misc]
        found = self.widget_bindings()
        if not found or any(node is found[0][0] for node, _ in chain):
            return chain
        view = found[0][0]
        wide = view._bindings.copy()
        wide.key_to_bindings = {
            key: kept
            for key, bindings in wide.key_to_bindings.items()
            if (kept := [b for b in bindings if b.action in SCREEN_WIDE])
        }
        keymap = getattr(view.app, "_keymap", None)  # as Textual applies it to the rest of the chain
        if keymap:
            wide.apply_keymap(keymap)
        at = next((i for i, (node, _) in enumerate(chain) if node is self), len(chain))
        return [*chain[:at], (view, wide), *chain[at:]]
