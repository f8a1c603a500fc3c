"""``paper-reader`` with no subcommand: store errors are one line before the app starts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.config import config_path


def test_a_missing_store_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert result.output.startswith("paper-reader: error: there is no store at")
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_newer_schema_is_one_line(tmp_path: Path) -> None:
    from reader.store import Store

    path = tmp_path / "new.db"
    with Store.open(path) as store:
        store.db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
        store.db.conn.commit()
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("paper-reader: error:")
    assert len(result.output.strip().splitlines()) == 1


def test_a_broken_config_is_one_line(tmp_path: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[keymap\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert result.output.startswith(f"paper-reader: error: {path}")


def test_the_app_is_built_with_the_users_keymap(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reader.app

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\ntoggle_tree = "T"\n', encoding="utf-8")
    seen = {}

    def fake_run(self) -> None:  # type: ignore[no-untyped-def]
        seen["keymap"] = self.config.keymap
        seen["readonly"] = self.access.readonly
        seen["path"] = self.access.path

    monkeypatch.setattr(reader.app.ReaderApp, "run", fake_run)
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    assert seen["keymap"] == {"toggle_tree": "T"}
    assert seen["path"].exists()  # first run made the default store from the sample


def test_an_unwritable_state_dir_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # the state dir cannot be made under a file
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 1
    assert result.output.startswith("paper-reader: error: cannot keep the reading state in")
