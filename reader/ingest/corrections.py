"""Corrections: a user's decision about how a page splits, made into items from the raw text,
saved in the store, re-applied when the page is imported again, and moved between stores as JSON.

A decision is the first raw line of each item (``starts``; each runs to the line before the next)
and the roles the user set by raw line number. Roles of the other lines come from the splitter run
on that item's lines. The lines a decision names (its starts and set roles) are remembered by
hash: a changed page keeps the decision while those lines still read the same.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reader.models import Item
from reader.split import split_text
from reader.store import Correction, PageRecord, Store, StoreError
from reader.store.review import now
from reader.text.roles import ROLES, build_item, map_lines, raw_lines

FORMAT = "paper-reader-corrections"


class CorrectionError(ValueError):
    """A decision that cannot be applied to the page (bad line numbers, a role that is no role)."""


@dataclass(frozen=True)
class PageLines:
    """A page as the page view shows it: raw lines, each line's item and role, and the items."""

    page_id: int
    sha256: str
    lines: tuple[str, ...]
    owner: tuple[int | None, ...]  # index into ``items`` per line
    roles: str  # one letter per line ("." none)
    items: tuple[Any, ...]  # reader.store.PageItem
    corrected: bool = False


def who() -> str:
    """The login name a correction is recorded under."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def line_sum(line: str) -> str:
    """A short hash of one raw line, to tell later whether it still reads the same."""
    return hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def check_starts(lines: Sequence[str], starts: Sequence[int], roles: Mapping[int, str]) -> None:
    """Raise CorrectionError unless the starts are in order, in range, and each item holds text."""
    n = len(lines)
    if not starts:
        raise CorrectionError("give at least one start line")
    for s in starts:
        if not 1 <= s <= n:
            raise CorrectionError(f"start line {s} is outside the page (lines 1-{n})")
    for a, b in zip(starts, starts[1:], strict=False):
        if b <= a:
            raise CorrectionError(f"start lines must increase: {b} comes after {a}")
    first_text = next((i + 1 for i, ln in enumerate(lines) if ln.strip()), 1)
    if starts[0] > first_text:
        raise CorrectionError(
            f"lines {first_text}-{starts[0] - 1} would belong to no item: start at {first_text}"
        )
    ends = [*(s - 1 for s in starts[1:]), n]
    for a, b in zip(starts, ends, strict=False):
        if not any(ln.strip() for ln in lines[a - 1 : b]):
            raise CorrectionError(f"the item starting at line {a} holds no text")
    for k, r in roles.items():
        if not 1 <= k <= n:
            raise CorrectionError(f"role line {k} is outside the page (lines 1-{n})")
        if r not in ROLES:
            raise CorrectionError(f"{r!r} is not a role (one of {' '.join(ROLES)})")
        if not lines[k - 1].strip():
            raise CorrectionError(f"line {k} is blank: it takes no role")


def build_items(
    lines: Sequence[str], starts: Sequence[int], roles: Mapping[int, str], method: str = "learned"
) -> tuple[list[Item], list[str]]:
    """The items a decision makes of the page's raw lines, and each one's role letters over its span."""
    check_starts(lines, starts, roles)
    ends = [*(s - 1 for s in starts[1:]), len(lines)]
    items: list[Item] = []
    letters: list[str] = []
    for a, b in zip(starts, ends, strict=False):
        chunk = list(lines[a - 1 : b])
        derived = ""
        if any((a + i) not in roles for i, ln in enumerate(chunk) if ln.strip()):
            derived = _one_item_roles(chunk, split_text("\n".join(chunk), method).items)
        row = _row(chunk, a, roles, derived)
        items.append(build_item(chunk, row, first=a))
        letters.append(row)
    return items, letters


def _row(chunk: Sequence[str], first: int, roles: Mapping[int, str], derived: str) -> str:
    """Each line's role letter: the user's where set, else the splitter's. An article's headline
    stands at its top, so a derived kicker, title or subtitle below a line of the body (or byline,
    dateline lead, subhead, caption) is read as body."""
    out = []
    in_body = False
    for i, ln in enumerate(chunk):
        if not ln.strip():
            out.append(".")
            continue
        role = roles.get(first + i)
        if role is None:
            role = derived[i] if derived and derived[i] in ROLES else "P"
            if in_body and role in "KTS":
                role = "P"
        in_body = in_body or role in "BDPHC"
        out.append(role)
    return "".join(out)


def _one_item_roles(chunk: Sequence[str], items: Sequence[Item]) -> str:
    """The splitter's roles for lines made one item: headlines of the articles it found after the
    first one become subheads, their bylines body text."""
    found = map_lines(chunk, items)
    first = next((k for k, item in enumerate(items) if item.kind == "article"), None)
    later = {"K": "H", "T": "H", "S": "H", "B": "P"}
    return "".join(
        later.get(r, r) if first is not None and o is not None and o > first else r
        for o, r in zip(found.owner, found.roles, strict=True)
    )


def decision(
    store: Store, page_id: int, starts: Sequence[int], roles: Mapping[int, str], lines: Sequence[str]
) -> Correction:
    """The Correction record of a decision on this page, made now by this login."""
    place = store.page_place(page_id)
    sha = store.page_sha(page_id)
    if place is None or sha is None:
        raise StoreError(f"there is no page {page_id} in the store")
    named = {n: line_sum(lines[n - 1]) for n in {*starts, *roles}}
    return Correction(
        page_id, place[0], place[1], place[2], sha, tuple(starts), dict(roles), named, now(), who()
    )


def load_lines(store: Store, page_id: int) -> list[str]:
    """The page's raw lines (StoreError for an unknown page or one whose text cannot be rebuilt)."""
    text = store.page_raw(page_id)
    if text is None:
        raise StoreError(f"there is no page {page_id} in the store")
    return raw_lines(text)


def correct_page(
    store: Store,
    page_id: int,
    starts: Sequence[int],
    roles: Mapping[int, str] | None = None,
    *,
    method: str = "learned",
    by: Correction | None = None,
) -> Correction:
    """Apply a decision to a stored page: rebuild its items from its raw text, replace them and
    re-index them in one transaction, and keep the decision (``by``: keep its author and time)."""
    lines = load_lines(store, page_id)
    roles = dict(roles or {})
    items, letters = build_items(lines, starts, roles, method)
    made = decision(store, page_id, starts, roles, lines)
    if by is not None:
        made = replace(made, decided_at=by.decided_at, decided_by=by.decided_by)
    store.save_correction(items, letters, made)
    return made


def page_lines(store: Store, page_id: int) -> PageLines:
    """A page's raw lines with each line's item and role (for the page view)."""
    lines = load_lines(store, page_id)
    items = store.page_items(page_id)
    owner: list[int | None] = [None] * len(lines)
    roles = ["."] * len(lines)
    if items and all(i.first for i in items if i.kind != "furniture"):
        for k, item in enumerate(items):
            if not item.first or not item.roles:
                continue
            for j, letter in enumerate(item.roles):
                i = item.first - 1 + j
                if i < len(lines) and letter != "." and owner[i] is None:
                    owner[i], roles[i] = k, letter
    else:  # stored before line spans were kept: find each line in the stored items' text
        articles = {a.position: a for a in store.articles(page_id)}
        found = map_lines(lines, [_as_item(i, articles.get(i.position)) for i in items])
        owner, roles = list(found.owner), list(found.roles)
    return PageLines(
        page_id,
        store.page_sha(page_id) or "",
        tuple(lines),
        tuple(owner),
        "".join(roles),
        tuple(items),
        any(i.corrected for i in items),
    )


def _as_item(row: Any, article: Any) -> Item:
    if article is None:
        return Item(kind="furniture", text=row.label)
    return Item(
        kind=article.kind,
        kicker=article.kicker,
        title=article.title,
        subtitle=article.subtitle,
        byline=article.byline,
        subheads=article.subheads,
        body=article.body,
        caption=article.caption,
        credit=article.credit,
    )


def reapply(
    store: Store, rec: PageRecord, method: str = "learned"
) -> tuple[PageRecord, Correction | None, str | None]:
    """Before a page is written again: its correction re-applied to the new text when the lines it
    names still read the same (the record's items become the corrected ones), else the page marked
    for review. Returns the record to write, the correction to record after it, and a note."""
    found = store.correction_for_key(rec.source_key)
    if found is None:
        return rec, None, None
    corr, stored_sha = found
    if rec.sha256 == stored_sha and corr.sha256 == rec.sha256:
        return rec, None, None  # unchanged: the stored items are the corrected ones
    lines = raw_lines(rec.raw)
    same = all(0 < n <= len(lines) and line_sum(lines[n - 1]) == s for n, s in corr.named.items())
    if same:
        try:
            items, letters = build_items(lines, corr.starts, corr.roles, method)
        except CorrectionError:
            same = False
    if not same:
        note = "its split correction no longer matches the changed text: marked for review"
        return replace(rec, review=note), replace(corr, status="review"), note
    kept = replace(corr, sha256=rec.sha256, status="applied")
    # What was made ahead from the split's items (tokens, line map, pack) does not fit these.
    new = replace(
        rec, items=tuple(items), roles=tuple(letters), tokens=(), line_map=None, pack=None, corrected=True
    )
    return new, kept, None


def export_corrections(store: Store) -> dict[str, Any]:
    """Every correction of the store as one JSON-ready object."""
    return {"format": FORMAT, "version": 1, "corrections": [c.to_json() for c in store.corrections()]}


@dataclass
class ImportResult:
    """What importing corrections did: how many applied, and each entry that matched no page."""

    applied: int = 0
    unmatched: list[str] = field(default_factory=list)


def _label(entry: Mapping[str, Any]) -> str:
    sha = str(entry.get("sha256") or "")[:12]
    return f"{entry.get('paper') or '?'} {entry.get('date') or 'no date'} page {entry.get('page') or '?'} ({sha})"


def import_corrections(store: Store, data: Any, method: str = "learned") -> ImportResult:
    """Apply exported corrections to the pages they name (by paper, date, number and text hash);
    an entry that matches no page, or no longer fits it, is reported and changes nothing."""
    if (
        not isinstance(data, Mapping)
        or data.get("format") != FORMAT
        or not isinstance(data.get("corrections"), list)
    ):
        raise CorrectionError(f"not a corrections file (no {FORMAT!r} format with a corrections list)")
    result = ImportResult()
    for entry in data["corrections"]:
        if not isinstance(entry, Mapping):
            result.unmatched.append(f"{entry!r:.60}: not an object")
            continue
        try:
            starts = [int(s) for s in entry["starts"]]
            roles = {int(k): str(v) for k, v in dict(entry.get("roles") or {}).items()}
            page = entry.get("page")
            number = int(page) if page is not None else None
            key = (str(entry["paper"]), entry.get("date"), number, str(entry["sha256"]))
        except (KeyError, TypeError, ValueError) as exc:
            result.unmatched.append(
                f"{_label(entry) if isinstance(entry, Mapping) else '?'}: malformed ({exc})"
            )
            continue
        page_id = store.find_page(*key)
        if page_id is None:
            result.unmatched.append(f"{_label(entry)}: no page with this text in the store")
            continue
        by = Correction(
            page_id,
            key[0],
            key[1],
            key[2],
            key[3],
            tuple(starts),
            roles,
            {},
            str(entry.get("decided_at") or now()),
            str(entry.get("decided_by") or who()),
        )
        try:
            correct_page(store, page_id, starts, roles, method=method, by=by)
        except CorrectionError as exc:
            result.unmatched.append(f"{_label(entry)}: {exc}")
            continue
        result.applied += 1
    return result


def parse_roles(specs: Iterable[str]) -> dict[int, str]:
    """``14=title`` / ``14=T`` options as {line: letter}; CorrectionError for a bad one."""
    from reader.text.roles import role_of

    out: dict[int, str] = {}
    for spec in specs:
        line, sep, name = spec.partition("=")
        role = role_of(name) if sep else None
        if not line.strip().isdigit() or role is None:
            raise CorrectionError(
                f"--role {spec!r}: write LINE=ROLE, a role being one of {' '.join(ROLES)} "
                "or kicker, title, subtitle, byline, dateline, body, subhead, caption, furniture"
            )
        out[int(line)] = role
    return out


def page_json(store: Store, page_id: int) -> list[dict[str, Any]]:
    """A stored page's items in order as the splitter's JSONL fields plus ``lines`` ([first, last]
    raw line numbers, 1-based, inclusive; null when not known), ``confidence`` and ``corrected``."""
    rows = store.page_items(page_id)
    if not rows and store.page(page_id) is None:
        raise StoreError(f"there is no page {page_id} in the store")
    articles = {a.position: a for a in store.articles(page_id)}
    out = []
    for row in rows:
        item = _as_item(row, articles.get(row.position))
        fields = replace(item, role=row.role).to_json()
        fields["lines"] = [row.first, row.last] if row.first else None
        fields["confidence"] = row.confidence
        fields["corrected"] = row.corrected
        if row.id is not None:
            fields["id"] = row.id
        out.append(fields)
    return out
