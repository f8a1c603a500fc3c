"""``:``: a one-line prompt for the date to go to (2020-05-02, 2020-05, 5-2, today, -1 …)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class GoToDateScreen(ModalScreen[str | None]):
    """Ask for a date; dismisses with the text typed (None on Escape)."""

    DEFAULT_CSS = """
    GoToDateScreen { align: center middle; }
    GoToDateScreen > Vertical { width: 60; max-width: 90%; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    GoToDateScreen Input { margin: 0; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="date_cancel")]

    def compose(self) -> ComposeResult:
        """A hint and the input."""
        with Vertical():
            yield Static("Go to date: 2020-05-02 · 2020-05 · 5-2 · today · -1 · +7", markup=False)
            yield Input(placeholder="date", id="date-input", compact=True)

    def on_mount(self) -> None:
        """Type straight away."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: go there."""
        self.dismiss(event.value)
