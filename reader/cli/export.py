"""``paper-reader export``: every article a query matches, with its citation, as JSONL, CSV or Markdown."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from reader.cli.common import UserError, db_option
from reader.cli.kwic import open_store


def write_export(store: Any, query: str, fmt: str, out: Path, progress: Any = None) -> int:
    """Write the export of ``query`` to ``out`` whole or not at all; returns the articles written.

    ``progress(done, total)`` is called as it goes. Raises UserError for a query it cannot answer
    and OSError when the file cannot be written (nothing is left behind then).
    """
    from reader.search import export

    result = export.matches(store, query)
    if result.message:
        raise UserError(result.message)
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=folder)
    written = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:

            def counted() -> Any:
                nonlocal written
                for rec in export.records(store, result):
                    written += 1
                    if progress is not None and (written % 100 == 0 or written == result.total):
                        progress(written, result.total)
                    yield rec

            for piece in export.lines(fmt, counted(), result.query):
                f.write(piece)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


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
                    n = write_export(
                        store, query, fmt, path, lambda d, t: bar.update(task, completed=d, total=t)
                    )
            else:
                n = write_export(store, query, fmt, path)
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
        click.echo(f"Exported {n} article{'s' if n != 1 else ''} to {path}.", err=True)
    finally:
        store.close()


COMMANDS: list[click.Command] = [export_command]
