"""Per-user state: read marks, bookmarks, last position, history; kept apart per store."""

from __future__ import annotations

from pathlib import Path

from reader.paths import state_dir
from reader.state import HISTORY_LIMIT, State


def test_state_lives_in_the_state_dir() -> None:
    state = State("/stores/a.db")
    assert state.path.parent == state_dir()
    assert state.path.exists()


def test_read_marks_and_counts(tmp_path: Path) -> None:
    state = State("a", tmp_path / "s.db")
    state.set_read(1, True, page_id=10, edition_id=100)
    state.set_read(2, True, page_id=10, edition_id=100)
    state.set_read(3, True, page_id=11, edition_id=100)
    assert state.is_read(1) and not state.is_read(4)
    assert state.read_ids([1, 2, 4]) == {1, 2}
    assert state.read_count_by_page([10, 11, 12]) == {10: 2, 11: 1}
    assert state.read_count_by_edition([100]) == {100: 3}
    state.set_read(1, False)
    assert not state.is_read(1)
    assert state.read_count_by_page([10]) == {10: 1}


def test_bookmarks_toggle_newest_first(tmp_path: Path) -> None:
    state = State("a", tmp_path / "s.db")
    assert state.toggle_bookmark(5, "five") is True
    assert state.toggle_bookmark(6, "six") is True
    assert [b.article_id for b in state.bookmarks()] == [6, 5]
    assert state.toggle_bookmark(5, "five") is False
    assert [b.label for b in state.bookmarks()] == ["six"]


def test_position_survives_reopening(tmp_path: Path) -> None:
    State("a", tmp_path / "s.db").save_position(42, 17)
    assert State("a", tmp_path / "s.db").last_position() == (42, 17)
    assert State("b", tmp_path / "s.db").last_position() == (None, 0)


def test_stores_do_not_share_marks(tmp_path: Path) -> None:
    State("a", tmp_path / "s.db").set_read(1, True)
    assert not State("b", tmp_path / "s.db").is_read(1)


def test_history_dedupes_and_trims(tmp_path: Path) -> None:
    state = State("a", tmp_path / "s.db")
    for q in ("洛阳", "党建", "洛阳", "  "):
        state.add_query(q)
    assert state.history() == ["党建", "洛阳"]
    for i in range(HISTORY_LIMIT + 5):
        state.add_query(f"q{i}")
    assert len(state.history()) == HISTORY_LIMIT
    assert state.history()[-1] == f"q{HISTORY_LIMIT + 4}"
