"""Query parsing: any string becomes a Query (or one with a message), never an exception.

Syntax: space-separated terms must all match; ``"a phrase"`` keeps spaces; ``-term`` excludes;
``A OR B`` matches either; filters ``paper:`` ``page:`` ``section:`` ``date:`` (``2020-05-02``,
``2020-05``, ``2020``, ``2020-05..2020-06``, open ends allowed), ``title:term`` (the title only) and
``head:term`` (kicker, title or subtitle); ``script:exact`` turns 繁简 folding off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

MAX_QUERY_CHARS = 1000  # a pasted paragraph fits; a runaway paste is refused with a message
MAX_TERMS = 64

_FILTERS = ("paper", "page", "section", "date", "title", "head", "script")
FIELDS = ("title", "head")  # the filters that are terms limited to part of the article
_DATE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")


@dataclass(frozen=True)
class Term:
    """One term as typed; ``field`` is "title" (the title only) or "head" (kicker, title or subtitle)."""

    text: str
    field: str | None = None
    exact_script: bool = False  # match the characters as written (no 繁简 folding)
    quoted: bool = False  # "a phrase": highlighted whole, never as its jieba words


@dataclass
class Query:
    """A parsed query: an AND of OR-groups of terms, excluded terms, and metadata filters."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # inclusive (low, high) string bounds
    message: str | None = None
    exact_script: bool = False  # script:exact: no 繁简 folding

    @property
    def terms(self) -> list[Term]:
        """Every positive term, in order."""
        return [t for g in self.groups for t in g]

    @property
    def has_filters(self) -> bool:
        """Whether any metadata filter is set."""
        return bool(self.papers or self.pages or self.sections or self.dates)

    @property
    def empty(self) -> bool:
        """Whether the query asks for nothing at all."""
        return not (self.groups or self.excluded or self.has_filters)


@dataclass(frozen=True)
class _Tok:
    text: str
    quoted: bool
    negated: bool


def _lex(q: str) -> list[_Tok]:
    """Split on blanks; quotes group (an unclosed quote runs to the end); a leading '-' negates."""
    out: list[_Tok] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        negated = False
        if q[i] == "-" and i + 1 < n and not q[i + 1].isspace():
            negated, i = True, i + 1
        if q[i] == '"':
            end = q.find('"', i + 1)
            end = n if end < 0 else end
            out.append(_Tok(q[i + 1 : end], True, negated))
            i = end + 1
            continue
        start = i
        while i < n and not q[i].isspace():
            # key:"quoted value" keeps its quoted spaces
            if q[i] == '"' and i > start and q[i - 1] == ":":
                end = q.find('"', i + 1)
                i = n if end < 0 else end + 1
                continue
            i += 1
        out.append(_Tok(q[start:i], False, negated))
    return out


def _date_bounds(value: str) -> tuple[str, str] | None:
    """``2020-05-02``, ``2020-05``, ``2020`` or a ``lo..hi`` range of them as inclusive string bounds."""

    def norm(d: str) -> str | None:
        if not _DATE.fullmatch(d):
            return None
        parts = d.split("-")
        return "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])

    if ".." in value:
        lo_s, _, hi_s = value.partition("..")
        lo = norm(lo_s) if lo_s else "0000"
        hi = norm(hi_s) if hi_s else "9999"
    else:
        lo = hi = norm(value)
    if lo is None or hi is None:
        return None
    return lo, hi + "~"  # "~" sorts after digits and "-": 2020-05~ bounds every day of May


def parse(q: str) -> Query:
    """Parse any string into a Query; problems become ``Query.message``, never an exception."""
    query = Query()
    if not isinstance(q, str):
        query.message = "The query must be text."
        return query
    if len(q) > MAX_QUERY_CHARS:
        query.message = f"The query is too long ({len(q)} characters; the limit is {MAX_QUERY_CHARS})."
        return query
    # Lone surrogates cannot reach SQLite (not UTF-8) and cannot be in stored text: make them U+FFFD.
    q = q.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    pending_or = False
    problems: list[str] = []
    for tok in _lex(q):
        text = tok.text
        if not tok.quoted and not tok.negated and text == "OR":
            pending_or = bool(query.groups)
            continue
        term: Term | None = None
        key, sep, value = text.partition(":")
        if not tok.quoted and sep and key.lower() in _FILTERS and value:
            if len(value) >= 2 and value[0] == '"':
                value = value[1:-1] if value.endswith('"') else value[1:]
            key = key.lower()
            if key in FIELDS:
                if value.strip():
                    term = Term(value, key, quoted=value != text.partition(":")[2])
            elif tok.negated:
                problems.append(f"-{key}: is not supported")
            elif key == "script":
                if value.lower() == "exact":
                    query.exact_script = True
                else:
                    problems.append(
                        f"script:{value} is not known (script:exact matches characters as written)"
                    )
            elif key == "paper":
                query.papers.append(value)
            elif key == "section":
                query.sections.append(value)
            elif key == "page":
                if value.isdigit() and len(value) < 6:
                    query.pages.append(int(value))
                else:
                    problems.append(f"page:{value} is not a page number")
            elif key == "date":
                bounds = _date_bounds(value)
                if bounds is None:
                    problems.append(
                        f"date:{value} is not a date (use 2020-05-02, 2020-05 or 2020-05..2020-06)"
                    )
                else:
                    query.dates.append(bounds)
            if term is None:
                pending_or = False
                continue
        if term is None:
            if not text.strip() or (not tok.quoted and text.strip("-") == ""):
                continue  # a lone "-" (or "--") is a slip of the keyboard, not a search for dashes
            term = Term(text, quoted=tok.quoted)
        if tok.negated:
            query.excluded.append(term)
            pending_or = False
        elif pending_or and query.groups:
            query.groups[-1].append(term)
            pending_or = False
        else:
            query.groups.append([term])
    if query.exact_script:
        query.groups = [[replace(t, exact_script=True) for t in g] for g in query.groups]
        query.excluded = [replace(t, exact_script=True) for t in query.excluded]
    if len(query.terms) + len(query.excluded) > MAX_TERMS:
        query.message = (
            f"Too many terms ({len(query.terms) + len(query.excluded)}; the limit is {MAX_TERMS})."
        )
    elif problems:
        query.message = "; ".join(problems) + "."
    return query
