"""Shared fixtures: every test runs with its own HOME, XDG dirs and store, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
# ../shared is part of the development set-up and CI has it: tests that read it fail without it,
# unless PAPER_READER_SKIP_SHARED=1 says to skip them (a checkout without the shared material).
SKIP_SHARED = os.environ.get("PAPER_READER_SKIP_SHARED") == "1"
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("PAPER_READER_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """The five sample pages, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(DATA.glob("*/*/*.*"))
        if p.suffix in (".txt", ".md")
    }
