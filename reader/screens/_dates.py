"""The main screen's moves by date: ``<`` ``>`` the same page on the day before / after, ``:`` a date."""

from __future__ import annotations

from datetime import date as Date
from typing import TYPE_CHECKING

from textual import work

from reader.messages import OpenArticle
from reader.text.labels import page_label
from reader.text.when import parse_day
from reader.widgets._data import post_if_wanted
from reader.widgets.article_view import NO_ARTICLE

if TYPE_CHECKING:
    from reader.models import Article, Page
    from reader.store import Store
    from reader.widgets._data import StoreAccess


def same_page(pages: list[Page], number: int | None, section: str | None) -> Page | None:
    """The page with this number, else with this 版名 (numbers shift between days), else the first."""
    for page in pages:
        if number is not None and page.number == number:
            return page
    for page in pages:
        if section and page.section == section:
            return page
    return pages[0] if pages else None


def first_article(store: Store, pages: list[Page]) -> int | None:
    """The first article of the first of ``pages`` that has any."""
    for page in pages:
        articles = store.articles(page.id)
        if articles:
            return articles[0].id
    return None


class DateMoves:
    """Mixed into the main screen (which provides ``article``, ``access`` and ``notify``)."""

    access: StoreAccess

    @property
    def article(self) -> Article | None:  # provided by the screen
        raise NotImplementedError

    def _say(self, text: str) -> None:
        self.app.call_from_thread(self.notify, text)  # type: ignore[attr-defined]

    def action_same_page_day(self, step: int) -> None:
        """``<`` / ``>``: the same page of this paper on the nearest earlier / later date."""
        if self.article is None:
            self.notify(NO_ARTICLE)  # type: ignore[attr-defined]
            return
        self._same_page_day(self.article, step)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _same_page_day(self, article: Article, step: int) -> None:
        from reader.store.nav import edition_step

        with self.access.connect() as store:
            page = store.page(article.page_id)
            edition = edition_step(store, page.edition_id, step) if page else None
            if edition is None:
                self._say(f"No {'earlier' if step < 0 else 'later'} issue of {article.paper}.")
                return
            pages = store.pages(edition.id)
            target = same_page(pages, article.page_number, article.section)
            found = first_article(store, [target] + pages if target else pages)
        if found is not None:
            post_if_wanted(self, OpenArticle(found, focus=False))  # type: ignore[arg-type]
            if target is not None and (target.number, target.section) != (
                article.page_number,
                article.section,
            ):
                self._say(f"{edition.date}: {page_label(target.number, target.section, page_id=target.id)}")

    def action_go_to_date(self) -> None:
        """``:``: ask for a date and open that day's first page of this paper (or the nearest day's)."""
        from reader.screens.go_to_date import GoToDateScreen

        if self.article is None:
            self.notify(NO_ARTICLE)  # type: ignore[attr-defined]
            return
        self.app.push_screen(GoToDateScreen(), callback=self._go_to)  # type: ignore[attr-defined]

    def _go_to(self, text: str | None) -> None:
        article = self.article
        if text is None or not text.strip() or article is None:
            return
        day = parse_day(text, article.date, Date.today())
        if day is None:
            self.notify(f"{text.strip()[:40]!r} is not a date (2020-05-02, 2020-05, 5-2, today, -1)")  # type: ignore[attr-defined]
            return
        self._open_day(article, day)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _open_day(self, article: Article, day: str) -> None:
        from reader.store.nav import edition_near

        with self.access.connect() as store:
            page = store.page(article.page_id)
            edition = store.edition(page.edition_id) if page else None
            near = edition_near(store, edition.paper_id, day) if edition else None
            if near is None:
                self._say(f"{article.paper} has no dated issue.")
                return
            found = first_article(store, store.pages(near.id))
        if found is None:
            self._say(f"The issue of {near.date} has no articles.")
            return
        post_if_wanted(self, OpenArticle(found, focus=False))  # type: ignore[arg-type]
        if near.date != day:
            self._say(f"No issue on {day}: the nearest is {near.date}.")

    def action_calendar(self) -> None:
        """``C``: the calendar of the open article's paper (else the tree cursor's, else the first)."""
        from reader.screens.calendar import CalendarScreen

        article = self.article
        paper, day = (article.paper, article.date) if article is not None else (self.tree_paper(), None)
        screen = CalendarScreen(self.access, self.state, paper, day)  # type: ignore[attr-defined]
        self.app.push_screen(screen, callback=self.open_edition)  # type: ignore[attr-defined]

    def tree_paper(self) -> str | None:
        """The paper the tree cursor is in, by name (None: the cursor is on none)."""
        return None

    def open_edition(self, edition_id: int | None) -> None:
        """Open the first article of an issue (the calendar's Enter)."""
        if edition_id is not None:
            self._open_edition(edition_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="step")
    def _open_edition(self, edition_id: int) -> None:
        with self.access.connect() as store:
            found = first_article(store, store.pages(edition_id))
        if found is None:
            self._say("That issue has no articles.")
        else:
            post_if_wanted(self, OpenArticle(found, focus=False))  # type: ignore[arg-type]
