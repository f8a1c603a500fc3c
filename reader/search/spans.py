"""Where a query matched: highlight spans of its terms and their jieba words, and keyword-in-context snippets."""

from __future__ import annotations

import re
from functools import lru_cache

from reader.models import Snippet
from reader.search.plan import term_words
from reader.search.query import MAX_QUERY_CHARS, Query, parse
from reader.tokens import norm

CONTEXT = 40  # characters of context either side of a hit in a snippet
MAX_SNIPPETS = 2


@lru_cache(maxsize=64)
def _needles_of(query: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    q = parse(query)
    return query_needles(q), q.exact_script


def query_needles(q: Query) -> tuple[tuple[str, str], ...]:
    """What to highlight: each whole term ("term"), then each of its jieba words ("word"), longest first.

    They are case- and (unless ``q.exact_script``) 繁简-folded: :func:`spans_of` folds the text alike.
    A quoted term is highlighted whole, never as its words.
    """
    terms = list(dict.fromkeys(norm(t.text, exact_script=q.exact_script) for t in q.terms if t.text.strip()))
    loose = dict.fromkeys(
        norm(t.text, exact_script=q.exact_script) for t in q.terms if t.text.strip() and not t.quoted
    )
    words = [w for t in loose for w in term_words(t) if w not in terms]
    out = [(t, "term") for t in sorted(terms, key=len, reverse=True)]
    out += [(w, "word") for w in sorted(dict.fromkeys(words), key=len, reverse=True)]
    return tuple(out)


def spans_of(
    text: str, needles: tuple[tuple[str, str], ...], *, exact_script: bool = False
) -> list[tuple[int, int, str]]:
    """Where the needles fall in ``text`` (ignoring case and, unless ``exact_script``, script), each
    place taken by the first needle there; in order. Folding keeps offsets, so spans are the page's own."""
    if not text or not needles:
        return []
    low = norm(text, exact_script=exact_script) if len(text.casefold()) == len(text) else None
    taken = bytearray(len(text))
    spans: list[tuple[int, int, str]] = []
    for needle, kind in needles:
        if low is not None:
            starts = _find_all(low, needle)
            found = [(s, s + len(needle)) for s in starts]
        else:  # casefold() changed the length (rare letters): match case-insensitively in place
            found = [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
        for s, e in found:
            if e > s and not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                spans.append((s, e, kind))
    return sorted(spans)


def _find_all(hay: str, needle: str) -> list[int]:
    out: list[int] = []
    if not needle:
        return out
    i = hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + len(needle))
    return out


def highlight(text: str, query: str) -> list[tuple[int, int, str]]:
    """Spans of the query's terms ("term") and of their jieba words ("word") in ``text``, in order."""
    if not isinstance(text, str) or not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
        return []
    needles, exact_script = _needles_of(query)
    return spans_of(text, needles, exact_script=exact_script)


def snippets(
    text: str, spans: list[tuple[int, int, str]], *, context: int = CONTEXT, most: int = MAX_SNIPPETS
) -> tuple[Snippet, ...]:
    """Keyword-in-context windows around the best hits, with their spans as offsets into each snippet."""
    anchors = [s for s in spans if s[2] == "term"] or list(spans)
    if not anchors:
        return ()
    scored = []
    for s, e, _ in anchors[:300]:
        lo, hi = max(0, s - context), min(len(text), e + context)
        inside = {text[a:b].casefold() for a, b, k in spans if a >= lo and b <= hi}
        scored.append((-len(inside), s, lo, hi))
    scored.sort()
    chosen: list[tuple[int, int]] = []
    for _, _, lo, hi in scored:
        if len(chosen) >= most:
            break
        if all(hi <= a or lo >= b for a, b in chosen):
            chosen.append((lo, hi))
    out = []
    for lo, hi in sorted(chosen):
        body = text[lo:hi].replace("\n", " ").replace("\t", " ")
        pre = "…" if lo > 0 else ""
        post = "…" if hi < len(text) else ""
        shift = len(pre) - lo
        inner = tuple((max(a, lo) + shift, min(b, hi) + shift) for a, b, _ in spans if b > lo and a < hi)
        out.append(Snippet(pre + body + post, inner))
    return tuple(out)
