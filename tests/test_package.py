"""The package's shape: version, entry point, the UI-free core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


# The library: every module here and below must import without Textual.
LIBRARY = [
    "models",
    "paths",
    "safe",
    "config",
    "state",
    "tokens",
    "text",
    "split",
    "store",
    "search",
    "ingest",
]


def test_library_never_imports_textual() -> None:
    # Walk the packages, so modules imported lazily (the split layouts, the import pool) count too.
    code = (
        "import importlib, pkgutil, sys\n"
        f"names = {[f'reader.{n}' for n in LIBRARY]!r}\n"
        "done = []\n"
        "for name in names:\n"
        "    mod = importlib.import_module(name)\n"
        "    done.append(name)\n"
        "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "        done.append(info.name)\n"
        "assert 'textual' not in sys.modules, sorted(k for k in sys.modules if k.startswith('textual'))\n"
        "print('\\n'.join(done))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    imported = set(run.stdout.split())
    for name in ("reader.split.markdown", "reader.split.pdfpage", "reader.store.api", "reader.ingest.pool"):
        assert name in imported
    assert len(imported) > 30


def test_sample_ships_inside_the_package() -> None:
    from reader.paths import sample_dir

    pages = sorted(p.name for p in sample_dir().glob("*/*/*") if p.suffix in (".txt", ".md"))
    assert len(pages) == 5


def test_every_package_is_in_the_distribution() -> None:
    # pyproject lists the packages by name; a new subpackage left out installs without its code in
    # a non-editable install (CI's), while an editable checkout still imports it.
    import re

    root = Path(__file__).resolve().parents[1]
    listed = re.search(
        r"^packages = \[(.*?)\]", (root / "pyproject.toml").read_text(encoding="utf-8"), re.S | re.M
    )
    assert listed
    names = set(re.findall(r'"([\w.]+)"', listed.group(1)))
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "reader").rglob("__init__.py")}
    assert found <= names, sorted(found - names)
