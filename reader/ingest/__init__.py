"""Ingest: finding files, their metadata, splitting them into page records, the import pool, the sample.

``import_paths`` imports files and folders into a store (``discover.discover`` lists them first); ``open_default`` opens (and on first run
makes, from the bundled sample) the store the app reads. The modules: ``discover`` (finding files),
``meta`` (metadata and page identity), ``prepare`` (one file into page records, and writing them),
``pool`` (the process pool), ``importer`` (``import_paths``) and ``sample``.
"""

from __future__ import annotations

from reader.ingest.discover import Found, path_text
from reader.ingest.importer import import_paths
from reader.ingest.meta import Meta, parse_date
from reader.ingest.prepare import ImportInterrupted, ImportReport
from reader.ingest.sample import build_sample_store, open_default

__all__ = [
    "Found",
    "ImportInterrupted",
    "ImportReport",
    "Meta",
    "build_sample_store",
    "import_paths",
    "open_default",
    "parse_date",
    "path_text",
]
