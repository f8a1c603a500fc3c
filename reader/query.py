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
    """A run of two or more characters as an FTS5 phrase of its bigrams (for ``search_index``)."""
    # Runs hold no ASCII punctuation or blanks, so they never need escaping inside the quotes.
    return '"' + " ".join(tokens.phrase_tokens(run)) + '"'


def char_token(ch: str, *, title: bool = False) -> str:
    """One character as a ``search_chars`` token; ``title`` asks for it in the headline."""
    return f'"{tokens.TITLE_MARK}{ch}"' if title else f'"{ch}"'


def _and(frags: list[str]) -> str | None:
    if not frags:
        return None
    return frags[0] if len(frags) == 1 else "(" + " AND ".join(frags) + ")"


def _or(frags: list[str]) -> str:
    return frags[0] if len(frags) == 1 else "(" + " OR ".join(frags) + ")"


@dataclass(frozen=True)
class Compiled:
    """One term ready to run: its FTS5 fragments per index table and whether they answer it exactly.

    ``fts`` is for ``search_index`` (the term's runs of two or more characters), ``chars`` for
    ``search_chars`` (its one-character runs); both None means the index cannot narrow the term.
    """

    term: Term
    needle: str
    fts: str | None
    exact: bool
    title_fts: str | None = None  # the same, restricted to the title
    chars: str | None = None
    title_chars: str | None = None

    @property
    def indexed(self) -> bool:
        """Whether the index narrows this term at all."""
        return self.fts is not None or self.chars is not None

    @property
    def table(self) -> str | None:
        """The one index table that answers the term alone, or None (both or neither)."""
        if self.fts is not None and self.chars is None:
            return index.TABLE
        if self.chars is not None and self.fts is None:
            return index.CHARS
        return None


@lru_cache(maxsize=512)
def compile_term(term: Term) -> Compiled:
    """A term as FTS5 fragments, and whether the index answers it exactly."""
    low = term.text.casefold()
    parts = tokens.runs(low)
    if not parts:
        return Compiled(term, low, None, False)
    longs = [r for r in parts if len(r) > 1]
    singles = list(dict.fromkeys(r for r in parts if len(r) == 1))
    in_title = term.field == "title"
    col = "title : " if in_title else ""
    fts = _and([col + phrase(r) for r in longs])
    title_fts = _and([f"title : {phrase(r)}" for r in longs])
    chars = _and([char_token(r, title=in_title) for r in singles])
    title_chars = _and([char_token(r, title=True) for r in singles])
    # A one-run term is exact: consecutive bigram positions (or the character itself) are the
    # substring, and for title: the column (or the headline mark) is the check.
    return Compiled(term, low, fts, len(parts) == 1 and parts[0] == low, title_fts, chars, title_chars)


@lru_cache(maxsize=512)
def term_words(text: str) -> tuple[str, ...]:
    """jieba's search-mode words of a term (cached)."""
    return tuple(tokens.cut_words(text))


def _in(table: str, negate: bool = False) -> str:
    # {col} is filled in by Plan.where: the article id as the outer query names it.
    return "{col} " + ("NOT IN" if negate else "IN") + f" (SELECT rowid FROM {table} WHERE {table} MATCH ?)"


@dataclass
class Plan:
    """The SQL side of a query.

    The index answers it through one *driving* table's MATCH (``match`` on ``search_index`` when
    any term has a run of two or more characters, else ``chars`` on ``search_chars``); ``conds``
    are further rowid conditions (SQL with its parameters) on the other table; groups and excluded
    terms the index cannot answer exactly are left for a substring check (``verify``).
    """

    match: str | None
    rank: str | None
    titled: str | None  # some positive term in the title: the first tier of the ranking
    verify: bool
    groups: list[list[Compiled]]
    excluded: list[Compiled]
    chars: str | None = None
    titled_chars: str | None = None
    conds: list[tuple[str, list[Any]]] = field(default_factory=list)
    loose: list[list[Compiled]] = field(default_factory=list)  # groups to check as substrings
    loose_excluded: list[Compiled] = field(default_factory=list)

    @property
    def driver(self) -> tuple[str, str] | None:
        """(table, MATCH expression) the index answers through, or None when it cannot narrow."""
        if self.match is not None:
            return index.TABLE, self.match
        if self.chars is not None:
            return index.CHARS, self.chars
        return None

    def where(self, column: str = "+rowid") -> tuple[str, list[Any]]:
        """``conds`` as SQL to AND after the driver's MATCH (empty when none), on ``column``.

        The default ``+rowid`` keeps SQLite from handing the condition to FTS5 as one rowid lookup
        per value: FTS5 reads its doclist once and the IN list is checked as it goes.
        """
        sql = "".join(" AND " + c.replace("{col}", column) for c, _ in self.conds)
        return sql, [p for _, ps in self.conds for p in ps]


def _group_cond(g: list[Compiled]) -> tuple[str, list[Any]]:
    """An OR group whose terms live in different tables, as one rowid condition."""
    sql: list[str] = []
    params: list[Any] = []
    for c in g:
        parts = []
        if c.fts is not None:
            parts.append(_in(index.TABLE))
            params.append(c.fts)
        if c.chars is not None:
            parts.append(_in(index.CHARS))
            params.append(c.chars)
        sql.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(sql) + ")", params


def make_plan(q: Query) -> Plan:
    """The FTS5 expressions of a parsed query and what is left to check as substrings."""
    groups = [[compile_term(t) for t in g] for g in q.groups]
    excluded = [compile_term(t) for t in q.excluded]
    ands: list[str] = []
    char_ands: list[str] = []
    mixed: list[list[Compiled]] = []
    loose: list[list[Compiled]] = []
    for g in groups:
        if any(not c.indexed for c in g):
            loose.append(g)  # a term the index cannot narrow: the whole group is checked as substrings
            continue
        if not all(c.exact for c in g):
            loose.append(g)
        if len(g) == 1:
            c = g[0]
            if c.fts is not None:
                ands.append(c.fts)
            if c.chars is not None:
                char_ands.append(c.chars)
        elif all(c.table == index.TABLE for c in g):
            ands.append(_or([str(c.fts) for c in g]))
        elif all(c.table == index.CHARS for c in g):
            char_ands.append(_or([str(c.chars) for c in g]))
        else:
            mixed.append(g)
    match = " AND ".join(ands) if ands else None
    chars = " AND ".join(char_ands) if char_ands else None
    conds: list[tuple[str, list[Any]]] = []
    if match is not None and chars is not None:
        conds.append((_in(index.CHARS), [chars]))
    conds.extend(_group_cond(g) for g in mixed)
    loose_excluded = [c for c in excluded if not c.exact]
    for c in excluded:
        if not c.exact:
            continue
        if c.fts is not None and match is not None:
            match += f" NOT {c.fts}"
        elif c.chars is not None and match is None and chars is not None:
            chars += f" NOT {c.chars}"
        else:
            table, expr = (index.TABLE, c.fts) if c.fts is not None else (index.CHARS, c.chars)
            conds.append((_in(table, negate=True), [expr]))
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
                    if w != c.needle and len(w) > 1 and tokens.is_indexable(w):
                        extra.append(phrase(w))
        if extra:
            # The terms themselves join the OR so it holds in every match (one group's words alone
            # would drop the rows matched by another term of an OR group).
            own = [str(c.fts) for g in groups for c in g if c.fts is not None]
            rank = f"({match}) AND ({' OR '.join(dict.fromkeys(own + extra))})"
    titles = [str(c.title_fts) for g in groups for c in g if c.title_fts is not None]
    titled = " OR ".join(dict.fromkeys(titles)) if titles else None
    char_titles = [str(c.title_chars) for g in groups for c in g if c.title_chars is not None]
    titled_chars = " OR ".join(dict.fromkeys(char_titles)) if char_titles else None
    verify = bool(loose or loose_excluded)
    return Plan(
        match, rank, titled, verify, groups, excluded, chars, titled_chars, conds, loose, loose_excluded
    )


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


def narrowing_sql(plan: Plan, q: Query, column: str) -> tuple[str, list[Any]]:
    """What the index and the filters allow of ``column`` (an article id), as SQL to AND on."""
    sql = ""
    params: list[Any] = []
    if plan.driver is not None:
        table, expr = plan.driver
        sql += f" AND {column} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
        params.append(expr)
    more, more_params = plan.where(column)
    sql += more
    params.extend(more_params)
    fsql, fparams = filter_sql(q)
    if fsql:
        sql += f" AND {column} IN ({fsql})"
        params.extend(fparams)
    return sql, params


def checked_sql(plan: Plan, q: Query) -> tuple[str, list[Any]] | None:
    """The matching article ids as SQL, substring checks done by SQLite's instr(); None when it cannot."""
    loose = [c for g in plan.loose for c in g] + plan.loose_excluded
    if not all(_sql_safe(c.needle) for c in loose):
        return None
    narrow, params = narrowing_sql(plan, q, "a.id")
    sql = "SELECT a.id FROM articles a WHERE 1" + narrow
    for g in plan.loose:
        sql += " AND (" + " OR ".join(f"({_holds_sql(c, params)})" for c in g) + ")"
    for c in plan.loose_excluded:
        sql += f" AND NOT ({_holds_sql(c, params)})"
    return sql, params
