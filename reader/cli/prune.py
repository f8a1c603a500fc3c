"""``paper-reader prune``: remove the pages whose file was moved or renamed (or, asked, is gone)."""

from __future__ import annotations

import click

from reader.cli.common import UserError, db_option, resolve_db, wait_message
from reader.safe import visible_line


@click.command("prune")
@db_option
@click.option("--dry-run", is_flag=True, help="List the pages that would be removed; remove nothing.")
@click.option("--gone", is_flag=True, help="Also remove pages whose file is gone and stored nowhere else.")
@click.pass_context
def prune_command(ctx: click.Context, db: str | None, dry_run: bool, gone: bool) -> None:
    """Remove pages whose file was moved or renamed (their text is stored again from the new place).

    A page counts as moved when its file no longer exists where it was imported from and the same
    text is stored from a file that does. With --gone, pages whose file is simply gone go too (their
    text is in the store only). Pages imported by a relative path are left alone.

    \b
    Examples:
      paper-reader prune --dry-run
      paper-reader prune --gone
    """
    from reader.ingest.discover import path_text
    from reader.store import Store, StoreError

    path = resolve_db(ctx, db)
    try:
        with Store.open(path, create=False, doing="pruning") as store, store.turn(lambda: wait_message(path)):
            found = store.prune(gone=gone, dry_run=dry_run)
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    for p in found:
        click.echo(f"page {p.page_id} ({p.reason}): {visible_line(path_text(p.source))}")
    n = len(found)
    click.echo(f"{'Would remove' if dry_run else 'Removed'} {n} page{'s' if n != 1 else ''}.")


COMMANDS: list[click.Command] = [prune_command]
