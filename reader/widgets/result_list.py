"""Search results: title, paper · date · page, the number of hits and highlighted snippets."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Hit, Snippet
from reader.safe import visible_line
from reader.text.labels import date_label, hit_citation, pages_label
from reader.text.styled import styled
from reader.widgets.article_text import STYLE_HIT

MAX_SNIPPETS = 2


def snippet_text(snippet: Snippet, cells: int | None = None) -> Text:
    """One snippet on one line, its highlights reversed (readable without colour).

    With ``cells``, the window of the snippet that fits in that many cells (ellipses included),
    measured in cells and centred on its first highlight, so the hit is always in view.
    """
    flat = snippet.text.replace("\n", " ").replace("\t", " ")
    spans = list(snippet.spans)
    if cells is None or cell_len(flat) <= cells:
        return styled(flat, spans, STYLE_HIT)
    budget = max(cells - 2, 1)  # room for an ellipsis at each end
    first = min(spans, default=(0, 0))
    start, end = first[0], first[0]
    used = 0
    # The hit first (cut if it alone is too wide), then context on both sides, a little more after it.
    while end < max(first[1], first[0] + 1) and end < len(flat):
        w = cell_len(flat[end])
        if used + w > budget:
            break
        used += w
        end += 1
    grew = True
    while grew:
        grew = False
        for side in ("right", "left", "right"):
            if side == "left" and start > 0:
                w = cell_len(flat[start - 1])
                if used + w <= budget:
                    start, used, grew = start - 1, used + w, True
            elif side == "right" and end < len(flat):
                w = cell_len(flat[end])
                if used + w <= budget:
                    end, used, grew = end + 1, used + w, True
    window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]
    text = Text("…" if start > 0 else "")
    text.append_text(styled(flat[start:end], window, STYLE_HIT))
    if end < len(flat):
        text.append("…")
    return text


def result_title(hit: Hit) -> str:
    """A result's title as the tree names it: a photo (no title) by ［图］ and its caption."""
    if hit.title:
        return hit.title
    caption = hit.snippets[0].text.strip("…").strip() if hit.snippets else ""
    return "［图］" + caption[:60] if caption else "（无题）"


def hit_prompt(hit: Hit, width: int | None = None, query: str = "") -> Text:
    """The lines one result shows, each cut to ``width`` cells: the title (its hits reversed),
    where it stands and how many hits, then the snippets."""
    title = result_title(hit)
    spans: list[tuple[int, int]] = []
    if query:
        from reader.search import highlight

        spans = [(s, e) for s, e, *_ in highlight(title, query)]
    text = styled(title, spans, STYLE_HIT, base="bold")
    where_parts = [
        visible_line(hit.paper),
        date_label(hit.date),
        pages_label(hit.page, hit.section, hit.page_id, hit.other_pages),
    ]
    if hit.hits:  # a query of filters only counts no hits: say nothing rather than "0 hits"
        where_parts.append(f"{hit.hits} hit{'s' if hit.hits != 1 else ''}")
    if hit.places:  # where the terms are: 标题, 正文, 署名, 图片说明, 版面
        where_parts.append("/".join(hit.places))
    where = Text(" · ".join(p for p in where_parts if p), style="dim")
    lines = [text, where]
    for snippet in hit.snippets[:MAX_SNIPPETS]:
        lines.append(Text("  ") + snippet_text(snippet, width - 2 if width else None))
    if width:
        for line in lines:
            line.truncate(width, overflow="ellipsis")
    return Text("\n").join(lines)


class ResultList(OptionList):
    """The results of a search; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    ResultList, ResultList:focus { height: 1fr; border: none; padding: 0; scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    ResultList > .option-list--option { padding: 0 1; }
    ResultList > .option-list--option-highlighted, ResultList:focus > .option-list--option-highlighted {
        background: transparent; color: $foreground; text-style: reverse;
    }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="results_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="results_up"),
        Binding("g,home", "first", "First", show=False, id="results_first"),
        Binding("G,end", "last", "Last", show=False, id="results_last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="results_page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="results_page_up"),
        Binding("enter", "select", "Open", id="results_open"),
        Binding("slash", "edit_query", "Edit query", show=False, id="search_edit"),
        Binding("y", "copy", "Copy", show=False, id="search_copy"),
    ]
    PALETTE = ("edit_query", "copy")  # offered in the palette beside the search screen's keys

    class MoreWanted(Message):
        """The cursor is near the last loaded result and the search found more."""

    class EditWanted(Message):
        """``/``: the reader wants to edit the query."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.query_text = ""
        self.total = 0  # how many the search found (more than ``hits`` until all are loaded)
        self._asked = False

    def show_hits(self, hits: list[Hit], query: str | None = None, total: int | None = None) -> None:
        """Replace the results (``query`` highlights their titles), keeping the cursor on the first."""
        if query is not None:
            self.query_text = query
        self.total = len(hits) if total is None else total
        self.hits = []
        self._asked = False
        self.clear_options()
        self.add_hits(hits)
        if self.hits:
            self.highlighted = 0

    def add_hits(self, hits: list[Hit]) -> None:
        """Append the next results a search loaded (the cursor stays where it is)."""
        options: list[Option | None] = []
        for hit in hits:
            if self.hits:
                options.append(None)  # a rule between results
            self.hits.append(hit)
            index = len(self.hits) - 1
            options.append(Option(hit_prompt(hit, self._line_width(), self.query_text), id=str(index)))
        self.add_options(options)
        self._asked = False
        if self.highlighted is not None:
            self._ask_if_near_end(self.highlighted)  # still near the end (keys came faster than results)

    @property
    def more(self) -> bool:
        """Whether the search found results not loaded yet."""
        return len(self.hits) < self.total

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Near the end of what is loaded: ask for more, so every result can be reached."""
        self._ask_if_near_end(event.option_index)

    def _ask_if_near_end(self, index: int) -> None:
        if self.more and not self._asked and index >= self.option_count - 4:
            self._asked = True
            self.post_message(self.MoreWanted())

    def _line_width(self) -> int | None:
        """Cells a line may take: the list's width less the scrollbar's gutter (always kept, so a
        scrollbar appearing does not narrow the lines), the option's padding and the indent."""
        width = self.scrollable_content_region.width or (self.app.size.width - 1)
        return max(width - 2, 10)

    def on_resize(self) -> None:
        """Set the results again for the new width."""
        if self.hits:
            current = self.highlighted
            self.show_hits(self.hits)
            self.highlighted = current

    @property
    def current(self) -> Hit | None:
        """The highlighted result."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.hits[int(option.id)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` and ``y`` from the results (the palette asks too), ``y`` only on a result."""
        if action in self.PALETTE:
            return self.has_focus and (action != "copy" or self.current is not None)
        return True

    def action_edit_query(self) -> None:
        """``/``: back to the query (the screen holds the input)."""
        self.post_message(self.EditWanted())

    def action_copy(self) -> None:
        """``y``: copy the highlighted result's snippet with its citation (OSC 52, works over SSH)."""
        hit = self.current
        if hit is None:
            return
        snippet = snippet_text(hit.snippets[0]).plain if hit.snippets else ""
        self.app.copy_to_clipboard(f"{snippet}\n\n—— {hit_citation(hit)}\n")
        self.notify("Copied the snippet with its citation.")
