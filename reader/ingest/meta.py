"""A page's metadata, from the options, the folder convention, or the page; and its identity in the store.

Metadata comes, in order, from the options; the folder convention
``<paper>/<YYYY-MM-DD>/<NN>[-<版名>].<txt|md>``; and what the page itself says (a page-name line).
What none of them says stays unknown (NULL; the paper ""), never invented.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from reader.ingest.discover import path_text

# Date folders that say "unknown" outright; any other non-date folder inside an imported tree does too.
UNKNOWN_DATE_DIRS = {"日期不详", "日期未知", "不详", "未知", "unknown", "undated", "unknown-date"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_STEM = re.compile(r"^(\d{1,3})(?:-(.+))?$")


def parse_date(text: str) -> str | None:
    """``text`` if it is a real YYYY-MM-DD date, else None."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Meta:
    """What is known about a file's page: None means unknown (the paper "" when unknown)."""

    paper: str | None = None
    date: str | None = None
    number: int | None = None
    section: str | None = None
    split: str = "learned"  # the splitter's method for the import ("learned" or "rules")


def folder_meta(path: Path, root: Path | None) -> Meta:
    """Metadata from the folder convention ``<paper>/<YYYY-MM-DD>/<NN>[-<版名>].<ext>``."""
    absolute = Path(path_text(os.path.abspath(path)))  # folder names become paper and section names
    parent, grand = absolute.parent.name, absolute.parent.parent.name
    depth = len(path.relative_to(root).parts) if root is not None else 1
    date = parse_date(parent)
    paper = None
    if date is not None or parent in UNKNOWN_DATE_DIRS or depth >= 3:
        paper = grand.strip() or None
    number, section = None, None
    m = _STEM.match(absolute.stem.strip())
    if m and int(m[1]) >= 1:
        number, section = int(m[1]), (m[2].strip() or None) if m[2] else None
    return Meta(paper=paper, date=date, number=number, section=section)


def source_key(
    paper: str, date: str | None, number: int | None, section: str | None, path: Path, part: int
) -> str:
    """A page's identity: (paper, date, number, section) when the number is known, else its file (+ part)."""
    if number is not None:
        return json.dumps([paper, date, number, section], ensure_ascii=False)
    key = file_key(path)
    return f"{key}#{part + 1}" if part else key


def file_key(path: Path) -> str:
    """The identity of a page known only by its file (the file's real path)."""
    return f"file:{path_text(os.path.realpath(path))}"
