"""The store commands: ``import`` (files and folders into the store) and ``stats``."""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from reader.cli.common import UserError, db_option, open_to_read, resolve_db, wait_message
from reader.safe import visible_line

_SUMMARY_LIMIT = 200  # skipped files listed one per line up to this many; then a count
_PROGRESS_MIN_FILES = 10
_PROGRESS_MIN_BYTES = 16 * 2**20


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from reader.ingest.meta import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
    return parsed


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _line(*parts: str | tuple[str, str]) -> Any:
    """A rich Text from plain pieces; page-derived pieces go through visible() first (text is data)."""
    from rich.text import Text

    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(visible_line(part[0]), style=part[1])
        else:
            text.append(part)
    return text


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--paper", default=None, help="The paper's name for every page imported (e.g. 人民日报).")
@click.option("--date", default=None, callback=_date_option, help="The edition's date, YYYY-MM-DD.")
@click.option(
    "--page",
    "number",
    type=click.IntRange(min=1),
    default=None,
    help="The page number (版次); only with a single file.",
)
@click.option("--section", default=None, help="The page's name (版名, e.g. 国际).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that read and split the files (default: one per CPU, at most 8; 1: no extra processes).",
)
@click.option(
    "--commit-every",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Pages written per commit (each page is whole or absent either way; 1: commit every page).",
)
@click.option(
    "--split",
    "split_method",
    type=click.Choice(["learned", "rules"]),
    default="learned",
    show_default=True,
    help="How pages are split: the learned line labeller, or the earlier hand-written rules.",
)
@click.option(
    "--as",
    "form",
    type=click.Choice(["auto", "page", "article"]),
    default="auto",
    show_default=True,
    help="What each .txt/.md file is: detected per file, a raw page to split, or one article.",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="A record field under another name (JSON/CSV), e.g. --map page=layout_number --map body=content.",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    paper: str | None,
    date: str | None,
    number: int | None,
    section: str | None,
    jobs: int | None,
    commit_every: int,
    split_method: str,
    form: str,
    mapping: tuple[str, ...],
) -> None:
    """Import page texts and article archives from files and folders into the store.

    Each file's form is detected (--as auto): a raw page (.txt, .md) is split into its articles;
    an article file (<YYYYMMDD>-<PP>-<NN>.txt, or markdown with a header block or ### / # / ##
    headings) and JSON, JSON Lines and CSV records (.json, .jsonl, .csv, also .gz) are already
    split: they are grouped into pages by paper, date and page, in position order. The summary
    says how many files of each form it read.

    Folders are read recursively. Each page's paper, date, page number and section come from the
    options, else from the folder convention <paper>/<YYYY-MM-DD>/<NN>[-<版名>].txt, else from the
    page itself (a page-name line such as 洛阳·县区); what none says stays unknown (日期不详).
    Importing the same page again changes nothing; a changed page replaces the old one.
    Files that are not page text (empty, binary, over 4 MB, over 100,000 lines, or with a
    line over 100,000 characters) are skipped, each with its reason in the summary.
    With 8 files or more, --jobs processes (default: one per CPU, at most 8) read and split the
    files while one writes them, in file order; the result is the same with any --jobs.
    Pages are committed in groups (--commit-every), so a reader open on the store sees new pages
    about once a second; an interrupted import keeps every page it committed, each one whole.

    \b
    Examples:
      paper-reader import ~/papers
      paper-reader import 人民日报/2020-05-02/03-国际.md
      paper-reader --db archive.db import scans/ --paper 洛阳日报 --date 2020-05-02
      paper-reader import page.txt --paper 洛阳日报 --page 3 --section 县区
      paper-reader import ~/papers --jobs 2
      paper-reader import rmrb/2019年2月/ --paper 人民日报
      paper-reader import export.csv --paper 人民日报 --map page=layout_number --map body=content
    """
    from reader.ingest import ImportInterrupted
    from reader.ingest.discover import discover, path_text
    from reader.ingest.forms import IMPORT_SUFFIXES, parse_mapping
    from reader.ingest.meta import Meta
    from reader.store import Store, StoreError

    try:
        fields = parse_mapping(mapping)
    except ValueError as exc:
        raise UserError(str(exc)) from None

    path = resolve_db(ctx, db)
    if (db or (ctx.obj or {}).get("db")) and not path.exists() and not path.parent.is_dir():
        raise UserError(
            f"the folder {path_text(path.parent)} does not exist; make it first, or choose another --db"
        )
    found = discover(paths, (".txt", ".md") if form == "page" else IMPORT_SUFFIXES)
    if number is not None and len(found[0]) > 1:
        raise UserError(
            f"--page gives one page number, but {len(found[0])} files were found; "
            "import them one at a time, or name them NN-版名.txt"
        )
    try:
        store = Store.open(path)
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    options = Meta(paper=paper, date=date, number=number, section=section, split=split_method)
    with store, _sigterm_interrupts() as got:
        try:
            with store.turn(lambda: wait_message(path)):
                report = _run_with_progress(store, options, found, jobs, commit_every, form, fields)
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: what was committed stays, each page whole
            kept = exc.report.pages if isinstance(exc, ImportInterrupted) else 0
            more = "; run the same import again to finish" if kept else ""
            click.echo(
                f"paper-reader: interrupted: {kept} page{'s' if kept != 1 else ''} kept{more}", err=True
            )
            ctx.exit(128 + got.get("signal", signal.SIGINT))
    _print_summary(report, path)
    if report.error:
        raise UserError(visible_line(report.error))
    if not report.ok:
        if not report.files:
            raise UserError("no page files or article records (.txt, .md, .json, .jsonl, .csv) were found")
        what = "file and record" if report.bad else "file"
        raise UserError(f"nothing was imported: every {what} was skipped")


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[dict[str, int]]:
    """While importing, SIGTERM stops the import as Ctrl-C does (the pages so far are committed);
    the dict it yields then holds the signal's number, for the exit status (128 + 15)."""
    got: dict[str, int] = {}

    def interrupt(signum: int, frame: Any) -> None:
        got["signal"] = signum
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave SIGTERM alone
        yield got
        return
    try:
        yield got
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show_progress(n_files: int, size: int = 0) -> bool:
    """A progress bar only for a person watching (stderr is a terminal) a long import."""
    return sys.stderr.isatty() and (n_files >= _PROGRESS_MIN_FILES or size >= _PROGRESS_MIN_BYTES)


def _size_of(found: Any) -> int:
    total = 0
    for f in found[0][:_PROGRESS_MIN_FILES]:  # only a few big files can be a long import of few files
        with contextlib.suppress(OSError):
            total += f.path.stat().st_size
    return total


def _run_with_progress(
    store: Any,
    options: Any,
    found: Any,
    jobs: int | None = None,
    commit_every: int = 100,
    form: str = "auto",
    mapping: dict[str, str] | None = None,
) -> Any:
    from reader.ingest import import_paths

    more: dict[str, Any] = {"jobs": jobs, "commit_every": commit_every, "form": form, "mapping": mapping}
    if not _show_progress(len(found[0]), _size_of(found)):
        return import_paths(store, (), options, found=found, **more)
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    # Page files count by file, article files and records by bytes read: a percentage fits both.
    columns = (TextColumn("importing"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=len(found[0]))

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=max(total, 1))

        return import_paths(store, (), options, found=found, progress=progress, **more)


def _print_summary(report: Any, path: Path) -> None:
    from reader.ingest.discover import path_text

    out = _console()
    out.print(_line("Store: ", (path_text(path), "bold")))
    if report.forms and set(report.forms) != {"page"}:
        from reader.ingest.forms import FORM_NAMES

        read = [f"{name} {report.forms[k]}" for k, name in FORM_NAMES.items() if report.forms.get(k)]
        out.print(_line("Files by form: " + ", ".join(read) + "."))
    out.print(
        _line(
            f"Imported {report.pages} page(s) ({report.new} new, {report.replaced} replaced): "
            f"{report.articles} article(s), {report.photos} photo(s); {report.unchanged} unchanged; "
            f"{len(report.skipped)} skipped."
        )
    )
    if report.skipped:
        out.print(_line("Skipped:"))
        for name, reason in report.skipped[:_SUMMARY_LIMIT]:
            out.print(_line("  ", (name, "bold"), ": ", (reason, "")))
        if len(report.skipped) > _SUMMARY_LIMIT:
            out.print(_line(f"  … and {len(report.skipped) - _SUMMARY_LIMIT} more"))
    if report.bad:
        out.print(_line(f"Bad records skipped: {len(report.bad)}"))
        for where, reason in report.bad[:_SUMMARY_LIMIT]:
            out.print(_line("  ", (where, "bold"), ": ", (reason, "")))
        if len(report.bad) > _SUMMARY_LIMIT:
            out.print(_line(f"  … and {len(report.bad) - _SUMMARY_LIMIT} more"))
    if report.notes:
        out.print(_line("Notes:"))
        for name, note in report.notes[:_SUMMARY_LIMIT]:
            out.print(_line("  ", (name, "bold"), ": ", (note, "")))


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
@click.pass_context
def stats_command(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Show how much the store holds: papers, editions, pages, articles, photos, size.

    \b
    Examples:
      paper-reader stats
      paper-reader --db archive.db stats --json
    """
    from reader.store import StoreError

    path = resolve_db(ctx, db)
    try:
        with open_to_read(path) as store:
            stats = store.stats()
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    if as_json:
        click.echo(json.dumps(stats))
        return
    from rich.table import Table

    from reader.ingest.discover import path_text

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row(_line("Store"), _line((path_text(path), "")))
    for key in ("papers", "editions", "pages", "articles", "photos"):
        table.add_row(key.capitalize(), f"{stats[key]:,}")
    table.add_row("Size", _size(stats["size_bytes"]))
    _console().print(table)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


@click.command("compact")
@db_option
@click.pass_context
def compact_command(ctx: click.Context, db: str | None) -> None:
    """Make the store as small as this version keeps it, and give free space back to the disk.

    Packs page texts a store from before version 2 keeps plain, rebuilds an old search index, and
    rewrites the file (VACUUM) with 16 KiB pages. It needs the store to itself: close the reader
    first. It may take a minute on a large store and briefly needs as much free disk as the store.

    \b
    Examples:
      paper-reader compact
      paper-reader --db archive.db compact
    """
    from reader.store import Store, StoreError

    path = resolve_db(ctx, db)
    err = _console(stderr=True)
    say = (lambda msg: err.print(_line(msg + " …"))) if sys.stderr.isatty() else None
    try:
        with (
            Store.open(path, create=False, doing="compacting") as store,
            store.turn(lambda: wait_message(path)),
        ):
            done = store.compact(say)
    except StoreError as exc:
        raise UserError(visible_line(str(exc))) from None
    parts = [f"{_size(done['before'])} → {_size(done['after'])}"]
    if done["packed"]:
        parts.append(f"{done['packed']} page text{'s' if done['packed'] != 1 else ''} packed")
    if done["reindexed"]:
        parts.append(f"{done['reindexed']} article{'s' if done['reindexed'] != 1 else ''} reindexed")
    click.echo("Compacted " + visible_line(str(path)) + ": " + "; ".join(parts) + ".")


COMMANDS: list[click.Command] = [import_command, stats_command, compact_command]
