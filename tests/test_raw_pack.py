"""A page's original text packed against its own articles: round trips, forms, tamper detection, `raw`."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_helpers import copy_store, real_record, sha

from reader.cli import cli
from reader.cli import raw as raw_command
from reader.ingest import Meta, import_paths
from reader.ingest.prepare import split_parts
from reader.models import Item
from reader.store import PageRecord, Store, StoreError
from reader.store import pack as store_write
from reader.store.pack import CODEC_PAGE, CODEC_ZLIB, pack_raw, raw_dictionary, unpack_raw
from reader.text.decode import read_page

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = sorted(p for p in DATA.glob("*/*/*") if p.suffix in (".txt", ".md"))
FIRST_ARTICLE = "(SELECT min(id) FROM articles WHERE page_id = {page})"
EDITED = "cannot be rebuilt because its articles were changed outside paper-reader"


def page(text: str, key: str = "k", items: tuple[Item, ...] | None = None) -> PageRecord:
    """A page record as the importer makes it (split by the splitter, the text's own sha256)."""
    return real_record(text, key, items)


def form(s: Store, page_id: int) -> tuple[str | None, str | None, int]:
    """(raw, raw_codec, len(raw_pack)) of a stored page."""
    raw, codec, size = s.db.execute(
        "SELECT raw, raw_codec, coalesce(length(raw_pack), 0) FROM pages WHERE id = ?", [page_id]
    ).fetchone()
    return raw, codec, size


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "papers.db")
    yield s
    s.close()


def _make_sample(folder: Path) -> Path:
    with Store.open(folder / "sample.db") as s:
        report = import_paths(s, tuple(str(p) for p in SAMPLES), Meta())
    assert report.pages >= len(SAMPLES) and not report.skipped
    return folder / "sample.db"


@pytest.fixture
def sample_store(built_once: Any, tmp_path: Path) -> Store:
    """The sample pages imported (once per test process), the test's own copy."""
    s = Store.open(copy_store(built_once("test_raw_pack.sample", _make_sample), tmp_path / "sample.db"))
    yield s
    s.close()


def test_sample_pages_round_trip_and_are_packed(sample_store: Store) -> None:
    expected: dict[str, list[str]] = {}
    for path in SAMPLES:
        expected[str(path)] = [part.raw for part in split_parts(read_page(path).text)]
    rows = sample_store.db.execute("SELECT id, source, sha256 FROM pages ORDER BY id").fetchall()
    got: dict[str, list[str]] = {}
    for page_id, source, digest in rows:
        text = sample_store.page_raw(page_id)
        assert text is not None and sha(text) == digest
        got.setdefault(source, []).append(text)
        raw, codec, size = form(sample_store, page_id)
        assert raw is None and codec == CODEC_PAGE and 0 < size < len(text.encode())
    assert got == expected


def test_packed_sample_page_is_under_a_tenth_of_its_text(sample_store: Store) -> None:
    rows = sample_store.db.execute("SELECT id FROM pages").fetchall()
    sizes = {}
    for (page_id,) in rows:
        text = sample_store.page_raw(page_id)
        assert text is not None
        sizes[page_id] = (len(text.encode("utf-8")), form(sample_store, page_id)[2])
    text_size, pack_size = max(sizes.values())  # the largest page (about 20 KB)
    assert text_size > 10_000 and pack_size < text_size / 10
    total_text = sum(t for t, _ in sizes.values())
    assert sum(p for _, p in sizes.values()) < total_text / 10


def test_importing_the_sample_again_changes_nothing_and_still_reads(sample_store: Store) -> None:
    before = sample_store.db.execute("SELECT id, raw_pack FROM pages ORDER BY id").fetchall()
    report = import_paths(sample_store, tuple(str(p) for p in SAMPLES), Meta())
    assert report.pages == 0 and report.unchanged >= len(SAMPLES)
    assert sample_store.db.execute("SELECT id, raw_pack FROM pages ORDER BY id").fetchall() == before


def test_page_of_furniture_only(store: Store) -> None:
    items = (
        Item(kind="furniture", text="洛阳·县区", role="page-name"),
        Item(kind="furniture", text="责编 某某"),
    )
    text = "洛阳·县区\n\n责编 某某\n" * 3
    result = store.write_page(page(text, items=items))
    assert result.articles == 0 and store.page_raw(result.page_id) == text
    assert form(store, result.page_id)[1] in (CODEC_PAGE, CODEC_ZLIB)


def test_empty_page_stays_plain(store: Store) -> None:
    result = store.write_page(page("", items=()))
    assert form(store, result.page_id) == ("", None, 0)
    assert store.page_raw(result.page_id) == ""


def test_tiny_page_stays_plain_text(store: Store) -> None:
    result = store.write_page(page("短讯"))
    assert form(store, result.page_id) == ("短讯", None, 0)
    assert store.page_raw(result.page_id) == "短讯"


def test_page_without_items_uses_plain_zlib_readable_by_sqlar(store: Store, tmp_path: Path) -> None:
    text = "本报讯 古都夜八点，相约洛阳城。\n" * 50
    result = store.write_page(page(text, items=()))
    raw, codec, _size = form(store, result.page_id)
    assert raw is None and codec == CODEC_ZLIB
    [(pack,)] = store.db.execute("SELECT raw_pack FROM pages WHERE id = ?", [result.page_id]).fetchall()
    assert zlib.decompress(pack).decode() == text and store.page_raw(result.page_id) == text
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("no sqlite3 shell here to try sqlar_uncompress")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sql = f"SELECT CAST(sqlar_uncompress(raw_pack, 4194304) AS TEXT) FROM pages WHERE id = {result.page_id}"
    out = subprocess.run([shell, str(store.path), sql], capture_output=True, check=True).stdout
    assert out.decode() == text + "\n"  # the shell ends each row with a newline


def test_page_over_32_kib(store: Store) -> None:
    text = "".join(
        f"标题第{i}号\n\n本报讯（记者 朱艳艳）第{i}条消息，古都夜八点，相约洛阳城。\n\n" for i in range(800)
    )
    assert len(text.encode()) > 2 * 32768
    result = store.write_page(page(text))
    raw, codec, size = form(store, result.page_id)
    assert raw is None and codec is not None and size < len(text.encode()) / 10
    assert store.page_raw(result.page_id) == text
    # Only the dictionary's last 32 KiB count: an edit before them does not stop the rebuild.
    store.db.execute(
        "UPDATE articles SET body = body || '改' WHERE page_id = ? AND position = 1", [result.page_id]
    )
    if codec == CODEC_PAGE:
        assert store.page_raw(result.page_id) == text


def test_non_bmp_characters_and_control_bytes(store: Store) -> None:
    text = "𠀀字标题\n\n本报讯 𠀀𠀁𪚥 古都夜八点\x1b[31m 相约洛阳城。\x00\n\n" * 4
    result = store.write_page(page(text))
    assert form(store, result.page_id)[1] is not None
    assert store.page_raw(result.page_id) == text


def test_the_reader_never_produces_a_lone_surrogate(tmp_path: Path, store: Store) -> None:
    # UTF-8-encoded surrogates (as CESU-8 writes them) become U+FFFD when read, so SQLite can hold them.
    f = tmp_path / "cesu.txt"
    f.write_bytes("标题\n\n本报讯 ".encode() + b"\xed\xa0\x80" + "古都夜八点。\n".encode())
    assert import_paths(store, (str(f),), Meta()).pages == 1
    text = store.page_raw(1)
    assert text is not None and "\ufffd" in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_pack_functions_keep_a_lone_surrogate() -> None:
    text = "本报讯 古都夜八点\ud800相约洛阳城。\n" * 20
    dictionary = raw_dictionary(["本报讯 古都夜八点", None, "相约洛阳城。"])
    raw, pack, codec = pack_raw(text, sha(text), dictionary)
    assert raw is None and pack is not None and codec is not None
    assert unpack_raw(pack, codec, dictionary).decode("utf-8", "surrogatepass") == text


def test_dictionary_is_the_last_32_kib_of_the_item_texts() -> None:
    assert raw_dictionary(["a", None, "b", ""]) == b"a\n\nb\n"
    long = raw_dictionary(["字" * 20000, "尾"])
    assert len(long) == 32768 and long.endswith("\n尾".encode())


def test_a_failed_round_trip_stores_plain_text(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_write, "unpack_raw", lambda pack, codec, dictionary: b"wrong")
    text = "标题\n\n本报讯 古都夜八点，相约洛阳城。\n" * 10
    result = store.write_page(page(text))
    assert form(store, result.page_id) == (text, None, 0)
    monkeypatch.undo()
    assert store.page_raw(result.page_id) == text


def test_a_record_whose_sha256_is_not_its_text_stays_plain(store: Store) -> None:
    text = "标题\n\n本报讯 古都夜八点，相约洛阳城。\n" * 10
    result = store.write_page(dataclasses.replace(page(text), sha256="not-the-hash"))
    assert form(store, result.page_id) == (text, None, 0)


def test_replaced_page_is_packed_against_its_new_articles(store: Store) -> None:
    first = store.write_page(page("旧标题\n\n本报讯 旧的消息，古都夜八点。\n" * 5))
    text = "新标题\n\n本报讯 新的消息，相约洛阳城。\n\n又一篇\n\n本报讯 第二条。\n" * 5
    second = store.write_page(page(text))
    assert second.status == "replaced" and second.page_id == first.page_id
    assert form(store, second.page_id)[1] == CODEC_PAGE
    assert store.page_raw(second.page_id) == text
    moved = store.write_page(dataclasses.replace(page(text), date="2020-01-02"))
    assert moved.status == "replaced" and store.page_raw(second.page_id) == text  # same text, kept


def test_an_article_edited_outside_is_reported_and_reimport_repairs_it(tmp_path: Path, store: Store) -> None:
    f = tmp_path / "p.txt"
    text = "标题一\n\n本报讯 古都夜八点，相约洛阳城。\n\n标题二\n\n本报讯 又一条消息。\n" * 5
    f.write_text(text, encoding="utf-8")
    import_paths(store, (str(f),), Meta())
    assert store.page_raw(1) == text and form(store, 1)[1] == CODEC_PAGE
    store.db.execute(f"UPDATE articles SET body = body || '（改）' WHERE id = {FIRST_ARTICLE.format(page=1)}")
    with pytest.raises(StoreError, match=EDITED) as caught:
        store.page_raw(1)
    assert "re-import the file" in str(caught.value) and "\n" not in str(caught.value)
    result = CliRunner().invoke(cli, ["raw", "1", "--db", str(store.path)])
    assert result.exit_code == 1 and EDITED in result.stderr and "Traceback" not in result.output
    ids = [a.id for a in store.articles(1)]
    again = import_paths(store, (str(f),), Meta())
    assert again.replaced == 1 and not again.error
    assert store.page_raw(1) == text
    # The text is packed again against the articles as they are; they (and their ids) stay.
    assert [a.id for a in store.articles(1)] == ids and "（改）" in store.articles(1)[0].body
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert import_paths(store, (str(f),), Meta()).unchanged == 1


def test_a_deleted_article_is_reported_too(store: Store) -> None:
    text = "标题一\n\n本报讯 古都夜八点，相约洛阳城。\n\n标题二\n\n本报讯 又一条消息。\n" * 5
    result = store.write_page(page(text))
    store.db.execute(f"DELETE FROM articles WHERE id = {FIRST_ARTICLE.format(page=result.page_id)}")
    with pytest.raises(StoreError, match=EDITED):
        store.page_raw(result.page_id)


def test_unknown_codec_asks_for_a_newer_paper_reader(store: Store) -> None:
    result = store.write_page(page("标题\n\n本报讯 古都夜八点，相约洛阳城。\n" * 10))
    store.db.execute("UPDATE pages SET raw_codec = 'zstd' WHERE id = ?", [result.page_id])
    with pytest.raises(StoreError, match="upgrade paper-reader"):
        store.page_raw(result.page_id)


# paper-reader raw


def test_raw_command_prints_the_exact_text_when_piped(store: Store) -> None:
    text = "标题\n\n本报讯 古都夜八点\x1b[2J 相约洛阳城。𠀀\r\n" * 5
    result = store.write_page(page(text))
    store.close()
    out = CliRunner().invoke(cli, ["raw", str(result.page_id), "--db", str(store.path)])
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes == text.encode("utf-8")
    group = CliRunner().invoke(cli, ["--db", str(store.path), "raw", str(result.page_id)])
    assert group.exit_code == 0 and group.stdout_bytes == text.encode("utf-8")


def test_raw_command_on_a_terminal_shows_control_bytes_as_pictures(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "标题\n\n本报讯 古都夜八点\x1b[2J\x07 相约洛阳城。\n" * 5
    result = store.write_page(page(text))
    store.close()
    monkeypatch.setattr(raw_command, "_is_terminal", lambda: True)
    out = CliRunner().invoke(cli, ["raw", str(result.page_id), "--db", str(store.path)])
    assert out.exit_code == 0
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "␛[2J␇" in out.stdout and "古都夜八点" in out.stdout


def test_raw_command_unknown_page_and_missing_store(store: Store, tmp_path: Path) -> None:
    store.close()
    out = CliRunner().invoke(cli, ["raw", "42", "--db", str(store.path)])
    assert out.exit_code == 1 and "no page 42" in out.stderr and "Traceback" not in out.output
    missing = CliRunner().invoke(cli, ["raw", "1", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "there is no store" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    bad = CliRunner().invoke(cli, ["raw", "x", "--db", str(store.path)])
    assert bad.exit_code == 2


def test_raw_command_help_has_an_example() -> None:
    out = CliRunner().invoke(cli, ["raw", "--help"])
    assert out.exit_code == 0 and "paper-reader raw 12" in out.stdout


def _index_whole(store: Store) -> None:
    from reader.store import index

    for table in (index.TABLE, index.CHARS):
        store.db.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_a_changed_file_after_an_outside_edit_leaves_the_index_to_reindex(
    tmp_path: Path, store: Store
) -> None:
    """The edited articles cannot be taken out of the contentless index (it would be fed tokens it
    never saw, and break): the page is replaced, and search asks for a reindex instead."""
    from reader.search import search
    from reader.store import index

    f = tmp_path / "p.txt"
    text = "标题一\n\n本报讯 古都夜八点，相约洛阳城。\n\n标题二\n\n本报讯 又一条消息。\n" * 5
    f.write_text(text, encoding="utf-8")
    import_paths(store, (str(f),), Meta())
    store.db.execute(f"UPDATE articles SET body = body || '（改）' WHERE id = {FIRST_ARTICLE.format(page=1)}")
    f.write_text(text.replace("古都夜八点", "涧西区新闻"), encoding="utf-8")
    again = import_paths(store, (str(f),), Meta())
    assert again.replaced == 1 and not again.error
    assert store.page_raw(1) == f.read_text(encoding="utf-8")
    assert "reindex" in (search(store, "涧西区").message or "")
    _index_whole(store)
    assert index.reindex_all(store.db) == len(store.articles(1))
    _index_whole(store)
    assert search(store, "涧西区").total >= 1 and search(store, "古都夜八点").total == 0
