"""The main screen: the section tree beside the article pane, a header line and the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Tree
from textual.worker import Worker

from reader.messages import OpenArticle, ReadChanged
from reader.safe import visible_line
from reader.screens._article_keys import ArticleKeys
from reader.screens._dates import DateMoves
from reader.screens._tree_marks import TreeMarker
from reader.screens._unread import UnreadMoves
from reader.state import State
from reader.widgets._data import StoreAccess, post_if_wanted, report_worker_error, step_article
from reader.widgets.article_view import NO_ARTICLE, ArticleView
from reader.widgets.header_line import HeaderLine
from reader.widgets.section_tree import SectionTree
from reader.widgets.tree_nodes import NodeData

if TYPE_CHECKING:
    from reader.models import Article


class MainScreen(UnreadMoves, DateMoves, TreeMarker, ArticleKeys, Screen[None]):
    """Tree and article side by side; every action on a key (see the help screen, ``?``)."""

    BINDINGS = [
        Binding("slash", "search", "Search", id="search"),
        Binding("tab", "focus_next_pane", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "focus_previous_pane", "Previous pane", show=False, id="previous_pane"),
        Binding("left_square_bracket", "step_article(-1)", "Prev article", show=False, id="previous_article"),
        Binding("right_square_bracket", "step_article(1)", "Next article", show=False, id="next_article"),
        Binding("left_curly_bracket", "step_page(-1)", "Prev page", show=False, id="previous_page"),
        Binding("right_curly_bracket", "step_page(1)", "Next page", show=False, id="next_page"),
        Binding(
            "less_than_sign", "same_page_day(-1)", "Same page, day before", show=False, id="previous_day"
        ),
        Binding("greater_than_sign", "same_page_day(1)", "Same page, day after", show=False, id="next_day"),
        Binding("colon", "go_to_date", "Go to date", show=False, id="go_to_date"),
        Binding("C", "calendar", "Calendar", show=False, id="calendar"),
        Binding("u", "next_unread", "Next unread", show=False, id="next_unread"),
        Binding("J", "follow_link", "Other part (转版)", show=False, id="follow_link"),
        Binding("M", "mark_page_read", "Page read", show=False, id="mark_page_read"),
        Binding("p", "printed_page", "Page as printed", show=False, id="printed_page"),
        Binding("L", "bookmarks", "Bookmarks", show=False, id="bookmarks"),
        Binding("t", "toggle_tree", "Tree", show=False, id="toggle_tree"),
        Binding("r,f5", "refresh_tree", "Refresh", show=False, id="refresh"),
        Binding("v", "page_view", "Page view", show=False, id="page_view"),
        Binding("c", "pages_to_check", "Pages to check", show=False, id="pages_to_check"),
    ]

    def __init__(self, access: StoreAccess, state: State, *, save_every: float = 3.0) -> None:
        super().__init__()
        self.access = access
        self.state = state
        self.save_every = save_every  # seconds between saves of the place (tests use a short one)

    def compose(self) -> ComposeResult:
        """Header line, the two panes, the footer."""
        yield HeaderLine(self.access.name, id="header-line")
        with Horizontal(id="panes"):
            yield SectionTree(self.access, self.state, id="tree")
            yield ArticleView(self.access, self.state, id="article")
        yield Footer(compact=True)

    @property
    def section_tree(self) -> SectionTree:
        """The section tree."""
        return self.query_one(SectionTree)

    @property
    def view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store read failed: one line to the user, never a silent stall."""
        report_worker_error(self, event)

    def on_mount(self) -> None:
        """Go back to where the user was, or start in the tree; keep the place saved as it changes."""
        article_id, scroll_y = self.state.last_position()
        self._saved: tuple[int | None, int] = (article_id, scroll_y)
        # Saved every few seconds, not only on q: an SSH session that drops never presses q.
        self.set_interval(self.save_every, self.save_position)
        self.section_tree.focus()
        if article_id is not None:
            self.view.open(article_id, scroll_y=scroll_y)
            self.section_tree.reveal(article_id)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """Enter on an article (or one of its subheads) opens it in the article pane."""
        data = event.node.data
        if data is None or data.kind not in ("article", "subhead"):
            return
        view = self.view
        if view.article is not None and view.article.id == data.id and data.kind == "subhead":
            view.go_to_subhead(data.subhead)
        else:
            view.open(data.id, subhead=data.subhead)
        if data.kind == "subhead":
            view.focus()

    def on_article_view_opened(self, message: ArticleView.Opened) -> None:
        """Remember the article as the place to come back to, show where it stands (the view marked it read)."""
        article = message.article
        self.query_one(HeaderLine).show_article(article)
        self.query_one(HeaderLine).show_extra("")
        self.save_position(message.scroll_y)
        self.refresh_bindings()

    def on_article_view_hit_moved(self, message: ArticleView.HitMoved) -> None:
        """Say which place of the find the view is on."""
        finding = self.view.finding
        if finding:
            self.query_one(HeaderLine).show_extra(
                f"find {visible_line(finding)[:20]} {message.index + 1}/{message.total}"
            )

    def on_article_view_found(self, message: ArticleView.Found) -> None:
        """A find with no places (or cleared) says so in the header."""
        if not message.total:
            self.query_one(HeaderLine).show_extra(
                f"find {visible_line(message.needle)[:20]}: none" if message.needle else ""
            )

    def on_open_article(self, message: OpenArticle) -> None:
        """Open an article asked for by another screen (bookmarks) and show it in the tree."""
        self.view.open(message.article_id)
        self.section_tree.reveal(message.article_id)
        if message.focus:
            self.view.focus()

    def save_position(self, scroll_y: int | None = None) -> None:
        """Remember the open article and its scroll offset (``scroll_y``, else the pane's) if they changed."""
        article = self.view.article
        if article is None:
            return
        place = (article.id, int(self.view.scroll_y if scroll_y is None else scroll_y))
        if place != getattr(self, "_saved", None):
            self.state.save_position(*place)
            self._saved = place

    @property
    def article(self) -> Article | None:
        """The article in the pane, if any."""
        return self.view.article

    def palette_offers(self, action: str) -> bool:
        """What the palette lists: not the actions about the open article before one is open (their
        keys still work, and say why they did nothing)."""
        if action in (
            "step_article",
            "step_page",
            "bookmark",
            "copy",
            "same_page_day",
            "go_to_date",
            "mark_page_read",
        ):
            return self.article is not None
        if action == "bookmarks":
            return bool(self.state.bookmarks())
        if action == "page_view":
            return self._page_target() is not None
        return True

    def tree_paper(self) -> str | None:
        """The paper the tree cursor is in, by name (the calendar opens on it when no article is open)."""
        node = self.section_tree.cursor_node
        while node is not None and node.data is not None and node.data.kind != "paper":
            node = node.parent
        return node.data.name if node is not None and node.data is not None else None

    def action_printed_page(self) -> None:
        """``p``: the page as printed — the tree cursor's page (or its article's), else the open article's."""
        from reader.screens.printed import PrintedPageScreen

        page_id, article_id = None, None
        node = self.section_tree.cursor_node if self.section_tree.has_focus else None
        if node is not None and node.data is not None and node.data.kind == "subhead":
            node = node.parent
        data = node.data if node is not None else None
        if data is not None and data.kind == "page":
            page_id = data.id
        elif data is not None and data.kind == "article":
            page_id, article_id = data.page_id, data.id
        elif self.article is not None:
            page_id, article_id = self.article.page_id, self.article.id
        if page_id is None:
            self.notify("Put the tree cursor on a page (or open an article) first.")
            return
        self.app.push_screen(PrintedPageScreen(self.access, page_id, article_id), callback=self._open_printed)

    def _open_printed(self, article_id: int | None) -> None:
        if article_id is not None:
            self.post_message(OpenArticle(article_id))

    def action_search(self) -> None:
        """Open search (``/``): the same search screen each time, so the last query and results wait there."""
        from reader.screens.search import SearchScreen

        if not self.app.is_screen_installed("search"):
            self.app.install_screen(SearchScreen(self.access, self.state), name="search")
        self.app.push_screen("search")

    def action_focus_next_pane(self) -> None:
        """Tab: the other pane."""
        self._switch_pane()

    def action_focus_previous_pane(self) -> None:
        """Shift+Tab: the other pane (there are two)."""
        self._switch_pane()

    def _switch_pane(self) -> None:
        if self.section_tree.has_focus and self.view.display:
            self.view.focus()
        elif self.section_tree.display:
            self.section_tree.focus()

    def action_toggle_tree(self) -> None:
        """Hide or show the tree (``t``): the article gets the whole width."""
        tree = self.section_tree
        tree.display = not tree.display
        if not tree.display:
            self.view.focus()
        else:
            tree.focus()

    def action_step_article(self, step: int) -> None:
        """``[`` / ``]``: the previous / next article, on to the next page at a page's end."""
        self._step(step, by_page=False)

    def action_step_page(self, step: int) -> None:
        """``{`` / ``}``: the first article of the previous / next page."""
        self._step(step, by_page=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _step(self, step: int, by_page: bool) -> None:
        article = self.article
        if article is None:
            self.app.call_from_thread(self.notify, NO_ARTICLE)
            return
        with self.access.connect() as store:
            target = step_article(
                store, article.page_id, self.view.edition_id, article.id, step, by_page=by_page
            )
        if target is None:
            self.app.call_from_thread(
                self.notify, "No more issues this way." if by_page else "No more articles this way."
            )
        else:
            post_if_wanted(self, OpenArticle(target, focus=False))

    def on_read_changed(self, message: ReadChanged) -> None:
        """A read mark changed (here, or on a screen above, by way of the app): the tree's marks and
        counts follow. Every read mark reaches the tree this way."""
        message.stop()
        self.section_tree.mark_read(message)

    def action_bookmarks(self) -> None:
        """``L``: list the bookmarks; Enter opens one."""
        from reader.screens.bookmarks import BookmarksScreen

        if not self.state.bookmarks():
            self.notify("No bookmarks yet: B bookmarks the open article.")
            return
        self.app.push_screen(BookmarksScreen(self.state), callback=self._open_bookmark)

    def _open_bookmark(self, article_id: int | None) -> None:
        if article_id is not None:
            self.post_message(OpenArticle(article_id))

    def action_refresh_tree(self) -> None:
        """``r`` / F5: read the tree again; pages imported meanwhile appear."""
        self.section_tree.reload()
        self.notify("Refreshed.")

    def _page_target(self) -> tuple[int, int | None] | None:
        """The page (and article) ``v`` opens: the tree's page or article node, else the open article."""
        tree = self.section_tree
        node = tree.cursor_node if tree.has_focus else None
        data = node.data if node is not None else None
        if data is not None and data.kind == "page":
            return data.id, None
        if data is not None and data.kind == "article" and data.page_id is not None:
            return data.page_id, data.id
        article = self.article
        return (article.page_id, article.id) if article is not None else None

    def action_page_view(self) -> None:
        """``v``: the page's raw lines with its split, the cursor on the article's first line."""
        from reader.screens.page_view import PageViewScreen

        target = self._page_target()
        if target is None:
            self.notify("No page here: choose a page or an article in the tree first.", markup=False)
            return
        self.app.push_screen(PageViewScreen(self.access, target[0], article_id=target[1]))

    def action_pages_to_check(self) -> None:
        """``c``: the pages to check, lowest split confidence first."""
        from reader.screens.check_list import CheckListScreen

        self.app.push_screen(CheckListScreen(self.access))
