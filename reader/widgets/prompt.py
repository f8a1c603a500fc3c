"""A one-line prompt over the screen (find in the article, filter the tree): Enter gives the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class Prompt(ModalScreen[str | None]):
    """Ask for one line; dismisses with the text typed (None on Escape)."""

    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical { width: 64; max-width: 95%; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    Prompt Input { margin: 0; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt_cancel")]

    def __init__(self, hint: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.hint = hint
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """A hint and the input (holding the last value, to edit or clear)."""
        with Vertical():
            yield Static(self.hint, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", compact=True)

    def on_mount(self) -> None:
        """Type straight away."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: done."""
        event.stop()
        self.dismiss(event.value)
