"""Faults at the command line (issue 15): damaged stores, odd --db values, huge ids, signals.

Each one ends with one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_helpers import copy_store

from reader.cli import cli

PAGE = "标题一\n\n本报讯 洛阳今天天气很好。\n\n标题二\n\n本报讯 明天也很好。\n"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def assert_one_line_error(result, rc: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == rc, (result.exit_code, result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    assert "Traceback" not in result.output
    err = result.stderr.strip()
    assert err.startswith("paper-reader: error:") or err.startswith("Error:"), err
    assert "\n" not in err, err


def _make_store(folder: Path) -> Path:
    root = folder / "papers" / "人民日报" / "2020-05-02"
    root.mkdir(parents=True)
    for n in range(1, 6):
        (root / f"0{n}-要闻.txt").write_text(PAGE * 20 + f"第{n}版", encoding="utf-8")
    db = folder / "s.db"
    done = invoke("import", str(folder / "papers"), "--db", str(db))
    assert done.exit_code == 0, done.output
    with sqlite3.connect(db) as con:  # one file, no -wal beside it: the copies below are whole stores
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    return db


@pytest.fixture
def store(built_once: Any, tmp_path: Path) -> Path:
    """Five imported pages, the test's own copy."""
    return copy_store(built_once("test_cli_faults.store", _make_store), tmp_path / "s.db")


def _damaged(store: Path, kind: str) -> Path:
    data = bytearray(store.read_bytes())
    out = store.with_name(f"{kind}.db")
    if kind == "text":
        out.write_text("this is not a store\n" * 50, encoding="utf-8")
    elif kind == "truncated":
        out.write_bytes(bytes(data[: len(data) // 3]))
    elif kind == "header":
        data[:16] = b"X" * 16  # the magic string
        out.write_bytes(bytes(data))
    elif kind == "pagesize":
        data[16:24] = b"\xff" * 8  # page size, versions, reserved bytes
        out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("kind", ["text", "truncated", "header", "pagesize"])
@pytest.mark.parametrize("command", [["search", "洛阳"], ["search", "--json", "洛阳"], ["stats"]])
def test_a_damaged_store_file_is_one_line(store: Path, kind: str, command: list[str]) -> None:
    bad = _damaged(store, kind)
    result = invoke(*command, "--db", str(bad))
    assert_one_line_error(result)


@pytest.mark.parametrize(
    "page_id", ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"]
)
def test_raw_of_an_id_too_large_for_sqlite_is_no_page(store: Path, page_id: str) -> None:
    result = invoke("raw", "--db", str(store), "--", page_id)
    assert_one_line_error(result)
    assert f"no page {page_id}" in result.stderr


@pytest.fixture
def unsearchable(store: Path) -> Path:
    """A store that opens but cannot be searched: its index was built by another tokenizer version."""
    from reader.store import index

    with sqlite3.connect(store) as con:
        con.execute("UPDATE meta SET value = 'bigram-0' WHERE key = ?", [index._META_KEY])
    con.close()
    return store


def test_search_json_exits_1_when_the_store_cannot_be_searched(unsearchable: Path) -> None:
    result = invoke("search", "--json", "--db", str(unsearchable), "洛阳")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)  # the JSON is still printed, message and all
    assert data["total"] == 0 and "reindex" in data["message"]
    text = invoke("search", "--db", str(unsearchable), "洛阳")
    assert text.exit_code == 1


def test_search_batch_exits_1_when_the_store_cannot_be_searched(unsearchable: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("洛阳\n天气\n", encoding="utf-8")
    result = invoke("search", "--json", "--db", str(unsearchable), "--batch", str(queries))
    assert result.exit_code == 1, result.output
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 2  # every query answered


def test_search_json_exits_0_when_it_finds_nothing(store: Path) -> None:
    result = invoke("search", "--json", "--db", str(store), "濮阳")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "", "stats"],
        ["stats", "--db", ""],
        ["search", "--db", "", "洛阳"],
        ["reindex", "--db", ""],
        ["raw", "--db", "", "1"],
        ["compact", "--db", " "],
        ["import", "--db", "", "."],
    ],
)
def test_an_empty_db_is_a_usage_error_not_the_default_store(args: list[str], _isolated_home: Path) -> None:
    result = invoke(*args)
    assert_one_line_error(result, rc=2)
    assert "--db" in result.stderr
    assert not list(_isolated_home.rglob("papers.db"))  # the default store was neither made nor used


def test_import_into_dev_null_is_refused_and_makes_no_journal(tmp_path: Path) -> None:
    page = tmp_path / "01.txt"
    page.write_text(PAGE, encoding="utf-8")
    journal = Path("/dev/null-journal")
    had_journal = journal.exists()
    result = invoke("import", "--db", "/dev/null", str(page))
    assert_one_line_error(result)
    assert "regular file" in result.stderr
    assert journal.exists() == had_journal
    if not had_journal:
        assert not Path("/dev/null-wal").exists()


def test_import_into_a_fifo_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "01.txt"
    page.write_text(PAGE, encoding="utf-8")
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    result = invoke("import", "--db", str(fifo), str(page))
    assert_one_line_error(result)
    assert not (tmp_path / "store.fifo-journal").exists()


def test_import_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "01.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke("import", "--db", str(tmp_path / "typo" / "s.db"), str(page))
    assert_one_line_error(result)
    assert "does not exist" in result.stderr and not (tmp_path / "typo").exists()
    assert invoke("import", "--db", str(tmp_path / "s.db"), str(page)).exit_code == 0  # a new file is fine


@pytest.mark.parametrize(("command", "doing"), [("reindex", "reindexing"), ("compact", "compacting")])
def test_read_only_store_message_names_the_command(
    store: Path, command: str, doing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import core as store_core

    monkeypatch.setattr(store_core, "writable", lambda p: False)
    result = invoke(command, "--db", str(store))
    assert_one_line_error(result)
    assert "read-only" in result.stderr and f"{doing} needs write access" in result.stderr
    assert "importing" not in result.stderr


@pytest.mark.slow
def test_jiebas_cache_is_per_user_not_in_the_shared_temp_folder(tmp_path: Path, _isolated_home: Path) -> None:
    # Another user's jieba.cache in the shared temp folder, which this user can neither read nor
    # replace (a folder stands in for it: root may write any file).
    shared_tmp = tmp_path / "tmp"
    (shared_tmp / "jieba.cache").mkdir(parents=True)
    env = {**os.environ, "TMPDIR": str(shared_tmp)}
    code = "from reader import tokens; tokens.ensure_loaded(); print(tokens.cut('洛阳党建'))"
    for _ in range(2):  # the second run loads the cache the first one wrote
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert "Dump cache file failed" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "paper-reader" / "jieba.cache"
    assert cache.is_file() and cache.stat().st_size > 0
    assert [p.name for p in shared_tmp.iterdir()] == ["jieba.cache"]  # nothing written to the shared folder


def _big_tree(root: Path, files: int) -> None:
    for n in range(files):
        day = root / "人民日报" / f"2020-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"
        day.mkdir(parents=True, exist_ok=True)
        body = "".join(f"本报讯 第{n}篇第{k}段，洛阳今天天气很好，记者走访了{k}个村。" for k in range(60))
        (day / f"{n % 8 + 1:02d}-要闻.txt").write_text(
            "\n\n".join(f"标题{n}之{a}\n\n{body}" for a in range(8)), encoding="utf-8"
        )


def _pages(db: Path) -> int:
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM pages").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize(
    ("sig", "rc", "jobs"), [(signal.SIGINT, 130, "1"), (signal.SIGTERM, 143, "1"), (signal.SIGTERM, 143, "2")]
)
def test_an_interrupted_import_says_how_many_pages_it_kept(
    tmp_path: Path, sig: int, rc: int, jobs: str
) -> None:
    root = tmp_path / "papers"
    _big_tree(root, 100)
    db = tmp_path / "s.db"
    cmd = [
        sys.executable,
        "-m",
        "reader",
        "--db",
        str(db),
        "import",
        str(root),
        "--jobs",
        jobs,
        "--commit-every",
        "5",
    ]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it: a test run started in the background (nohup, `&`, some CI
        # shells) hands its children SIGINT ignored, and the import would never see it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while _pages(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be interrupted"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == rc, (out, err)
    assert "Aborted!" not in err and "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    kept = _pages(db)
    assert 0 < kept < 100
    assert f"interrupted: {kept} pages kept" in lines[0], (lines, kept)


def _damage_an_article(store: Path, every: bool = False) -> tuple[int, int]:
    """Flip bytes inside one article's stored text (as a bad disk would), or with ``every`` inside
    each article that holds 洛阳 (so that a search for it meets one whichever it shows first);
    return the first one's (page, article) ids."""
    with sqlite3.connect(store) as con:
        ids = con.execute("SELECT page_id, id FROM articles WHERE body LIKE '%洛阳%' ORDER BY id").fetchall()
        page_id, article_id = ids[0]
        con.executemany(
            "UPDATE articles SET body = CAST(substr(CAST(body AS BLOB), 1, 10) || X'FFFE' || "
            "substr(CAST(body AS BLOB), 11) AS TEXT) WHERE id = ?",
            [[a] for _, a in (ids if every else ids[:1])],
        )
    con.close()
    return page_id, article_id


def test_reindex_names_damaged_articles_and_indexes_the_rest(store: Path) -> None:
    page_id, article_id = _damage_an_article(store)
    result = invoke("reindex", "--db", str(store))
    assert result.exit_code == 1, result.output
    assert f"page {page_id}, article {article_id}" in result.stderr
    assert "�" not in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(store) as con:
        indexed = con.execute("SELECT count(*) FROM search_index").fetchone()[0]
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert indexed == total - 1
    found = invoke("search", "--json", "--db", str(store), "明天")
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] > 0


def test_a_search_that_meets_damaged_text_says_so_in_one_line(store: Path) -> None:
    _damage_an_article(store, every=True)
    result = invoke("search", "--db", str(store), "洛阳")
    assert result.exit_code == 1
    assert "damaged article text" in result.stderr and "reindex" in result.stderr
    assert "�" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
