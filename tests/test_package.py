"""The package's shape: version, entry point, the UI-free core."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

import reader
from reader.cli import cli


def test_version_option_prints_the_package_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert reader.__version__ in result.output


def test_help_lists_examples() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Examples" in result.output


def test_library_never_imports_textual() -> None:
    code = (
        "import sys, reader.models, reader.paths, reader.safe, reader.tokens, reader.text.decode\n"
        "import reader.text.layout, reader.text.labels, reader.split, reader.store, reader.search\n"
        "import reader.ingest\n"
        "assert 'textual' not in sys.modules, sorted(k for k in sys.modules if k.startswith('textual'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sample_ships_inside_the_package() -> None:
    from reader.paths import sample_dir

    pages = sorted(p.name for p in sample_dir().glob("*/*/*") if p.suffix in (".txt", ".md"))
    assert len(pages) == 5
