"""The ``raw`` command: print a page's original text as imported (rebuilt from the store)."""

from __future__ import annotations

import sys

import click

from reader.cli.common import UserError, db_option, open_to_read, resolve_db
from reader.safe import visible, visible_line


def _is_terminal() -> bool:
    return sys.stdout.isatty()


@click.command("raw")
@click.argument("page_id", type=int)
@db_option
@click.pass_context
def raw_command(ctx: click.Context, page_id: int, db: str | None) -> None:
    """Print page PAGE_ID's original text exactly as it was imported.

    The store keeps a page's text packed against its articles; this rebuilds it. Piped, the text
    is written byte for byte (UTF-8); on a terminal, control characters are shown as visible
    stand-ins. A page's id is the id column of the store's pages table
    (sqlite3 papers.db 'SELECT id, source FROM pages').

    \b
    Examples:
      paper-reader raw 12
      paper-reader --db archive.db raw 12 > page-12.txt
    """
    from reader.store import StoreError

    path = resolve_db(ctx, db)
    try:
        with open_to_read(path) as store:
            text = store.page_raw(page_id)
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    if text is None:
        raise UserError(f"there is no page {page_id} in the store")
    if _is_terminal():  # a person reads it: control bytes become visible stand-ins
        click.echo(visible(text), nl=not text.endswith("\n"))
        return
    # Piped or redirected: the exact text, whatever the locale's encoding.
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogatepass"))
    sys.stdout.buffer.flush()


COMMANDS: list[click.Command] = [raw_command]
