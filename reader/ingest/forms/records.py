"""Form 4: one article per record, in JSON Lines, JSON or CSV (each optionally gzipped).

JSON Lines and CSV are read a record at a time, so a file of any size imports in bounded memory;
a JSON file (an array of records, or an object holding one under "articles", "data", "items" or
"records") is read whole, and is limited to ``MAX_JSON_BYTES``.

Fields are found by their common names (``FIELD_NAMES``, case and ``-``/``_``/space ignored);
``mapping`` (``--map page=layout_number``) names others. Fields a record has that paper-reader does
not use are ignored.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from reader.ingest.forms.base import FIELDS, ArticleIn, Bad, BadValue, any_date, any_number, paragraphs
from reader.ingest.forms.markup import plain, plain_line

MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_RECORD_CHARS = 16 * 1024 * 1024  # one JSON line or CSV field longer than this is not an article
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "paper": ("paper", "newspaper", "paper_name", "papername", "报纸", "报名"),
    "date": (
        "date",
        "publish_date",
        "pub_date",
        "pubdate",
        "publishdate",
        "published",
        "publish_time",
        "日期",
    ),
    "page": ("page", "section_no", "layout_number", "page_no", "page_number", "pageno", "版次", "版号"),
    "position": ("seq", "position", "article_number", "order", "article_no", "序号"),
    "section": ("section_name", "layout_name", "section", "page_name", "版名", "版面"),
    "kicker": ("kicker", "leadtitle", "lead_title", "pretitle", "introtitle", "引题", "肩题"),
    "title": ("title", "headline", "标题", "主标题"),
    "subtitle": ("subtitle", "sub_title", "subheadline", "副标题"),
    "author": ("author", "authors", "byline", "作者"),
    "column": ("column", "column_name", "专栏"),
    "body": ("content", "text", "markdown_body", "body", "paragraphs", "article", "正文", "内容"),
    "url": ("url", "link", "href"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


_LOOKUP = {_norm(n): field for field, names in FIELD_NAMES.items() for n in names}


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("page=layout_number", ...)`` -> {"page": "layout_number"}; raises ValueError with one line."""
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise ValueError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. page=layout_number")
        if field not in FIELDS:
            raise ValueError(f"--map {pair!r}: {field!r} is not one of {', '.join(FIELDS)}")
        out[field] = column
    return out


class Columns:
    """Which of a record's keys feeds which field: ``mapping`` first, then the common names."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = dict(mapping)
        self._cache: dict[tuple[str, ...], dict[str, str]] = {}

    def resolve(self, keys: tuple[str, ...]) -> dict[str, str]:
        """field -> key for a record with these keys (cached: records of a file share their keys)."""
        got = self._cache.get(keys)
        if got is not None:
            return got
        mapped_keys = set(self.mapping.values())
        out = {f: k for f, k in self.mapping.items() if k in keys}
        for key in keys:
            field = _LOOKUP.get(_norm(key))
            if field and field not in out and field not in self.mapping and key not in mapped_keys:
                out[field] = key
        if len(self._cache) < 64:
            self._cache[keys] = out
        return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return str(value).strip()


def record_article(rec: Any, columns: Columns, source: str, line: int) -> ArticleIn | Bad:
    """One record -> an article, or why it is skipped."""
    if not isinstance(rec, dict):
        return Bad(source, line, f"a {type(rec).__name__}, not a record with fields")
    keys = columns.resolve(tuple(rec))

    def get(field: str) -> Any:
        key = keys.get(field)
        return rec.get(key) if key is not None else None

    try:
        date = any_date(get("date"))
        page = any_number(get("page"), "page")
        position = any_number(get("position"), "position")
    except BadValue as exc:
        return Bad(source, line, str(exc))
    body_value = get("body")
    body = paragraphs(
        [line for v in body_value for line in plain(_text(v)).split("\n")]
        if isinstance(body_value, list)
        else plain(_text(body_value)).split("\n")
    )
    title = plain_line(_text(get("title")))
    if not title and not body:
        return Bad(source, line, "no title and no body")
    paper, section = _text(get("paper")) or None, _text(get("section")) or None
    return ArticleIn(
        source=source,
        line=line,
        kicker=plain_line(_text(get("kicker"))),
        title=title,
        subtitle=plain_line(_text(get("subtitle"))),
        author=plain_line(_text(get("author"))),
        column=plain_line(_text(get("column"))),
        body=body,
        paper=paper,
        date=date,
        page=page,
        position=position,
        section=section,
    )


def record_kind(path: Path) -> str | None:
    """ "jsonl", "json" or "csv" by the name (a trailing .gz is looked through); None: not records."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv")):
        if name.endswith(suffix):
            return kind
    return None


def _encoding(head: bytes) -> str:
    """UTF-8 (a BOM is dropped) unless the opening bytes are not UTF-8 but are GB18030."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the end of the sample
            return "utf-8"
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"


def read_records(
    path: Path, source: str, mapping: Mapping[str, str], advance: Callable[[int], None] | None = None
) -> Iterator[ArticleIn | Bad]:
    """The articles of a records file, streamed; ``advance(n)``: the file has been read up to byte n
    (of the file as stored, so of the compressed bytes for a .gz)."""
    kind = record_kind(path)
    columns = Columns(mapping)
    with open(path, "rb") as raw:
        f: IO[bytes] = gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw  # type: ignore[assignment]
        head = f.peek(65536)[:65536] if hasattr(f, "peek") else b""
        stream = io.TextIOWrapper(f, encoding=_encoding(head), errors="replace", newline="")
        tell = (lambda: advance(raw.tell())) if advance else (lambda: None)
        if kind == "jsonl":
            yield from _jsonl(stream, columns, source, tell)
        elif kind == "csv":
            yield from _csv(stream, columns, source, tell)
        else:
            yield from _json(stream, columns, source, tell)
        tell()


def _jsonl(
    stream: IO[str], columns: Columns, source: str, tell: Callable[[], None]
) -> Iterator[ArticleIn | Bad]:
    for n, line in enumerate(stream, 1):
        if not n % 256:
            tell()
        text = line.strip().lstrip("\ufeff")
        if not text:
            continue
        if len(text) > MAX_RECORD_CHARS:
            yield Bad(source, n, f"a line of {len(text):,} characters is not a record")
            continue
        try:
            rec = json.loads(text)
        except ValueError as exc:
            yield Bad(source, n, f"not JSON ({exc.args[0].split(':')[0] if exc.args else exc})")
            continue
        yield record_article(rec, columns, source, n)


def _csv(
    stream: IO[str], columns: Columns, source: str, tell: Callable[[], None]
) -> Iterator[ArticleIn | Bad]:
    csv.field_size_limit(MAX_RECORD_CHARS)
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        yield Bad(source, 1, "empty file")
        return
    except csv.Error as exc:
        yield Bad(source, 1, f"not CSV ({exc})")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    last = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Bad(source, reader.line_num, f"not CSV ({exc})")
            return
        line, last = last + 1, reader.line_num
        if not line % 256:
            tell()
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            yield Bad(source, line, f"{len(row)} fields where the header has {len(header)}")
            continue
        yield record_article(dict(zip(header, row, strict=True)), columns, source, line)


def _json(
    stream: IO[str], columns: Columns, source: str, tell: Callable[[], None]
) -> Iterator[ArticleIn | Bad]:
    text = stream.read(MAX_JSON_BYTES + 1)
    if len(text) > MAX_JSON_BYTES:
        yield Bad(
            source, 0, f"a JSON file over {MAX_JSON_BYTES // 2**20} MB: write it as JSON Lines (.jsonl)"
        )
        return
    tell()
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        line = getattr(exc, "lineno", 0)
        yield Bad(source, line, f"not JSON ({exc.args[0].split(':')[0] if exc.args else exc})")
        return
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        yield Bad(source, 1, "neither a record nor a list of records")
        return
    for n, rec in enumerate(data, 1):
        out = record_article(rec, columns, source, 0)
        # A JSON file's records have no line of their own: the reason names the record's number.
        yield Bad(source, 0, f"record {n}: {out.reason}") if isinstance(out, Bad) else out
