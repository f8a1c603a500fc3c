"""Search behaviour beyond recall: ranking, highlight spans, snippets, hostile queries, tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search_recall import build_store, make_articles

from reader import tokens
from reader.search import SearchResult, highlight, search, snippets
from reader.search.query import MAX_QUERY_CHARS, MAX_TERMS, parse
from reader.store import Store, index


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    arts = make_articles(120, seed=5)
    arts += [
        {"title": "洛阳实践谱新篇", "body": "叫响基层治理的洛阳实践。洛阳实践在涧西区。"},
        {"title": "无关标题", "body": "正文里提到一次洛阳实践。" + "其他内容。" * 50},
        {"title": "人大会议", "body": "全国人民代表大会常务委员会举行会议，代表大会闭幕。"},
    ]
    return build_store(tmp_path_factory.mktemp("s") / "s.db", arts)


def test_index_tokens_are_bigrams_and_the_character_set() -> None:
    assert tokens.index_tokens("洛阳实践, 5G") == "洛阳 阳实 实践 5g"
    # Each character once, then the headline's characters marked.
    assert tokens.char_tokens("洛阳", "洛阳实践, 5G 洛") == "5 g 实 洛 践 阳 0洛 0阳"
    assert tokens.runs("洛阳·县区") == ["洛阳·县区"]
    assert tokens.is_indexable("代表大会") and not tokens.is_indexable("c++")


def test_user_dictionary_words_are_kept_whole() -> None:
    assert "涧西区" in tokens.cut_words("涧西区")
    assert "洛阳实践" in tokens.cut_words("洛阳实践")


def test_title_hits_rank_first_and_all_terms_count(store: Store) -> None:
    result = search(store, "洛阳实践")
    assert result.hits[0].title == "洛阳实践谱新篇"
    assert result.hits[0].hits == 3
    assert result.hits[0].score >= result.hits[-1].score


def test_sort_by_date_is_newest_first(store: Store) -> None:
    result = search(store, "的", sort="date", limit=200)
    dates = [h.date for h in result.hits]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert dates[: len(known)] == known  # unknown dates last


def test_offset_pages_through_the_same_order(store: Store) -> None:
    whole = [h.article_id for h in search(store, "的", limit=40).hits]
    second = [h.article_id for h in search(store, "的", limit=20, offset=20).hits]
    assert second == whole[20:40]


def test_highlight_marks_terms_and_their_jieba_words() -> None:
    text = "全国人民代表大会常务委员会举行会议，代表大会闭幕，人民满意。"
    spans = highlight(text, "人民代表大会")
    words = set(tokens.cut_words("人民代表大会"))
    assert (2, 8, "term") in spans
    for start, end, kind in spans:
        assert kind in ("term", "word")
        if kind == "word":
            assert text[start:end] in words
    assert any(text[s:e] == "代表" and k == "word" and s > 8 for s, e, k in spans)
    assert any(text[s:e] == "人民" and k == "word" for s, e, k in spans)
    starts = [s for s, _, _ in spans]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # never overlapping


def test_highlight_ignores_case_and_excluded_terms() -> None:
    assert highlight("用上5g网络", "5G") == [(2, 4, "term")]
    assert highlight("洛阳和濮阳", "洛阳 -濮阳") == [(0, 2, "term")]


def test_snippets_are_well_formed(store: Store) -> None:
    result = search(store, "洛阳 实践", limit=50)
    assert result.hits
    for hit in result.hits:
        for snip in hit.snippets:
            assert "\n" not in snip.text
            assert len(snip.text) <= 2 * 40 + 12 + 2
            for start, end in snip.spans:
                assert 0 <= start < end <= len(snip.text)
                assert (
                    snip.text[start:end].lower() in {"洛阳", "实践", "洛"} or "洛阳" in snip.text[start:end]
                )


def test_snippet_windows_center_the_hit() -> None:
    text = "甲" * 100 + "洛阳" + "乙" * 100
    (snip,) = snippets(text, [(100, 102, "term")])
    assert snip.text.startswith("…") and snip.text.endswith("…")
    (span,) = snip.spans
    assert snip.text[span[0] : span[1]] == "洛阳"
    assert span[0] == 41


# Queries that ask for nothing, each with the message that says so.
NOTHING = ["", " ", '"', '"""', "-", "- -", "--", "OR"]
# Queries the parser cannot answer: the start of the message each gets.
REFUSED = {
    "date:nonsense": "date:nonsense is not a date",
    "page:-1": "page:-1 is not a page number",
    "page:99999999999": "page:99999999999 is not a page number",
    "x" * (MAX_QUERY_CHARS + 1): "The query is too long",
    " ".join(["洛"] * (MAX_TERMS + 1)): "Too many terms",
    "洛 " * 5000: "The query is too long",
}
# Queries that are answered, with no message, and match nothing in the store.
NO_MATCH = [
    "* : ^ ( ) NEAR AND OR NOT",
    'NEAR("a" "b", 3)',
    "\\",
    "\\\\' ;--",
    "title:",
    "paper:",
    "date:2020-13..",
    "{title}: x",
    "\x00\x1b[31m",
    "a" * MAX_QUERY_CHARS,
    "😀 🇨🇳",
    "\ud800",
]
# Queries that are answered, with no message, and match the articles holding this text.
MATCH = {"洛阳 OR": "洛阳", "OR 洛阳": "洛阳", "洛阳·县区": "洛阳·县区", "·": "·"}


def _holding(store: Store, text: str) -> int:
    """How many articles hold ``text`` in any searched column (counted without the index)."""
    cols = "||".join(f"coalesce({c}, '')" for c in ("kicker", "title", "subtitle", "body", "caption"))
    return store.db.execute(f"SELECT count(*) FROM articles WHERE instr({cols}, ?)", [text]).fetchone()[0]


def _check_shape(result: SearchResult, limit: int = 20) -> None:
    """A message comes with nothing found; otherwise the hits are the first page of the total."""
    if result.message:
        assert result.total == 0 and not result.hits
    assert len(result.hits) == min(result.total, limit)
    assert len({h.article_id for h in result.hits}) == len(result.hits)


@pytest.mark.parametrize("q", NOTHING)
def test_queries_asking_for_nothing_say_so(store: Store, q: str) -> None:
    result = search(store, q)
    assert (result.total, result.hits, result.message) == (0, [], "Type something to search for.")
    highlight("洛阳实践", q)


@pytest.mark.parametrize("q", list(REFUSED))
def test_refused_queries_say_why(store: Store, q: str) -> None:
    result = search(store, q)
    assert (result.total, result.hits) == (0, [])
    assert result.message is not None and result.message.startswith(REFUSED[q])
    highlight("洛阳实践", q)


@pytest.mark.parametrize("q", NO_MATCH)
def test_hostile_queries_without_matches_find_nothing(store: Store, q: str) -> None:
    result = search(store, q)
    assert (result.total, result.hits, result.message) == (0, [], None)
    highlight("洛阳实践", q)


@pytest.mark.parametrize("q", list(MATCH))
def test_hostile_queries_with_matches_find_them(store: Store, q: str) -> None:
    result = search(store, q)
    assert result.message is None
    assert result.total == _holding(store, MATCH[q]) > 0
    _check_shape(result)
    highlight("洛阳实践", q)


def test_limits_have_clear_messages(store: Store) -> None:
    assert "too long" in (search(store, "x" * (MAX_QUERY_CHARS + 1)).message or "")
    assert "Too many terms" in (search(store, " ".join(["洛"] * (MAX_TERMS + 1))).message or "")
    assert search(store, "").message
    assert "date:" in (search(store, "date:nonsense").message or "")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(list('洛阳党建a5G "-:*^()·\\') + ["OR", "NEAR", "title:", "date:", "page:", " "]),
        max_size=25,
    ).map("".join)
)
def test_parse_and_search_never_raise(store: Store, q: str) -> None:
    parse(q)
    _check_shape(search(store, q))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_never_raises_on_any_text(q: str) -> None:
    parsed = parse(q)
    assert parsed.message is None or parsed.message.endswith(".")
    assert all(parsed.groups)
    assert all(t.text.strip() for t in parsed.terms + parsed.excluded)
    if parsed.message is None:
        assert len(parsed.terms) + len(parsed.excluded) <= MAX_TERMS


def test_missing_index_says_reindex(tmp_path: Path) -> None:
    store = build_store(tmp_path / "s.db", make_articles(5))
    store.db.execute(f"DROP TABLE {index.TABLE}")
    result = search(store, "的")
    assert result.message and "reindex" in result.message
    index.reindex_all(store.db)
    assert search(store, "的").message is None


def test_terms_with_letters_sqlite_cannot_fold_are_checked_in_python(tmp_path: Path) -> None:
    arts = [
        {"title": "欧洲来信", "body": "在CAFÉ·Ünion里喝咖啡。"},
        {"title": "无关", "body": "café ünion 分开写。"},
        {"title": "ΣΑΣ·Δ", "body": "希腊字母。"},
    ]
    s = build_store(tmp_path / "s.db", arts)
    assert [h.title for h in search(s, "café·ü").hits] == ["欧洲来信"]
    assert [h.title for h in search(s, "σας·δ").hits] == ["ΣΑΣ·Δ"]
    assert [h.title for h in search(s, "title:σας·δ").hits] == ["ΣΑΣ·Δ"]
    assert search(s, "-café·ü").total == 2
    assert search(s, "·").total == 2


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("洛阳实践党建代表大会，。 ABab5Gİßς\n")), min_size=1, max_size=80),
    st.data(),
)
def test_highlight_spans_and_snippets_are_always_well_formed(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    term = text[start : start + data.draw(st.integers(1, 6))].strip().replace('"', "") or "洛"
    spans = highlight(text, f'"{term}"')
    assert all(0 <= s < e <= len(text) and k in ("term", "word") for s, e, k in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for snip in snippets(text, spans):
        assert all(0 <= s < e <= len(snip.text) for s, e in snip.spans)


def test_a_snippet_line_fits_and_shows_its_hit_at_any_width() -> None:
    from rich.cells import cell_len

    from reader.models import Snippet
    from reader.widgets.result_list import snippet_text

    text = "…" + "前文" * 30 + "基层治理" + "后文，Latin words 123.45" * 5 + "…"
    start = text.index("基层治理")
    snippet = Snippet(text, ((start, start + 4),))
    for cells in range(10, 120):
        line = snippet_text(snippet, cells)
        assert cell_len(line.plain) <= cells, (cells, line.plain)
        assert "基层治理" in line.plain, (cells, line.plain)


def test_a_quoted_phrase_is_highlighted_whole_never_as_its_words() -> None:
    from reader.search import highlight

    text = "推进基层治理现代化，基层干部说治理要细。"
    assert [(s, e) for s, e, _ in highlight(text, '"基层治理"')] == [(2, 6)]
    unquoted = [(s, e) for s, e, _ in highlight(text, "基层治理")]
    assert (2, 6) in unquoted and len(unquoted) > 1  # unquoted, its words count too
