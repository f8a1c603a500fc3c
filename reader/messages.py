"""Messages that cross screens (a widget's own messages are nested in the widget)."""

from __future__ import annotations

from textual.message import Message


class ReadChanged(Message):
    """An article was marked read or unread (the tree's marks and counts follow)."""

    def __init__(
        self, article_id: int, read: bool, *, page_id: int | None, edition_id: int | None, counted: bool
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.read = read
        self.page_id = page_id
        self.edition_id = edition_id
        self.counted = counted  # photos are not in the unread counts

    def again(self) -> ReadChanged:
        """The same change as a new message (one already handled cannot be posted again)."""
        return ReadChanged(
            self.article_id, self.read, page_id=self.page_id, edition_id=self.edition_id, counted=self.counted
        )


class OpenArticle(Message):
    """Open this article in the main screen's article pane (and show it in the tree)."""

    def __init__(self, article_id: int, *, focus: bool = True) -> None:
        super().__init__()
        self.article_id = article_id
        self.focus = focus


class PageCorrected(Message):
    """A page's split was corrected: its articles were replaced (the tree reads them again)."""

    def __init__(self, page_id: int) -> None:
        super().__init__()
        self.page_id = page_id
