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
    assert tokens.run_tokens("代表大会") == ["代表", "表大", "大会"]


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


def _real_queries() -> list[str]:
    """Short pieces of real articles (titles, and 2-12 characters cut anywhere) and the named cases."""
    import gzip
    import json
    import random

    rng = random.Random(7)
    out = ["5G", "GDP", "2020年", "洛阳", "党建", "洛", "涧西区", "洛阳实践", "代表大会", "阳实"]
    out += ["5G网络建设", "iPhone手机", "COVID-19疫情防控", "习近平总书记", "人民代表大会", "  "]
    with gzip.open(ROOT.parent / "shared" / "corpus" / "people-daily.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 400:
                break
            article = json.loads(line)
            out.append(article["title"])
            text = "".join(article["paragraphs"])
            for _ in range(3):
                n = rng.randint(2, 12)
                start = rng.randrange(max(1, len(text) - n))
                out.append(text[start : start + n])
    return out


def test_the_stored_dictionary_cuts_exactly_as_jieba() -> None:
    queries = _real_queries()
    tokens.reset()
    try:
        tokens.prepare()  # no stored copy yet: loads jieba's dictionary and stores the copy
        assert tokens.is_loaded()
        full = [(tokens.cut_words(q), tokens.cut(q)) for q in queries]
        tokens.reset()
        tokens.prepare()  # now from the stored copy
        assert not tokens.is_loaded()  # jieba's dictionary was not loaded for these
        quick = [(tokens.cut_words(q), tokens.cut(q)) for q in queries]
        assert not tokens.is_loaded()
        assert quick == full
        assert any(len(words) > 1 for words, _ in full)  # real cutting happened
    finally:
        tokens.reset()


def test_the_stored_dictionary_follows_the_user_dictionaries(tmp_path: Path) -> None:
    from reader.paths import config_dir

    word = "砼嵛埕"
    tokens.reset()
    try:
        tokens.prepare()
        tokens.reset()
        tokens.prepare()
        assert not tokens.is_loaded() and word not in tokens.cut_words(word + "好")
        config_dir().mkdir(parents=True, exist_ok=True)
        (tmp_path / "mine.txt").write_text(f"{word} 100 n\n", encoding="utf-8")
        (config_dir() / "config.toml").write_text(f'userdict = "{tmp_path / "mine.txt"}"\n', encoding="utf-8")
        tokens.reset()
        tokens.prepare()  # another set of dictionaries: another stored copy, made from a full load
        assert tokens.is_loaded() and word in tokens.cut_words(word + "好")
        tokens.reset()
        tokens.prepare()
        assert not tokens.is_loaded() and word in tokens.cut_words(word + "好")
        other = "埕嵛砼"
        (tmp_path / "more.txt").write_text(f"{other} 100 n\n", encoding="utf-8")
        tokens.add_user_dict(tmp_path / "more.txt")  # added while the stored copy is in use
        assert other in tokens.cut_words(other + "好")
    finally:
        tokens.reset()
        tokens._extra_dicts.clear()


def test_a_damaged_stored_dictionary_is_replaced() -> None:
    from reader.paths import cache_dir

    tokens.reset()
    try:
        tokens.prepare()
        (stored,) = cache_dir().glob("jieba-freq-*")
        stored.write_bytes(b"not a dictionary")
        tokens.reset()
        tokens.prepare()  # loads in full and stores it again
        assert tokens.is_loaded() and stored.read_bytes().startswith(b"paper-reader wordfreq")
        assert "涧西区" in tokens.cut_words("涧西区政府")
    finally:
        tokens.reset()


def _bigrams_run_by_run(text: str) -> str:
    """The index's bigram tokens the obvious way: each run's overlapping pairs, in order."""
    out: list[str] = []
    for run in tokens._RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(out)


def test_index_tokens_equal_the_bigrams_of_each_run() -> None:
    import random

    rng = random.Random(3)
    alphabet = list("洛阳实践人民日报华龍𠀋𠀌abcXYZ019") + list(
        " \t\n\u3000\x00,.，。！-_()（）·\ud800\udcff"
    )
    texts = ["", "洛", "洛阳", "，", "洛，阳", "ab", "a b", "\x00\x00", "𠀋𠀌", "洛阳\ud800实践", "。洛阳。"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 60))) for _ in range(3000)]
    for text in texts:
        assert tokens.index_tokens(text, normed=True) == _bigrams_run_by_run(text), repr(text)
