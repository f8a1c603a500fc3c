"""jieba's prefix dictionary kept in a per-user file, so a short query is cut without loading it.

Loading jieba's dictionary builds a dict of ~500,000 words and prefixes: most of a one-shot search's
second. Cutting a query of a few characters looks up only a few dozen of them. :class:`Frequencies`
answers those look-ups by binary search in a file written once from the loaded dictionary (user
dictionaries included), and jieba's own code does the cutting, so the words are exactly jieba's.
Stdlib only: :mod:`reader.tokens` wires it into jieba.

The file: ``MAGIC``, the entry count and jieba's total (8 bytes each, little-endian), one 4-byte
offset per entry, then the entries ``word<TAB>frequency<LF>`` sorted by their UTF-8 bytes.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import mmap
import os
import struct
import sys
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

MAGIC = b"paper-reader wordfreq 1\n"
_HEAD = struct.Struct("<QQ")


def cache_key(files: Iterable[Path], version: str) -> str:
    """A name for the dictionary built from ``files`` (jieba's and the user's) by jieba ``version``."""
    h = hashlib.sha1(MAGIC + version.encode())
    for f in files:
        st = f.stat()
        h.update(f"\0{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:20]


def write(path: Path, freq: Mapping[str, int], total: int) -> None:
    """Write ``freq`` and ``total`` to ``path`` (whole or not at all: a temp file, then a rename)."""
    entries = sorted(
        w.encode("utf-8", "surrogatepass") + b"\t" + str(n).encode() + b"\n" for w, n in freq.items()
    )
    offsets = array.array("I")
    pos = 0
    for e in entries:
        offsets.append(pos)
        pos += len(e)
    if sys.byteorder != "little":
        offsets.byteswap()
    fd, tmp = tempfile.mkstemp(prefix=".wordfreq-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + _HEAD.pack(len(entries), total))
            f.write(offsets.tobytes())
            f.write(b"".join(entries))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Frequencies:
    """A word -> frequency mapping over a file from :func:`write`, used the way jieba uses its FREQ.

    Look-ups are remembered; words jieba adds later (``add_word``) are kept in memory on top.
    Raises ValueError for a file that is not one of ours (or is cut short).
    """

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        start = len(MAGIC) + _HEAD.size
        if self._map[: len(MAGIC)] != MAGIC or len(self._map) < start:
            raise ValueError(f"{path} is not a word-frequency file")
        self._n, self.total = _HEAD.unpack_from(self._map, len(MAGIC))
        self._base = start + 4 * self._n
        if len(self._map) < self._base:
            raise ValueError(f"{path} is cut short")
        self._offsets: Sequence[int] = memoryview(self._map)[start : self._base].cast("I")
        if sys.byteorder != "little":
            swapped = array.array("I", self._map[start : self._base])
            swapped.byteswap()
            self._offsets = swapped
        self._lock = threading.Lock()
        self._seen: dict[str, int | None] = {}

    def _entry(self, i: int) -> tuple[bytes, int]:
        at = self._base + self._offsets[i]
        end = self._map.find(b"\n", at)
        word, _, n = self._map[at:end].rpartition(b"\t")
        return word, int(n)

    def _look(self, word: str) -> int | None:
        try:
            return self._seen[word]
        except KeyError:
            pass
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        lo, hi = 0, self._n
        with self._lock:
            while lo < hi:  # the first entry whose "word<TAB>" is not below key
                mid = (lo + hi) // 2
                at = self._base + self._offsets[mid]
                if self._map[at : at + len(key)] < key:
                    lo = mid + 1
                else:
                    hi = mid
            found = None
            if lo < self._n:
                entry, n = self._entry(lo)
                found = n if entry + b"\t" == key else None
        self._seen[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._look(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._look(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of ``word`` (0 for a prefix only), else ``default``."""
        found = self._look(word)
        return default if found is None else found

    def __setitem__(self, word: str, n: int) -> None:
        self._seen[word] = n
