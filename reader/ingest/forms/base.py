"""What every archive form's reader yields: an already-split article with what it says about itself.

A reader yields :class:`ArticleIn` for each article it reads and :class:`Bad` for each record it
skips (with the file and line, and why). Fields a form does not give stay None / "" (unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

FIELDS = (
    "paper",
    "date",
    "page",
    "position",
    "section",
    "kicker",
    "title",
    "subtitle",
    "author",
    "column",
    "body",
    "url",
)


@dataclass(frozen=True)
class ArticleIn:
    """One already-split article as a form gives it; None: the form does not say."""

    source: str  # the file it came from, as text
    line: int  # the line of the file it starts on (1 for an article-per-file form)
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    author: str = ""
    column: str = ""
    body: str = ""  # paragraphs joined by "\n", each stripped of its indent
    paper: str | None = None
    date: str | None = None
    page: int | None = None
    position: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class Bad:
    """A record a reader skipped: where it is (file and line) and why, in one line."""

    source: str
    line: int
    reason: str

    @property
    def where(self) -> str:
        """``file:line`` (just the file when the line is unknown)."""
        return f"{self.source}:{self.line}" if self.line else self.source


class BadValue(ValueError):
    """A field's value cannot be read (a date that is not a date, a page that is not a number)."""


_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_NUMBER = re.compile(r"^(?:第\s*)?0*(\d{1,4})\s*(?:版|页)?(?:\s*[（(：:]?.*)?$")
_INDENT = "\u3000 \t\xa0"


def any_date(value: object) -> str | None:
    """A date as YYYY-MM-DD from the common spellings (2019-02-06, 2019/2/6, 20190206, 2019年2月6日,
    with a time after it); None for an empty value; raises BadValue for anything else."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    for form in _DATE_FORMS:
        m = form.match(text)
        if m:
            try:
                return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                break
    raise BadValue(f"the date {text[:40]!r} is not a date")


def any_number(value: object, what: str) -> int | None:
    """A page or position number from 4, "04", "第4版", "第04版(要闻)"; None when empty; else BadValue."""
    if value is None or isinstance(value, bool):
        return None if value is None else _bad_number(value, what)
    if isinstance(value, int):
        return value if value >= 0 else _bad_number(value, what)
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    m = _NUMBER.match(text)
    if not m:
        return _bad_number(value, what)
    return int(m[1])


def _bad_number(value: object, what: str) -> int:
    raise BadValue(f"the {what} {str(value)[:40]!r} is not a number")


def paragraphs(lines: list[str] | tuple[str, ...]) -> str:
    """Body lines as stored: each stripped of its indent (　　, spaces), blank lines dropped."""
    return "\n".join(s for s in (line.strip(_INDENT + "\r") for line in lines) if s)


_STACK = re.compile(r"\u3000+|[ \t\xa0]{2,}")


def stacked_title(text: str) -> tuple[str, str, str]:
    """A title line that holds a stacked headline -> (kicker, title, subtitle).

    The parts are separated by a full-width space or by two or more spaces; one ASCII space is part
    of the title (a fifth of real 人民日报 titles hold one, as their printed line break). Two parts are
    title and subtitle when the second opens with a dash (——), else kicker and title (a kicker alone
    is twice as common as a subtitle alone); three or more are kicker, title, subtitle.
    """
    parts = [p for p in (s.strip() for s in _STACK.split(text.strip())) if p]
    if len(parts) <= 1:
        return "", (parts[0] if parts else ""), ""
    if len(parts) == 2:
        if parts[1].startswith(("—", "－－", "--")):
            return "", parts[0], parts[1]
        return parts[0], parts[1], ""
    return parts[0], parts[1], " ".join(parts[2:])
