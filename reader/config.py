"""The user's config file: ``config.toml`` in :func:`reader.paths.config_dir`.

```toml
theme = "textual-light"        # any Textual theme name
userdict = "my-words.txt"      # a jieba user dictionary (relative: to this folder)
[keymap]
search = "slash,f"             # binding id = comma-separated keys
toggle_tree = "T"
```
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reader.paths import config_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """The config file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Config:
    """What the config file may set."""

    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    userdict: Path | None = None  # a jieba user dictionary (reader.tokens loads it)


def config_path() -> Path:
    """Where the config file is looked for."""
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is the default config."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        raise ConfigError(f'{path}: [keymap] must map binding ids to key strings, e.g. search = "slash"')
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a string")
    userdict = data.get("userdict")
    if userdict is not None and not isinstance(userdict, str):
        raise ConfigError(f"{path}: userdict must be a string (a file name)")
    return Config(keymap=dict(keymap), theme=theme, userdict=_user_path(userdict, path.parent))


def _user_path(value: str | None, folder: Path) -> Path | None:
    """A path the user wrote: ``~`` expanded, relative to the config's folder; None when empty."""
    if value is None or not value.strip():
        return None
    p = Path(os.path.expanduser(value.strip()))
    return p if p.is_absolute() else folder / p
