"""The archive forms beside raw page text: one article per file or per record, already split.

``classify`` says which form a file is (by its name, and for markdown by its opening lines);
``read_articles`` reads one file of an article form into :class:`ArticleIn` (and :class:`Bad` for
each record it skips). Detection, for ``--as auto``:

* ``.jsonl``/``.ndjson``, ``.json``, ``.csv`` (each also ``.gz``): records;
* a ``.txt`` named ``<YYYYMMDD>-<PP>-<NN>.txt``: an article text file (form 1);
* a ``.md`` opening with ``### title`` and a date or 第N版 line in the next four lines: an article
  with a header block (form 2);
* a ``.md`` opening with headings (### / # / ##) that hold the file's only ``# `` heading: an
  article with heading levels (form 3);
* anything else: a raw page, split as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from reader.ingest.forms.base import ArticleIn, Bad
from reader.ingest.forms.markdown import (
    is_header_form,
    is_headings_form,
    opens_with_headings,
    read_header_form,
    read_headings_form,
)
from reader.ingest.forms.names import CRAWLER_STEM, NameMeta, name_meta
from reader.ingest.forms.records import RECORD_SUFFIXES, parse_mapping, read_records, record_kind
from reader.ingest.forms.textfile import read_article_text
from reader.text.decode import read_page

PAGE = "page"
ARTICLE_TEXT = "article-text"
ARTICLE_MD = "article-md"
ARTICLE_MD_HEADINGS = "article-md-headings"
# How the summary names each form, in the order it lists them.
FORM_NAMES = {
    PAGE: "raw page",
    ARTICLE_TEXT: "article text",
    ARTICLE_MD: "markdown article (header block)",
    ARTICLE_MD_HEADINGS: "markdown article (headings)",
    "jsonl": "JSON Lines",
    "json": "JSON",
    "csv": "CSV",
}
IMPORT_SUFFIXES = (".txt", ".md", *RECORD_SUFFIXES, *(s + ".gz" for s in RECORD_SUFFIXES))

__all__ = [
    "ARTICLE_MD",
    "ARTICLE_MD_HEADINGS",
    "ARTICLE_TEXT",
    "FORM_NAMES",
    "IMPORT_SUFFIXES",
    "PAGE",
    "ArticleIn",
    "Bad",
    "NameMeta",
    "classify",
    "name_meta",
    "parse_mapping",
    "read_articles",
]


_HEAD_BYTES = 4096
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 and UTF-32: decoded the full way


def _surely_page(path: Path) -> bool:
    """Whether ``path`` is surely no markdown article, read from its first bytes (an import
    classifies every markdown page before the workers read it whole): both article forms are
    decided by their first five non-blank lines.

    Only a prefix of plain UTF-8 holding five whole non-blank lines (or the whole file) answers
    True; anything else (a wide encoding, GB18030, a NUL, longer lines) answers False, and the
    file is read the full way. A True answer is the full way's too: that way calls a file it
    cannot read a page as well.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return False
    if head.startswith(_WIDE_BOMS) or b"\x00" in head:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    whole = len(head) < _HEAD_BYTES - 3
    if not whole:  # a longer file: whole lines only
        head = head[: head.rfind(b"\n") + 1]
    try:
        text = head.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return False
    if not whole and sum(1 for line in text.split("\n") if line.strip()) < 5:
        return False
    return not is_header_form(text) and not opens_with_headings(text)


def classify(path: Path, mode: str = "auto") -> str:
    """The form of ``path`` under ``--as mode`` ("auto", "article" or "page"); may read a markdown file.

    A file that cannot be read is called a page: the page import reports why it cannot be read.
    """
    kind = record_kind(path)
    if kind is not None:
        return kind  # records are never a page, whatever --as says
    if mode == "page":
        return PAGE
    is_md = path.suffix.lower() in (".md", ".markdown")
    if not is_md:
        if mode == "article" or CRAWLER_STEM.match(path.stem):
            return ARTICLE_TEXT
        return PAGE
    if mode == "auto" and _surely_page(path):
        return PAGE
    try:
        text = read_page(path).text
    except (OSError, ValueError):
        return PAGE if mode == "auto" else ARTICLE_MD_HEADINGS
    if is_header_form(text):
        return ARTICLE_MD
    if mode == "article" or is_headings_form(text):
        return ARTICLE_MD_HEADINGS
    return PAGE


def read_articles(
    path: Path,
    form: str,
    source: str,
    mapping: Mapping[str, str],
    advance: Callable[[int], None] | None = None,
) -> Iterator[ArticleIn | Bad]:
    """The articles of one file of an article form (a file that cannot be read: one Bad)."""
    if form in ("jsonl", "json", "csv"):
        try:
            yield from read_records(path, source, mapping, advance)
        except (OSError, EOFError) as exc:  # includes a damaged .gz (BadGzipFile is an OSError)
            yield Bad(source, 0, f"cannot read it: {getattr(exc, 'strerror', None) or exc}")
        return
    try:
        text = read_page(path).text
    except (OSError, ValueError) as exc:  # NotText is a ValueError with a one-line reason
        yield Bad(source, 0, str(getattr(exc, "strerror", None) or exc))
        return
    if form == ARTICLE_TEXT:
        yield from read_article_text(text, source)
    elif form == ARTICLE_MD:
        yield from read_header_form(text, source)
    else:
        yield from read_headings_form(text, source)
