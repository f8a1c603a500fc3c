"""The facets of a search (papers, years, page numbers): Enter narrows the query to the one under the cursor."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.safe import visible_line

_NAMES = {"paper": "报纸", "year": "年份", "page": "版次"}


class FacetScreen(ModalScreen[str | None]):
    """A list of facet values with counts; dismissed with the query word that narrows to one."""

    DEFAULT_CSS = """
    FacetScreen { align: center middle; }
    FacetScreen > OptionList { width: 60; max-height: 80%; border: round $accent; background: $surface; }
    """

    BINDINGS = [Binding("escape,q", "close", "Close", id="facets_close")]

    def __init__(self, facets: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__()
        from reader.search.facets import filter_word

        self.words: list[str | None] = []
        self.labels: list[str] = []
        for name in ("paper", "year", "page"):
            for v in facets.get(name, []):
                value = v["value"]
                shown = "不详" if value is None else (f"第{value}版" if name == "page" else str(value))
                self.labels.append(f"{_NAMES[name]}  {shown}  {v['count']}")
                self.words.append(filter_word(name, value))

    def compose(self) -> ComposeResult:
        """The values."""
        yield OptionList(*[Option(visible_line(label), id=str(i)) for i, label in enumerate(self.labels)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: narrow to this value (an unknown value cannot be asked for: say so)."""
        word = self.words[event.option_index]
        if word is None:
            self.notify("An unknown value cannot be searched for.", severity="warning")
            return
        self.dismiss(word)

    def action_close(self) -> None:
        """Escape: leave the query as it is."""
        self.dismiss(None)
