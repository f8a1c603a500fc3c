"""The role picker of the page view (``r``): one letter sets the cursor line's role."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.text.roles import ROLE_NAMES, ROLES


class RolePicker(ModalScreen[str | None]):
    """Dismisses with the role letter pressed (K T S B D P H C F, either case), or None."""

    DEFAULT_CSS = """
    RolePicker { align: center middle; }
    RolePicker > Vertical { width: 34; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="role_cancel"),
        *(
            Binding(
                f"{r.lower()},{r}", f"dismiss('{r}')", ROLE_NAMES[r].capitalize(), show=False, id=f"role_{r}"
            )
            for r in ROLES
        ),
    ]

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        """The letters and what they mean."""
        with Vertical():
            yield Static(f"Role of line {self.line}:", markup=False)
            for r in ROLES:
                yield Static(f"  {r}  {ROLE_NAMES[r]}", markup=False)
            yield Static("  Escape  cancel", markup=False)
