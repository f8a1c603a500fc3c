"""The user's config file: ``config.toml`` in :func:`reader.paths.config_dir`.

```toml
theme = "textual-light"        # any Textual theme name
[keymap]
search = "slash,f"             # binding id = comma-separated keys
toggle_tree = "T"
```
"""

from __future__ import annotations

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
    return Config(keymap=dict(keymap), theme=theme)
