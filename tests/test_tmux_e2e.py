"""Drive the installed ``paper-reader`` in tmux at 80×24, as a person over SSH would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_support import made_store

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

EXE = Path(sys.executable).parent / "paper-reader"
GREYS = {0, 7, 8, 15, 16, 231, *range(232, 256)}
TIMEOUT = 20.0


class Tmux:
    """One tmux server on its own socket running one session."""

    def __init__(self, home: Path) -> None:
        self.socket = f"paper-reader-test-{uuid.uuid4().hex[:12]}"
        self.home = home

    def run(self, *args: str, check: bool = True) -> str:
        """A tmux command on this server; returns its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )
        return result.stdout

    def start(
        self, command: list[str], term: str = "xterm-256color", extra_env: dict[str, str] | None = None
    ) -> None:
        """Start ``command`` in an 80×24 window, with a fresh HOME and XDG dirs."""
        env = {
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_STATE_HOME": str(self.home / ".local/state"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "TERM": term,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            **(extra_env or {}),
        }
        shell = " ".join(["env", "-i", *(f"{k}={v}" for k, v in env.items()), *(_quote(c) for c in command)])
        self.run("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", shell)
        self.run("set-option", "-t", "t", "remain-on-exit", "on")
        self.run("set-option", "-t", "t", "-g", "allow-rename", "on")
        self.run("select-pane", "-t", "t", "-T", "original-title")

    def capture(self, escapes: bool = False) -> str:
        """What the pane shows (with SGR escapes when asked)."""
        return self.run("capture-pane", "-p", "-t", "t", *(["-e"] if escapes else []))

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Poll the pane until ``text`` shows; fail with the last screen if it does not."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; the pane shows:\n{screen}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send keys (tmux key names, or literal text)."""
        self.run("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def wait_dead(self, timeout: float = TIMEOUT) -> int:
        """Wait for the pane's process to exit; returns its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.run("display", "-p", "-t", "t", "#{pane_dead} #{pane_dead_status}").split()
            if out and out[0] == "1":
                return int(out[1]) if len(out) > 1 else 0
            time.sleep(0.1)
        raise AssertionError(f"paper-reader did not exit; the pane shows:\n{self.capture()}")

    def kill(self) -> None:
        """Stop this server (only ours: it is on its own socket); a later start gets a new one, as
        a client that reaches the old socket while that server exits fails ("server exited")."""
        self.run("kill-server", check=False)
        self.socket = f"paper-reader-test-{uuid.uuid4().hex[:12]}"


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(tmp_path / "home")
    server.home.mkdir()
    try:
        yield server
    finally:
        server.kill()


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "screen", "xterm-16color"])
def test_first_run_shows_the_sample_and_q_quits(tmux: Tmux, term: str) -> None:
    tmux.start([str(EXE)], term=term)
    screen = tmux.wait_for("洛阳日报")
    assert "东方今报" in screen and "濮阳日报" in screen
    assert "paper-reader · papers.db" in screen
    tmux.keys("Enter")  # the first paper opens
    tmux.wait_for("日期不详")
    tmux.keys("q")
    assert tmux.wait_dead() == 0


def test_search_open_hits_and_quit(tmux: Tmux) -> None:
    tmux.start([str(EXE)])
    tmux.wait_for("洛阳日报")
    tmux.keys("/")
    tmux.wait_for("Type to search")
    tmux.keys("党建", literal=True)
    screen = tmux.wait_for(" ms")  # the summary: N results · T ms
    assert "hits" in screen or "hit" in screen
    colored = tmux.capture(escapes=True)
    assert "\x1b[7m" in colored or ";7m" in colored  # highlights are reversed: visible in any palette
    tmux.keys("Enter")  # to the results
    tmux.keys("Enter")  # open the first
    screen = tmux.wait_for("hit 1/")
    tmux.keys("n")
    tmux.wait_for("hit 2/")
    tmux.keys("Escape")  # back to the results, the query kept
    screen = tmux.wait_for(" ms")
    assert "党建" in screen.splitlines()[1]
    tmux.keys("Escape")  # back to the tree
    tmux.wait_for("▶ 濮阳日报")  # the tree's own line (result lines name papers too)
    tmux.keys("q")
    assert tmux.wait_dead() == 0


def test_hostile_text_leaves_title_and_colours_alone(tmux: Tmux, tmp_path: Path) -> None:
    access = made_store(tmp_path)
    tmux.start([str(EXE), "--db", str(access.path)], extra_env={"NO_COLOR": "1"})
    tmux.wait_for("测试日报")
    # paper → 2024-05-01 → 第2版 杂谈 → its article, waiting for each level to load before moving on
    tmux.keys("Enter")
    tmux.wait_for("2024-05-01 (2)")
    tmux.keys("Down", "Down", "Enter")
    tmux.wait_for("第2版 杂谈")
    tmux.keys("Down", "Down", "Enter")
    tmux.wait_for("PWNED")
    tmux.keys("Down", "Enter")
    screen = tmux.wait_for("␛[31m红色")  # the body: the article is open
    assert "␛]0;PWNED␇" in screen and "[bold]x[/]" in screen
    assert "␛[31m红色" in screen and "[red]markup[/red]" in screen
    assert tmux.run("display", "-p", "-t", "t", "#{pane_title}").strip() == "original-title"
    colored = tmux.capture(escapes=True)
    assert "\x1b[31m红色" not in colored and "\x1b[31m" not in colored.split("红色")[0][-20:]
    # NO_COLOR: only greys (the 256-colour grey ramp, black, white), never a hue.
    for code in re.findall(r"\x1b\[([0-9;]*)m", colored):
        parts = code.split(";")
        for i, part in enumerate(parts):
            if part in ("38", "48") and i + 2 < len(parts) and parts[i + 1] == "5":
                assert int(parts[i + 2]) in GREYS, code
            if part in ("38", "48") and i + 4 < len(parts) and parts[i + 1] == "2":
                assert len(set(parts[i + 2 : i + 5])) == 1, code
        assert not any(
            p in {"31", "32", "33", "34", "35", "36", "41", "42", "43", "44", "45", "46"}
            for p in parts
            if len(parts) == 1
        ), code
    tmux.keys("q")
    assert tmux.wait_dead() == 0
    assert tmux.run("display", "-p", "-t", "t", "#{pane_title}").strip() == "original-title"


def test_correct_a_page_then_find_the_new_article_after_a_restart(tmux: Tmux, tmp_path: Path) -> None:
    from test_corrections import write_page

    db = tmp_path / "review.db"
    write_page(tmp_path / "papers")
    subprocess.run(
        [str(EXE), "--db", str(db), "import", str(tmp_path / "papers")], check=True, capture_output=True
    )
    tmux.start([str(EXE), "--db", str(db)])
    tmux.wait_for("人民日报")
    tmux.keys("c")
    tmux.wait_for("Pages to check · 1")
    tmux.keys("Enter")
    tmux.wait_for("11 lines")
    # A story of its own from line 3, titled by it: a split no splitter makes (a sentence is no
    # headline), so that the correction changes the page whatever the model read.
    tmux.keys("j", "j")
    tmux.wait_for("▶   3")
    tmux.keys("s", "r")
    tmux.wait_for("Role of line 3")
    tmux.keys("t")
    tmux.wait_for("▶   3 T│农技人员深入村组")
    tmux.keys("w")
    screen = tmux.wait_for("corrected")
    assert "── 2 · article · 1.00 农技人员深入村组，指导农户科学施肥。" in screen
    tmux.keys("Escape")
    tmux.wait_for("every page has been reviewed")
    tmux.keys("Escape")
    tmux.wait_for("Choose an article")  # the main screen again
    tmux.keys("q")
    assert tmux.wait_dead() == 0
    tmux.kill()
    tmux.start([str(EXE), "--db", str(db)])
    tmux.wait_for("人民日报")
    tmux.keys("/")
    tmux.wait_for("Type to search")
    tmux.keys("科学施肥", literal=True)
    screen = tmux.wait_for(" ms")
    # Found in the new story's title (标题), as the corrected split indexed it.
    assert "农技人员深入村组" in screen and "1 hit · 标题" in screen
    tmux.keys("q")


def test_keys_sent_in_one_burst_all_take_effect(tmux: Tmux, tmp_path: Path) -> None:
    access = made_store(tmp_path)
    tmux.start([str(EXE), "--db", str(access.path)])
    tmux.wait_for("测试日报")
    # One write each, as key repeat or a laggy SSH link delivers them: paper, date, page, article.
    tmux.keys("\r\x1b[B\r\x1b[B\r\x1b[B\r", literal=True)
    tmux.wait_for("本报讯 4月1日")
    tmux.run("resize-window", "-t", "t", "-x", "80", "-y", "12")  # a short pane: the article scrolls
    # The app lays out again only once it has handled the resize; keys sent before that scroll the
    # taller pane, which the article nearly fits, and are clamped (seen once on a loaded CI machine).
    deadline = time.monotonic() + TIMEOUT
    while not tmux.capture().rstrip("\n").split("\n")[-1].rstrip().endswith("palette"):
        assert time.monotonic() < deadline, "the app did not redraw at 80x12"
        time.sleep(0.1)
    tmux.keys("\t" + "j" * 10, literal=True)  # to the article pane, then ten lines down
    time.sleep(1.0)
    screen = tmux.capture()
    assert "本报讯 4月1日" not in screen and "夜游洛邑" in screen  # scrolled ten lines, not one
    tmux.run("resize-window", "-t", "t", "-x", "80", "-y", "24")
    tmux.keys("/")
    tmux.wait_for("Type to search")
    tmux.keys("牡丹", literal=True)
    tmux.wait_for(" ms")
    tmux.keys("\rj", literal=True)  # Enter to the results and j in one write
    time.sleep(1.0)
    screen = tmux.capture()
    assert "牡丹j" not in screen
    tmux.keys("\r", literal=True)  # opens the second result, so j moved in the results
    screen = tmux.wait_for("result 2/")
    tmux.keys("q")
    assert tmux.wait_dead() == 0
