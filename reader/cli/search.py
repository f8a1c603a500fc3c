"""The search commands: ``search`` (queries from the shell, as text or JSON) and ``reindex``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from reader.cli.common import UserError, check_db, resolve_db, wait_message

HIT_STYLE = "reverse bold"


def _open(path: Path, *, readonly: bool, doing: str = "searching") -> Any:
    from reader.store import Store, StoreError

    try:
        return Store.open(path, readonly=readonly, create=False, doing=doing)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def hit_json(h: Any) -> dict[str, Any]:
    """One result as the documented JSON object."""
    return {
        "id": h.article_id,
        "page_id": h.page_id,
        "paper": h.paper,
        "date": h.date,
        "page": h.page,
        "section": h.section,
        "other_pages": list(h.other_pages),
        "title": h.title,
        "places": list(h.places),
        "hits": h.hits,
        "score": h.score,
        "snippets": [{"text": s.text, "spans": [list(span) for span in s.spans]} for s in h.snippets],
    }


def result_json(result: Any) -> dict[str, Any]:
    """A SearchResult as the documented JSON object."""
    out: dict[str, Any] = {
        "query": result.query,
        "total": result.total,
        "took_ms": result.took_ms,
        "results": [hit_json(h) for h in result.hits],
    }
    if result.facets is not None:
        out["facets"] = result.facets
    if result.message:
        out["message"] = result.message
    return out


def _print_result(console: Any, result: Any) -> None:
    from rich.text import Text

    from reader.safe import visible_line
    from reader.text.labels import date_label, pages_label, paper_label, result_count_line
    from reader.text.styled import styled

    for n, hit in enumerate(result.hits, 1):
        head = Text(f"{n:>3}. ", style="dim")
        head.append(visible_line(hit.title or "（无题）"), style="bold")
        console.print(head)
        where = [visible_line(paper_label(hit.paper)), date_label(hit.date)]
        if hit.page is not None or hit.section:
            where.append(pages_label(hit.page, hit.section, None, hit.other_pages, unknown=""))
        where.append(f"{hit.hits} hit{'s' if hit.hits != 1 else ''}")
        if hit.places:
            where.append("/".join(hit.places))
        console.print(Text("     " + " · ".join(where), style="dim"))
        for snip in hit.snippets:
            line = Text("     ")
            line.append_text(styled(snip.text, snip.spans, HIT_STYLE, clean=visible_line))
            console.print(line)
    if result.facets:
        from reader.search.facets import facet_line

        console.print(Text(visible_line(facet_line(result.facets)), style="dim"))
    count = result_count_line(result.total, len(result.hits), result.took_ms, more=", showing {shown}")
    console.print(Text(count, style="dim"))


@click.command("search")
@click.argument("query", required=False)
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, callback=check_db, help="The store to search."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0, max=1000),
    default=20,
    show_default=True,
    help="How many results to show (0: every result).",
)
@click.option(
    "--stream",
    is_flag=True,
    help="With --json: JSON Lines, a line with the query, total and time, then one line per result.",
)
@click.option(
    "--sort",
    type=click.Choice(["rank", "date"]),
    default="rank",
    show_default=True,
    help="rank: most relevant first (ties newest first); date: newest first.",
)
@click.option(
    "--exact-script",
    is_flag=True,
    help="Match characters as written: 華龍區 finds only 華龍區 (by default either script finds both).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (per query with --batch).")
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8", errors="replace"),
    default=None,
    help="Answer one query per line of this file ('-' for stdin).",
)
@click.pass_context
def search_command(
    ctx: click.Context,
    query: str | None,
    db: str | None,
    limit: int,
    stream: bool,
    sort: str,
    exact_script: bool,
    as_json: bool,
    batch: Any,
) -> None:
    """Search the store: every article holding all the terms, best first, with highlighted snippets.

    \b
    Terms are matched as written, inside words too (党建, 洛, 代表大会, 5G).
      洛阳 党建             both terms
      "人民 代表"           a phrase with a space
      洛阳 -濮阳            exclude a term
      洛阳 OR 濮阳          either term
      paper:洛阳日报 page:3 section:要闻
      title:抗疫            in the title; head:抗疫 in the kicker, title or subtitle
      date:2020-05-02  date:2020-05  date:2020-05..2020-06
      華龍區               either script finds both (script:exact or --exact-script: as written)
    """
    if (query is None) == (batch is None):
        raise UserError("give a QUERY or --batch FILE (not both)")
    if stream and (not as_json or batch is not None):
        raise UserError("--stream goes with --json and one QUERY")
    from reader import tokens
    from reader.search import iter_hits, search

    every = limit == 0
    if exact_script and query is not None:
        query += " script:exact"

    store = _open(resolve_db(ctx, db), readonly=True)
    console: Any = None
    if not as_json:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
    tokens.prepare()  # the dictionary's stored copy (a full load once): not part of any query's time
    try:
        if batch is None and stream:
            result = search(
                store, query or "", limit=None if every else limit, sort=sort, lazy=True, facets=True
            )
            head = {k: v for k, v in result_json(result).items() if k != "results"}
            click.echo(json.dumps(head, ensure_ascii=False))
            if result.message:
                ctx.exit(1)
            for hit in iter_hits(store, result):
                click.echo(json.dumps(hit_json(hit), ensure_ascii=False))
            return
        if batch is None:
            result = search(store, query or "", limit=None if every else limit, sort=sort, facets=True)
            if as_json:
                click.echo(json.dumps(result_json(result), ensure_ascii=False))
                if result.message:  # as in text mode: scripts rely on the exit status
                    ctx.exit(1)
                return
            if result.message:
                raise UserError(result.message)
            _print_result(console, result)
            return
        failed = False
        for line in batch:
            q = line.rstrip("\r\n")
            if not q.strip():
                continue
            if exact_script:
                q += " script:exact"
            result = search(store, q, limit=None if every else limit, sort=sort, facets=as_json)
            failed = failed or result.failed
            if as_json:
                click.echo(json.dumps(result_json(result), ensure_ascii=False))
                continue
            from rich.text import Text

            from reader.safe import visible_line

            console.print(Text("» " + visible_line(q), style="bold cyan"))
            if result.message:
                console.print(Text(result.message, style="yellow"))
            else:
                _print_result(console, result)
        if failed:  # every query is answered; the status says the store could not answer some
            ctx.exit(1)
    finally:
        store.close()


@click.command("reindex")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, callback=check_db, help="The store to reindex."
)
@click.pass_context
def reindex_command(ctx: click.Context, db: str | None) -> None:
    """Rebuild the search index from the stored articles (e.g. after upgrading paper-reader)."""
    import sqlite3

    from reader.store import index, store_error

    store = _open(resolve_db(ctx, db), readonly=False, doing="reindexing")
    started = time.perf_counter()
    damaged: list[tuple[int, int]] = []
    try:
        with store.turn(lambda: wait_message(store.path)):
            n = index.reindex_all(store.db, damaged)
    except sqlite3.Error as exc:
        raise UserError(str(store_error(exc, store.path, "reindexing"))) from None
    finally:
        store.close()
    click.echo(f"Indexed {n} article{'s' if n != 1 else ''} in {time.perf_counter() - started:.1f} s.")
    if damaged:
        for page_id, article_id in damaged:
            click.echo(
                f"paper-reader: damaged text (not UTF-8): page {page_id}, article {article_id}", err=True
            )
        raise UserError(
            f"skipped {len(damaged)} damaged article{'s' if len(damaged) != 1 else ''} (listed above): "
            "every other article is indexed; paper-reader raw PAGE still shows each page's original text"
        )


COMMANDS: list[click.Command] = [search_command, reindex_command]
