"""Export: every article a query matches, with its citation (《人民日报》2020年5月2日第3版), as JSON
Lines, CSV or Markdown, a batch at a time."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.search.rank import SearchResult, search
from reader.store import index
from reader.text.labels import chinese_citation, date_label, page_label, paper_label

FORMATS = ("jsonl", "csv", "md")
FIELDS = (
    "id",
    "paper",
    "date",
    "page",
    "section",
    "kicker",
    "title",
    "subtitle",
    "byline",
    "body",
    "caption",
    "citation",
)
_SQL = (
    "SELECT a.id, pa.name, e.date, p.number, p.section, a.kicker, a.title, a.subtitle, a.byline, a.body, "
    "a.caption FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id "
    "JOIN papers pa ON pa.id = e.paper_id WHERE a.id IN ({marks})"
)
_BATCH = 500


def matches(db_or_store: Any, query: str, sort: str = "date") -> SearchResult:
    """Every match of ``query`` (ids only; ``result.message`` when it cannot be answered)."""
    return search(db_or_store, query, limit=None, sort=sort, lazy=True)


def records(db_or_store: Any, result: SearchResult) -> Iterator[dict[str, Any]]:
    """The export record of each match, in order: the article's fields and its citation."""
    conn: sqlite3.Connection = index._conn(db_or_store)
    ids = [i for i, _ in result.ranked]
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        rows = {
            r[0]: dict(zip(FIELDS[:-1], r, strict=True))
            for r in conn.execute(_SQL.format(marks=",".join("?" * len(chunk))), chunk)
        }
        for i in chunk:
            row = rows.get(i)
            if row is None:
                continue
            row = {k: ("" if v is None and k not in ("date", "page") else v) for k, v in row.items()}
            row["paper"] = row["paper"] or ""
            row["citation"] = chinese_citation(row["paper"], row["date"], row["page"])
            yield row


def jsonl_lines(recs: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line."""
    for r in recs:
        yield json.dumps(r, ensure_ascii=False) + "\n"


def csv_lines(recs: Iterator[dict[str, Any]]) -> Iterator[str]:
    """A header row, then one row per article."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in recs:
        writer.writerow(["" if r[k] is None else r[k] for k in FIELDS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():
        yield buf.getvalue()


def _md_text(text: str) -> str:
    """Page text as Markdown text, not markup: characters Markdown would read escaped."""
    out = []
    for ch in text:
        out.append("\\" + ch if ch in "\\`*_[]<>#|" else ch)
    return "".join(out)


def md_lines(recs: Iterator[dict[str, Any]], query: str = "") -> Iterator[str]:
    """A Markdown document: each article's headline, where it is, its citation and body."""
    if query:
        yield f"# {_md_text(query)}\n\n"
    for r in recs:
        head = " ".join(x for x in (r["kicker"], r["title"], r["subtitle"]) if x) or (r["caption"] or "")[:30]
        yield f"## {_md_text(head) or '（无题）'}\n\n"
        where = " · ".join(
            [paper_label(r["paper"]), date_label(r["date"]), page_label(r["page"], r["section"])]
        )
        yield f"{_md_text(where)}\n\n"
        if r["byline"]:
            yield f"{_md_text(r['byline'])}\n\n"
        for para in str(r["body"] or r["caption"] or "").split("\n"):
            if para.strip():
                yield f"{_md_text(para)}\n\n"
        yield f"> {_md_text(r['citation'])}\n\n"


def lines(fmt: str, recs: Iterator[dict[str, Any]], query: str = "") -> Iterator[str]:
    """The export in ``fmt`` (jsonl, csv, md) as text pieces to write in order."""
    if fmt == "jsonl":
        return jsonl_lines(recs)
    if fmt == "csv":
        return csv_lines(recs)
    if fmt == "md":
        return md_lines(recs, query)
    raise ValueError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")


class ExportError(Exception):
    """The query cannot be answered (the message says why); nothing was written."""


def write_file(
    store: Any, query: str, fmt: str, out: Path, progress: Any = None, *, sort: str = "date"
) -> int:
    """Write the export of ``query`` to ``out`` whole or not at all; returns the articles written.

    ``progress(done, total)`` is called as it goes. Raises ExportError for a query it cannot
    answer and OSError when the file cannot be written (nothing is left behind then).
    """
    result = matches(store, query, sort)
    if result.message:
        raise ExportError(result.message)
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=folder)
    written = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:

            def counted() -> Any:
                nonlocal written
                for rec in records(store, result):
                    written += 1
                    if progress is not None and (written % 100 == 0 or written == result.total):
                        progress(written, result.total)
                    yield rec

            for piece in lines(fmt, counted(), result.query):
                f.write(piece)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written
