"""Hostile input and faults: every bad file is imported or skipped with a reason, and the store survives
kill -9, a competing writer and unreadable files."""

from __future__ import annotations

import builtins
import codecs
import functools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from reader import store as store_mod
from reader.cli import cli
from reader.split import split_text
from reader.store import core as store_core
from reader.store.pack import stored_raw
from reader.text import decode as textio

DATA = Path(__file__).resolve().parent.parent / "data"

TEXT = "洛阳·县区\n\n古都夜八点\n\n本报讯（记者 朱艳艳）古都夜八点，相约洛阳城。𠀀字\n\n第二篇\n\n本报讯 又一条消息。\n"


def _hostile_tree(root: Path) -> dict[str, str | None]:
    """Write the hostile files; return name -> expected stored text (None: must be skipped)."""
    root.mkdir()
    cases: dict[str, tuple[bytes, str | None]] = {
        "empty.txt": (b"", None),
        "pdf.txt": (b"%PDF-1.5\n%\xb5\xed\xae\xfb\n4 0 obj", None),
        "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None),
        "zip.txt": (b"PK\x03\x04\x14\x00\x08\x00\x08\x00", None),
        "nul.txt": (TEXT.encode().replace(b"\n\n", b"\n\x00\n", 1), TEXT),
        "bad-utf8.txt": (TEXT.encode()[:20] + b"\xff\xfe" + TEXT.encode()[20:], None),  # checked below
        "gb18030.txt": (TEXT.encode("gb18030"), TEXT),
        "gbk.txt": (TEXT.replace("𠀀", "").encode("gbk"), TEXT.replace("𠀀", "")),
        "utf16le.txt": (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        "utf16be.txt": (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        "utf8bom.md": (codecs.BOM_UTF8 + TEXT.encode(), TEXT),
        "crlf.txt": (TEXT.replace("\n", "\r\n").encode(), TEXT),
        "cr.txt": (TEXT.replace("\n", "\r").encode(), TEXT),
        "long-line.txt": (("字" * 400_000).encode(), None),
        "unreadable.txt": (TEXT.encode(), None),
    }
    expected: dict[str, str | None] = {}
    for i, (name, (data, text)) in enumerate(cases.items()):
        # Each good file differs so none is "the same page" as another.
        data = (
            data
            if text is None and name != "bad-utf8.txt"
            else data
            + f"\n第{i}号\n".encode(
                "utf-16-le"
                if "utf16le" in name
                else "utf-16-be"
                if "utf16be" in name
                else "gb18030"
                if name.startswith("gb")
                else "utf-8"
            )
        )
        (root / name).write_bytes(data)
        expected[name] = None if text is None else text + f"\n第{i}号\n"
    expected["bad-utf8.txt"] = "bad"
    with open(root / "huge.txt", "wb") as f:  # 100 MB, sparse
        f.truncate(100 * 1024 * 1024)
    expected["huge.txt"] = None
    with open(root / "ten-mb-line.txt", "wb") as f:
        f.write(b"x" * (10 * 1024 * 1024))
    expected["ten-mb-line.txt"] = None
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "loop")
    return expected


def test_hostile_files_are_imported_or_skipped_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "hostile"
    expected = _hostile_tree(root)
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("unreadable.txt"):  # tests run as root, so chmod 000 would not stop us
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(textio, "open", guarded_open, raising=False)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["import", str(root), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    skipped_lines = result.stdout.split("Skipped:")[1].split("Notes:")[0]
    for name, text in expected.items():
        if text is None:
            assert name in skipped_lines, f"{name} was not reported as skipped"
    assert "Permission denied" in skipped_lines and "too large" in skipped_lines and "loop" in skipped_lines
    assert "empty file" in skipped_lines and "PDF" in skipped_lines and "PNG" in skipped_lines
    assert "ZIP" in skipped_lines and "100,000" in skipped_lines
    con = sqlite3.connect(db)
    texts = _page_texts(con)  # in import order
    stored = {Path(src).name: raw for _id, src, raw in texts}
    for name, text in expected.items():
        if text is None:
            assert name not in stored
        elif name == "bad-utf8.txt":
            assert "\ufffd" in stored[name] and "古都夜八点" in stored[name]
        else:
            joined = "\n".join(raw for _id, src, raw in texts if src.endswith(name))
            assert name in stored and joined.replace("\n", "") == text.replace("\n", ""), name
    assert "𠀀" in stored["gb18030.txt"] + "".join(raw for _id, _src, raw in texts)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files; the mock above covers it")
def test_chmod_000_file_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(TEXT, encoding="utf-8")
    f.chmod(0)
    result = CliRunner().invoke(cli, ["import", str(f), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "Permission denied" in result.stdout


def test_competing_writer_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.db"
    page = tmp_path / "p.txt"
    page.write_text(TEXT, encoding="utf-8")
    store_mod.Store.open(db).close()
    monkeypatch.setattr(store_core, "BUSY_TIMEOUT", 0.3)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(cli, ["import", str(page), "--db", str(db)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1 and "busy" in result.stderr and "Traceback" not in result.output
    assert CliRunner().invoke(cli, ["import", str(page), "--db", str(db)]).exit_code == 0


def _corpus(root: Path, copies: int) -> None:
    seeds = sorted(p for p in DATA.glob("*/*/*") if p.suffix in (".txt", ".md"))
    for i in range(copies):
        for j, seed in enumerate(seeds):
            day = f"2020-01-{i + 1:02d}"
            target = root / seed.parent.parent.name / day / f"{j + 1:02d}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(seed.read_text(encoding="utf-8") + f"\n（第{i}期）\n", encoding="utf-8")


def _page_texts(con: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Every page's (id, source, original text) in id order, the text rebuilt as paper-reader reads it."""
    db = sqlite_utils.Database(con)
    rows = con.execute("SELECT id, source FROM pages ORDER BY id").fetchall()
    return [(page_id, source, stored_raw(db, page_id) or "") for page_id, source in rows]


def _snapshot(db: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    con = sqlite3.connect(db)
    try:
        raw = {page_id: text for page_id, _source, text in _page_texts(con)}
        pages = sorted(
            (*row[1:], raw[row[0]])
            for row in con.execute(
                "SELECT p.id, p.source_key, p.sha256, p.number, p.section, pa.name, e.date, p.layout "
                "FROM pages p JOIN editions e ON e.id = p.edition_id JOIN papers pa ON pa.id = e.paper_id"
            )
        )
        articles = sorted(
            con.execute(
                "SELECT p.source_key, a.position, a.kind, a.kicker, a.title, a.subtitle, a.byline, a.subheads, "
                "a.body, a.caption, a.credit FROM articles a JOIN pages p ON p.id = a.page_id"
            )
        )
        furniture = sorted(
            con.execute(
                "SELECT p.source_key, f.position, f.role, f.text FROM furniture f JOIN pages p ON p.id = f.page_id"
            )
        )
        return pages, articles, furniture
    finally:
        con.close()


@functools.cache
def _items_in(text: str) -> int:
    """How many items ``text`` splits into (the split is deterministic: each page text is split once,
    not once per store that holds it)."""
    return len(split_text(text, "rules").items)  # the method the imports below use


def _check_whole(db: Path) -> int:
    """Integrity, and every page holds exactly what its raw text splits into (nothing half-written)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "pages" not in tables:  # killed while the store was being made: nothing of it, or all of it
            assert tables == set(), tables
            return 0
        raw = {page_id: text for page_id, _source, text in _page_texts(con)}
        rows = con.execute(
            "SELECT id, (SELECT count(*) FROM articles a WHERE a.page_id = p.id), "
            "(SELECT count(*) FROM furniture f WHERE f.page_id = p.id) FROM pages p"
        ).fetchall()
        for page_id, n_articles, n_furniture in rows:
            assert n_articles + n_furniture == _items_in(raw[page_id])
            assert n_articles >= 1
        return len(rows)
    finally:
        con.close()


def _import_cmd(db: Path, root: Path) -> list[str]:
    # Small commit groups, so that a kill can land between commits of this small corpus. The
    # hand-written splitter (--split rules) splits these pages five times faster than the learned
    # one: the writes, which are what a kill must not damage, take a larger share of the import, so
    # more of the random kill moments land in them, and each import costs less.
    options = ["--commit-every", "3", "--split", "rules"]
    return [sys.executable, "-m", "reader", "--db", str(db), "import", str(root), *options]


def _run_and_kill(db: Path, root: Path, after: float, env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        _import_cmd(db, root), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_a_whole_store(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _corpus(root, copies=5)  # 25 pages, 9 commits of 3: a kill lands between commits or inside one
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    clean = tmp_path / "clean.db"
    start = time.perf_counter()
    subprocess.run(_import_cmd(clean, root), check=True, env=env, capture_output=True)
    duration = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(clean), "stats"],
        check=True,
        env=env,
        capture_output=True,
    )
    startup = time.perf_counter() - start
    total = _check_whole(clean)
    expected = _snapshot(clean)
    rng = random.Random(20260123)
    partial = 0
    early, late = startup * 0.8, duration
    for round_ in range(3):
        killed = tmp_path / f"killed{round_}.db"
        # Each round kills at a random moment of its own third of the import (early, middle, late), and
        # the last one kills twice in a row on the same store: an import resumed after a kill.
        third = (early + (late - early) * round_ / 3, early + (late - early) * (round_ + 1) / 3)
        for kill in range(2 if round_ == 2 else 1):
            _run_and_kill(killed, root, rng.uniform(*third) if kill == 0 else rng.uniform(early, late), env)
            if killed.exists():
                n = _check_whole(killed)
                partial += 0 < n < total
        done = subprocess.run(_import_cmd(killed, root), env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert _check_whole(killed) == total
        assert _snapshot(killed) == expected
    again = subprocess.run(_import_cmd(killed, root), env=env, capture_output=True, text=True)
    assert f"{total} unchanged" in again.stdout
    for extra in range(10):  # a loaded machine can shift every kill out of the import: try a few more
        if partial:
            break
        killed = tmp_path / f"extra{extra}.db"
        _run_and_kill(killed, root, rng.uniform(startup * 0.8, duration), env)
        if killed.exists():
            n = _check_whole(killed)
            partial += 0 < n < total
    assert partial >= 1  # at least one kill landed in the middle of the import


def test_undecodable_file_name(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "names")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff\xfe-page.txt"), "wb") as f:
        f.write(TEXT.encode())
    with open(os.path.join(folder, b"\xff\xfe-empty.txt"), "wb") as f:
        f.write(b"")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "names"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "\ufffd\ufffd-empty.txt" in result.stdout
    [(source,)] = sqlite3.connect(db).execute("SELECT DISTINCT source FROM pages").fetchall()
    assert source.endswith("\ufffd\ufffd-page.txt")


def test_gbk_folder_names_are_read_as_gbk(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"\xb1\xa8", b"2020-01-02")
    os.makedirs(folder)
    with open(os.path.join(folder, b"01-\xff.txt"), "wb") as f:
        f.write(TEXT.encode())
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["import", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    row = (
        sqlite3.connect(db)
        .execute(
            "SELECT pa.name, e.date, p.number, p.section FROM pages p JOIN editions e ON e.id = p.edition_id "
            "JOIN papers pa ON pa.id = e.paper_id"
        )
        .fetchone()
    )
    assert row == ("报", "2020-01-02", 1, "\ufffd")


def test_unreadable_folder_is_skipped_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ingest import discover as import_files

    root = tmp_path / "root"
    (root / "ok").mkdir(parents=True)
    (root / "ok" / "p.txt").write_text(TEXT, encoding="utf-8")
    (root / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):  # type: ignore[no-untyped-def]
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, followlinks=followlinks):
            if dirpath.endswith("locked"):  # as root chmod 000 does not stop us, so fail the listing here
                onerror(PermissionError(13, "Permission denied", dirpath))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(import_files.os, "walk", walk)
    result = CliRunner().invoke(cli, ["import", str(root), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "1 new" in result.stdout
    assert "locked: cannot read the folder: Permission denied" in result.stdout
