"""The help screen: every binding, built from the bindings' own declarations and the user's keymap."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


def binding_rows(owner: type, keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, description, id) for each binding ``owner`` declares itself, one row per id, keymap applied."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in owner.__dict__.get("BINDINGS", []):
        if not isinstance(binding, Binding):
            continue
        key_id = binding.id or binding.action
        keys = keymap.get(binding.id or "", binding.key)
        rows[key_id] = ([k.strip() for k in keys.split(",") if k.strip()], binding.description)
    return [
        (" ".join(_display(k) for k in keys), description, key_id)
        for key_id, (keys, description) in rows.items()
    ]


_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "space": "space",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "shift+tab": "shift+tab",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "colon": ":",
    "enter": "Enter",
}


def key_names(keys: str) -> str:
    """A binding's keys as a person types them: ``right_square_bracket,f5`` -> ``] f5``."""
    return " ".join(_display(k.strip()) for k in keys.split(",") if k.strip())


def _display(key: str) -> str:
    return _NAMES.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Keys by where they apply; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 80; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help_close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help_up"),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False, id="help_page_down"),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id="help_page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help_top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help_bottom"),
    ]

    def __init__(self, sections: list[tuple[str, type]], keymap: dict[str, str]) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        """One table per place the keys apply."""
        with VerticalScroll():
            yield Static(Text("Keys  (remap them by id in config.toml, [keymap])", style="bold"))
            for title, owner in self.sections:
                table = Table(
                    title=title,
                    title_justify="left",
                    title_style="bold",
                    show_header=False,
                    box=None,
                    padding=(0, 1),
                    expand=False,
                )
                table.add_column("keys", style="bold", no_wrap=True, min_width=12)
                table.add_column("what")
                table.add_column("id", style="dim")
                for keys, description, key_id in binding_rows(owner, self.keymap):
                    table.add_row(keys, description, key_id)
                yield Static(table)
        yield Footer()

    def action_scroll(self, direction: str) -> None:
        """j / k, space / b, g / G scroll the help (at once, so a burst of keys adds up)."""
        scroll = self.query_one(VerticalScroll)
        page = scroll.scrollable_content_region.height
        target = {
            "down": scroll.scroll_y + 1,
            "up": scroll.scroll_y - 1,
            "page_down": scroll.scroll_y + page,
            "page_up": scroll.scroll_y - page,
            "home": 0,
            "end": scroll.max_scroll_y,
        }[direction]
        scroll.scroll_to(y=target, animate=False, immediate=True)
