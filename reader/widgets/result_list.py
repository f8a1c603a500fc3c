"""Search results: title, paper · date · page, the number of hits and highlighted snippets."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Hit, Snippet
from reader.safe import visible_line
from reader.widgets.article_text import STYLE_HIT, date_label, page_label, styled

MAX_SNIPPETS = 2


def snippet_text(snippet: Snippet) -> Text:
    """One snippet on one line, its highlight spans shown reversed (readable without colour)."""
    flat = snippet.text.replace("\n", " ").replace("\t", " ")
    return styled(flat, snippet.spans, STYLE_HIT)


def hit_prompt(hit: Hit) -> Text:
    """The lines one result shows."""
    text = Text(visible_line(hit.title or "（无题）"), style="bold")
    where = " · ".join(
        p for p in (visible_line(hit.paper), date_label(hit.date), page_label(hit.page, hit.section)) if p
    )
    text.append(f"\n{where} · {hit.hits} hit{'s' if hit.hits != 1 else ''}", style="dim")
    for snippet in hit.snippets[:MAX_SNIPPETS]:
        text.append("\n  ")
        text.append_text(snippet_text(snippet))
    return text


class ResultList(OptionList):
    """The results of a search; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    ResultList { height: 1fr; border: none; padding: 0; }
    ResultList > .option-list--option { padding: 0 1; }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="results_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="results_up"),
        Binding("g,home", "first", "First", show=False, id="results_first"),
        Binding("G,end", "last", "Last", show=False, id="results_last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="results_page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="results_page_up"),
        Binding("enter", "select", "Open", id="results_open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def show_hits(self, hits: list[Hit]) -> None:
        """Replace the results, keeping the cursor on the first."""
        self.hits = list(hits)
        self.clear_options()
        options: list[Option | None] = []
        for index, hit in enumerate(self.hits):
            if index:
                options.append(None)  # a rule between results
            options.append(Option(hit_prompt(hit), id=str(index)))
        self.add_options(options)
        if self.hits:
            self.highlighted = 0

    @property
    def current(self) -> Hit | None:
        """The highlighted result."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.hits[int(option.id)]
