"""Asked before unsaved changes would be lost: save, discard, or stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmLeave(ModalScreen[str | None]):
    """Dismisses with "save", "discard", or None (stay)."""

    DEFAULT_CSS = """
    ConfirmLeave { align: center middle; }
    ConfirmLeave > Vertical { width: 60; max-width: 95%; height: auto; border: round $warning; background: $surface; padding: 0 1; }
    """

    BINDINGS = [
        Binding("w,s", "dismiss('save')", "Save", id="leave_save"),
        Binding("d", "dismiss('discard')", "Discard", id="leave_discard"),
        Binding("escape,c", "dismiss(None)", "Stay", id="leave_stay"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """What would be lost, and the three keys."""
        with Vertical():
            yield Static(f"{self.what} has unsaved changes.", markup=False)
            yield Static("w save · d discard · Esc stay", markup=False)
        yield Footer()
