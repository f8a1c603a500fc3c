"""The page view (``v``): a page's raw lines with the split drawn on them, and review actions that
correct it: new article, join, set role, move a headline block, undo, save, cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker

from reader.messages import PageCorrected
from reader.safe import visible_line
from reader.text.labels import date_label, page_label, paper_label
from reader.widgets._data import StoreAccess, post_if_wanted, report_worker_error
from reader.widgets.page_lines import PageLines
from reader.widgets.review_draft import Draft, DraftError

ROLE_KEY = "K kicker T title S sub B byline D dateline P body H subhead C caption F furniture"
READ_ONLY = "Review needs write access: this store is open read-only."
_EDITS = ("new_article", "join", "role", "move_headline", "undo", "save")


class PageViewScreen(Screen[bool]):
    """One page's raw lines and split; dismisses with whether a correction was saved."""

    DEFAULT_CSS = """
    PageViewScreen #page-title { height: 1; padding: 0 1; text-style: bold; }
    PageViewScreen #page-status { height: 1; padding: 0 1; }
    """

    BINDINGS = [
        Binding("s", "new_article", "New article", id="page_view_new"),
        Binding("J", "join", "Join previous", id="page_view_join"),
        Binding("r", "role", "Set role", id="page_view_role"),
        Binding(
            "left_square_bracket",
            "move_headline(-1)",
            "Headline to prev",
            show=False,
            id="page_view_head_prev",
        ),
        Binding(
            "right_square_bracket",
            "move_headline(1)",
            "Headline to next",
            show=False,
            id="page_view_head_next",
        ),
        Binding("u", "undo", "Undo", id="page_view_undo"),
        Binding("w", "save", "Save", id="page_view_save"),
        Binding("n", "next_page", "Next page", id="page_view_next"),
        Binding("escape", "cancel", "Cancel", id="page_view_cancel"),
    ]

    class Loaded(Message):
        """The page's lines arrived from the store."""

        def __init__(self, page: Any, title: str) -> None:
            super().__init__()
            self.page = page
            self.title = title

    class Saved(Message):
        """A correction was saved (the page's items were replaced)."""

        def __init__(self, page_id: int) -> None:
            super().__init__()
            self.page_id = page_id

    def __init__(
        self,
        access: StoreAccess,
        page_id: int,
        *,
        article_id: int | None = None,
        queue: list[int] | None = None,
    ) -> None:
        super().__init__()
        self.access = access
        self.page_id = page_id
        self.article_id = article_id
        self.queue = list(queue or [])  # the pages to check after this one (from the check list)
        self.draft: Draft | None = None
        self.page: Any = None
        self.saved_any = False
        self._then: Callable[[], None] | None = None  # what to do once a save asked for on leaving is done

    def compose(self) -> ComposeResult:
        """Title line, the lines, a status line, the footer."""
        yield Static("", id="page-title", markup=False)
        yield PageLines(id="page-lines")
        yield Static(READ_ONLY if self.access.readonly else "", id="page-status", markup=False)
        yield Footer()

    @property
    def lines_view(self) -> PageLines:
        """The raw lines widget."""
        return self.query_one(PageLines)

    def on_mount(self) -> None:
        """Load the page."""
        self.lines_view.focus()
        self._load(self.page_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read or save failed: one line."""
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="page")
    def _load(self, page_id: int) -> None:
        from reader.ingest.corrections import page_lines

        with self.access.connect() as store:
            page = page_lines(store, page_id)
            place = store.page_place(page_id)
            info = store.page(page_id)
        paper, date, number = place if place else ("", None, None)
        section = info.section if info else None
        title = f"Page {page_id} · {paper_label(paper)} · {date_label(date)} · {page_label(number, section)}"
        post_if_wanted(self, self.Loaded(page, title))

    def on_page_view_screen_loaded(self, message: Loaded) -> None:
        """Show the page, the cursor on the open article's first line."""
        page = message.page
        self.page = page
        self.page_id = page.page_id
        self.draft = Draft.from_page(page.lines, page.owner, page.roles)
        cursor = 1
        for k, item in enumerate(page.items):
            if self.article_id is not None and item.id == self.article_id:
                cursor = next((i + 1 for i, o in enumerate(page.owner) if o == k), 1)
        self.lines_view.show(self.draft, page.items, page.owner, cursor)
        self.refresh_bindings()  # the review keys act now there is a page: the footer shows them
        done = " · corrected" if page.corrected else ""
        self.query_one("#page-title", Static).update(
            visible_line(f"{message.title} · {len(page.lines)} lines · {len(page.items)} items{done}")
        )
        self._status()

    def _status(self, text: str | None = None) -> None:
        if self.access.readonly:
            text = READ_ONLY
        elif text is None:
            draft = self.draft
            changed = "unsaved changes · " if draft is not None and draft.dirty else ""
            text = f"{changed}{ROLE_KEY}"
        self.query_one("#page-status", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review actions need a loaded page and write access; undo and save need a change."""
        if action in _EDITS:
            if self.access.readonly or self.draft is None:
                return False
            if action == "undo":
                return self.draft.dirty
        if action == "next_page":
            return bool(self.queue)
        return True

    def _edit(self, change: Any) -> None:
        draft = self.draft
        if draft is None:
            return
        try:
            change(draft)
        except DraftError as exc:
            self._status(f"Not done: {exc}")
            return
        self.lines_view.rebuild()
        self.lines_view.scroll_to_cursor()
        self._status()
        self.refresh_bindings()

    @property
    def cursor(self) -> int:
        """The raw line under the cursor (1-based)."""
        return self.lines_view.cursor

    def action_new_article(self) -> None:
        """``s``: a new article starts at the cursor line."""
        self._edit(lambda d: d.new_article(self.cursor))

    def action_join(self) -> None:
        """``J``: the cursor's article joins the one before it."""
        self._edit(lambda d: d.join_previous(self.cursor))

    def action_role(self) -> None:
        """``r`` then a role letter (K T S B D P H C F): the cursor line's role."""
        from reader.screens.role_picker import RolePicker

        line = self.cursor
        self.app.push_screen(RolePicker(line), callback=lambda role: self._set_role(line, role))

    def _set_role(self, line: int, role: str | None) -> None:
        if role:
            self._edit(lambda d: d.set_role(line, role))

    def action_move_headline(self, step: int) -> None:
        """``[`` / ``]``: the headline block at the cursor goes to the previous / next article."""
        self._edit(lambda d: d.move_headline(self.cursor, step))

    def action_undo(self) -> None:
        """``u``: take back the last edit."""
        self._edit(lambda d: d.undo())

    def action_save(self) -> None:
        """``w``: save the correction (the page's items are replaced and re-indexed); with no change,
        mark the page reviewed as it is."""
        draft = self.draft
        if draft is None:
            return
        if not draft.dirty:  # looked at and found right: it leaves the pages to check as it is
            self._mark_reviewed(self.page_id)
            return
        starts, roles = draft.decision()
        self._status("Saving…")
        self._save(self.page_id, starts, roles)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, page_id: int, starts: list[int], roles: dict[int, str]) -> None:
        from reader.ingest.corrections import CorrectionError, correct_page

        try:
            with self.access.connect() as store:
                correct_page(store, page_id, starts, roles)
        except CorrectionError as exc:
            self.app.call_from_thread(self._not_saved, f"Not saved: {exc}")
            return
        self.post_message(self.Saved(page_id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _mark_reviewed(self, page_id: int) -> None:
        with self.access.connect() as store:
            store.mark_reviewed(page_id)
        after = " · n: next page to check" if self.queue else ""
        self.app.call_from_thread(
            self.notify, f"Page {page_id} marked reviewed, its split kept.{after}", markup=False
        )

    def _not_saved(self, text: str) -> None:
        self._then = None  # leaving waited for the save: stay, with the changes
        self._status(text)

    def on_page_view_screen_saved(self, message: Saved) -> None:
        """Saved: read the page back as stored; tell the main screen to refresh its tree."""
        self.saved_any = True
        self.app.post_message(PageCorrected(message.page_id))
        if self.draft is not None:
            self.draft.saved()
        then, self._then = self._then, None
        if then is not None:
            then()  # saved on the way out
            return
        after = " · n: next page to check" if self.queue else ""
        self.notify(f"Page {message.page_id} saved.{after}", markup=False)
        self.article_id = None
        self._load(message.page_id)
        self.refresh_bindings()

    def action_next_page(self) -> None:
        """``n``: the next page of the list to check (with unsaved changes, after asking)."""
        if not self.queue:
            return

        def go_on() -> None:
            self.article_id = None
            self.draft = None
            self._load(self.queue.pop(0))
            self.refresh_bindings()

        if not self.confirm_leave(go_on):
            go_on()

    def action_cancel(self) -> None:
        """Escape: leave (with unsaved changes, after asking: save, discard or stay)."""

        def leave() -> None:
            self.dismiss(self.saved_any)

        if not self.confirm_leave(leave):
            leave()

    def confirm_leave(self, leave: Callable[[], None]) -> bool:
        """With unsaved changes, ask whether to save them, discard them or stay, then ``leave`` unless
        staying (after the save, when saving); False when there is nothing to ask (leave at once)."""
        draft = self.draft
        if draft is None or not draft.dirty or self.access.readonly:
            return False
        from reader.screens.confirm_leave import ConfirmLeave

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                leave()
            elif choice == "save":
                self._then = leave
                self.action_save()

        self.app.push_screen(ConfirmLeave(f"Page {self.page_id}"), callback=chosen)
        return True
