"""A query with terms in both index tables (``洛 党建``: one character, one longer term), answered
from its rarer part first.

SQLite answers ``rowid IN (SELECT rowid FROM search_chars WHERE search_chars MATCH ?)`` by reading
every match of the other table into a temporary index: for a common character that is most of
the store's articles, read again for the count and for each ranking tier. When either part is
rare, its few matches are read first and the other part is asked only about them: by looking
each one up in the index, by reading the other part's matches over their span, or, for a common
character, by finding it in each article's text (substring tests that say exactly what the
character index says; a lone-character query walks the newest editions with them too).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from reader import tokens
from reader.search.order import newest
from reader.search.plan import Compiled, Plan, char_token
from reader.search.tiers import ranked
from reader.store import index

SMALL = 50000  # a part with at most this many matches is read first
PROBE_COST = 100  # looking one article up in the index costs about as much as reading this many matches
# Finding a character in one article's text costs about as much as reading this many matches: little
# when it is there (found early), more when not (every text read to the end).
TEXT_HIT, TEXT_MISS = 50, 160
SAMPLE = 8  # the other part's matches are estimated from a 1/SAMPLE slice of the ids' span
SAMPLE_MIN, ESTIMATE_FROM = (
    1000,
    5000,
)  # ids in a slice worth sampling; counts estimated, not counted, from here
IDS = "SELECT value FROM json_each(?)"  # a JSON array of ids as a table (one parameter, no size limit)
# Whether the row is one of a set of ids, as a byte per id of their span (see marked): a quarter
# cheaper than ``+rowid IN (IDS)``, whose every test is a search of a temporary index.
HELD = "substr(?, rowid - ? + 1, 1) = x'01'"


def _count(conn: sqlite3.Connection, table: str, expr: str, cap: int) -> int:
    """The matches of ``expr`` in ``table``, counted up to ``cap`` (reading no more than that)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
    return int(conn.execute(sql, [expr, cap]).fetchone()[0])


def _ids(conn: sqlite3.Connection, table: str, expr: str) -> list[int]:
    return [r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expr])]


_HEAD_TEXTS = ("a.title", "a.kicker", "a.subtitle")
_EXTRA_TEXTS = ("a.byline", "a.caption", "a.credit")
_VOCAB = "reader_chars_rows"  # a temporary fts5vocab table over the character index
# The page's furniture is indexed with the page's first article (see index.with_furniture).
_FURNITURE = (
    "(a.position = (SELECT min(x.position) FROM articles x WHERE x.page_id = a.page_id) AND "
    "EXISTS (SELECT 1 FROM furniture f WHERE f.page_id = a.page_id AND ({})))"
)


def _forms(ch: str) -> list[str] | None:
    """The characters whose folded form is ``ch``, when a substring test on the unfolded text can
    stand for the index's folded characters (None: it cannot).

    The index holds the characters of the case- and 繁简-folded text: for a character no other one
    case-folds into (uncased, from U+3000 on: a test checks every code point), that is the
    character itself or a traditional one folding to it."""
    if ord(ch) < 0x3000 or not (ch.casefold() == ch.upper() == ch.lower() == ch):
        return None
    return sorted(x for x in {ch, *tokens.variants(ch)} if tokens.fold(x) == ch) or None


def _in_texts(forms: list[str], where: str, params: list[Any]) -> str:
    """SQL true when one of ``forms`` is in the article's headline, body or ``extra`` (byline,
    caption, credit, page furniture): ``where`` names one of the three."""

    def holds(text: str) -> str:
        params.extend(forms)
        return " OR ".join(f"instr({text}, ?) > 0" for _ in forms)

    texts = {"head": _HEAD_TEXTS, "body": ("a.body",), "extra": _EXTRA_TEXTS}[where]
    tests = [holds(t) for t in texts]
    if where == "extra":
        tests.append(_FURNITURE.format(holds("f.text")))
    return "(" + " OR ".join(tests) + ")"


def _char_sql(ch: str, head: bool, params: list[Any]) -> str | None:
    """SQL over an article ``a`` true exactly when ``search_chars`` holds ``ch`` for it (``head``: in
    its headline, the marked token), or None when a substring test cannot say so."""
    forms = _forms(ch)
    if forms is None:
        return None
    if head:
        return _in_texts(forms, "head", params)
    return "(" + " OR ".join(_in_texts(forms, w, params) for w in ("body", "head", "extra")) + ")"


def one_char(plan: Plan) -> str | None:
    """The character of a query that is one character and nothing else (no field, no exclusion),
    when substring tests can stand for it."""
    if plan.match is not None or plan.conds or plan.excluded or [len(g) for g in plan.groups] != [1]:
        return None
    c = plan.groups[0][0]
    if c.term.field is not None or not c.exact or len(c.needle) != 1:
        return None
    if plan.chars != char_token(c.needle) or _forms(c.needle) is None:
        return None
    return c.needle


def char_count(conn: sqlite3.Connection, ch: str) -> int:
    """The articles holding ``ch``: its document count, which FTS5's vocabulary table reads about
    twice as fast as counting the matches."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_VOCAB} USING fts5vocab(main, {index.CHARS}, row)"
    )
    row = conn.execute(f"SELECT doc FROM temp.{_VOCAB} WHERE term = ?", [ch]).fetchone()
    return int(row[0]) if row else 0


def char_tier_sql(ch: str, tier: int | None) -> tuple[str, list[Any]]:
    """The articles of a JSON array of ids (the last parameter) holding ``ch`` (see :func:`one_char`)
    in the ranking ``tier`` (0: headline, 1: body, 2: only elsewhere; None: anywhere), as substring
    tests, with their parameters before the array's."""
    forms = _forms(ch)
    assert forms is not None
    params: list[Any] = []
    wheres = {None: ["head", "body", "extra"], 0: ["head"], 1: ["body"], 2: ["extra"]}[tier]
    test = "(" + " OR ".join(_in_texts(forms, w, params) for w in wheres) + ")"
    for before in {None: [], 0: [], 1: ["head"], 2: ["head", "body"]}[tier]:
        test += " AND NOT " + _in_texts(forms, before, params)
    return f"SELECT a.id FROM articles a WHERE {test} AND a.id IN ({IDS})", params


def _term_chars_sql(c: Compiled, params: list[Any]) -> tuple[str, str] | None:
    """A term's one-character runs as (``search_chars`` expression, SQL over ``a``), as make_plan
    writes them, or None."""
    singles = list(dict.fromkeys(r for r in tokens.runs(c.term.text) if len(r) == 1))
    head = c.term.field is not None
    exprs, tests = [], []
    for ch in singles:
        test = _char_sql(ch, head, params)
        if test is None:
            return None
        exprs.append(char_token(ch, title=head))
        tests.append(test)
    if not exprs:
        return None
    if len(exprs) == 1:
        return exprs[0], tests[0]
    return "(" + " AND ".join(exprs) + ")", "(" + " AND ".join(tests) + ")"


def chars_sql(plan: Plan) -> tuple[str, list[Any]] | None:
    """``plan.chars`` as substring tests on the article ``a`` (SQL and parameters), giving exactly its
    matches, or None when they cannot (a character with case, say). Rebuilt from the plan's groups
    as make_plan builds it, and checked against it."""
    exprs: list[str] = []
    tests: list[str] = []
    params: list[Any] = []
    for g in plan.groups:
        if any(not c.indexed for c in g) or any(c.chars is None for c in g):
            continue
        if len(g) > 1 and not all(c.table == index.CHARS for c in g):
            continue  # an OR group across the tables: a condition of its own (plan.conds)
        made = [_term_chars_sql(c, params) for c in g]
        if any(m is None for m in made):
            return None
        parts = [m for m in made if m is not None]
        if len(parts) == 1:
            exprs.append(parts[0][0])
            tests.append(parts[0][1])
        else:
            exprs.append("(" + " OR ".join(e for e, _ in parts) + ")")
            tests.append("(" + " OR ".join(t for _, t in parts) + ")")
    if not exprs or " AND ".join(exprs) != plan.chars:
        return None
    return " AND ".join(tests), params


def _checked_text(conn: sqlite3.Connection, test: tuple[str, list[Any]], ids: list[int]) -> list[int]:
    sql = f"SELECT a.id FROM articles a WHERE a.id IN ({IDS}) AND {test[0]} ORDER BY a.id"
    return [r[0] for r in conn.execute(sql, [json.dumps(ids), *test[1]])]


def _among(
    conn: sqlite3.Connection,
    table: str,
    expr: str,
    ids: list[int],
    text: tuple[str, list[Any]] | None = None,
) -> list[int]:
    """Which of ``ids`` (ascending) match ``expr`` in ``table``: looked up one by one, found in each
    article's text (``text``: SQL that says the same), or by reading the matches of ``expr``
    between the first and last id, whichever costs least."""
    lo, hi = ids[0], ids[-1]
    # The matches in an eighth of that span, counted, stand for the rest.
    width = (hi - lo) // SAMPLE
    mid = lo + (hi - lo) // 2 - width // 2
    sample = conn.execute(
        f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid <= ?",
        [expr, mid, mid + width],
    ).fetchone()[0]
    read = sample * SAMPLE
    if text is not None:
        held = min(1.0, read / max(1, hi - lo))  # the share of articles holding it
        if len(ids) * (held * TEXT_HIT + (1 - held) * TEXT_MISS) < min(read, len(ids) * PROBE_COST):
            return _checked_text(conn, text, ids)
    if read > len(ids) * PROBE_COST:
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid IN ({IDS})"
        return [r[0] for r in conn.execute(sql, [expr, json.dumps(ids)])]
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid <= ? AND {HELD}"
    return [r[0] for r in conn.execute(sql, [expr, lo, hi, *marked(ids)])]


def marked(ids: list[int]) -> list[Any]:
    """The parameters of :data:`HELD` for ``ids`` (ascending): a byte per id from the first to the last."""
    lo = ids[0]
    marks = bytearray(ids[-1] - lo + 1)
    for i in ids:
        marks[i - lo] = 1
    return [bytes(marks), lo]


def both(conn: sqlite3.Connection, plan: Plan) -> list[int] | None:
    """The ids (ascending) matching both ``plan.match`` and ``plan.chars``, or None when both parts
    are common (then one SQL statement with the temporary index is the cheaper way)."""
    if plan.match is None or plan.chars is None:
        return None
    parts = [(index.TABLE, plan.match), (index.CHARS, plan.chars)]
    counts = [_count(conn, table, expr, SMALL + 1) for table, expr in parts]
    if min(counts) > SMALL:
        return None
    first = 0 if counts[0] <= counts[1] else 1
    ids = sorted(_ids(conn, *parts[first]))
    if not ids:
        return []
    return sorted(_among(conn, *parts[1 - first], ids, chars_sql(plan) if first == 0 else None))


def narrowed(
    conn: sqlite3.Connection, plan: Plan, ids: list[int], filters: tuple[str | None, list[Any]]
) -> list[int]:
    """``ids`` less those the plan's other conditions (OR groups across tables, excluded terms)
    and the query's filters (``filter_sql``) rule out."""
    more, params = plan.where("value", skip_chars=True)
    fsql, fparams = filters
    if fsql:
        more += f" AND value IN ({fsql})"
        params = [*params, *fparams]
    if not more or not ids:
        return ids
    return [r[0] for r in conn.execute(f"{IDS} WHERE 1{more}", [json.dumps(ids), *params])]


def answer(
    conn: sqlite3.Connection,
    plan: Plan,
    ids: list[int],
    filters: tuple[str | None, list[Any]],
    want: int,
    sort: str,
    total: int | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """The count (unless ``total`` is known) and the best ``want`` of the matches among ``ids`` (what
    :func:`both` found), ranked as the whole query would rank them."""
    ids = narrowed(conn, plan, ids, filters)
    if total is None:
        total = len(ids)
    if not ids or want <= 0:
        return total, []
    if sort == "date":
        return total, [(i, 0.0) for i in newest(conn, IDS, [json.dumps(ids)], want, len(ids))]
    # Only the first to last id of the driving index is read (FTS5 seeks to the first).
    where = f" AND rowid >= ? AND rowid <= ? AND {HELD}"
    return total, ranked(conn, plan, where, [ids[0], ids[-1], *marked(ids)], want, len(ids))


def about(conn: sqlite3.Connection, sql: str, params: list[Any]) -> int:
    """How many rows ``sql`` (``SELECT count(*) FROM t WHERE t MATCH ?...``) counts: estimated from
    the middle 1/SAMPLE of the article ids when that estimate is ESTIMATE_FROM or more, else
    counted. Never 0 when there are matches; for choosing a plan, not for showing."""
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    width = last // SAMPLE
    if width > SAMPLE_MIN:
        lo = last // 2 - width // 2
        ranged = sql.replace(" MATCH ?", " MATCH ? AND rowid >= ? AND rowid <= ?", 1)
        sample = conn.execute(ranged, [params[0], lo, lo + width, *params[1:]]).fetchone()[0]
        if sample * SAMPLE >= ESTIMATE_FROM:
            return int(sample * SAMPLE)
    return int(conn.execute(sql, params).fetchone()[0])
