"""Shared fixtures: every test runs with its own HOME, XDG dirs and store, never the user's."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
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


def labelled_blocks(lines: list[str], labels: list[str]) -> Any:
    """A page of ``lines``, each its own block (as markdown sets every heading: ## kicker, blank,
    ## title), labelled by hand with ``labels`` (each 0.95 sure): a
    :class:`reader.split.units.Labelled` for the grouping stage's tests."""
    from reader.split.units import Labelled, units

    us = units("\n\n".join(lines) + "\n")
    assert len(us) == len(labels)
    return Labelled(us, labels, [0.95] * len(us), [[] for _ in us], [0.0] * len(us))


@functools.cache
def corpus_pages() -> list[list[dict[str, Any]]]:
    """The corpus's pages (``render.load_corpus``), read once per test process: tests only read them."""
    from reader.split.render import load_corpus

    return load_corpus()


@functools.cache
def bench_module(name: str) -> Any:
    """A script of bench/ (not a package) loaded as a module, once."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def held_out_pages() -> list[list[dict[str, Any]]]:
    """The corpus's pages of the month no training run reads (``reader.split.train.HELD_OUT_MONTH``)."""
    from reader.split.train import HELD_OUT_MONTH

    return [p for p in corpus_pages() if p[0]["date"].startswith(HELD_OUT_MONTH)]


def _isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """Point HOME and the XDG dirs into ``home``, with no PAPER_READER_DB and no colour."""
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


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _isolate(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="session")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Callable[[Path], Path]], Path]:
    """``built_once(key, make)``: the file ``make(folder)`` writes in an empty folder and returns, made
    once per test process, in a home of its own (so no test's home holds what making it left there).
    Tests never write to it: each takes a copy (``store_helpers.copy_store``)."""
    made: dict[str, Path] = {}

    def get(key: str, make: Callable[[Path], Path]) -> Path:
        if key not in made:
            folder = tmp_path_factory.mktemp("built")
            with pytest.MonkeyPatch.context() as mp:
                _isolate(mp, folder / "home")
                made[key] = make(folder)
        return made[key]

    return get


class _MarshalOnce:
    """jieba's ``marshal`` for the tests: the dictionary cache a load dumped is read back (when the
    file is still the one written) as a copy of what was dumped, not parsed again (~0.7 s a time)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.dumped: dict[tuple[int, ...], Any] = {}

    @staticmethod
    def _key(f: Any) -> tuple[int, ...]:
        st = os.fstat(f.fileno())
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)  # not ctime: jieba renames the file

    def dump(self, value: Any, f: Any, *args: Any) -> None:
        self.real.dump(value, f, *args)
        f.flush()
        freq, total = value
        self.dumped[self._key(f)] = (dict(freq), total)  # a copy: user dictionaries add words to it

    def load(self, f: Any) -> Any:
        key = self._key(f)
        if key not in self.dumped:  # changed or damaged since, or another's: read as jieba would
            return self.real.load(f)
        freq, total = self.dumped[key]
        return dict(freq), total

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture(scope="session", autouse=True)
def _jieba_reads_each_dictionary_file_once() -> Iterator[None]:
    """jieba parses a dictionary file into the same words and counts every time (~1 s for its main
    one), and reading back the cache it dumps costs as long: parse each file once per session, read
    each cache file back as what was dumped into it, and give every load its own copy. Everything else
    about a load is as it was (the per-user cache file is still written, user dictionaries still
    added), and a load in a subprocess is untouched. Installed when reader.tokens first imports
    jieba, so a worker whose tests never cut words never imports it."""
    from reader import tokens

    real_import = tokens._import_jieba
    undo: list[Any] = []

    def install(jieba: Any) -> None:
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
        real_marshal = jieba.marshal
        jieba.marshal = _MarshalOnce(real_marshal)
        undo.append(lambda: setattr(jieba.Tokenizer, "gen_pfdict", staticmethod(real)))
        undo.append(lambda: setattr(jieba, "marshal", real_marshal))

    def import_jieba() -> Any:
        jieba = real_import()
        if not undo:
            install(jieba)
        return jieba

    tokens._import_jieba = import_jieba  # type: ignore[method-assign]
    try:
        yield
    finally:
        tokens._import_jieba = real_import  # type: ignore[method-assign]
        for step in undo:
            step()


@pytest.fixture
def seed_texts() -> dict[str, str]:
    """The five sample pages, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(DATA.glob("*/*/*.*"))
        if p.suffix in (".txt", ".md")
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow first: xdist hands each worker a run of the collection and lets an idle
    worker take the other's last tests, so a long test left to the end keeps one worker busy alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
