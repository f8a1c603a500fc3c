"""The ``paper-reader`` command line: a thin layer that parses, calls the library, reports errors.

Each area's commands live in a module of ``reader.cli`` (``store``, ``search``, ``raw``, ``split``,
``app``), sharing ``reader.cli.common`` (``UserError``, the ``--db`` option); heavy imports (Textual, jieba) happen inside
the command that needs them so ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import sys

import click

from reader import __version__
from reader.cli.common import check_db


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="paper-reader")
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    callback=check_db,
    help="The store (default: $PAPER_READER_DB, else papers.db in the XDG data dir).",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Read and search Chinese newspaper archives in the terminal.

    With no command, opens the reader on the store; on first run it creates the default store
    and imports the bundled sample.

    \b
    Examples:
      paper-reader                         open the reader
      paper-reader import ~/papers         import a folder of page texts
      paper-reader search '洛阳 党建'       search from the shell
      paper-reader split page.txt          show how a page splits into articles
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        from reader.cli.app import run_app

        run_app(db)


def _register() -> None:
    from reader.cli import app, export, kwic, raw, review, search, split, store, trend

    for module in (split, store, raw, review, search, kwic, trend, export, app):
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="paper-reader", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("paper-reader: interrupted", err=True)
        sys.exit(130)
