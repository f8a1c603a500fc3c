"""Forms 2 and 3: one article per markdown file.

Form 2, a header block::

    ### <title>            (several parts: a stacked headline, see base.stacked_title)
    <author>
    2020-05-02
    第3版(要闻)
    专栏：<column>

    <body>

Form 3, heading levels: ``### kicker`` / ``# title`` / ``## subtitle`` (each optional but the
title), then the body. In both, header lines may come in any order and any may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.ingest.forms.base import ArticleIn, Bad, BadValue, any_date, paragraphs, stacked_title
from reader.ingest.forms.markup import plain, plain_line

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PAGE_LINE = re.compile(r"^第\s*0*(\d{1,3})\s*版\s*(?:[（(【\[：:]\s*(.*?)\s*[）)】\]]?)?$")
_COLUMN_LINE = re.compile(r"^专栏\s*[：:]\s*(.*)$")
_DATE_LINE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(\s.*)?$")
_AUTHOR_MAX = 40  # an author line is short; a longer line after the title is body


def _first_lines(text: str, n: int) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        if line.strip():
            out.append((i, line.strip()))
            if len(out) == n:
                break
    return out


def is_header_form(text: str) -> bool:
    """Form 2: a ``### title`` line, then a date or 第N版 line among the next four lines (decided by
    the first five non-blank lines)."""
    top = _first_lines(text, 5)
    if not top or not re.match(r"^###\s+\S", top[0][1]):
        return False
    return any(_DATE_LINE.match(s) or _PAGE_LINE.match(s) for _, s in top[1:])


def opens_with_headings(text: str) -> bool:
    """Form 3's opening: the first non-blank lines are headings (### / # / ##), one of them ``# ``
    (decided by the first three non-blank lines)."""
    levels = []
    for _, s in _first_lines(text, 3):
        m = _HEADING.match(s)
        if not m:
            break
        levels.append(len(m[1]))
    return levels.count(1) == 1 and not any(lv > 3 for lv in levels)


def is_headings_form(text: str) -> bool:
    """Form 3: the file opens with headings (### / # / ##) holding one ``# title`` and no other level-1
    heading follows (a page in markdown has a headline per article)."""
    if not opens_with_headings(text):
        return False
    level1 = sum(1 for line in text.split("\n") if re.match(r"^#\s", line))
    return level1 == 1


def read_header_form(text: str, source: str) -> Iterator[ArticleIn | Bad]:
    """Form 2: a markdown article with a header block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        yield Bad(source, 1, "no title and no body")
        return
    m = _HEADING.match(lines[i].strip())
    kicker, title, subtitle = stacked_title(m[2] if m else lines[i])
    start = i + 1
    author = column = ""
    date = section = None
    page = None
    i += 1
    while i < len(lines) and lines[i].strip():
        s = lines[i].strip()
        pm, cm, dm = _PAGE_LINE.match(s), _COLUMN_LINE.match(s), _DATE_LINE.match(s)
        if pm:
            page, section = int(pm[1]), (pm[2] or None)
        elif cm:
            column = cm[1].strip()
        elif dm:
            try:
                date = any_date(dm[1])
            except BadValue as exc:
                yield Bad(source, i + 1, str(exc))
                return
        elif not author and len(s) <= _AUTHOR_MAX and i - start < 5:
            author = s
        else:
            break  # no blank line after the header: the body starts here
        i += 1
    body = paragraphs(plain("\n".join(lines[i:])).split("\n"))
    kicker, title, subtitle = plain_line(kicker), plain_line(title), plain_line(subtitle)
    if not title and not body:
        yield Bad(source, start, "no title and no body")
        return
    yield ArticleIn(
        source=source,
        line=start,
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        author=author,
        column=column,
        body=body,
        date=date,
        page=page,
        section=section,
    )


def read_headings_form(text: str, source: str) -> Iterator[ArticleIn | Bad]:
    """Form 3: ``### kicker`` / ``# title`` / ``## subtitle`` then the body."""
    lines = text.split("\n")
    kicker = title = subtitle = ""
    first = 0
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        m = _HEADING.match(s)
        if not m:
            break
        level, words = len(m[1]), m[2].strip()
        first = first or i + 1
        if level == 1 and not title:
            title = words
        elif level == 3 and not title and not kicker:
            kicker = words
        elif level == 2 and title and not subtitle:
            subtitle = words
        else:
            break  # a heading the top block has no room for (an in-article subhead): the body starts
        i += 1
    body = paragraphs(plain("\n".join(_unheading(line) for line in lines[i:])).split("\n"))
    kicker, title, subtitle = plain_line(kicker), plain_line(title), plain_line(subtitle)
    if not title and not body:
        yield Bad(source, first or 1, "no title and no body")
        return
    yield ArticleIn(source=source, line=first or 1, kicker=kicker, title=title, subtitle=subtitle, body=body)


def _unheading(line: str) -> str:
    m = _HEADING.match(line.strip())
    return m[2] if m else line
