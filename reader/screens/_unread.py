"""The main screen's ``u`` (the next unread article, across pages and dates), ``M`` (this page read)
and ``J`` (the other part of an article printed across pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from reader.messages import OpenArticle
from reader.widgets._data import post_if_wanted
from reader.widgets.article_view import NO_ARTICLE

if TYPE_CHECKING:
    from reader.models import Article
    from reader.state import State
    from reader.widgets._data import StoreAccess

MAX_ISSUES = 3660  # issues looked through before giving up (ten years of a daily)


class UnreadMoves:
    """Mixed into the main screen (which provides ``article``, ``access``, ``state`` and ``_read_node``)."""

    access: StoreAccess
    state: State

    @property
    def article(self) -> Article | None:  # provided by the screen
        raise NotImplementedError

    def action_next_unread(self) -> None:
        """``u``: the next unread article after the open one: on this page, the next pages, later dates."""
        self._next_unread(self.article)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _next_unread(self, article: Article | None) -> None:
        from reader.state import State
        from reader.store.nav import edition_articles, edition_step, first_edition

        # The state's connection belongs to the UI thread: this worker reads through its own.
        state = State(self.state.store, self.state.path)
        try:
            with self.access.connect() as store:
                if article is None:
                    edition = first_edition(store)
                    after = None
                else:
                    page = store.page(article.page_id)
                    edition = store.edition(page.edition_id) if page else None
                    after = article.id
                for _ in range(MAX_ISSUES):
                    if edition is None:
                        break
                    ids = edition_articles(store, edition.id)
                    if after in ids:
                        ids = ids[ids.index(after) + 1 :]
                    after = None
                    read = state.read_ids(ids)
                    found = next((i for i in ids if i not in read), None)
                    if found is not None:
                        post_if_wanted(self, OpenArticle(found, focus=False))  # type: ignore[arg-type]
                        return
                    edition = edition_step(store, edition.id, 1)
        finally:
            state.close()
        where = f" after {article.date or 'this issue'} in {article.paper}" if article else ""
        self.app.call_from_thread(self.notify, f"No unread articles{where}.")  # type: ignore[attr-defined]

    def action_follow_link(self) -> None:
        """``J``: follow the open article's 转版 line to its other part (on to （下转第X版）, else back
        to where （上接第X版） says it began)."""
        article = self.article
        if article is None:
            self.notify(NO_ARTICLE)  # type: ignore[attr-defined]
            return
        self._follow_link(article.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _follow_link(self, article_id: int) -> None:
        from reader.store.nav import linked_part, part_links

        with self.access.connect() as store:
            article = store.article(article_id)
            links = part_links(store, article.page_id).get(article_id, []) if article else []
            found = None
            for direction in ("next", "previous"):
                found = found or linked_part(store, article_id, direction)
        if found is not None:
            post_if_wanted(self, OpenArticle(found, focus=False))  # type: ignore[arg-type]
            return
        if links:
            what = "（下转第{}版）" if links[0][0] == "next" else "（上接第{}版）"
            text = f"{what.format(links[0][1])}: no such part on that page of this issue."
        else:
            text = "This article has no 转版 line (（下转第X版） or （上接第X版））."
        self.app.call_from_thread(self.notify, text)  # type: ignore[attr-defined]

    def action_mark_page_read(self) -> None:
        """``M``: every article on the open article's page read."""
        article = self.article
        if article is None:
            self.notify(NO_ARTICLE)  # type: ignore[attr-defined]
            return
        from reader.text.labels import page_label

        name = page_label(article.page_number, article.section, page_id=article.page_id)
        self._read_node("page", article.page_id, True, name)  # type: ignore[attr-defined]
