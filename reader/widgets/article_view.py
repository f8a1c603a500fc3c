"""The article pane: an article set for the pane's width, scrolled with vim keys, hits to step through."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker

from reader.models import Article
from reader.safe import visible, visible_line
from reader.text.labels import citation
from reader.widgets._data import StoreAccess, edition_of, mark_read, report_worker_error
from reader.widgets.article_text import Highlighter, Rendered, find_highlighter, render_article
from reader.widgets.prompt import Prompt
from reader.widgets.scrolling import ImmediateScroll

if TYPE_CHECKING:
    from reader.state import State

NO_ARTICLE = "Open an article first (Enter on one in the tree)."
# The keys about the open article, which a screen showing the view offers wherever focus is on it.
SCREEN_WIDE = ("toggle_read", "bookmark", "copy")


@dataclass(frozen=True)
class Opening:
    """How to show an article once it is read: on highlighted place ``hit``, else at ``subhead``
    or ``scroll_y``."""

    highlighter: Highlighter | None = None
    scroll_y: int = 0
    subhead: int = -1
    hit: int = 0


def article_as_text(article: Article, other_pages: tuple[int, ...] = ()) -> str:
    """An article as plain text for the clipboard, ending with its citation."""
    head = [article.kicker, article.title, article.subtitle, article.byline]
    body = "\n".join(p for p in article.paragraphs)
    parts = [h for h in head if h] + ([body] if body else []) + ([article.caption] if article.caption else [])
    # Control bytes made visible: a pasted article must not drive the terminal it lands in.
    return visible("\n".join(parts) + f"\n\n—— {citation(article, other_pages)}\n")


class ArticleView(ImmediateScroll, VerticalScroll, can_focus=True):
    """Shows one article; ``show()`` puts it up, ``n``/``N`` step through highlighted hits."""

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    ArticleView > #article-body { width: auto; height: auto; }
    ArticleView > #article-empty { color: $text-muted; padding: 1 0; }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="scroll_down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="scroll_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
        Binding("n", "next_hit", "Next hit", id="next_hit"),
        Binding("N", "previous_hit", "Prev hit", id="previous_hit"),
        Binding("f", "find", "Find in article", show=False, id="find"),
        Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("B", "bookmark", "Bookmark", show=False, id="bookmark"),
        Binding("y", "copy", "Copy", show=False, id="copy"),
    ]

    class HitMoved(Message):
        """The current hit changed: ``index`` of ``total`` (0-based)."""

        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    class Found(Message):
        """``f`` looked for ``needle`` in the article: ``total`` places ("" clears the find)."""

        def __init__(self, needle: str, total: int) -> None:
            super().__init__()
            self.needle = needle
            self.total = total

    @dataclass
    class Loaded(Message):
        """An article was read from the store (posted by the loading worker)."""

        article: Article | None
        edition_id: int | None
        opening: Opening = field(default_factory=lambda: Opening())
        other_pages: tuple[int, ...] = ()  # where its other parts are (an article printed across pages)

    class Opened(Message):
        """An article is now shown (and marked read); ``edition_id`` is where it stands."""

        def __init__(self, article: Article, edition_id: int | None, scroll_y: int = 0) -> None:
            super().__init__()
            self.article = article
            self.edition_id = edition_id
            self.scroll_y = scroll_y  # where the view is going (it gets there after the next refresh)

    def __init__(self, access: StoreAccess, state: State, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.access = access
        self.state = state  # the user's read marks and bookmarks
        self.edition_id: int | None = None
        self.article: Article | None = None
        self.highlighter: Highlighter | None = None
        self.current_hit = -1
        self.rendered = Rendered()
        self.finding = ""  # what ``f`` looks for in this article ("" when not finding)
        self.base_highlighter: Highlighter | None = None  # what the article opened with (a query's hits)
        self.other_pages: tuple[int, ...] = ()  # the pages of its other parts (转版), for citations
        self._wanted: Opening | None = None  # the latest open (an older one read late is dropped)

    def compose(self) -> ComposeResult:
        """An empty-state line and the body (one Static holding pre-broken lines)."""
        yield Static("Choose an article in the tree (Enter opens it).", id="article-empty")
        yield Static(id="article-body", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store read failed: one line to the user, never a silent stall."""
        report_worker_error(self, event)

    def open(
        self,
        article_id: int,
        *,
        highlighter: Highlighter | None = None,
        scroll_y: int = 0,
        subhead: int = -1,
        hit: int = 0,
    ) -> None:
        """Read an article from the store (in a worker) and show it (on highlighted place ``hit``)."""
        opening = Opening(highlighter, scroll_y, subhead, hit)
        self._wanted = opening
        self._load(article_id, opening)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load(self, article_id: int, opening: Opening) -> None:
        from reader.store.nav import article_parts

        with self.access.connect() as store:
            article = store.article(article_id)
            edition_id = edition_of(store, article.page_id) if article else None
            parts = article_parts(store, article_id) if article else []
        other_pages = tuple(n for _, n in parts if n is not None)
        self.post_message(self.Loaded(article, edition_id, opening, other_pages))

    def on_article_view_loaded(self, message: Loaded) -> None:
        """Show what the worker read."""
        message.stop()
        if message.opening is not self._wanted:
            # A newer open replaced this one: its worker was cancelled, but a thread cannot be
            # stopped, so its read can land after the newer one's and must not replace it.
            return
        if message.article is None:
            self.notify("That article is no longer in the store.", severity="warning")
            return
        self.edition_id = message.edition_id
        self.other_pages = message.other_pages
        opening = message.opening
        self.base_highlighter = opening.highlighter
        self.show(
            message.article,
            highlighter=opening.highlighter,
            scroll_y=opening.scroll_y,
            subhead=opening.subhead,
            hit=opening.hit,
        )
        if not self.state.is_read(message.article.id):
            self.set_read(True)  # opening an article reads it
        self.post_message(self.Opened(message.article, message.edition_id, opening.scroll_y))

    @property
    def hits(self) -> int:
        """How many hits the article shows."""
        return len(self.rendered.hit_lines)

    def show(
        self,
        article: Article | None,
        *,
        highlighter: Highlighter | None = None,
        scroll_y: int = 0,
        subhead: int = -1,
        hit: int = 0,
    ) -> None:
        """Put up ``article``; with a highlighter, go to hit ``hit`` (the first by default); else to
        ``subhead`` or ``scroll_y``."""
        self.article = article
        self.highlighter = highlighter
        self.finding = ""
        self.current_hit = max(0, hit) if highlighter else -1
        self._render_now()
        if self.hits and self.current_hit >= self.hits:
            self.current_hit = 0
            self._render_now()
        self.query_one("#article-empty").display = article is None
        if self.hits:
            self._go_to_hit()
        elif subhead >= 0 and subhead < len(self.rendered.subhead_lines):
            self._scroll(self.rendered.subhead_lines[subhead])
        else:
            self._scroll(scroll_y)
        self.refresh_bindings()

    def _scroll(self, y: int) -> None:
        """Scroll once the new text is laid out (before that its height is unknown)."""
        self.call_after_refresh(self.scroll_to, y=y, animate=False, immediate=True)

    def _text_width(self) -> int:
        """The width text may use: the pane less its padding and scrollbar."""
        # The gutter is stable, so a scrollbar appearing later does not narrow the pane under the text.
        width = self.scrollable_content_region.width or self.size.width
        return max(width, 10)

    def _render_now(self) -> None:
        body = self.query_one("#article-body", Static)
        if self.article is None:
            self.rendered = Rendered()
            body.update("")
            return
        self.rendered = render_article(
            self.article, self._text_width(), highlighter=self.highlighter, current_hit=self.current_hit
        )
        body.update(self.rendered.text())

    def on_resize(self, event: Resize) -> None:
        """Set the text again for the new width, keeping the reader near the same place."""
        if self.article is None:
            return
        old = max(len(self.rendered.lines), 1)
        ratio = self.scroll_y / old
        self._render_now()
        self._scroll(int(ratio * len(self.rendered.lines)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n/N only when there are hits to step through."""
        if action in ("next_hit", "previous_hit"):
            return self.hits > 0
        return True

    def action_find(self) -> None:
        """``f``: ask for words and highlight every place they occur in the article; n/N step."""
        if self.article is None:
            self.notify("Open an article first (Enter on one in the tree).")
            return
        hint = "Find in the article (Enter: first place, then n / N; empty: clear)"
        self.app.push_screen(Prompt(hint, self.finding, "words"), callback=self.find)

    def find(self, needle: str | None) -> None:
        """Highlight ``needle`` in the open article and go to its first place (empty: clear)."""
        if needle is None or self.article is None:
            return
        needle = needle.strip()
        scroll_y = int(self.scroll_y)
        self.show(
            self.article,
            highlighter=find_highlighter(needle) if needle else self.base_highlighter,
            scroll_y=scroll_y,
        )
        self.finding = needle
        if needle and not self.hits:
            self.notify(f"Not in this article: {visible_line(needle)[:40]}", markup=False)
        self.post_message(self.Found(needle, self.hits))

    def _go_to_hit(self) -> None:
        self._render_now()
        line = self.rendered.hit_lines[self.current_hit]
        self._scroll(max(line - 3, 0))
        self.post_message(self.HitMoved(self.current_hit, self.hits))

    def action_next_hit(self) -> None:
        """Go to the next hit (wrapping round)."""
        if self.hits:
            self.current_hit = (self.current_hit + 1) % self.hits
            self._go_to_hit()

    def action_previous_hit(self) -> None:
        """Go to the previous hit (wrapping round)."""
        if self.hits:
            self.current_hit = (self.current_hit - 1) % self.hits
            self._go_to_hit()

    def go_to_subhead(self, index: int) -> None:
        """Scroll so that subhead ``index`` is at the top."""
        if 0 <= index < len(self.rendered.subhead_lines):
            self._scroll(self.rendered.subhead_lines[index])

    def _open_article(self) -> Article | None:
        """The open article, or None after saying that there is none (a key never does nothing silently)."""
        if self.article is None:
            self.notify(NO_ARTICLE)
        return self.article

    def set_read(self, read: bool) -> None:
        """Record the open article as read or unread; a ReadChanged tells the screens (the tree's counts)."""
        if self.article is not None:
            self.post_message(mark_read(self.state, self.article, read, self.edition_id))

    def action_toggle_read(self) -> None:
        """``m``: mark the open article read or unread."""
        article = self._open_article()
        if article is None:
            return
        read = not self.state.is_read(article.id)
        self.set_read(read)
        self.notify("Marked read." if read else "Marked unread.")

    def action_bookmark(self) -> None:
        """``B``: bookmark the open article, or remove its bookmark."""
        article = self._open_article()
        if article is None:
            return
        added = self.state.toggle_bookmark(article.id, citation(article, self.other_pages))
        self.notify("Bookmarked." if added else "Bookmark removed.")
        self.screen.refresh_bindings()

    def action_copy(self) -> None:
        """``y``: copy the article with its citation to the clipboard (OSC 52, works over SSH)."""
        article = self._open_article()
        if article is None:
            return
        self.app.copy_to_clipboard(article_as_text(article, self.other_pages))
        self.notify("Copied the article with its citation.")
