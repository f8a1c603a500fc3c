"""The search input, with the query history on up / down."""

from __future__ import annotations

import re

from textual.binding import Binding
from textual.widgets import Input

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


class HistoryInput(Input):
    """An Input whose up / down walk through past queries (oldest first in ``history``)."""

    BINDINGS = [
        Binding("up", "history(-1)", "Older query", show=False, id="history_older"),
        Binding("down", "history(1)", "Newer query", show=False, id="history_newer"),
    ]

    def __init__(self, history: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history = list(history)
        self._index = len(self.history)
        self._draft = ""

    def validate_value(self, value: str) -> str:
        """Control characters (a pasted escape sequence) never reach the query or the screen."""
        return _CONTROL.sub("", value.replace("\n", " ").replace("\t", " "))

    def remember(self, query: str) -> None:
        """Add a query to the end of the history (once) and reset the walk."""
        query = query.strip()
        if query:
            if query in self.history:
                self.history.remove(query)
            self.history.append(query)
        self._index = len(self.history)

    def action_history(self, step: int) -> None:
        """Show the previous (-1) or next (+1) query; past the newest, the draft being typed."""
        if not self.history:
            return
        if self._index == len(self.history):
            self._draft = self.value
        self._index = max(0, min(len(self.history), self._index + step))
        self.value = self._draft if self._index == len(self.history) else self.history[self._index]
        self.cursor_position = len(self.value)
