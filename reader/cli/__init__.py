"""The ``paper-reader`` command line: a thin layer that parses, calls the library, reports errors.

Each area's commands live in a module of ``reader.cli`` (``store``, ``search``, ``raw``, ``split``,
``app``), sharing ``reader.cli.common`` (``UserError``, the ``--db`` option); heavy imports (Textual, jieba) happen inside
the command that needs them so ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import sys

import click

from reader.cli.common import check_db


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help="Show the version and exit.",
)
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


def _print_version(ctx: click.Context) -> None:
    """``paper-reader --version``: the version is looked up only when asked for (it costs start-up)."""
    from reader import __version__

    click.echo(f"paper-reader, version {__version__}")
    ctx.exit()


def _register() -> None:
    from reader.cli import app, export, kwic, prune, raw, review, search, split, store, trend

    for module in (split, store, prune, raw, review, search, kwic, trend, export, app):
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
