"""Where the store, the per-user state and the config live (XDG, via platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

APP = "paper-reader"


def default_db_path() -> Path:
    """The store: ``$PAPER_READER_DB``, else ``paper-reader/papers.db`` in the XDG data dir."""
    env = os.environ.get("PAPER_READER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False) / "papers.db"


def export_dir() -> Path:
    """Where the app writes exported results: ``exports`` beside the default store's folder (XDG data)."""
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False) / "exports"


def state_dir() -> Path:
    """Per-user state (read marks, bookmarks, history): never inside the shared store."""
    from platformdirs import user_state_path

    return user_state_path(APP, appauthor=False)


def config_dir() -> Path:
    """Per-user config (keymap, user dictionary path)."""
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def cache_dir() -> Path:
    """Per-user cache (jieba's dictionary cache): rebuilt when missing, never shared between users."""
    from platformdirs import user_cache_path

    return user_cache_path(APP, appauthor=False)


def own_cache_dir() -> Path | None:
    """A cache folder of this user's own, made if missing: the XDG cache folder, else a per-user
    folder in the temp folder (None when neither can be written).

    Never a folder another user made first: a cache file there could neither be read nor replaced
    (jieba's own default, ``jieba.cache`` in /tmp with mode 0600, failed so for every second user).
    """
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / f"paper-reader-{uid or 'user'}"):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            mine = uid is None or folder.stat().st_uid == uid
        except OSError:
            continue
        if mine and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return None


def sample_dir() -> Path:
    """The bundled sample pages, shipped inside the package as ``reader.sample``."""
    from importlib.util import find_spec

    # reader.sample is data/ mapped into the package (a namespace package: no __init__.py).
    try:
        spec = find_spec("reader.sample")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "data"  # a source tree never installed
