"""Helpers for the store's and the import's tests: page records, an import that must not hang."""

from __future__ import annotations

import hashlib
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

from reader.ingest import ImportReport
from reader.models import Item
from reader.split import split_text
from reader.store import PageRecord


def sha(text: str) -> str:
    """The sha256 the importer stores for a page's text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def real_record(text: str, key: str = "k1", items: tuple[Item, ...] | None = None) -> PageRecord:
    """A page record as the importer makes it: split by the splitter (unless ``items`` are given),
    with the text's real sha256."""
    return PageRecord(
        paper="洛阳日报",
        date=None,
        number=None,
        section=None,
        source=f"{key}.txt",
        source_key=key,
        raw=text,
        sha256=sha(text),
        encoding="utf-8",
        layout="paragraphs",
        items=tuple(split_text(text, method="rules").items) if items is None else items,
    )


def run_briefly(work: Callable[[], ImportReport], seconds: int = 60) -> ImportReport:
    """``work()``'s result, failing the test instead of hanging when it does not finish in time."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the import hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        return work()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def copy_store(src: Path, dest: Path) -> Path:
    """A copy of the closed store ``src`` at ``dest`` (a closed store is one file: no -wal beside it)."""
    assert not Path(f"{src}-wal").exists() and not dest.exists(), (src, dest)
    shutil.copyfile(src, dest)
    return dest
