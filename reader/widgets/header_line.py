"""The one-line header: the app, the store, and where the reader is (paper · date · page)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.models import Article
from reader.safe import visible_line
from reader.text.labels import date_label, page_label


class HeaderLine(Static):
    """``paper-reader · papers.db │ 洛阳日报 · 日期不详 · 第3版 │ hit 3/12`` (no clock: stays still)."""

    DEFAULT_CSS = """
    HeaderLine { height: 1; background: $panel; color: $foreground; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, store_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.store_name = store_name
        self.position = ""
        self.extra = ""

    def on_mount(self) -> None:
        """Draw the store name straight away."""
        self._draw()

    def show_article(self, article: Article | None) -> None:
        """Say where this article stands."""
        if article is None:
            self.position = ""
        else:
            parts = [
                article.paper,
                date_label(article.date),
                page_label(article.page_number, article.section, page_id=article.page_id),
            ]
            self.position = " · ".join(visible_line(p) for p in parts if p)
        self._draw()

    def show_extra(self, extra: str) -> None:
        """A short status at the end (``hit 3/12``, ``loading dictionary…``)."""
        self.extra = extra
        self._draw()

    def on_resize(self) -> None:
        """Fit the line again (the app's name goes first when space is short)."""
        self._draw()

    def _draw(self) -> None:
        text = self._line(with_name=True)
        if self.size.width and text.cell_len > self.size.width - 2:
            text = self._line(with_name=False)
        self.update(text)

    def _line(self, *, with_name: bool) -> Text:
        text = Text("paper-reader · ", style="bold") if with_name else Text()
        text.append(self.store_name)
        if self.position:
            text.append(" │ ")
            text.append(self.position)
        if self.extra:
            text.append(" │ ")
            text.append(self.extra, style="bold")
        return text
