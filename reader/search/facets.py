"""Facets: how a query's matches spread over papers, years and page numbers.

Counted from the matching article ids, which the search reads in the same pass that counts them
(one ``json_group_array`` of the ids: a cursor row per id costs five times as much), through a map
of the store: an array of small codes, one per article id, and the (paper, year,
page number) each code stands for. The map is made once per store state (the files' times and
sizes and the highest ids say when it is stale) and kept in memory and in the user's cache folder,
so a one-shot ``search --json`` reads it back in a millisecond instead of reading every article's
page (~50 ms at 100,000 articles). A copy that fails its checksum or its key is made afresh.

From a process's second faceted search on (the app, ``--batch``), numpy parses the ids and counts
their codes (``np.bincount``): about a sixth of the cost of a Python object per match. A one-shot
search never imports it (~60 ms); it parses the ids as JSON and counts them with ``Counter``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any

from reader.search.plan import FOLD_SQL, checked_sql, make_plan, match_ids_sql
from reader.search.query import Query
from reader.tokens import fold

FACETS = ("paper", "year", "page")
UNKNOWN = None  # an unknown paper name, date or page number

Where = tuple[Any, Any, Any]  # a page's paper, year and number
# The code of every article id (0: no article), and what codes stand for. Read or made as an array
# (compact, quick to load). Held in memory, on its second use it becomes a numpy array of the same
# codes (see ``_held``), or without numpy a list, whose items a look-up hands back without making an
# int object each.
Map = tuple[Any, list[Where]]
Built = tuple["array[int]", list[Where]]  # a map as made or read back
_MAGIC = b"paper-reader facet map 1\n"
_maps: dict[str, tuple[list[Any], Map]] = {}
_lock = threading.Lock()


def forget() -> None:
    """Drop the maps held in memory (the copies in the cache folder stay)."""
    with _lock:
        _maps.clear()


def _stamp(conn: sqlite3.Connection) -> tuple[str, list[Any]] | None:
    """The store file and what changes when it is written (None for a store in memory)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return None
    key: list[Any] = [os.path.realpath(path), sys.byteorder]
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
            key += [st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size]
        except OSError:
            key += [0, 0, 0, 0]
    key += conn.execute(
        "SELECT (SELECT max(id) FROM articles), (SELECT max(id) FROM pages), (SELECT max(id) FROM editions)"
    ).fetchone()
    return path, key


def _build(conn: sqlite3.Connection) -> Built:
    """Read every article's page and every page's paper, year and number into a map."""
    values: list[Where] = [(None, None, None)]
    code_of: dict[Where, int] = {}
    page_code: dict[int, int] = {}
    for page, paper, year, number in conn.execute(
        "SELECT p.id, pa.name, substr(e.date, 1, 4), p.number FROM pages p "
        "JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id"
    ):
        where = (paper or None, year, number)
        code = code_of.get(where)
        if code is None:
            code = code_of[where] = len(values)
            values.append(where)
        page_code[page] = code
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    kind = "H" if len(values) <= 0xFFFF else ("I" if array("I").itemsize >= 4 else "L")
    codes = array(kind, bytes(array(kind).itemsize * (top + 1)))
    for article, page in conn.execute("SELECT id, page_id FROM articles"):
        codes[article] = page_code.get(page, 0)
    return codes, values


def _cache_file(path: str) -> Path | None:
    import hashlib

    from reader.paths import own_cache_dir

    folder = own_cache_dir()
    if folder is None:
        return None
    name = hashlib.sha256(os.path.realpath(path).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder / f"facets-{name}.bin"


def _read(file: Path, key: list[Any]) -> Built | None:
    """The map kept in ``file`` for the store state ``key``; None when missing, stale or damaged."""
    try:
        data = file.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        at = len(_MAGIC) + 8
        size, crc = (
            int.from_bytes(data[at - 8 : at - 4], "little"),
            int.from_bytes(data[at - 4 : at], "little"),
        )
        if zlib.crc32(data[at:]) != crc:
            return None
        head = json.loads(data[at : at + size])
        if head["key"] != key:
            return None
        codes = array(head["type"])
        codes.frombytes(data[at + size :])
        values = [tuple(v) for v in head["values"]]
        if len(codes) != head["n"]:
            return None
        return codes, values
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _write(file: Path, key: list[Any], found: Built) -> None:
    import tempfile

    codes, values = found
    head = json.dumps({"key": key, "type": codes.typecode, "n": len(codes), "values": values}).encode("ascii")
    body = head + codes.tobytes()
    data = _MAGIC + len(head).to_bytes(4, "little") + zlib.crc32(body).to_bytes(4, "little") + body
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".facets-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, file)  # whole or not at all, whoever writes at the same time
        except OSError:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass  # a cache: the next search makes it again
    _drop_orphans(file)


def _drop_orphans(kept: Path) -> None:
    """Delete the maps of stores that are gone (a deleted or moved store file left its map behind)."""
    for other in kept.parent.glob("facets-*.bin"):
        if other == kept:
            continue
        try:
            with other.open("rb") as f:
                start = f.read(len(_MAGIC) + 8)
                if not start.startswith(_MAGIC):
                    continue
                size = int.from_bytes(start[len(_MAGIC) : len(_MAGIC) + 4], "little")
                path = json.loads(f.read(size))["key"][0]
            if not os.path.exists(path):
                other.unlink()
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            continue  # not ours to judge: a damaged map is replaced when its store is searched


def store_map(conn: sqlite3.Connection, fresh: bool = False) -> Map:
    """The facet map of the store as it is now (from memory, the cache folder, or made afresh)."""
    stamp = _stamp(conn)
    if stamp is None:
        return _build(conn)
    path, key = stamp
    with _lock:
        held = _maps.get(path)
        if held is not None and held[0] == key and not fresh:
            codes, values = held[1]
            if isinstance(codes, array):  # used again: worth the faster form
                held = _maps[path] = (key, (_held(codes), values))
            return held[1]
    file = _cache_file(path)
    found = None if file is None or fresh else _read(file, key)
    if found is None:
        found = _build(conn)
        if file is not None:
            _write(file, key, found)
    with _lock:
        _maps.clear()  # one store at a time
        _maps[path] = (key, found)
    return found


def _held(codes: array[int]) -> Any:
    """The form a map takes from its second use in a process: a numpy array (no copy), which
    counts the matching articles in C: parsing the listed ids, looking up their codes and counting
    them (``np.bincount``) cost about a sixth of doing it with Python objects. numpy's import (~60
    ms) is paid only by a process that searches more than once, never by a one-shot search. Without
    numpy: a list (1.6 ms per 100,000 articles), twice as fast to look up as the array."""
    try:
        import numpy as np
    except ImportError:
        return codes.tolist()
    return np.frombuffer(codes, dtype=np.dtype(codes.typecode))


def _is_np(codes: Any) -> bool:
    return type(codes).__module__ == "numpy"


def _listed_ids(listed: str | None, codes: Any) -> Any:
    """The ids of a ``json_group_array`` (a list, or with a numpy map a numpy array)."""
    if not listed or listed == "[]":
        return []
    if _is_np(codes):
        import numpy as np

        return np.fromstring(listed[1:-1], dtype=np.int64, sep=",")
    return json.loads(listed)


def _per_code(codes: Any, ids: Any) -> Counter[int]:
    """How many of ``ids`` each code holds (IndexError: an id beyond the map)."""
    if _is_np(codes) and len(ids) > 1:
        import numpy as np

        counts = np.bincount(codes[np.asarray(ids, dtype=np.int64)])
        used = np.flatnonzero(counts)
        return Counter(dict(zip(used.tolist(), counts[used].tolist(), strict=True)))
    return Counter(itemgetter(*ids)(codes)) if len(ids) > 1 else Counter(int(codes[i]) for i in ids)


Counted = tuple[int, dict[str, list[dict[str, Any]]], "str | None"]


def counted(conn: sqlite3.Connection, q: Query) -> Counted | None:
    """The number of articles the query matches and their facets, from one SQL pass over the matches
    (None when the matches are checked in Python), and the ids as listed (JSON) when substring
    checks made the list, so that the ranking need not run the checks again.

    The matching ids come as one ``json_group_array`` (a cursor row per id costs five times as
    much), parsed and counted by numpy from a process's second faceted search on (see ``_held``).
    """
    conn.create_function(FOLD_SQL, 1, fold, deterministic=True)
    plan = make_plan(q)
    indexed = match_ids_sql(plan, q, "json_group_array(rowid)")
    listing = indexed or checked_sql(plan, q, "json_group_array(a.id)")
    if listing is None:
        return None
    codes, values = store_map(conn)  # once: a second look in one search would count as a second use
    listed = conn.execute(*listing).fetchone()[0]
    ids = _listed_ids(listed, codes)
    return len(ids), facets(conn, ids, (codes, values)), None if indexed else listed


def facets(
    conn: sqlite3.Connection, ids: Iterable[int], held: Map | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Counts of the articles ``ids`` by paper (most first), year (newest first) and page (in order);
    ``held``: the store's map, read already.

    Each facet is a list of ``{"value": ..., "count": n}``; ``value`` None is unknown.
    """
    ids = ids if isinstance(ids, list) or _is_np(ids) else list(ids)
    codes, values = held or store_map(conn)
    try:
        per_code = _per_code(codes, ids)
    except IndexError:  # an article written since the map was read
        codes, values = store_map(conn, fresh=True)
        per_code = Counter(int(codes[i]) if 0 <= i < len(codes) else 0 for i in ids)
    return _spread(per_code, values)


def _spread(per_code: Counter[int], values: list[Where]) -> dict[str, list[dict[str, Any]]]:
    """The facets of articles counted per code of the map."""
    counts: dict[str, dict[Any, int]] = {}
    for k, name in enumerate(FACETS):  # one facet at a time: a few hundred codes, three look-ups each
        into: dict[Any, int] = {}
        for code, n in per_code.items():
            value = values[code][k]
            into[value] = into.get(value, 0) + n
        counts[name] = into
    return {
        "paper": _listed(counts["paper"], key=lambda kv: (-kv[1], kv[0] is None, kv[0] or "")),
        "year": _listed(
            counts["year"], key=lambda kv: (kv[0] is None, "" if kv[0] is None else kv[0]), reverse_known=True
        ),
        "page": _listed(counts["page"], key=lambda kv: (kv[0] is None, kv[0] or 0)),
    }


def _listed(counts: dict[Any, int], key: Any, reverse_known: bool = False) -> list[dict[str, Any]]:
    items = sorted(counts.items(), key=key)
    if reverse_known:
        known = [kv for kv in items if kv[0] is not None][::-1]
        items = known + [kv for kv in items if kv[0] is None]
    return [{"value": v, "count": n} for v, n in items]


def filter_word(facet: str, value: Any) -> str | None:
    """The query word that narrows results to one facet value (None: an unknown value has none)."""
    if value is None:
        return None
    if facet == "paper":
        return f'paper:"{value}"' if " " in str(value) else f"paper:{value}"
    if facet == "year":
        return f"date:{value}"
    return f"page:{value}"


def facet_line(found: dict[str, list[dict[str, Any]]], most: int = 3) -> str:
    """One line for a header: the top values of each facet with their counts."""
    from reader.text.labels import date_label, page_label, paper_label

    parts = []
    for name, label in (
        ("paper", paper_label),
        ("year", date_label),
        ("page", lambda v: page_label(v, None)),
    ):
        values = found.get(name, [])
        if values:
            shown = " ".join(f"{label(v['value'])} {v['count']}" for v in values[:most])
            parts.append(shown + (" …" if len(values) > most else ""))
    return " │ ".join(parts)
