"""What a parsed query becomes: FTS5 expressions per term, a plan of which table drives, and the SQL filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reader import tokens
from reader.search.query import Query, Term
from reader.store import index

_WORDS_PER_TERM = 6  # jieba words per term added to the ranking expression


def phrase(run: str) -> str:
    """A run of two or more characters as an FTS5 phrase of its bigrams (for ``search_index``)."""
    # Runs hold no ASCII punctuation or blanks, so they never need escaping inside the quotes.
    return '"' + " ".join(tokens.run_tokens(tokens.fold(run))) + '"'


def char_token(ch: str, *, title: bool = False) -> str:
    """One character as a ``search_chars`` token; ``title`` asks for it in the headline."""
    return f'"{tokens.TITLE_MARK}{ch}"' if title else f'"{ch}"'


def char_in_text(ch: str) -> str:
    """One character in the headline or body (not only in the byline, caption or furniture)."""
    return f'("{ch}" NOT "{tokens.EXTRA_MARK}{ch}")'


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
    body_fts: str | None = None  # the same, in the headline or body (the second ranking tier)
    body_chars: str | None = None

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
    low = tokens.norm(term.text, exact_script=term.exact_script)
    parts = tokens.runs(term.text)
    if not parts:
        return Compiled(term, low, None, False)
    longs = [r for r in parts if len(r) > 1]
    singles = list(dict.fromkeys(r for r in parts if len(r) == 1))
    in_head = term.field is not None  # title: is narrowed by the headline, then checked in the title
    col = "title : " if in_head else ""
    fts = _and([col + phrase(r) for r in longs])
    title_fts = _and([f"title : {phrase(r)}" for r in longs])
    body_fts = _and([f"{{body title}} : {phrase(r)}" for r in longs])
    chars = _and([char_token(r, title=in_head) for r in singles])
    title_chars = _and([char_token(r, title=True) for r in singles])
    body_chars = _and([char_in_text(r) for r in singles])
    # A one-run term is exact: consecutive bigram positions (or the character itself) are the
    # substring, and for head: the column (or the headline mark) is the check. title: alone is
    # checked against the title as a substring: the index holds kicker, title and subtitle together.
    exact = len(parts) == 1 and parts[0] == low and term.field != "title"
    # script:exact: the index is folded, so a term with characters folding touches is checked as written.
    exact = exact and not (term.exact_script and tokens.foldable(low))
    return Compiled(term, low, fts, exact, title_fts, chars, title_chars, body_fts, body_chars)


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
    titled: str | None  # some positive term in the headline: the first tier of the ranking
    verify: bool
    groups: list[list[Compiled]]
    excluded: list[Compiled]
    chars: str | None = None
    titled_chars: str | None = None
    conds: list[tuple[str, list[Any]]] = field(default_factory=list)
    loose: list[list[Compiled]] = field(default_factory=list)  # groups to check as substrings
    loose_excluded: list[Compiled] = field(default_factory=list)
    bodied: str | None = None  # some positive term in the headline or body: the second tier
    bodied_chars: str | None = None

    @property
    def driver(self) -> tuple[str, str] | None:
        """(table, MATCH expression) the index answers through, or None when it cannot narrow."""
        if self.match is not None:
            return index.TABLE, self.match
        if self.chars is not None:
            return index.CHARS, self.chars
        return None

    def where(self, column: str = "+rowid", *, skip_chars: bool = False) -> tuple[str, list[Any]]:
        """``conds`` as SQL to AND after the driver's MATCH (empty when none), on ``column``;
        ``skip_chars`` leaves out the condition on ``chars`` when ``match`` drives (the first).

        The default ``+rowid`` keeps SQLite from handing the condition to FTS5 as one rowid lookup
        per value: FTS5 reads its doclist once and the IN list is checked as it goes.
        """
        conds = self.conds
        if skip_chars and self.match is not None and self.chars is not None:
            conds = conds[1:]  # make_plan puts it first
        sql = "".join(" AND " + c.replace("{col}", column) for c, _ in conds)
        return sql, [p for _, ps in conds for p in ps]


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
                for w in term_words(c.needle)[:_WORDS_PER_TERM]:
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
    bodies = [str(c.body_fts) for g in groups for c in g if c.body_fts is not None]
    bodied = " OR ".join(dict.fromkeys(bodies)) if bodies else None
    char_bodies = [str(c.body_chars) for g in groups for c in g if c.body_chars is not None]
    bodied_chars = " OR ".join(dict.fromkeys(char_bodies)) if char_bodies else None
    verify = bool(loose or loose_excluded)
    return Plan(
        match,
        rank,
        titled,
        verify,
        groups,
        excluded,
        chars,
        titled_chars,
        conds,
        loose,
        loose_excluded,
        bodied,
        bodied_chars,
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


FOLD_SQL = "reader_fold"  # tokens.fold as an SQL function: search registers it on its connection
_T_SQL = "coalesce(a.kicker,'')||char(10)||coalesce(a.title,'')||char(10)||coalesce(a.subtitle,'')"
_B_SQL = "coalesce(a.body,'')"
# byline, caption, credit, and the page's furniture on the page's first article (as the index holds them)
_E_SQL = (
    "coalesce(a.byline,'')||char(10)||coalesce(a.caption,'')||char(10)||coalesce(a.credit,'')||char(10)||"
    "coalesce(CASE WHEN a.position = (SELECT min(x.position) FROM articles x WHERE x.page_id = a.page_id) "
    "THEN (SELECT group_concat(f.text, char(10)) FROM furniture f WHERE f.page_id = a.page_id) END, '')"
)


def _sql_safe(needle: str) -> bool:
    """Whether SQLite's lower() (ASCII only) folds this needle's letters as Python's casefold() does."""
    return all(ord(ch) < 128 or ch.upper() == ch.casefold() for ch in needle)


def _holds_sql(c: Compiled, params: list[Any]) -> str:
    if c.term.field == "title":
        texts = ["coalesce(a.title,'')"]
    elif c.term.field == "head":
        texts = [_T_SQL]
    else:
        texts = [_T_SQL, _B_SQL, _E_SQL]
    params.extend([c.needle] * len(texts))
    # Folding copies every text: only worth it when the needle has letters with case.
    fold = any(ch.isascii() and ch.isalpha() for ch in c.needle)
    if not c.term.exact_script and tokens.foldable(c.needle):
        texts = [f"{FOLD_SQL}({t})" for t in texts]  # 繁简-folded as the needle is
    return " OR ".join(f"instr({f'lower({t})' if fold else t}, ?) > 0" for t in texts)


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


def checked_sql(plan: Plan, q: Query, select: str = "a.id") -> tuple[str, list[Any]] | None:
    """The matching article ids (``a.id``) as SQL, substring checks done by SQLite's instr(); None
    when it cannot. ``select`` replaces what is selected (an aggregate of ``a.id``, say)."""
    loose = [c for g in plan.loose for c in g] + plan.loose_excluded
    if not all(_sql_safe(c.needle) for c in loose):
        return None
    narrow, params = narrowing_sql(plan, q, "a.id")
    sql = f"SELECT {select} FROM articles a WHERE 1" + narrow
    for g in plan.loose:
        sql += " AND (" + " OR ".join(f"({_holds_sql(c, params)})" for c in g) + ")"
    for c in plan.loose_excluded:
        sql += f" AND NOT ({_holds_sql(c, params)})"
    return sql, params


def match_ids_sql(plan: Plan, q: Query, select: str = "rowid") -> tuple[str, list[Any]] | None:
    """The matching article ids (``rowid``) straight from the index (None when substring checks are
    needed). ``select`` replaces what is selected (an aggregate of ``rowid``, say)."""
    if not plan.groups or plan.verify or plan.driver is None:
        return None
    table, expr = plan.driver
    more, params = plan.where()
    fsql, fparams = filter_sql(q)
    if fsql:
        more += f" AND +rowid IN ({fsql})"
        params = [*params, *fparams]
    return f"SELECT {select} FROM {table} WHERE {table} MATCH ?{more}", [expr, *params]


def driven_sql(plan: Plan, q: Query, select: str) -> tuple[str, list[Any]] | None:
    """``SELECT {select}`` over the matches, driven by the index's MATCH and joined to the article
    (``a``), its page (``p``), edition (``e``) and paper (``pa``); None when the index alone cannot
    answer the query (substring checks). Much faster than ``a.id IN (SELECT rowid ... MATCH)``,
    which SQLite answers one probe at a time."""
    if not plan.groups or plan.verify or plan.driver is None:
        return None
    table, expr = plan.driver
    more, params = plan.where("+s.rowid")
    fsql, fparams = filter_sql(q)
    if fsql:
        more += f" AND +s.rowid IN ({fsql})"
        params = [*params, *fparams]
    return (
        f"SELECT {select} FROM {table} s JOIN articles a ON a.id = s.rowid JOIN pages p ON p.id = a.page_id "
        "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id "
        f"WHERE {table} MATCH ?{more}",
        [expr, *params],
    )
