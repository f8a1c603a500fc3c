"""The search index tables, kept in step with the articles inside the store's page transaction.

(Stub: the search work fills these in; the store already calls them at the right moments.)
"""

from __future__ import annotations

from typing import Any


def ensure_schema(db: Any) -> None:
    """Create the index tables if they are missing."""


def index_articles(db: Any, rows: list[dict[str, Any]]) -> None:
    """Add these article rows (id, title, body, kicker, subtitle) to the index."""


def unindex_articles(db: Any, article_ids: list[int]) -> None:
    """Remove these articles from the index; called while their rows still exist."""


def reindex_all(db: Any) -> int:
    """Rebuild the whole index from the articles table; returns the number of articles indexed."""
    return 0
