"""Finding the page files to import: folders walked recursively, symlink loops and duplicates skipped."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Found:
    """A file to import, and the folder given on the command line that it was found in (if any)."""

    path: Path
    root: Path | None = None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _text(path: str | Path) -> str:
    # Undecodable bytes in a file name must not reach SQLite or the terminal as lone surrogates.
    return path_text(path)


def path_text(path: str | Path) -> str:
    """A path as text SQLite and the terminal accept: a name that is not UTF-8 is read as GB18030 (archives
    unpacked from Windows zips), else its undecodable bytes become U+FFFD."""
    text = os.fspath(path)
    if isinstance(text, str):
        try:
            text.encode("utf-8")  # no undecodable bytes kept as surrogates: the path is its own text
            return text
        except UnicodeEncodeError:
            pass
    return "/".join(_name_text(part) for part in os.fsencode(path).split(b"/"))


def _name_text(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    return raw.decode("utf-8", errors="replace")


def discover(
    paths: Iterable[str | Path], suffixes: tuple[str, ...] = PAGE_SUFFIXES
) -> tuple[list[Found], list[tuple[str, str]]]:
    """The page files under ``paths`` in a stable order, and the paths skipped with a reason.

    A file named on the command line is taken whatever its suffix; inside folders only ``suffixes``
    (.txt and .md) count, hidden files and folders are left out, and symlinks are followed once (a
    loop is not).
    """
    found: list[Found] = []
    skipped: list[tuple[str, str]] = []
    seen_files: set[tuple[int, int]] = set()

    def add(path: Path, root: Path | None) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            skipped.append((_text(path), f"cannot read it: {_reason(exc)}"))
            return
        if (st.st_dev, st.st_ino) in seen_files:
            return  # the same file reached twice (a link, or named twice): import it once
        seen_files.add((st.st_dev, st.st_ino))
        found.append(Found(path, root))

    for given in paths:
        p = Path(given)
        if p.is_dir():
            _walk(p, add, skipped, suffixes)
        elif p.exists() or p.is_symlink():
            add(p, None)
        else:
            skipped.append((_text(p), "no such file or folder"))
    return found, skipped


def _walk(
    root: Path,
    add: Callable[[Path, Path | None], None],
    skipped: list[tuple[str, str]],
    suffixes: tuple[str, ...],
) -> None:
    visited: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        skipped.append((_text(exc.filename or root), f"cannot read the folder: {_reason(exc)}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            skipped.append((_text(dirpath), f"cannot read the folder: {_reason(exc)}"))
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            skipped.append((_text(dirpath), "symlink loop (this folder was already imported)"))
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            add(Path(dirpath) / name, root)
