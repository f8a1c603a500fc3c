"""The search and reindex commands through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_helpers import copy_store
from test_search_recall import build_store, make_articles

from reader.cli import cli


def _make_db(folder: Path) -> Path:
    arts = make_articles(30, seed=3) + [
        {"title": "洛阳实践谱新篇", "body": "叫响基层治理的洛阳实践。\x1b[31m红"}
    ]
    build_store(folder / "s.db", arts).close()
    return folder / "s.db"


@pytest.fixture
def db(built_once: Any, tmp_path: Path) -> Path:
    """31 articles (built once per test process), the test's own copy."""
    return copy_store(built_once("test_cli_search.db", _make_db), tmp_path / "s.db")


def test_search_prints_hits_total_and_time(db: Path) -> None:
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "洛阳实践"])
    assert out.exit_code == 0, out.output
    assert "洛阳实践谱新篇" in out.output
    assert "ms" in out.output.splitlines()[-1] and "result" in out.output.splitlines()[-1]
    assert "\x1b[31m" not in out.output  # page text is shown made visible, never sent raw


def test_group_db_option_is_used(db: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(db), "search", "洛阳实践"])
    assert out.exit_code == 0 and "洛阳实践谱新篇" in out.output


def test_search_json_has_the_documented_shape(db: Path) -> None:
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "--limit", "3", "的"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) >= {"query", "total", "took_ms", "results"}
    assert data["query"] == "的" and data["total"] >= len(data["results"]) and len(data["results"]) <= 3
    for r in data["results"]:
        assert set(r) == {
            "id",
            "page_id",
            "paper",
            "date",
            "page",
            "section",
            "other_pages",
            "title",
            "places",
            "hits",
            "score",
            "snippets",
        }
        assert r["date"] is None or len(r["date"]) == 10
        assert r["page"] is None or isinstance(r["page"], int)
        assert all(isinstance(n, int) for n in r["other_pages"])  # pages of its other parts (转版)
        for s in r["snippets"]:
            for start, end in s["spans"]:
                assert 0 <= start < end <= len(s["text"])


def test_batch_answers_one_query_per_line(db: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text('洛阳\n\n"unbalanced\nx' + "y" * 5000 + "\n-\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "--batch", str(queries)])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.output.splitlines()]
    assert [d["query"] for d in lines][:2] == ["洛阳", '"unbalanced']
    assert len(lines) == 4
    assert "too long" in lines[2]["message"]


def test_sort_date_and_messages(db: Path) -> None:
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "--sort", "date", "--json", "的"])
    dates = [r["date"] for r in json.loads(out.output)["results"] if r["date"]]
    assert dates == sorted(dates, reverse=True)
    bad = CliRunner().invoke(cli, ["search", "--db", str(db), "date:nope"])
    assert bad.exit_code == 1 and "date:nope" in bad.output


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["search", "--db", str(tmp_path / "none.db"), "x"])
    assert out.exit_code == 1
    assert out.output.strip().count("\n") == 0 and "no store" in out.output


def test_reindex_rebuilds(db: Path) -> None:
    out = CliRunner().invoke(cli, ["reindex", "--db", str(db)])
    assert out.exit_code == 0 and "Indexed 31 articles" in out.output
    again = CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "洛阳实践"])
    assert json.loads(again.output)["total"] >= 1


def test_limit_zero_is_every_result_and_stream_is_json_lines(db: Path) -> None:
    full = json.loads(
        CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "--limit", "0", "的"]).output
    )
    assert full["total"] > 3 and len(full["results"]) == full["total"]
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "--stream", "--limit", "0", "的"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.output.splitlines()]
    assert lines[0]["total"] == full["total"] and "results" not in lines[0]
    assert [r["id"] for r in lines[1:]] == [r["id"] for r in full["results"]]
    assert all(r["places"] for r in lines[1:])
    bad = CliRunner().invoke(cli, ["search", "--db", str(db), "--stream", "的"])
    assert bad.exit_code != 0 and "--stream" in bad.output and "Traceback" not in bad.output
