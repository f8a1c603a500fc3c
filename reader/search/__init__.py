"""Search: query parsing and planning, ranking through the bigram index, snippets and highlight spans.

``from reader.search import search`` answers a query; ``highlight`` and ``snippets`` mark where
it matched. The modules: ``query`` (parsing), ``plan`` (the SQL a query becomes), ``rank``
(matching and ordering) and ``spans`` (highlight spans and the snippets around them).
"""

from __future__ import annotations

from reader.search.query import MAX_QUERY_CHARS, MAX_TERMS, Query, parse
from reader.search.rank import MAX_LIMIT, SearchResult, iter_hits, matches, search
from reader.search.spans import highlight, snippets

__all__ = [
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Query",
    "SearchResult",
    "highlight",
    "iter_hits",
    "matches",
    "parse",
    "search",
    "snippets",
]
