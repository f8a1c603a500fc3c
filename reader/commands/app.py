"""Commands for the app area (filled in by its owner)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []


def run_app(db: str | None) -> None:
    """Open the reader app on the store (placeholder until the app lands)."""
    raise click.ClickException("the reader app is not built yet")
