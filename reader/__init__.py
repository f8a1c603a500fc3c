"""paper-reader: a terminal reader and search engine for Chinese newspaper archives."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__``, read from the installed package's metadata when first asked for.

    Lazily: importlib.metadata costs a twentieth of a second, which every one-shot command paid.
    """
    if name != "__version__":
        raise AttributeError(f"module 'reader' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("paper-reader")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
