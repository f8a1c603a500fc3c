"""``paper-reader trend``: how often terms appear per year, month or day."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from reader.cli.common import UserError, db_option, open_store


@click.command("trend")
@click.argument("terms", nargs=-1, required=True)
@db_option
@click.option("--by", type=click.Choice(["year", "month", "day"]), default="year", show_default=True)
@click.option("--paper", default=None, help="Only this paper (its name, or part of it).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: terms, by, periods.")
@click.option(
    "--csv", "as_csv", is_flag=True, help="CSV: period, store articles, term, articles, occurrences."
)
@click.pass_context
def trend_command(
    ctx: click.Context,
    terms: tuple[str, ...],
    db: str | None,
    by: str,
    paper: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """For each period: the articles holding each TERM, its occurrences, and the articles in the store.

    A TERM is any query; quote it to keep spaces.

    \b
      paper-reader trend 脱贫 扶贫 --by year
      paper-reader trend '脱贫 OR 扶贫' --by month --paper 人民日报 --csv
    """
    if as_json and as_csv:
        raise UserError("give --json or --csv, not both")
    from reader import tokens
    from reader.search.trend import trend

    store = open_store(ctx, db)
    tokens.ensure_loaded()
    try:
        result = trend(store, list(terms), by=by, paper=paper)
    finally:
        store.close()
    if result.message:
        raise UserError(result.message)
    if as_json:
        out: dict[str, Any] = {
            "terms": result.terms,
            "by": result.by,
            "paper": result.paper,
            "periods": [p.to_json() for p in result.periods],
        }
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["period", "store_articles", "term", "articles", "occurrences"])
        for p in result.periods:
            for t, (a, o) in p.hits.items():
                writer.writerow([p.period or "", p.articles, t, a, o])
        return
    _print_table(result)


def _print_table(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from reader.safe import visible_line
    from reader.text.labels import date_label

    table = Table(box=None, show_edge=False, pad_edge=False)
    table.add_column("period")
    table.add_column("articles", justify="right")
    for t in result.terms:
        table.add_column(visible_line(t) + " articles", justify="right")
        table.add_column("hits", justify="right")
    for p in result.periods:
        cells = [date_label(p.period), str(p.articles)]
        for t in result.terms:
            a, o = p.hits[t]
            cells += [str(a), str(o)]
        table.add_row(*cells)
    Console(highlight=False).print(table)


COMMANDS: list[click.Command] = [trend_command]
