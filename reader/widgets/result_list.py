"""Search results: title, paper · date · page, the number of hits and highlighted snippets."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Hit, Snippet
from reader.safe import visible_line
from reader.text.labels import date_label, page_label
from reader.widgets.article_text import STYLE_HIT, styled

MAX_SNIPPETS = 2


def snippet_text(snippet: Snippet, cells: int | None = None) -> Text:
    """One snippet on one line, its highlights reversed (readable without colour).

    With ``cells``, a window of the snippet that fits, opening a little before its first highlight.
    """
    flat = snippet.text.replace("\n", " ").replace("\t", " ")
    spans = list(snippet.spans)
    if cells is None or cell_len(flat) <= cells:
        return styled(flat, spans, STYLE_HIT)
    first = min((s for s, _ in spans), default=0)
    start = first
    lead = cells // 4
    while start > 0 and cell_len(flat[start - 1 : first]) <= lead:
        start -= 1
    end = start
    budget = cells - 2  # room for the two ellipses
    while end < len(flat) and cell_len(flat[start : end + 1]) <= budget:
        end += 1
    window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]
    text = Text("…" if start > 0 else "")
    text.append_text(styled(flat[start:end], window, STYLE_HIT))
    if end < len(flat):
        text.append("…")
    return text


def hit_prompt(hit: Hit, width: int | None = None) -> Text:
    """The lines one result shows."""
    text = Text(visible_line(hit.title or "（无题）"), style="bold")
    where = " · ".join(
        p for p in (visible_line(hit.paper), date_label(hit.date), page_label(hit.page, hit.section)) if p
    )
    text.append(f"\n{where} · {hit.hits} hit{'s' if hit.hits != 1 else ''}", style="dim")
    if hit.places:
        text.append(" · " + "/".join(hit.places), style="dim")
    for snippet in hit.snippets[:MAX_SNIPPETS]:
        text.append("\n  ")
        text.append_text(snippet_text(snippet, width - 2 if width else None))
    return text


class ResultList(OptionList):
    """The results of a search; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    ResultList, ResultList:focus { height: 1fr; border: none; padding: 0; }
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
            options.append(Option(hit_prompt(hit, self._line_width()), id=str(index)))
        self.add_options(options)
        if self.hits:
            self.highlighted = 0

    def add_hits(self, hits: list[Hit]) -> None:
        """Append the next page of results, the cursor where it is."""
        options: list[Option | None] = []
        for hit in hits:
            if self.hits:
                options.append(None)
            self.hits.append(hit)
            options.append(Option(hit_prompt(hit, self._line_width()), id=str(len(self.hits) - 1)))
        self.add_options(options)

    def _line_width(self) -> int | None:
        """Cells a snippet line may take (the option's padding and the scrollbar aside)."""
        width = self.scrollable_content_region.width or self.app.size.width
        return max(width - 3, 10)

    @property
    def current(self) -> Hit | None:
        """The highlighted result."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.hits[int(option.id)]
