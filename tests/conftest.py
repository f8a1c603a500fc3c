"""Shared fixtures: every test runs with its own HOME, XDG dirs and store, never the user's."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
# ../shared is part of the development set-up and CI has it: tests that read it fail without it,
# unless PAPER_READER_SKIP_SHARED=1 says to skip them (a checkout without the shared material).
SKIP_SHARED = os.environ.get("PAPER_READER_SKIP_SHARED") == "1"
DATA = ROOT / "data"


@functools.cache
def corpus_pages() -> list[list[dict[str, Any]]]:
    """The corpus's pages (``render.load_corpus``), read once per test process: tests only read them."""
    from reader.split.render import load_corpus

    return load_corpus()


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


@pytest.fixture(scope="session", autouse=True)
def _jieba_reads_each_dictionary_file_once() -> Iterator[None]:
    """jieba parses a dictionary file into the same words and counts every time (~1 s for its main
    one): parse each file once per session and give every load its own copy. Everything else about a
    load is as it was (the per-user cache file is still written, user dictionaries still added), and
    a load in a subprocess is untouched."""
    from reader import tokens

    jieba = tokens._import_jieba()
    real = jieba.Tokenizer.gen_pfdict
    parsed: dict[tuple[str, int, int], tuple[dict[str, int], int]] = {}

    def gen_pfdict(f: Any) -> tuple[dict[str, int], int]:
        try:
            st = os.stat(f.name)
            key = (os.path.realpath(f.name), st.st_size, st.st_mtime_ns)
        except (AttributeError, TypeError, OSError):
            return real(f)
        if key in parsed:
            f.close()
        else:
            parsed[key] = real(f)
        freq, total = parsed[key]
        return dict(freq), total  # a copy: user dictionaries add words to it

    jieba.Tokenizer.gen_pfdict = staticmethod(gen_pfdict)
    try:
        yield
    finally:
        jieba.Tokenizer.gen_pfdict = staticmethod(real)


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """The five sample pages, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(DATA.glob("*/*/*.*"))
        if p.suffix in (".txt", ".md")
    }
