"""The shared scorer on the seed pages, run against the installed ``paper-reader``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_split.py"
PAPER_READER = Path(sys.executable).parent / "paper-reader"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (scorer, gold, seeds) is not present")
def test_seed_pages_meet_the_bar() -> None:
    assert PAPER_READER.exists(), f"paper-reader is not installed beside {sys.executable}"
    out = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(SHARED / "gold" / "seeds.json"),
            "--pages",
            str(SHARED / "seeds"),
            "--cmd",
            f"{PAPER_READER} split {{file}} --format jsonl",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)["summary"]
    assert s["f1"] >= 0.97
    assert s["strict_f1"] >= 0.90
    assert s["title_exact"] >= 0.9
    assert s["byline"] >= 0.9
    assert s["subheads"] >= 0.9
    found, total = s["photos"].split("/")
    assert found == total
    assert s["coverage"] >= 1.0
