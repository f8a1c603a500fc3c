"""The architecture holds: imports point down the layers, the library never imports Textual, files stay small.

The contracts are in pyproject.toml (``[tool.importlinter]``); docs/ARCHITECTURE.md draws them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 400


def test_import_contracts_are_kept() -> None:
    assert LINT_IMPORTS.exists(), (
        f"import-linter is not installed beside {sys.executable} (pip install -e '.[test]')"
    )
    out = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout


def test_no_module_is_over_the_line_limit() -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "reader").rglob("*.py")
    }
    assert sizes, "no modules found"
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
