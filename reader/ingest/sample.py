"""The default store: made on first run from the bundled sample, and opened by the app."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reader.ingest.importer import import_paths
from reader.ingest.meta import Meta
from reader.store import Store, StoreError, core


def build_sample_store(path: Path) -> None:
    """Create the store at ``path`` holding the bundled sample, atomically (no half-built store remains)."""
    from reader.paths import sample_dir

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the store's folder {path.parent}: {exc.strerror or exc}") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{tmp}{suffix}")
    sample = sample_dir()
    # Only the paper folders: the sample's README and jieba dictionary are not pages.
    papers = sorted(p for p in sample.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    with Store.open(tmp) as store:
        # The sample is the page set the hand-written rules were written on, and they split it right
        # (the learned splitter's figures on it are in BENCHMARKS.md); an archive imports learned.
        report = import_paths(store, papers, Meta(split="rules"))
    if report.error:
        raise StoreError(report.error)
    try:
        # link() fails if another first run made the store meanwhile: keep theirs, never swap a file in use.
        os.link(tmp, path)
    except FileExistsError:
        if path.stat().st_size == 0:  # an empty file (touched, or left by a crash) is not a store
            os.replace(tmp, path)
    except OSError:  # a filesystem without hard links
        os.replace(tmp, path)
    with contextlib.suppress(FileNotFoundError):
        os.remove(tmp)


def open_default(db: str | None, *, readonly_ok: bool = True) -> Store:
    """The store the app opens: ``db``, else $PAPER_READER_DB, else the default one (made on first run
    from the bundled sample); a store we cannot write is opened read-only when ``readonly_ok``."""
    from reader.paths import default_db_path

    explicit = db or os.environ.get("PAPER_READER_DB")
    path = Path(explicit).expanduser() if explicit else default_db_path()
    if not explicit and not (path.exists() and path.stat().st_size > 0):
        build_sample_store(path)
    try:
        return Store.open(path, create=False)
    except StoreError:
        if not readonly_ok or not path.exists() or core.writable(path):
            raise
        return Store.open(path, readonly=True)
