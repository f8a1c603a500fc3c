"""Metadata from the names of article files and their folders (crawler naming and its relatives).

* ``<YYYYMMDD>-<PP>-<NN>.txt``: date, page, position on the page (the people-daily crawler's naming);
* ``YYYY-MM-DD_<title>.md``: the date;
* ``<NN>_<title>.md`` / ``<NN>-<title>.md`` inside a page folder: the position;
* folders ``YYYYMMDD`` / ``YYYY-MM-DD`` (the date), ``第NN版`` with an optional 版名 after it
  (``第04版(要闻)``, ``第04版：要闻``, ``04版-要闻``), and ``YYYY年M月`` / ``YYYY`` / ``YYYYMM`` (no
  metadata, but part of a dated tree);
* the paper: the nearest folder above the dated folders that is not itself a date or page folder
  (``人民日报/2019年2月/20190206/…``); with no dated folder in between, none.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.discover import path_text
from reader.ingest.forms.base import BadValue, any_date

CRAWLER_STEM = re.compile(r"^(\d{8})-(\d{1,3})-(\d{1,3})$")
_DATED_STEM = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{8})[_ ]")
_POSITION_STEM = re.compile(r"^(\d{1,3})[-_. ]")
_DAY_DIR = re.compile(r"^(\d{8}|\d{4}-\d{1,2}-\d{1,2})$")
_PAGE_DIR = re.compile(
    r"^(?:第\s*(\d{1,3})\s*版|(\d{1,3})\s*版)\s*(?:[（(【\[：:\-_ ]\s*(.*?)\s*[）)】\]]?)?$"
)
_PERIOD_DIR = re.compile(r"^(\d{4}年\d{1,2}月?|\d{4}|\d{6}|\d{4}-\d{1,2})$")


@dataclass(frozen=True)
class NameMeta:
    """What a file's name and folders say; None: they do not say."""

    paper: str | None = None
    date: str | None = None
    page: int | None = None
    position: int | None = None
    section: str | None = None


def page_folder(name: str) -> tuple[int, str | None] | None:
    """``第04版(要闻)`` -> (4, "要闻"); ``第04版`` -> (4, None); anything else None."""
    m = _PAGE_DIR.match(name.strip())
    if not m:
        return None
    return int(m[1] or m[2]), (m[3] or None)


def _day(name: str) -> str | None:
    if not _DAY_DIR.match(name):
        return None
    try:
        return any_date(name)
    except BadValue:
        return None


def name_meta(path: Path, root: Path | None) -> NameMeta:
    """Metadata from ``path``'s name and its folders (``root``, the folder named on the command line,
    is not a limit: a dated tree named by its day folder still takes its paper from the folder above)."""
    absolute = Path(path_text(os.path.abspath(path)))
    stem = absolute.stem
    date = page = position = None
    section = None
    m = CRAWLER_STEM.match(stem)
    if m:
        date, page, position = _day(m[1]), int(m[2]), int(m[3])
    else:
        d = _DATED_STEM.match(stem)
        if d:
            date = _day(d[1])
        p = _POSITION_STEM.match(stem)
        if p and not d:
            position = int(p[1])
    f_paper, f_date, f_page, f_section = _folders(str(absolute.parent))
    return NameMeta(
        paper=f_paper,
        date=date or f_date,
        page=page if page is not None else f_page,
        position=position,
        section=section or f_section,
    )


@functools.lru_cache(maxsize=1024)
def _folders(parent: str) -> tuple[str | None, str | None, int | None, str | None]:
    """(paper, date, page, section) from the folders of a file (cached: a folder holds many files)."""
    date = page = section = paper = None
    dated = False
    for folder in (Path(parent), *Path(parent).parents):
        if not folder.name:
            break
        name = folder.name.strip()
        day = _day(name)
        if day is not None:
            date = date or day
            dated = True
            continue
        pf = page_folder(name)
        if pf is not None:
            page = page if page is not None else pf[0]
            section = section or pf[1]
            dated = True
            continue
        if _PERIOD_DIR.match(name):
            dated = True
            continue
        if dated:
            paper = name
        break
    return paper, date, page, section
