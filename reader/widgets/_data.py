"""How the app reaches the store: its path and mode, and a connection of its own per worker thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.safe import visible_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.worker import Worker

    from reader.messages import ReadChanged
    from reader.models import Article
    from reader.state import State
    from reader.store import Store


@dataclass(frozen=True)
class StoreAccess:
    """Where the store is and whether it is read-only; ``connect()`` gives this thread its own Store."""

    path: Path
    readonly: bool = False

    @property
    def key(self) -> str:
        """The store's identity in the per-user state."""
        return str(self.path.resolve())

    @property
    def name(self) -> str:
        """The store's file name, for the header line."""
        return self.path.name + (" (read-only)" if self.readonly else "")

    @contextmanager
    def connect(self) -> Iterator[Store]:
        """A Store on a fresh connection, closed afterwards: SQLite connections belong to one thread."""
        from reader.store import Store

        store = Store.open(self.path, readonly=self.readonly, create=False)
        try:
            yield store
        finally:
            store.close()


MAX_DATES_SKIPPED = 30  # issues with no articles skipped before giving up


def edition_of(store: Store, page_id: int) -> int | None:
    """The id of the edition a page stands in (one indexed read, whatever the size of the paper)."""
    page = store.page(page_id)
    return page.edition_id if page else None


def step_article(
    store: Store, page_id: int, edition_id: int | None, article_id: int | None, step: int, *, by_page: bool
) -> int | None:
    """The article ``step`` away (``by_page``: the first of the page ``step`` away), across page ends."""
    articles = store.articles(page_id)
    ids = [a.id for a in articles]
    if not by_page and article_id in ids:
        index = ids.index(article_id) + step
        if 0 <= index < len(ids):
            return ids[index]
    if edition_id is None:
        return None
    from reader.store.nav import edition_step

    pages = [p.id for p in store.pages(edition_id)]
    if page_id not in pages:
        return None
    index = pages.index(page_id) + step
    for _ in range(MAX_DATES_SKIPPED):
        while 0 <= index < len(pages):
            others = store.articles(pages[index])
            if others:
                # Going back article by article lands on the previous page's last article.
                return others[-1].id if (step < 0 and not by_page) else others[0].id
            index += step
        # Past the first or last page: on to the nearest earlier / later date.
        edition = edition_step(store, edition_id, step)
        if edition is None:
            return None
        edition_id = edition.id
        pages = [p.id for p in store.pages(edition_id)]
        index = 0 if step > 0 else len(pages) - 1
    return None


def mark_read(state: State, article: Article, read: bool, edition_id: int | None) -> ReadChanged:
    """Record a read mark; returns the message that tells the tree. Photos count in no page or
    date total, so their marks carry no page or edition."""
    from reader.messages import ReadChanged

    counted = article.kind == "article"
    page_id = article.page_id if counted else None
    edition_id = edition_id if counted else None
    state.set_read(article.id, read, page_id=page_id, edition_id=edition_id)
    return ReadChanged(article.id, read, page_id=page_id, edition_id=edition_id, counted=counted)


def report_worker_error(node: App[Any] | Widget | Screen[Any], event: Worker.StateChanged) -> None:
    """A worker of ``node`` failed (store gone, disk error): say so in one line, never silently."""
    from textual.worker import WorkerState

    error = event.worker.error
    if event.state == WorkerState.ERROR and error is not None:
        # markup=False: the message may quote a path or page text with [brackets] in it.
        node.notify(
            visible_line(str(error)) or type(error).__name__,
            title="Error",
            severity="error",
            timeout=8,
            markup=False,
        )


def post_if_wanted(node: App[Any] | Widget | Screen[Any], message: Message) -> bool:
    """Post a thread worker's result unless a newer request cancelled the worker meanwhile.

    Cancelling a thread worker (``exclusive=True``) cannot stop its thread: without this look, a
    slow move the user has already replaced (``u`` then ``u`` again) would land after the newer one.
    """
    from textual.worker import get_current_worker

    if get_current_worker().is_cancelled:
        return False
    return node.post_message(message)
