"""What every command shares: ``UserError`` (one line, exit status 1) and the ``--db`` option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


class UserError(click.ClickException):
    """A problem the user can fix: printed as one line, exit status 1, never a traceback."""

    def show(self, file=None) -> None:
        """Print ``paper-reader: error: MESSAGE`` on stderr."""
        click.echo(f"paper-reader: error: {self.format_message()}", err=True)


class UsageError(UserError):
    """A wrong option value: one line like UserError, with the exit status of a usage error (2)."""

    exit_code = 2


def check_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse ``--db ""`` (an unset variable in a script): it would silently use the default store."""
    if value is not None and not value.strip():
        raise UsageError("--db needs a store file name; it was given an empty one")
    return value


# The --db option every store command takes (the group's own --db works too).
db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    callback=check_db,
    help="The store (default: $PAPER_READER_DB, else papers.db in the XDG data dir).",
)


def resolve_db(ctx: click.Context, db: str | None) -> Path:
    """The store path: the command's --db, else the group's --db, else $PAPER_READER_DB / XDG default."""
    from reader.paths import default_db_path

    chosen = db or (ctx.obj or {}).get("db")
    return Path(chosen).expanduser() if chosen else default_db_path()


def open_to_read(path: Path) -> Any:
    """Open an existing store for a command that reads: read-write when it can (so an older store is
    migrated), read-only when the file is not writable. Raises StoreError."""
    from reader.store import Store, StoreError, core

    try:
        return Store.open(path, create=False)
    except StoreError:
        if not path.exists() or core.writable(path):
            raise
        return Store.open(path, readonly=True)


def wait_message(path: Path) -> None:
    """Say on stderr that this command waits for another one writing to the same store."""
    from reader.safe import visible_line

    click.echo(
        f"paper-reader: another import, reindex or compact is writing to {visible_line(str(path))}; "
        "waiting for it to finish (Ctrl-C to stop; nothing has been written yet) …",
        err=True,
    )


def open_store(ctx: click.Context, db: str | None) -> Any:
    """The store to read, for the study commands (one line on stderr when it cannot be opened)."""
    from reader.store import StoreError

    try:
        return open_to_read(resolve_db(ctx, db))
    except StoreError as exc:
        raise UserError(str(exc)) from None
