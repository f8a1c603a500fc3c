"""A snapshot at 80×24 of the page view: line numbers, role gutter, rules between articles, cursor."""

from __future__ import annotations

import pytest
from test_app_review import access as access  # noqa: F401 - the fixture
from test_app_support import press, settle
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.widgets._data import StoreAccess

pytestmark = pytest.mark.pilot


def test_page_view(access: StoreAccess, snap_compare) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    app = ReaderApp(access, warm_tokens=False)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        # paper, date, page 3, its second article; the page view opens on that article's first line
        await press(pilot, "enter", "down", "enter", "down", "enter", "down", "down", "enter", "v")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
