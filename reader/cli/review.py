"""The review commands: ``page`` (a stored page's items), ``resplit`` (correct where its items
start), ``check`` (the pages to check) and ``corrections export|import``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from reader.cli.common import UsageError, UserError, db_option, open_to_read, resolve_db
from reader.safe import visible_line

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one line per item; jsonl: one JSON object per item.",
)


@contextmanager
def _store(
    ctx: click.Context, db: str | None, *, write: bool = False, doing: str = "reviewing"
) -> Iterator[Any]:
    from reader.store import Store, StoreError

    path = resolve_db(ctx, db)
    try:
        store = Store.open(path, create=False, doing=doing) if write else open_to_read(path)
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    try:
        yield store
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    finally:
        store.close()


def _print_items(items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    for item in items:
        lines = item["lines"]
        where = f"{lines[0]}-{lines[1]}" if lines else "?"
        conf = item["confidence"]
        label = item.get("title") or item.get("caption") or item.get("text") or item.get("body", "")[:30]
        mark = "*" if item["corrected"] else " "
        conf_text = f"{conf:.2f}" if conf is not None else "  ? "
        click.echo(f"{where:>9} {conf_text}{mark} {item['kind']:<9} {visible_line(label)}")


@click.command("page")
@click.argument("page_id", type=int)
@_FORMAT
@db_option
@click.pass_context
def page_command(ctx: click.Context, page_id: int, fmt: str, db: str | None) -> None:
    """Show stored page PAGE_ID's items in order, with the raw lines each came from.

    Each line of the text form: the raw line span, the split confidence (* when a user decided
    it), the kind and the title. JSONL has the splitter's fields plus lines, confidence, corrected.

    \b
    Examples:
      paper-reader page 12
      paper-reader page 12 --format jsonl | jq .lines
    """
    from reader.ingest.corrections import page_json

    with _store(ctx, db) as store:
        _print_items(page_json(store, page_id), fmt)


def _starts(ctx: click.Context, param: click.Parameter, value: str) -> list[int]:
    try:
        return [int(s) for s in value.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a list of line numbers like 1,14,30") from None


@click.command("resplit")
@click.argument("page_id", type=int)
@click.option("--starts", required=True, callback=_starts, help="First raw line of each item: 1,14,30.")
@click.option("--role", "roles", multiple=True, metavar="LINE=ROLE", help="A line's role, e.g. 14=title.")
@click.option(
    "--split",
    "method",
    type=click.Choice(["learned", "rules"]),
    default="learned",
    show_default=True,
    help="The splitter that finds the roles of the other lines.",
)
@_FORMAT
@db_option
@click.pass_context
def resplit_command(
    ctx: click.Context,
    page_id: int,
    starts: list[int],
    roles: tuple[str, ...],
    method: str,
    fmt: str,
    db: str | None,
) -> None:
    """Make stored page PAGE_ID's items start at the given raw lines, and keep that as a correction.

    Each item runs to the line before the next start. Roles inside come from the splitter except
    those set with --role (K T S B D P H C F, or kicker, title, subtitle, byline, dateline, body,
    subhead, caption, furniture). Prints the new items like `page`. Line numbers are those of
    `paper-reader raw PAGE_ID`.

    \b
    Examples:
      paper-reader resplit 12 --starts 1,14,30
      paper-reader resplit 12 --starts 1,14 --role 14=title --role 15=byline
    """
    from reader.ingest.corrections import CorrectionError, correct_page, page_json, parse_roles

    try:
        wanted = parse_roles(roles)
    except CorrectionError as exc:
        raise UsageError(str(exc)) from None
    with _store(ctx, db, write=True) as store:
        try:
            correct_page(store, page_id, starts, wanted, method=method)
        except CorrectionError as exc:
            raise UserError(f"page {page_id}: {exc}; nothing was changed") from None
        _print_items(page_json(store, page_id), fmt)


@click.command("check")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page.")
@db_option
@click.pass_context
def check_command(ctx: click.Context, limit: int, as_json: bool, db: str | None) -> None:
    """List the pages to check: marked for review first, then lowest split confidence first.

    A page leaves the list once it is corrected (resplit, or saved in the app's page view).

    \b
    Examples:
      paper-reader check --limit 5
      paper-reader check --json | jq .page_id
    """
    from reader.text.labels import date_label, page_label, paper_label

    with _store(ctx, db) as store:
        pages = store.pages_to_check(limit)
    for p in pages:
        if as_json:
            row = {
                "page_id": p.page_id,
                "paper": p.paper,
                "date": p.date,
                "page": p.number,
                "section": p.section,
                "confidence": p.confidence,
                "review": p.review,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        conf = f"{p.confidence:.2f}" if p.confidence is not None else "  ? "
        where = f"{paper_label(p.paper)} · {date_label(p.date)} · {page_label(p.number, p.section)}"
        note = f"  ({p.review})" if p.review else ""
        click.echo(f"{p.page_id:>7}  {conf}  {visible_line(where)}{visible_line(note)}")


@click.group("corrections")
def corrections_group() -> None:
    """Move split corrections between stores as JSON (export, import)."""


@corrections_group.command("export")
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True), default=None, help="File (default: stdout)."
)
@db_option
@click.pass_context
def export_command(ctx: click.Context, out: str | None, db: str | None) -> None:
    """Write every correction of the store as JSON (each page named by paper, date, page, text hash).

    \b
    Examples:
      paper-reader corrections export --out fixes.json
    """
    from reader.ingest.corrections import export_corrections

    with _store(ctx.parent or ctx, db) as store:
        data = export_corrections(store)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {visible_line(out)}: {exc.strerror or exc}") from None
    click.echo(f"{len(data['corrections'])} correction(s) written to {visible_line(out)}", err=True)


@corrections_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@click.pass_context
def import_corrections_command(ctx: click.Context, file: str, db: str | None) -> None:
    """Apply the corrections in FILE (from `corrections export`) to the pages they name.

    An entry that matches no page of this store (paper, date, page and text hash) is reported and
    changes nothing; the exit status is 1 when any did not match.

    \b
    Examples:
      paper-reader corrections import fixes.json
    """
    from reader.ingest.corrections import CorrectionError, import_corrections

    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"cannot read {visible_line(file)}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{visible_line(file)} is not JSON ({exc})") from None
    with _store(ctx.parent or ctx, db, write=True) as store:
        try:
            result = import_corrections(store, data)
        except CorrectionError as exc:
            raise UserError(f"{visible_line(file)}: {exc}") from None
    click.echo(f"{result.applied} correction(s) applied")
    for line in result.unmatched:
        click.echo(f"not applied: {visible_line(line)}", err=True)
    if result.unmatched:
        sys.exit(1)


COMMANDS: list[click.Command] = [page_command, resplit_command, check_command, corrections_group]
