"""How papers, dates, pages and articles are named for people: 报名不详, 日期不详, 第3版 要闻, citations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.safe import visible_line

if TYPE_CHECKING:
    from reader.models import Article, Hit

UNKNOWN_PAPER = "报名不详"
UNKNOWN_DATE = "日期不详"
UNKNOWN_PAGE = "版次不详"


def paper_label(name: str | None) -> str:
    """A paper's name for display: 报名不详 when unknown."""
    return name or UNKNOWN_PAPER


def date_label(date: str | None) -> str:
    """An edition's date for display: 日期不详 when unknown."""
    return date or UNKNOWN_DATE


def page_label(
    number: int | None, section: str | None, unknown: str = UNKNOWN_PAGE, *, page_id: int | None = None
) -> str:
    """A page for people, the same in every view: 第3版 要闻; without a number its 版名 alone
    (洛阳·县区); with neither, 版次不详 #12 (the page's id, as ``paper-reader raw 12`` takes it)."""
    if number is not None:
        return f"第{number}版 {visible_line(section)}" if section else f"第{number}版"
    if section:
        return visible_line(section)
    return f"{unknown} #{page_id}" if unknown and page_id is not None else unknown


def pages_label(
    number: int | None,
    section: str | None,
    page_id: int | None,
    other_pages: Sequence[int] = (),
    unknown: str = UNKNOWN_PAGE,
) -> str:
    """An article's page, and the pages its other parts are on when it is printed across pages
    (转版): 第1版 要闻、第3版."""
    first = page_label(number, section, unknown, page_id=page_id or None)
    return first + "".join(f"、第{n}版" for n in other_pages if n != number)


def citation(article: Article, other_pages: Sequence[int] = ()) -> str:
    """paper · date · page(s) · title: how a copied article or snippet names its source
    (``other_pages``: where its other parts are, for an article printed across pages)."""
    title = article.title or article.caption[:30]
    where = pages_label(article.page_number, article.section, article.page_id, other_pages)
    return _cite(article.paper, article.date, where, title)


def hit_citation(hit: Hit) -> str:
    """A search result's citation, the same as its article's (paper · date · page(s) · title)."""
    return _cite(
        hit.paper, hit.date, pages_label(hit.page, hit.section, hit.page_id, hit.other_pages), hit.title
    )


def _cite(paper: str, date: str | None, where: str, title: str) -> str:
    parts = [paper, date_label(date), where, title]
    return " · ".join(visible_line(p) for p in parts if p)


def result_count_line(total: int, shown: int, took_ms: float, *, more: str = "") -> str:
    """How many a search found and how long it took (``2063 results, showing 50 · 12.3 ms``);
    ``more`` (``{shown}`` in it is the number shown) follows the count when not all are shown."""
    noun = "result" if total == 1 else "results"
    extra = more.format(shown=shown) if total > shown else ""
    return f"{total} {noun}{extra} · {took_ms:.1f} ms"


def chinese_citation(
    paper: str | None, date: str | None, page: int | None, other_pages: Sequence[int] = ()
) -> str:
    """The usual Chinese citation: 《人民日报》2020年5月2日第3版 (unknown parts said as such); an
    article printed across pages names them all: 第1、3版."""
    name = f"《{visible_line(paper)}》" if paper else UNKNOWN_PAPER
    when = UNKNOWN_DATE
    if date:
        parts = date.split("-")
        try:
            y, m, d = (int(x) for x in parts[:3])
            when = f"{y}年{m}月{d}日"
        except ValueError:
            when = visible_line(date)
    pages = [page, *(n for n in other_pages if n != page)] if page is not None else []
    where = f"第{'、'.join(str(n) for n in pages)}版" if pages else UNKNOWN_PAGE
    return f"{name}{when}{where}"
