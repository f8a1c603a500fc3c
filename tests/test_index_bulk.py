"""A bulk import's search index: no segment merges while it writes, one merge at the end, same entries."""

from __future__ import annotations

from pathlib import Path

from test_store import record

from reader.store import Store, index


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for k in range(9):
        byte = data[at + k]
        if k == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + k + 1
    raise AssertionError("unreachable")


def segments(s: Store, table: str = index.TABLE) -> int:
    """How many segments the FTS5 table's structure record lists (its row 10 in %_data)."""
    row = s.db.execute(f"SELECT block FROM {table}_data WHERE id = 10").fetchone()
    data = bytes(row[0])
    at = 8 if data[4:8] == b"\xff\x00\x00\x01" else 4  # the second form of the record has 4 more bytes
    _levels, at = _varint(data, at)
    count, _ = _varint(data, at)
    return count


def config(s: Store, table: str = index.TABLE) -> dict[str, int]:
    return dict(s.db.execute(f"SELECT k, v FROM {table}_config"))


def entries(s: Store) -> list[tuple[object, ...]]:
    s.db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_index, instance)")
    s.db.execute("CREATE VIRTUAL TABLE temp.c USING fts5vocab(main, search_chars, row)")
    rows = s.db.execute("SELECT term, doc, col, offset FROM temp.v ORDER BY 1, 2, 3, 4").fetchall()
    rows += s.db.execute("SELECT term, doc, cnt, 0 FROM temp.c ORDER BY 1, 2").fetchall()
    return [tuple(r) for r in rows]


def write(s: Store, pages: int, expected: int) -> None:
    with s.batch(pages=10, seconds=3600, expected=expected):
        for i in range(pages):
            s.write_page(record(f"p{i}", raw=f"raw {i}"))
            if i == pages - 1:
                assert config(s)["automerge"] == (0 if expected else 8)


def test_a_bulk_batch_merges_only_at_the_end_and_indexes_the_same(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bulk.db") as bulk, Store.open(tmp_path / "usual.db") as usual:
        write(bulk, 300, expected=300)
        write(usual, 300, expected=0)
        # 30 groups of 10 pages, each its own segment: none merged while writing ...
        assert segments(bulk) >= 30 > segments(usual)
        for table in (index.TABLE, index.CHARS):  # ... and merging is on again for later imports
            assert config(bulk, table)["automerge"] == index.AUTOMERGE
            assert config(bulk, table)["crisismerge"] == index.CRISISMERGE
        assert bulk.tidy_index(300) and usual.tidy_index(300)
        assert segments(bulk) == segments(usual) == 1
        assert entries(bulk) == entries(usual)


def test_a_bulk_batch_that_writes_less_than_expected_merges_what_it_wrote(tmp_path: Path) -> None:
    with Store.open(tmp_path / "papers.db") as s:
        write(s, 150, expected=300)  # e.g. half the files were unchanged
        before = segments(s)
        assert not s.tidy_index(150)  # not a whole-index merge ...
        assert segments(s) < before // 4  # ... but its segments were merged with each other
        assert (
            s.db.execute(
                f"SELECT count(*) FROM {index.TABLE} WHERE {index.TABLE} MATCH '\"标题\"'"
            ).fetchone()[0]
            == 300
        )


def test_a_batch_turns_merging_back_on_where_an_interrupted_bulk_import_left_it_off(tmp_path: Path) -> None:
    with Store.open(tmp_path / "papers.db") as s:
        write(s, 1, expected=0)
        with s.transaction() as db:
            index.use_write_buffer(db, bulk=True)  # as a killed bulk import leaves it
        assert config(s)["automerge"] == 0
        write(s, 2, expected=0)
        for table in (index.TABLE, index.CHARS):
            assert config(s, table)["automerge"] == index.AUTOMERGE
            assert config(s, table)["crisismerge"] == index.CRISISMERGE
