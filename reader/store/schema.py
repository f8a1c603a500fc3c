"""The store's tables, its schema version and the migrations that bring older stores up to date.

The layout is documented in docs/ARCHITECTURE.md; a user can open the file with sqlite3,
sqlite-utils or Datasette and read it without this code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from reader.store import index

SCHEMA_VERSION = 3

# Schema 3: where each item came from on the page (raw line span, one role letter a line, the
# splitter's confidence, whether a user decided it) and the users' corrections.
_ITEM_LINES = {"line_first": int, "line_last": int, "roles": str, "confidence": float, "corrected": int}
_PAGE_REVIEW = {"min_confidence": float, "review": str, "reviewed_at": str}


class SchemaError(Exception):
    """The file is not a store this code can use; the message says what to do."""


def _create_tables(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("papers").create({"id": int, "name": str}, pk="id", not_null={"name"}, if_not_exists=True)
    db.table("editions").create(
        {"id": int, "paper_id": int, "date": str},
        pk="id",
        not_null={"paper_id"},
        foreign_keys=[("paper_id", "papers", "id")],
        if_not_exists=True,
    )
    db.table("pages").create(
        {
            "id": int,
            "edition_id": int,
            "number": int,
            "section": str,
            "source": str,
            "source_key": str,
            "raw": str,
            "sha256": str,
            "encoding": str,
            "layout": str,
            "imported_at": str,
            "raw_pack": bytes,
            "raw_codec": str,
            **_PAGE_REVIEW,
        },
        pk="id",
        # raw is NULL when the page text is packed into raw_pack (see reader.store.pack.pack_raw).
        not_null={"edition_id", "source_key", "sha256"},
        foreign_keys=[("edition_id", "editions", "id")],
        if_not_exists=True,
    )
    db.table("articles").create(
        {
            "id": int,
            "page_id": int,
            "position": int,
            "kind": str,
            "kicker": str,
            "title": str,
            "subtitle": str,
            "byline": str,
            "subheads": str,
            "body": str,
            "caption": str,
            "credit": str,
            **_ITEM_LINES,
        },
        pk="id",
        not_null={"page_id", "position", "kind"},
        foreign_keys=[("page_id", "pages", "id")],
        if_not_exists=True,
    )
    db.table("furniture").create(
        {"id": int, "page_id": int, "position": int, "role": str, "text": str, **_ITEM_LINES},
        pk="id",
        not_null={"page_id", "position"},
        foreign_keys=[("page_id", "pages", "id")],
        if_not_exists=True,
    )
    _create_corrections(db)
    _create_indexes(db)


def _create_corrections(db: sqlite_utils.Database) -> None:
    # One row per corrected page: what a user decided, by raw line number, tied to the page text.
    db.table("corrections").create(
        {
            "id": int,
            "page_id": int,
            "paper": str,
            "date": str,
            "page_number": int,
            "sha256": str,  # of the page text the decision was made on
            "starts": str,  # JSON list: the first raw line of each item, in order
            "roles": str,  # JSON object: raw line number -> role letter, for the lines the user set
            "named": str,  # JSON object: raw line number -> sha256[:16] of that line as it read
            "decided_at": str,
            "decided_by": str,
            "status": str,  # "applied", or "review" when a changed page no longer matches
        },
        pk="id",
        not_null={"page_id", "sha256", "starts", "roles", "named"},
        foreign_keys=[("page_id", "pages", "id")],
        if_not_exists=True,
    )
    db.table("corrections").create_index(["page_id"], unique=True, if_not_exists=True)


def _create_indexes(db: sqlite_utils.Database) -> None:
    # Every tree level is one index range scan: papers -> editions -> pages -> articles.
    db.table("papers").create_index(["name"], unique=True, if_not_exists=True)
    db.table("editions").create_index(["paper_id", "date"], if_not_exists=True)
    db.table("editions").create_index(["date"], if_not_exists=True)
    # NULL dates are distinct to a UNIQUE index, so the writer's rule (one edition per paper and
    # date, unknown included) is also kept by an expression index.
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS idx_editions_paper_date_key "
        "ON editions (paper_id, coalesce(date, ''))"
    )
    db.table("pages").create_index(["edition_id", "number"], if_not_exists=True)
    db.table("pages").create_index(["source_key"], unique=True, if_not_exists=True)
    db.table("pages").create_index(["sha256"], if_not_exists=True)
    # (page_id, kind) also answers "how many articles / photos on this page" from the index alone.
    db.table("articles").create_index(["page_id", "kind"], if_not_exists=True)
    db.table("furniture").create_index(["page_id"], if_not_exists=True)
    # The pages to check, lowest confidence first, without sorting the whole table.
    db.table("pages").create_index(["min_confidence"], if_not_exists=True)


def _migrate_0_to_1(db: sqlite_utils.Database) -> None:
    """Stores from before the meta table: add what they lack (columns, tables, indexes)."""
    wanted = {
        "pages": {"encoding": str, "layout": str, "imported_at": str},
        "articles": {"caption": str, "credit": str},
    }
    for table, columns in wanted.items():
        if not db.table(table).exists():
            continue
        have = set(db.table(table).columns_dict)
        for name, type_ in columns.items():
            if name not in have:
                db.table(table).add_column(name, type_)
    _create_tables(db)


def _migrate_1_to_2(db: sqlite_utils.Database) -> None:
    """Packed page text: add raw_pack and raw_codec, and let raw be NULL (when the text is packed).

    Old rows keep their plain ``raw`` (codec NULL); only pages written from now on are packed.
    SQLite cannot drop a NOT NULL with ALTER TABLE, so ``transform`` rebuilds the table (in the
    caller's transaction, indexes included).
    """
    pages = db.table("pages")
    have = set(pages.columns_dict)
    for name, type_ in (("raw_pack", bytes), ("raw_codec", str)):
        if name not in have:
            pages.add_column(name, type_)
    if any(c.name == "raw" and c.notnull for c in pages.columns):
        pages.transform(not_null={"raw": False})
    _create_indexes(db)


def _migrate_2_to_3(db: sqlite_utils.Database) -> None:
    """Line spans, roles and confidence on items, review marks on pages, and the corrections table.

    Rows from before keep NULL spans: the page view finds their lines by splitting the text again.
    """
    for table, columns in (("pages", _PAGE_REVIEW), ("articles", _ITEM_LINES), ("furniture", _ITEM_LINES)):
        have = set(db.table(table).columns_dict)
        for name, type_ in columns.items():
            if name not in have:
                db.table(table).add_column(name, type_)
    _create_corrections(db)
    _create_indexes(db)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def stored_version(db: sqlite_utils.Database) -> int | None:
    """The store's schema version: None for an empty file, 0 for a store from before ``meta``."""
    names = set(db.table_names())
    if not names:
        return None
    if "meta" not in names:
        if "pages" in names and "articles" in names:
            return 0
        raise SchemaError("not a paper-reader store (it holds other tables)")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        raise SchemaError(f"the store's schema version {row[0]!r} is not a number") from None


def needs_work(version: int | None) -> bool:
    """Whether opening a store of this version must write to it (create or migrate)."""
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaError(
            f"this store was written by a newer paper-reader (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}): upgrade paper-reader (pip install -U paper-reader) to open it"
        )
    return version is None or version < SCHEMA_VERSION


def create_or_migrate(db: sqlite_utils.Database, version: int | None) -> None:
    """Bring the store to SCHEMA_VERSION in one transaction (the caller holds the write lock)."""
    if version is None:
        _create_tables(db)
    else:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
    index.ensure_schema(db)
    from reader import __version__

    db.table("meta").upsert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {
                "key": "created_by" if version is None else "migrated_by",
                "value": f"paper-reader {__version__}",
            },
        ],
        pk="key",
    )
