"""Snapshots at 80×24 of the page as printed and the calendar (fixed store, no clock)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import made_store, press, settle
from textual.pilot import Pilot

from reader.app import ReaderApp

pytestmark = pytest.mark.pilot

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    return ReaderApp(made_store(tmp_path), warm_tokens=False)


def test_page_as_printed(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down", "p", "right_square_bracket")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_calendar(app: ReaderApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "enter", "C")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
