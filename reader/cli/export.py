"""``paper-reader export``: every article a query matches, with its citation, as JSONL, CSV or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli.common import UserError, db_option, open_store


@click.command("export")
@click.argument("query")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "md"]), default="jsonl", show_default=True
)
@click.option("--out", default="-", show_default=True, help="The file to write ('-': standard output).")
@click.option("--sort", type=click.Choice(["date", "rank"]), default="date", show_default=True)
@click.pass_context
def export_command(ctx: click.Context, query: str, db: str | None, fmt: str, out: str, sort: str) -> None:
    """Every article QUERY matches (no cap) with paper, date, page, section, kicker, title,
    subtitle, byline, body and a citation (《人民日报》2020年5月2日第3版).

    \b
      paper-reader export 脱贫 --format md --out 脱贫.md
      paper-reader export 'title:脱贫 date:2020' --format csv > 2020.csv
    """
    from reader import tokens
    from reader.search import export

    store = open_store(ctx, db)
    tokens.ensure_loaded()
    try:
        if out == "-":
            result = export.matches(store, query, sort)
            if result.message:
                raise UserError(result.message)
            from reader.safe import visible

            shown = sys.stdout.isatty()
            for piece in export.lines(fmt, export.records(store, result), result.query):
                click.echo(visible(piece) if shown else piece, nl=False)
            return
        path = Path(out).expanduser()
        if path.is_dir():
            raise UserError(f"--out {out} is a folder; give a file name")
        if not path.parent.is_dir() and str(path.parent):
            raise UserError(f"--out {out}: the folder {path.parent} does not exist")
        try:
            if sys.stderr.isatty():
                from rich.progress import Progress

                with Progress(transient=True) as bar:
                    task = bar.add_task("Exporting", total=None)
                    n = export.write_file(
                        store,
                        query,
                        fmt,
                        path,
                        lambda d, t: bar.update(task, completed=d, total=t),
                        sort=sort,
                    )
            else:
                n = export.write_file(store, query, fmt, path, sort=sort)
        except export.ExportError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
        click.echo(f"Exported {n} article{'s' if n != 1 else ''} to {path}.", err=True)
    finally:
        store.close()


COMMANDS: list[click.Command] = [export_command]
