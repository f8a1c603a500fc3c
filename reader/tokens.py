"""The one tokenizer: character n-grams for the index, jieba words for ranking and highlighting.

Text is case-folded and 繁简-folded (traditional characters made simplified, one for one, by
OpenCC's character map in ``fold_t2s.txt``) before it is cut, for the index and the query alike.

The index holds, for every run of indexable characters (all but blanks and ASCII punctuation), its overlapping
character bigrams, case-folded, with positions; and, without positions, the set of characters each
article holds (plus its headline's characters, marked). These tokens never depend on jieba,
so the user dictionary can change without touching the index. jieba (imported only here) cuts the
query's terms into words for ranking and highlighting; it loads lazily, or in the background via
:func:`start_loading`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

# Bumped whenever index_tokens() changes: an index built by another version must be rebuilt,
# because a contentless FTS5 table deletes rows by re-tokenising their text.
INDEX_VERSION = "bigram-7-fold"

# Runs of characters the index holds: everything but blanks and ASCII punctuation. CJK punctuation
# (，、。“”·《》) is held too, so a term like 洛阳·县区 or 、服务 is an exact phrase; ASCII punctuation
# is what FTS5's 'ascii' tokenizer splits on, so it cannot be inside a token (c++, a.b are checked).
_RUN = re.compile(r"[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")

_lock = threading.Lock()
_tokenizer: Any = None
_quick: Any = None  # over reader.wordfreq's stored copy of the dictionary: for short texts
QUICK_MAX = 200  # characters: longer texts load the dictionary (look-ups from the file cost more)
_loader: threading.Thread | None = None
_extra_dicts: list[Path] = []


_fold_table: dict[int, int] | None = None
_fold_chars: dict[str, str] = {}
_fold_keys: frozenset[str] = frozenset()


def _fold_map() -> dict[int, int]:
    global _fold_table, _fold_keys
    if _fold_table is None:
        from importlib.resources import files

        lines = files("reader").joinpath("fold_t2s.txt").read_text(encoding="utf-8").splitlines()
        keys, values = (ln for ln in lines if not ln.startswith("#"))
        _fold_chars.update(zip(keys, values, strict=True))
        _fold_keys = frozenset(keys)
        _fold_table = str.maketrans(keys, values)
    return _fold_table


def fold(text: str) -> str:
    """``text`` with traditional characters made simplified, one character for one (OpenCC's map):
    the index and queries are folded alike, so either script finds both, and offsets stay put."""
    table = _fold_map()
    # Most pages are simplified: find which traditional characters a text holds (a set
    # intersection) and replace just those; str.translate() with a dict looks up every character.
    found = _fold_keys.intersection(text)
    if not found:
        return text
    if len(found) > 16:
        return text.translate(table)
    for ch in found:
        text = text.replace(ch, _fold_chars[ch])
    return text


_touched: frozenset[str] | None = None


def foldable(text: str) -> bool:
    """Whether ``text`` holds a character folding touches (a traditional one, or a simplified one
    that a traditional one folds to): only then can an exact-script match differ from a folded one."""
    global _touched
    if _touched is None:
        table = _fold_map()
        _touched = frozenset(chr(k) for k in table) | frozenset(chr(v) for v in table.values())
    return any(ch in _touched for ch in text)


def variants(text: str) -> frozenset[str]:
    """The traditional characters that fold into a character of ``text`` (a folded needle)."""
    table = _fold_map()
    wanted = {ord(ch) for ch in text}
    return frozenset(chr(k) for k, v in table.items() if v in wanted)


def norm(text: str, *, exact_script: bool = False) -> str:
    """Text as the index compares it: case-folded and (unless ``exact_script``) 繁简-folded."""
    low = text.casefold()
    return low if exact_script else fold(low)


def runs(text: str) -> list[str]:
    """The runs of indexable characters in ``text``, case- and 繁简-folded, in order."""
    return _RUN.findall(norm(text))


def is_indexable(term: str) -> bool:
    """Whether ``term`` (case-folded) is one run of indexable characters."""
    return bool(term) and _RUN.fullmatch(term.casefold()) is not None


def run_tokens(run: str) -> list[str]:
    """The positional index tokens of one run: its overlapping bigrams (none for a 1-character run)."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


_NOT_RUN = re.compile(r"[\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")  # what _RUN leaves out
_SPACE_CODE = array("I", [0x20])


def index_tokens(text: str, *, normed: bool = False) -> str:
    """``text`` as the space-separated bigrams the positional FTS5 table stores ('ascii' splits on
    spaces): the overlapping pairs of each run, in order; ``normed``: the text is :func:`norm`'s already.

    Made without a Python object per pair (an import tokenises every article): the text's code
    points are laid out by array slices, ``char char space`` for each pair of neighbours inside a
    run (runs are long: they end only at blanks and ASCII punctuation), and decoded once.
    """
    if not normed:
        text = norm(text)
    try:
        codes = array("I", text.encode("utf-32-le"))
    except UnicodeEncodeError:  # a lone surrogate (undecodable bytes kept): the slow way
        return " ".join(a + b for run in _RUN.findall(text) for a, b in zip(run, run[1:], strict=False))
    pairs = array("I")
    for m in _RUN.finditer(text):
        a, b = m.span()
        if b - a > 1:
            run = _SPACE_CODE * (3 * (b - a - 1))
            run[0::3] = codes[a : b - 1]
            run[1::3] = codes[a + 1 : b]
            pairs += run
    return pairs.tobytes().decode("utf-32-le")[:-1]


# Marks a headline character in the character table: every other token there is one character, so
# "0洛" (the digit is kept in a token by FTS5's 'ascii' tokenizer) can never be a body character.
TITLE_MARK = "0"
# Marks a character found only in the byline, caption, credit or page furniture (not in the headline
# or body): ranking puts those matches last, and there are few such characters per article.
EXTRA_MARK = "2"


def char_tokens(title: str, body: str, extra: str = "", *, normed: bool = False) -> str:
    """The characters an article holds, each once, then its headline's characters marked, then those
    found only in ``extra`` (byline, caption, credit, furniture) marked (no positions)."""
    if not normed:
        title, body, extra = norm(title), norm(body), norm(extra)
    try:
        heads, bodies, extras = _run_codes(title), _run_codes(body), _run_codes(extra)
    except UnicodeEncodeError:  # a lone surrogate (undecodable bytes kept): the slow way
        return _char_tokens_slow(title, body, extra)
    extras -= heads
    extras -= bodies
    every = heads | bodies | extras
    # Laid out as code points ("c " per character, "0c " or "2c " per marked one) and decoded once:
    # the characters joined in str order (one character's order is its code point's).
    out = _SPACE_CODE * (2 * len(every) + 3 * (len(heads) + len(extras)))
    end = 2 * len(every)
    out[0:end:2] = array("I", sorted(every))
    for mark, codes in ((TITLE_MARK, heads), (EXTRA_MARK, extras)):
        start, end = end, end + 3 * len(codes)
        out[start:end:3] = array("I", [ord(mark)]) * len(codes)
        out[start + 1 : end : 3] = array("I", sorted(codes))
    return out.tobytes().decode("utf-32-le")[:-1]


_not_run_codes: frozenset[int] = frozenset()


def _run_codes(text: str) -> set[int]:
    """The code points of ``text``'s run characters (UnicodeEncodeError on a lone surrogate)."""
    global _not_run_codes
    if not _not_run_codes:
        # ASCII and the Unicode blanks, none of which lies past U+3000 IDEOGRAPHIC SPACE (a test
        # checks every code point).
        _not_run_codes = frozenset(c for c in range(0x3001) if _NOT_RUN.match(chr(c)))
    found = set(array("I", text.encode("utf-32-le")))
    found -= _not_run_codes
    return found


def _char_tokens_slow(title: str, body: str, extra: str) -> str:
    heads = set("".join(_RUN.findall(title)))
    bodies = set("".join(_RUN.findall(body)))
    extras = set("".join(_RUN.findall(extra))) - heads - bodies
    every = heads | bodies | extras
    return " ".join(
        [*sorted(every), *(TITLE_MARK + c for c in sorted(heads)), *(EXTRA_MARK + c for c in sorted(extras))]
    )


# jieba


def _config_userdict() -> Path | None:
    """The ``userdict`` of config.toml (read through reader.config)."""
    from reader.config import ConfigError, load_config

    try:
        return load_config().userdict
    except ConfigError:
        return None  # the app says what is wrong with the file; searching goes on without it


def user_dicts() -> list[Path]:
    """The user dictionaries jieba loads: the sample's place names, the config's, then any added."""
    from reader.paths import sample_dir

    found = [sample_dir() / "userdict.txt"]
    configured = _config_userdict()
    if configured is not None:
        found.append(configured)
    return [p for p in [*found, *_extra_dicts] if p.is_file()]


def add_user_dict(path: str | os.PathLike[str]) -> None:
    """Use one more user dictionary (applies at once if jieba is already loaded)."""
    p = Path(path)
    _extra_dicts.append(p)
    with _lock:
        for tok in (_tokenizer, _quick):
            if tok is not None and p.is_file():
                tok.load_userdict(str(p))


def _jieba_cache_dir() -> str | None:
    """A folder of this user's own for jieba's dictionary cache.

    jieba keeps it in the shared temp folder by default, as ``jieba.cache`` with mode 0600: a second
    user can then neither read nor replace it, and every search of theirs logged "Dump cache file
    failed" with a PermissionError traceback. None: jieba's own default (a failed dump costs time,
    not the search).
    """
    from reader.paths import own_cache_dir

    folder = own_cache_dir()
    return None if folder is None else str(folder)


def _import_jieba() -> Any:
    """Import jieba without pkg_resources, which it only uses to find its own files (~0.1 s of start-up)."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # jieba then opens its files by path
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are not for our users
    return jieba


def _freq_path(jieba: Any) -> Path | None:
    """Where this user's fast-loading copy of the dictionary (user dictionaries included) lives."""
    from reader import wordfreq

    folder = _jieba_cache_dir()
    if folder is None:
        return None
    main = Path(jieba.__file__).parent / "dict.txt"
    try:
        key = wordfreq.cache_key([main, *user_dicts()], getattr(jieba, "__version__", "?"))
    except OSError:
        return None
    return Path(folder) / f"jieba-freq-{key}.bin"


def _load() -> Any:
    global _tokenizer
    with _lock:
        if _tokenizer is not None:
            return _tokenizer
        jieba = _import_jieba()
        tok = jieba.Tokenizer()
        tok.tmp_dir = _jieba_cache_dir()
        tok.initialize()
        for p in user_dicts():
            try:
                tok.load_userdict(str(p))
            except (OSError, UnicodeDecodeError, ValueError):
                continue  # a broken user dictionary costs its words, not the search
        _tokenizer = tok
        return tok


def _quick_tokenizer() -> Any | None:
    """A jieba tokenizer over the user's stored copy of the dictionary, if there is one (None: load it)."""
    global _quick
    with _lock:
        if _quick is None:
            from reader import wordfreq

            jieba = _import_jieba()
            path = _freq_path(jieba)
            if path is None or not path.exists():
                return None
            try:
                freq = wordfreq.Frequencies(path)
            except (OSError, ValueError):  # unreadable or not ours: load in full (and write it again)
                return None
            tok = jieba.Tokenizer()
            tok.FREQ, tok.total, tok.initialized = freq, freq.total, True
            _quick = tok
        return _quick


def _for(text: str) -> Any:
    """The tokenizer to cut ``text`` with: the loaded dictionary, else for a short text the stored copy."""
    if _tokenizer is None and len(text) <= QUICK_MAX:
        quick = _quick_tokenizer()
        if quick is not None:
            return quick
    return _load()


def prepare() -> None:
    """Make cutting a query ready as cheaply as possible: the stored copy, else the full load (which
    stores the copy for next time)."""
    if _tokenizer is not None or _quick_tokenizer() is not None:
        return
    tok = _load()
    from reader import wordfreq

    path = _freq_path(sys.modules["jieba"])
    if path is not None:
        with contextlib.suppress(OSError):  # no copy: the next one-shot search loads in full again
            wordfreq.write(path, tok.FREQ, tok.total)


def ensure_loaded() -> None:
    """Load jieba's dictionary now (blocks until it is ready)."""
    _load()


def is_loaded() -> bool:
    """Whether jieba's dictionary is ready (so cutting words will not wait)."""
    return _tokenizer is not None


def start_loading() -> threading.Thread:
    """Start loading jieba's dictionary in a background thread; returns the thread."""
    global _loader
    with _lock:
        if _loader is None:
            _loader = threading.Thread(target=_load, name="jieba-loader", daemon=True)
            _loader.start()
        return _loader


def reset() -> None:
    """Forget the loaded tokenizer (the next cut reloads, e.g. after the user dictionary changed)."""
    global _tokenizer, _loader, _quick
    with _lock:
        _tokenizer = None
        _loader = None
        _quick = None


def cut_words(text: str) -> list[str]:
    """jieba's search-mode words of ``text`` (case-folded, no blanks), each once, longest first."""
    tok = _for(text)
    seen: dict[str, None] = {}
    for w in tok.cut_for_search(text.casefold(), HMM=True):
        w = w.strip()
        if w and any(ch.isalnum() for ch in w):  # punctuation is no word to rank or highlight by
            seen.setdefault(w, None)
    return sorted(seen, key=len, reverse=True)


def cut(text: str) -> list[str]:
    """jieba's precise-mode words of ``text`` in order (blanks dropped)."""
    return [w for w in _for(text).cut(text, HMM=True) if w.strip()]
