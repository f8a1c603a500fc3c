"""The search screen's study keys: concordance (``K``), trend chart (``T``), facets (``F``), export
(``e``) and the citation of the highlighted result (``Y``)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from textual import work
from textual.binding import Binding

from reader.text.labels import chinese_citation

STUDY_BINDINGS = [
    Binding("K", "concordance", "Concordance", id="search_concordance"),
    Binding("T", "trend", "Trend", id="search_trend"),
    Binding("F", "facets", "Facets", show=False, id="search_facets"),
    Binding("e", "export", "Export", show=False, id="search_export"),
    Binding("Y", "copy_citation", "Copy citation", show=False, id="search_copy_citation"),
]
STUDY_ACTIONS = ("concordance", "trend", "facets", "export", "copy_citation")


def export_name(query: str, now: datetime) -> str:
    """A file name for an export of ``query``: its words (no path characters) and the time."""
    words = re.sub(r"[\s/\\:*?\"<>|\x00-\x1f]+", "_", query).strip("_.")[:40] or "results"
    return f"{words}-{now:%Y%m%d-%H%M%S}.md"


class SearchStudy:
    """Mixed into SearchScreen: the study keys act on its query and results."""

    @property
    def _screen(self) -> Any:
        """The SearchScreen this is mixed into (typed loosely: the screen module imports this one)."""
        return self

    def action_concordance(self) -> None:
        """``K``: the concordance of the query."""
        from reader.screens.concordance import ConcordanceScreen

        s = self._screen
        s._reading = True
        s.app.push_screen(ConcordanceScreen(s.access, s.state, s.query_text))

    def action_trend(self) -> None:
        """``T``: a chart of the query's terms over time; Enter there narrows to a period."""
        from reader.screens.trend import TrendScreen

        s = self._screen
        s._reading = True
        s.app.push_screen(TrendScreen(s.access, s.query_text), callback=self._narrow_to_period)

    def _narrow_to_period(self, period: str | None) -> None:
        if period:
            self.narrow(f"date:{period}")

    def action_facets(self) -> None:
        """``F``: the facets; Enter there narrows the query to one."""
        from reader.screens.facets import FacetScreen

        s = self._screen
        if s.facets:
            s._reading = True  # back from the picker: to the results, not the input
            s.app.push_screen(FacetScreen(s.facets), callback=self._narrow_to_facet)

    def _narrow_to_facet(self, word: str | None) -> None:
        if word:
            self.narrow(word)

    def narrow(self, word: str) -> None:
        """Add a filter word to the query and search again."""
        from reader.widgets.history_input import HistoryInput

        s = self._screen
        query = f"{s.query_text} {word}".strip()
        s.query_one(HistoryInput).value = query
        s.run_search(query)
        s.results.focus()

    def action_export(self) -> None:
        """``e``: every result of the query as Markdown in the data folder; says where."""
        from reader.paths import export_dir

        s = self._screen
        path = export_dir() / export_name(s.query_text, datetime.now())
        s.notify("Exporting…")
        self._export(s.query_text, path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, query: str, path: Any) -> None:
        from reader.search.export import ExportError, write_file

        s = self._screen
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with s.access.connect() as store:
                n = write_file(store, query, "md", path)
        except (ExportError, OSError) as exc:
            s.app.call_from_thread(s.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        noun = "article" if n == 1 else "articles"
        s.app.call_from_thread(s.notify, f"Exported {n} {noun} to {path}", markup=False)

    def action_copy_citation(self) -> None:
        """``Y``: copy the highlighted result's citation (《人民日报》2020年5月2日第3版) over OSC 52."""
        s = self._screen
        hit = s.results.current
        if hit is None:
            return
        cite = chinese_citation(hit.paper, hit.date, hit.page, hit.other_pages)
        s.app.copy_to_clipboard(cite)
        s.notify(f"Copied {cite}", markup=False)
