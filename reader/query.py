"""Query parsing and planning: any string becomes a Query (or one with a message), never an exception.

Syntax: space-separated terms must all match; ``"a phrase"`` keeps spaces; ``-term`` excludes;
``A OR B`` matches either; filters ``paper:`` ``page:`` ``section:`` ``date:`` (``2020-05-02``,
``2020-05``, ``2020``, ``2020-05..2020-06``, open ends allowed) and ``title:term``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reader import index, tokens

MAX_QUERY_CHARS = 1000  # a pasted paragraph fits; a runaway paste is refused with a message
MAX_TERMS = 64
_WORDS_PER_TERM = 6  # jieba words per term added to the ranking expression

_FILTERS = ("paper", "page", "section", "date", "title")
_DATE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")


@dataclass(frozen=True)
class Term:
    """One term as typed; ``field`` is "title" when it must be in the title."""

    text: str
    field: str | None = None


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
            if key == "title":
                if value.strip():
                    term = Term(value, "title")
            elif tok.negated:
                problems.append(f"-{key}: is not supported")
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
            term = Term(text)
        if tok.negated:
            query.excluded.append(term)
            pending_or = False
        elif pending_or and query.groups:
            query.groups[-1].append(term)
            pending_or = False
        else:
            query.groups.append([term])
    if len(query.terms) + len(query.excluded) > MAX_TERMS:
        query.message = (
            f"Too many terms ({len(query.terms) + len(query.excluded)}; the limit is {MAX_TERMS})."
        )
    elif problems:
        query.message = "; ".join(problems) + "."
    return query


def phrase(run: str) -> str:
    """One run as an FTS5 query: a phrase of its bigrams, or a prefix query for one character."""
    # Runs hold letters and digits only, so they never need quoting inside the FTS5 string.
    return f'"{run}"*' if len(run) == 1 else '"' + " ".join(tokens.phrase_tokens(run)) + '"'


@dataclass(frozen=True)
class Compiled:
    """One term ready to run: its FTS5 fragment (None: not indexable) and whether the index is exact."""

    term: Term
    needle: str
    fts: str | None
    exact: bool
    title_fts: str | None = None  # the same, restricted to the title column


@lru_cache(maxsize=512)
def compile_term(term: Term) -> Compiled:
    """A term as FTS5 fragments, and whether the index answers it exactly."""
    low = term.text.casefold()
    parts = tokens.runs(low)
    if not parts:
        return Compiled(term, low, None, False)
    col = "title : " if term.field == "title" else ""
    frags = [col + phrase(r) for r in parts]
    fts = frags[0] if len(frags) == 1 else "(" + " AND ".join(frags) + ")"
    in_title = [f"title : {phrase(r)}" for r in parts]
    title_fts = in_title[0] if len(in_title) == 1 else "(" + " AND ".join(in_title) + ")"
    # A one-run term whose title: restriction is exact too: the column filter is the check.
    return Compiled(term, low, fts, len(parts) == 1 and parts[0] == low, title_fts)


@lru_cache(maxsize=512)
def term_words(text: str) -> tuple[str, ...]:
    """jieba's search-mode words of a term (cached)."""
    return tuple(tokens.cut_words(text))


@dataclass
class Plan:
    """The SQL side of a query: the MATCH expression, the ranking expression, what Python must check."""

    match: str | None
    rank: str | None
    titled: str | None  # some positive term in the title: the first tier of the ranking
    verify: bool
    groups: list[list[Compiled]]
    excluded: list[Compiled]


def make_plan(q: Query) -> Plan:
    """The FTS5 expressions of a parsed query and what is left to check as substrings."""
    groups = [[compile_term(t) for t in g] for g in q.groups]
    excluded = [compile_term(t) for t in q.excluded]
    ands: list[str] = []
    verify = False
    for g in groups:
        if any(c.fts is None for c in g):
            verify = True  # a term the index cannot narrow: the whole group is checked as substrings
            continue
        verify = verify or not all(c.exact for c in g)
        ands.append(str(g[0].fts) if len(g) == 1 else "(" + " OR ".join(str(c.fts) for c in g) + ")")
    match = " AND ".join(ands) if ands else None
    if match:
        for c in excluded:
            if c.exact:
                match += f" NOT {c.fts}"
    verify = verify or any(not c.exact for c in excluded)
    rank = match
    if match:
        # jieba's words of each term as extra phrases: bm25 then scores word by word. Each word is
        # a substring of its term, so this narrows nothing.
        extra: list[str] = []
        for g in groups:
            for c in g:
                if c.fts is None or c.term.field:
                    continue
                for w in term_words(c.term.text)[:_WORDS_PER_TERM]:
                    if w != c.needle and tokens.is_indexable(w):
                        extra.append(phrase(w))
        if extra:
            # The terms themselves join the OR so it holds in every match (one group's words alone
            # would drop the rows matched by another term of an OR group).
            own = [str(c.fts) for g in groups for c in g if c.fts is not None]
            rank = f"({match}) AND ({' OR '.join(dict.fromkeys(own + extra))})"
    titles = [str(c.title_fts) for g in groups for c in g if c.title_fts is not None]
    titled = " OR ".join(dict.fromkeys(titles)) if titles else None
    return Plan(match, rank, titled, verify, groups, excluded)


def filter_sql(q: Query) -> tuple[str | None, list[Any]]:
    """The article ids the paper/page/section/date filters allow, as SQL (None: no filter)."""
    conds: list[str] = []
    params: list[Any] = []
    for values, sql in (
        (q.papers, "instr(pa.name, ?) > 0"),
        (q.sections, "instr(coalesce(p.section, ''), ?) > 0"),
    ):
        if values:
            conds.append("(" + " OR ".join([sql] * len(values)) + ")")
            params.extend(values)
    if q.pages:
        conds.append(f"p.number IN ({','.join('?' * len(q.pages))})")
        params.extend(q.pages)
    if q.dates:
        conds.append("(" + " OR ".join(["(e.date >= ? AND e.date <= ?)"] * len(q.dates)) + ")")
        for lo, hi in q.dates:
            params.extend([lo, hi])
    if not conds:
        return None, []
    return (
        "SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
        "JOIN papers pa ON pa.id = e.paper_id WHERE " + " AND ".join(conds)
    ), params


_T_SQL = "coalesce(a.kicker,'')||char(10)||coalesce(a.title,'')||char(10)||coalesce(a.subtitle,'')"
_B_SQL = "coalesce(a.body,'')||char(10)||coalesce(a.caption,'')"


def _sql_safe(needle: str) -> bool:
    """Whether SQLite's lower() (ASCII only) folds this needle's letters as Python's casefold() does."""
    return all(ord(ch) < 128 or ch.upper() == ch.casefold() for ch in needle)


def _holds_sql(c: Compiled, params: list[Any]) -> str:
    params.extend([c.needle] if c.term.field else [c.needle, c.needle])
    # Folding copies every text: only worth it when the needle has letters with case.
    fold = any(ch.isascii() and ch.isalpha() for ch in c.needle)
    t, b = (f"lower({_T_SQL})", f"lower({_B_SQL})") if fold else (_T_SQL, _B_SQL)
    return f"instr({t}, ?) > 0" + ("" if c.term.field else f" OR instr({b}, ?) > 0")


def checked_sql(plan: Plan, q: Query) -> tuple[str, list[Any]] | None:
    """The matching article ids as SQL, substring checks done by SQLite's instr(); None when it cannot."""
    loose = [c for g in plan.groups if not all(x.exact for x in g) for c in g]
    loose += [c for c in plan.excluded if not c.exact]
    if not all(_sql_safe(c.needle) for c in loose):
        return None
    sql = "SELECT a.id FROM articles a WHERE 1"
    params: list[Any] = []
    if plan.match:
        sql += f" AND a.id IN (SELECT rowid FROM {index.TABLE} WHERE {index.TABLE} MATCH ?)"
        params.append(plan.match)
    fsql, fparams = filter_sql(q)
    if fsql:
        sql += f" AND a.id IN ({fsql})"
        params.extend(fparams)
    for g in plan.groups:
        if not all(c.exact for c in g):
            sql += " AND (" + " OR ".join(f"({_holds_sql(c, params)})" for c in g) + ")"
    for c in plan.excluded:
        if not c.exact:
            sql += f" AND NOT ({_holds_sql(c, params)})"
    exact_out = [str(c.fts) for c in plan.excluded if c.exact]
    if exact_out and not plan.match:  # with a MATCH they are already its NOT clauses
        sql += f" AND a.id NOT IN (SELECT rowid FROM {index.TABLE} WHERE {index.TABLE} MATCH ?)"
        params.append(" OR ".join(exact_out))
    return sql, params
