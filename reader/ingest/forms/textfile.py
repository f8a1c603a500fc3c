"""Form 1: one article per text file, as the people-daily crawler writes it.

Line 1 the kicker (引题, often empty), line 2 the title, line 3 the subtitle (often empty), then the
body, one paragraph a line (indented with 　　); the name ``<YYYYMMDD>-<PP>-<NN>.txt`` carries the
date, page and position (see :mod:`reader.ingest.forms.names`).
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.ingest.forms.base import ArticleIn, Bad, paragraphs
from reader.ingest.forms.markup import plain, plain_line


def read_article_text(text: str, source: str) -> Iterator[ArticleIn | Bad]:
    """The one article of a crawler text file (``text`` decoded, with "\\n" line ends)."""
    lines = text.split("\n")
    head = [plain_line(line.strip()) for line in lines[:3]] + [""] * (3 - min(3, len(lines)))
    kicker, title, subtitle = head
    body = paragraphs(plain("\n".join(lines[3:])).split("\n"))
    if not title and not body:
        if kicker or subtitle:  # a headline moved up or down a line: keep what is there as the title
            title, kicker, subtitle = kicker or subtitle, "", subtitle if kicker else ""
        else:
            yield Bad(source, 1, "no title and no body")
            return
    yield ArticleIn(source=source, line=1, kicker=kicker, title=title, subtitle=subtitle, body=body)
