"""繁简-blind search: either script finds both, folded at index time; script:exact turns it off."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import real_record

from reader import tokens
from reader.cli import cli
from reader.models import Item
from reader.search import highlight, search
from reader.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "f.db")
    for key, title, body in (
        ("t", "華龍區新貌", "華龍區的發展與變化。記者在臺北。"),
        ("s", "华龙区新貌", "华龙区的发展与变化。"),
        ("o", "洛阳", "牡丹花开。"),
    ):
        items = (Item(kind="article", title=title, body=body),)
        store.write_page(replace(real_record(f"{title}\n{body}", key, items), date="2020-05-02"))
    store.close()
    return tmp_path / "f.db"


def _titles(db: Path, q: str) -> set[str]:
    with Store.open(db, readonly=True) as store:
        result = search(store, q)
    assert result.message is None, result.message
    return {h.title for h in result.hits}


def test_the_map_is_one_character_for_one_and_idempotent() -> None:
    text = "華龍區的發展與變化 臺灣 ABC 乾隆 著名"
    folded = tokens.fold(text)
    assert folded == "华龙区的发展与变化 台湾 ABC 干隆 著名"
    assert len(folded) == len(text) and tokens.fold(folded) == folded
    assert tokens.foldable("華") and tokens.foldable("华") and not tokens.foldable("ABC")


def test_either_script_finds_both(db: Path) -> None:
    both = {"華龍區新貌", "华龙区新貌"}
    assert _titles(db, "華龍區") == both
    assert _titles(db, "华龙区") == both
    assert _titles(db, "龍") == both  # one character: the character table is folded too
    assert _titles(db, "發展 -臺北") == {"华龙区新貌"}
    assert _titles(db, "title:華龍") == both
    assert _titles(db, '"华龙区·"') == set()  # checked as a substring, folded alike: no such text


def test_exact_script_matches_as_written(db: Path) -> None:
    assert _titles(db, "華龍區 script:exact") == {"華龍區新貌"}
    assert _titles(db, "华龙区 script:exact") == {"华龙区新貌"}
    assert _titles(db, "龍 script:exact") == {"華龍區新貌"}
    assert _titles(db, "牡丹 script:exact") == {"洛阳"}
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "--json", "--exact-script", "华龙区"])
    assert [r["title"] for r in json.loads(out.output)["results"]] == ["华龙区新貌"]
    bad = search(str(db), "華 script:both")
    assert bad.message and "script:" in bad.message


def test_highlights_and_snippets_show_the_pages_own_characters(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        hits = {h.title: h for h in search(store, "华龙区").hits}
    snip = hits["華龍區新貌"].snippets[0]
    assert [snip.text[a:b] for a, b in snip.spans] == ["華龍區"]
    assert hits["華龍區新貌"].hits == 2  # title and body, counted folded
    assert [(a, b) for a, b, k in highlight("記者說華龍區", "华龙区") if k == "term"] == [(3, 6)]
    assert highlight("記者說華龍區", "华龙区 script:exact") == []


def test_an_old_index_says_so_in_one_line_until_reindex(db: Path) -> None:
    with Store.open(db) as store:
        store.db.execute("UPDATE meta SET value = 'bigram-5' WHERE key = 'search_index_version'")
        store.db.conn.commit()
    out = CliRunner().invoke(cli, ["search", "--db", str(db), "華龍區"])
    assert out.exit_code == 1 and "reindex" in out.output and "繁简" in out.output
    assert len(out.output.strip().splitlines()) == 1
    assert CliRunner().invoke(cli, ["reindex", "--db", str(db)]).exit_code == 0
    assert _titles(db, "華龍區") == {"華龍區新貌", "华龙区新貌"}
