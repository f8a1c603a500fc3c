"""``paper-reader kwic``: the concordance of a query, one aligned line per occurrence."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from reader.cli.common import UserError, db_option, open_store

CSV_FIELDS = ("paper", "date", "page", "section", "title", "place", "start", "left", "hit", "right", "id")


@click.command("kwic")
@click.argument("query")
@db_option
@click.option(
    "--width",
    type=click.IntRange(1, 200),
    default=20,
    show_default=True,
    help="Characters of context either side.",
)
@click.option(
    "--sort",
    type=click.Choice(["date", "left", "right"]),
    default="date",
    show_default=True,
    help="date: newest first; left / right: by the context left or right of the hit.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=200, show_default=True, help="Lines to show (0: all)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: query, articles, lines.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@click.pass_context
def kwic_command(
    ctx: click.Context,
    query: str,
    db: str | None,
    width: int,
    sort: str,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """A concordance: every occurrence of QUERY's terms with WIDTH characters either side.

    \b
      paper-reader kwic 脱贫                     newest first
      paper-reader kwic 脱贫 --sort left --width 10
      paper-reader kwic '脱贫 date:2020' --csv > lines.csv
    """
    if as_json and as_csv:
        raise UserError("give --json or --csv, not both")
    from reader import tokens
    from reader.search.kwic import kwic

    store = open_store(ctx, db)
    tokens.ensure_loaded()
    try:
        result = kwic(store, query, width=width, sort=sort, limit=limit or None)
    finally:
        store.close()
    if as_json:
        out: dict[str, Any] = {
            "query": result.query,
            "articles": result.articles,
            "lines": [ln.to_json() for ln in result.lines],
        }
        if result.message:
            out["message"] = result.message
        click.echo(json.dumps(out, ensure_ascii=False))
        if result.message:
            ctx.exit(1)
        return
    if result.message:
        raise UserError(result.message)
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for ln in result.lines:
            row = ln.to_json()
            writer.writerow([row[k] for k in CSV_FIELDS])
        return
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    from reader.search.kwic import aligned

    for text in aligned(result.lines):
        console.print(text)
    noun = "line" if len(result.lines) == 1 else "lines"
    console.print(f"{len(result.lines)} {noun} from {result.articles} articles", style="dim", highlight=False)


COMMANDS: list[click.Command] = [kwic_command]
