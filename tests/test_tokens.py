"""The tokenizer module: index tokens, jieba's lazy load, background loading, user dictionaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader import tokens

ROOT = Path(__file__).resolve().parent.parent


def test_runs_split_on_everything_but_letters_and_digits() -> None:
    assert tokens.runs("洛阳·县区，5G网络 iPhone_X c++") == ["洛阳·县区，5g网络", "iphone", "x", "c"]
    assert tokens.run_tokens("洛阳实践") == ["洛阳", "阳实", "实践"]
    assert tokens.run_tokens("洛") == []  # a character alone is in the character table
    assert tokens.index_tokens("") == ""


def test_phrase_tokens_are_consecutive_bigrams() -> None:
    assert tokens.phrase_tokens("代表大会") == ["代表", "表大", "大会"]


def test_jieba_is_imported_only_by_tokens() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "reader").rglob("*.py")
        if p.name != "tokens.py" and "import jieba" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_importing_search_does_not_load_jieba() -> None:
    code = "import sys, reader.search, reader.store.index; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_background_loading_finishes() -> None:
    thread = tokens.start_loading()
    thread.join(timeout=60)
    assert tokens.is_loaded()
    assert tokens.start_loading() is thread  # started once


def test_user_dictionary_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.paths import config_dir

    word = "砼嵛埕"  # not a jieba word: cut into pieces without the user dictionary
    tokens.reset()
    assert word not in tokens.cut_words(word + "好")
    config_dir().mkdir(parents=True, exist_ok=True)
    (tmp_path / "mine.txt").write_text(f"{word} 100 n\n", encoding="utf-8")
    (config_dir() / "config.toml").write_text(f'userdict = "{tmp_path / "mine.txt"}"\n', encoding="utf-8")
    tokens.reset()
    try:
        assert tmp_path / "mine.txt" in tokens.user_dicts()
        assert word in tokens.cut_words(word + "好")
    finally:
        tokens.reset()


def test_sample_user_dictionary_is_used() -> None:
    assert "涧西区" in tokens.cut_words("涧西区政府")
    assert "洛阳实践" in tokens.cut(" 叫响洛阳实践")
