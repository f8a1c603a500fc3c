"""The ``split`` command: show how a page text splits into articles, or print them as JSONL."""

from __future__ import annotations

import json

import click

from reader.cli.common import UserError


def _read(path: str) -> str:
    from reader.text.decode import NotText, read_page

    try:
        return read_page(path).text
    except NotText as e:
        raise UserError(f"{path}: {e}") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a page file") from None
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except PermissionError:
        raise UserError(f"{path}: permission denied") from None
    except OSError as e:
        raise UserError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})") from None
    except Exception as e:  # noqa: BLE001 - any other failure to read is still one line, no traceback
        raise UserError(f"{path}: cannot read ({e.__class__.__name__})") from None


@click.command("split")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a readable view; jsonl: one JSON object per item.",
)
@click.option(
    "--method",
    type=click.Choice(["learned", "rules"]),
    default="learned",
    show_default=True,
    help="learned: the line labeller fitted on real pages; rules: the earlier hand-written splitter.",
)
@click.option("--explain", is_flag=True, help="Each line with its label, confidence and strongest cues.")
def split_cmd(file: str, fmt: str, method: str, explain: bool) -> None:
    """Split a page FILE into articles, photo captions and page furniture.

    \b
    Examples:
      paper-reader split page.txt                  readable view of the split
      paper-reader split page.txt --format jsonl   one JSON object per item
      paper-reader split page.md --format jsonl | jq .title
      paper-reader split page.txt --explain        each line's label and why
    """
    from reader.split import split_text

    text = _read(file)
    if explain:
        from reader.cli.split_view import explain_page

        explain_page(text)
        return
    page = split_text(text, method=method)
    if fmt == "jsonl":
        for item in page.items:
            click.echo(json.dumps(item.to_json(), ensure_ascii=False))
        return
    from reader.cli.split_view import render

    render(page)


COMMANDS: list[click.Command] = [split_cmd]
