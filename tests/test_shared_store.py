"""A store under faults and shared use: imports always end, readers without write access get current
answers or a clear refusal, and two imports into one store take turns."""

from __future__ import annotations

import multiprocessing
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ingest import import_paths, pool
from reader.ingest.discover import discover
from reader.ingest.meta import Meta
from reader.ingest.prepare import ImportReport, import_file
from reader.store import Store, StoreError


def big_tree(root: Path, files: int, tag: str = "") -> None:
    """``files`` page files of eight articles each, one per day, in a paper of their own for each ``tag``."""
    for n in range(files):
        day = root / f"人民日报{tag}" / f"2020-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"
        day.mkdir(parents=True, exist_ok=True)
        body = "".join(
            f"本报讯 第{n}篇第{k}段{tag}，洛阳今天天气很好，记者走访了{k}个村。" for k in range(60)
        )
        (day / f"{n % 8 + 1:02d}-要闻.txt").write_text(
            "\n\n".join(f"标题{n}之{a}\n\n{body}" for a in range(8)), encoding="utf-8"
        )


def pages(db: Path) -> int:
    """Pages in the store, read the way another program would (0 if it cannot be read yet)."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM pages").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def import_cmd(db: Path, *args: str) -> list[str]:
    """The command line of an import run as its own process."""
    return [sys.executable, "-m", "reader", "--db", str(db), "import", *args]


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


@pytest.mark.slow
def test_a_pooled_import_ends_and_keeps_every_page_when_a_worker_is_killed(tmp_path: Path) -> None:
    root = tmp_path / "papers"
    # 16 chunks of 5 files: when the first 5 pages are in, the killed worker still has chunks of its
    # own to prepare (DEPTH ahead, and more after them), which the writer must then import itself.
    big_tree(root, 80)
    db = tmp_path / "s.db"
    cmd = import_cmd(db, str(root), "--jobs", "2", "--commit-every", "5", "--split", "rules")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while pages(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before a worker could be killed"
    workers = children(proc.pid)
    assert workers, "the import has no worker processes"
    os.kill(workers[0], signal.SIGKILL)  # as the kernel's out-of-memory killer would
    try:
        out, err = proc.communicate(timeout=120)  # a hang detector, not a speed check
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError("the import hung after one of its workers was killed") from None
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert pages(db) == 80  # the dead worker's files were imported by the writer instead


def test_a_store_error_stops_a_pooled_import_and_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "papers"
    big_tree(root, 60)
    real_write = pool.write_prepared
    written: list[str] = []

    def fails_on_the_third(store, f, prep, report):  # type: ignore[no-untyped-def]
        if len(written) == 2:
            raise StoreError("the store is full")
        written.append(str(f.path))
        return real_write(store, f, prep, report)

    monkeypatch.setattr(pool, "write_prepared", fails_on_the_third)
    with Store.open(tmp_path / "s.db") as s:
        report = import_paths(s, [root], Meta(split="rules"), jobs=2)
        assert report.error == "the store is full"
        assert s.db.execute("SELECT count(*) FROM pages").fetchone()[0] == 2
    assert multiprocessing.active_children() == []


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder that the store's owner (this process) writes and another user only reads."""
    folder = Path(tempfile.mkdtemp(prefix="shared-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def other_user(cmd: list[str], folder: Path, **kw: object) -> subprocess.Popen[str]:
    """Run ``cmd`` as a user who can read ``folder`` but not write to it.

    The folder is made read-only for its owner; as root, the command runs without root's power to
    write anyway (setpriv drops the capabilities), as a second user of a shared archive would.
    """
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    folder.chmod(0o555)
    if os.geteuid() == 0:
        cmd = ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all", "--", *cmd]
    return subprocess.Popen(cmd, text=True, **kw)  # type: ignore[call-overload]


def stats_as_other_user(db: Path) -> tuple[int, str, str]:
    """``paper-reader stats --json`` run by the other user: (rc, stdout, stderr)."""
    proc = other_user([sys.executable, "-m", "reader", "--db", str(db), "stats", "--json"], db.parent)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_a_wal_without_its_shm_is_refused_not_read_without_its_pages(tmp_path: Path, shared: Path) -> None:
    big_tree(tmp_path / "a", 6, "甲")
    big_tree(tmp_path / "b", 6, "乙")
    db = tmp_path / "s.db"
    with Store.open(db) as s:
        import_paths(s, [tmp_path / "a"], Meta(split="rules"), jobs=1)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.db.execute("PRAGMA wal_autocheckpoint = 0")
        report = ImportReport()
        for found in discover([tmp_path / "b"])[0]:  # file by file: no checkpoint at the end
            import_file(s, found, Meta(split="rules"), report)
        assert report.new == 6
        for suffix in ("", "-wal"):  # a copy of the store without its -shm, as a backup tool makes
            shutil.copyfile(f"{db}{suffix}", f"{shared / 's.db'}{suffix}")
    assert (shared / "s.db-wal").stat().st_size > 0
    rc, out, err = stats_as_other_user(shared / "s.db")
    assert (rc, out) == (1, ""), out
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "s.db-wal" in err and "write access" in err


def test_a_reader_without_write_access_sees_pages_imported_after_it_opened(
    tmp_path: Path, shared: Path
) -> None:
    big_tree(tmp_path / "a", 6, "甲")
    big_tree(tmp_path / "b", 6, "乙")
    db = shared / "s.db"
    with Store.open(db) as s:
        import_paths(s, [tmp_path / "a"], Meta(split="rules"), jobs=1)
    script = (
        "import sys\n"
        "from reader.store import Store\n"
        "s = Store.open(sys.argv[1], readonly=True, create=False)\n"
        "for line in sys.stdin:\n"
        "    print(s.db.execute('SELECT count(*) FROM pages').fetchone()[0], flush=True)\n"
    )
    reader = other_user([sys.executable, "-c", script, str(db)], shared, stdin=subprocess.PIPE)
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdin.write("count\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "6"
    if os.geteuid() != 0:
        reader.kill()
        pytest.skip("the owner writing beside a reader without write access needs two users (run as root)")
    with Store.open(db) as s:  # the owner imports more while the reader stays open
        import_paths(s, [tmp_path / "b"], Meta(split="rules"), jobs=1)
        reader.stdin.write("count\n")
        reader.stdin.flush()
        during = reader.stdout.readline().strip()
    reader.stdin.write("count\n")
    reader.stdin.flush()
    after = reader.stdout.readline().strip()
    _out, err = reader.communicate(timeout=60)
    assert (during, after) == ("12", "12"), err


@pytest.mark.slow
def test_a_second_import_waits_its_turn_with_a_message_and_both_finish(tmp_path: Path) -> None:
    big_tree(tmp_path / "a", 40, "甲")
    big_tree(tmp_path / "b", 10, "乙")
    db = tmp_path / "s.db"
    first = subprocess.Popen(
        import_cmd(db, str(tmp_path / "a"), "--jobs", "1", "--commit-every", "5", "--split", "rules"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = None
    try:
        deadline = time.monotonic() + 60
        while pages(db) < 5 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        # Paused with its turn held, so that the second import surely comes while the first is writing,
        # however fast the first one is.
        first.send_signal(signal.SIGSTOP)
        assert first.poll() is None, "the first import ended before the second began"
        second = subprocess.Popen(
            import_cmd(db, str(tmp_path / "b"), "--jobs", "1", "--split", "rules"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        ready, _, _ = select.select([second.stderr], [], [], 120)  # a hang detector, not a speed check
        said = second.stderr.readline() if ready else ""
        assert second.poll() is None, said  # it waits (for as long as the first one is paused)
        first.send_signal(signal.SIGCONT)
        _out, rest = second.communicate(timeout=300)
        _out, err = first.communicate(timeout=300)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert first.returncode == 0, err
    assert second.returncode == 0, said + rest
    assert "waiting for it to finish" in said and "Traceback" not in said + rest
    assert pages(db) == 50
