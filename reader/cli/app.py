"""The app command: ``paper-reader`` with no subcommand opens the reader."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []


def run_app(db: str | None) -> None:
    """Open the store (errors become one line before the app starts), then run the reader app."""
    from reader.cli.common import UserError
    from reader.config import ConfigError, load_config
    from reader.ingest import open_default
    from reader.store import StoreError

    try:
        config = load_config()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    try:
        store = open_default(db)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    from reader.widgets._data import StoreAccess

    access = StoreAccess(store.path, store.readonly)
    store.close()  # the app's workers open their own connections, one per thread

    import sqlite3

    from reader.state import State

    try:
        state = State(access.key)
    except (OSError, sqlite3.Error) as exc:
        from reader.paths import state_dir

        raise UserError(f"cannot keep the reading state in {state_dir()}: {exc}") from None

    from reader.app import ReaderApp

    ReaderApp(access, config, state=state).run()
